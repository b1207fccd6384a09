//! A tenant admin's own pages (M10): the tenant's users, and the admin's API credentials
//! (create, with the secret shown once; revoke). Calls carry no acting header: the server keeps
//! them to the admin's own tenant.

use crate::api::{credentials, users, Client};
use crate::components::alert::ErrorAlert;
use crate::components::confirm::Confirm;
use crate::components::field::TextField;
use crate::components::issued_credentials::IssuedCredentialsPanel;
use crate::components::page_header::PageHeader;
use crate::session::Auth;
use leptos::prelude::*;
use tenantry_core::wire::CreateCredentials;

fn company_name() -> String {
    expect_context::<Auth>().session_untracked().map(|s| s.user.company.name).unwrap_or_default()
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let client = expect_context::<Client>();
    let people = LocalResource::new(move || users::own(client));
    let error = Signal::derive(move || people.get().and_then(Result::err));
    view! {
        <PageHeader title=format!("Users · {}", company_name())/>
        <ErrorAlert error=error context="Could not load the users" on_retry=Callback::new(move |_| people.refetch())/>
        <table class="table" data-testid="users-table">
            <thead><tr><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th></tr></thead>
            <tbody>
                {move || people.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|u| view! {
                    <tr>
                        <td>{u.name}</td>
                        <td>{if u.email.is_empty() { view! { <span class="hint">"not reported"</span> }.into_any() } else { u.email.into_any() }}</td>
                        // Some servers list users without their role: say so rather than guess.
                        <td>{if u.role.is_empty() { view! { <span class="hint">"not reported by this server"</span> }.into_any() } else { view! { <span class="badge">{u.role}</span> }.into_any() }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn CredentialsPage() -> impl IntoView {
    let client = expect_context::<Client>();
    let listed = LocalResource::new(move || credentials::list(client, None));
    let label = RwSignal::new(String::new());
    let create = Action::new_local(move |request: &CreateCredentials| {
        let request = request.clone();
        async move { credentials::create(client, None, &request).await }
    });
    let revoke = Action::new_local(move |key: &String| {
        let key = key.clone();
        async move { credentials::revoke(client, None, &key).await.map(|()| key) }
    });
    let confirm = Confirm::get();
    Effect::new(move || {
        if let Some(Ok(_)) = create.value().get() {
            label.set(String::new());
            listed.refetch();
        }
    });
    Effect::new(move || {
        if let Some(Ok(revoked)) = revoke.value().get() {
            // The secret of a key just revoked is of no use: its panel closes.
            if create.value().with_untracked(|c| matches!(c, Some(Ok(c)) if c.access_key == revoked)) {
                create.value().set(None);
            }
            listed.refetch();
        }
    });
    let load_error = Signal::derive(move || listed.get().and_then(Result::err));
    let action_error = Signal::derive(move || {
        create.value().get().and_then(Result::err).or_else(|| revoke.value().get().and_then(Result::err))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(CreateCredentials { label: label.get_untracked().trim().to_owned() });
    };
    view! {
        <PageHeader title=format!("Credentials · {}", company_name())/>
        <p class="hint page-lede">"Your API keys. Revoking the key you signed in with ends this session."</p>
        <ErrorAlert error=load_error context="Could not load your credentials" on_retry=Callback::new(move |_| listed.refetch())/>
        <ErrorAlert error=action_error context="The server refused"/>
        {move || create.value().get().and_then(Result::ok).map(|c| view! { <IssuedCredentialsPanel issued=c/> })}
        <form class="form" on:submit=submit novalidate=true data-testid="new-credentials">
            <div class="form-grid">
                <TextField id="credentials-label" label="Label" value=label error=Signal::derive(|| None::<String>)
                    hint="What the key is for, e.g. the Agent or a laptop." autocomplete="off"/>
            </div>
            <div class="form-actions">
                <button class="btn btn-primary" type="submit" data-testid="create-credentials" disabled=move || create.pending().get()>"Create credentials"</button>
            </div>
        </form>
        <table class="table" data-testid="credentials-table">
            <thead><tr><th scope="col">"Access key"</th><th scope="col">"Label"</th><th scope="col">"Last used"</th><th></th></tr></thead>
            <tbody>
                {move || listed.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|c| {
                    let key = c.access_key.clone();
                    let named = if c.label.is_empty() { key.clone() } else { format!("{key} ({})", c.label) };
                    let ask = move |_| {
                        let key = key.clone();
                        confirm.ask(
                            format!("Revoke the key {named}?"),
                            "Whatever signs in with this key (an Agent, a script, a laptop) stops working at once, and so does this console if you signed in with it. This cannot be undone.",
                            "Revoke",
                            move || { revoke.dispatch(key.clone()); },
                        );
                    };
                    view! {
                        <tr>
                            <td><code>{c.access_key}</code></td>
                            <td>{c.label}</td>
                            <td class="nowrap">{c.last_used.map(|t| t.chars().take(16).collect::<String>().replace('T', " ")).unwrap_or_else(|| "never".into())}</td>
                            <td class="num">
                                <button class="btn btn-small" type="button" disabled=move || revoke.pending().get()
                                    data-testid="revoke-credentials" on:click=ask>"Revoke"</button>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
