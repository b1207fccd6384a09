//! One user's API credentials: the list, a new key (its secret shown once), and revoking one
//! after a confirmation that names what stops working. The user is the signed-in one, or another
//! made and managed as that user (`X-Clearml-Impersonate-As`), so the keys belong to it.

use crate::api::{credentials, Client};
use crate::components::confirm::Confirm;
use crate::components::curl_preview::CurlPreview;
use crate::components::fetched::Fetched;
use crate::components::field::TextField;
use crate::components::issued_credentials::IssuedCredentialsPanel;
use crate::components::loaded::Loaded;
use crate::components::saving::Saving;
use crate::session::Auth;
use leptos::prelude::*;
use serde::Serialize;
use tenantry_core::clearml::curl::CurlCall;
use tenantry_core::clearml::wire::{Acting, CreateCredentials, IssuedCredentials, RevokeCredentials};
use tenantry_core::names::readable_name::isolated;

/// The command that does what the console does, as the user the keys belong to.
fn curl(auth: Auth, acting: StoredValue<Option<Acting>>, endpoint: &str, body: &impl Serialize) -> Option<CurlCall> {
    auth.api_url().map(|url| CurlCall::new(&url, endpoint, body).acting(acting.get_value().as_ref()))
}

#[component]
pub fn CredentialsManager(
    acting: Option<Acting>,
    /// Whose keys, as the page says it: "your", "Ana's".
    whose: String,
) -> impl IntoView {
    let client = expect_context::<Client>();
    let auth = expect_context::<Auth>();
    let confirm = Confirm::get();
    let acting = StoredValue::new(acting);
    let listed = Fetched::new(move || async move { credentials::list(client, acting.get_value().as_ref()).await });
    let label = RwSignal::new(String::new());
    let (creating, revoking) = (Saving::new(), Saving::new());
    let issued = RwSignal::new(None::<IssuedCredentials>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = CreateCredentials { label: label.get_untracked().trim().to_owned() };
        issued.set(None);
        let change = async move { credentials::create(client, acting.get_value().as_ref(), &request).await };
        creating.run(change, move |made| {
            issued.set(Some(made));
            label.set(String::new());
            listed.refetch();
            None
        });
    };
    let revoke = move |key: String| {
        let change = {
            let key = key.clone();
            async move { credentials::revoke(client, acting.get_value().as_ref(), &key).await }
        };
        revoking.run(change, move |()| {
            // The secret of a key just revoked is of no use: its panel closes.
            if issued.with_untracked(|c| c.as_ref().is_some_and(|c| c.access_key == key)) {
                issued.set(None);
            }
            listed.refetch();
            None
        });
    };
    let failed = format!("Could not load {whose} credentials");
    view! {
        {move || issued.get().map(|c| view! { <IssuedCredentialsPanel issued=c/> })}
        <form class="form" on:submit=submit novalidate=true data-testid="new-credentials">
            <div class="form-grid">
                <TextField id="credentials-label" label="Label" value=label error=Signal::derive(|| None::<String>)
                    hint="What the key is for, e.g. the Agent or a laptop." autocomplete="off"/>
            </div>
            <CurlPreview call=Signal::derive(move || {
                curl(auth, acting, credentials::CREATE, &CreateCredentials { label: label.get().trim().to_owned() })
            })/>
            <div class="form-actions">
                <button class="btn btn-primary" type="submit" data-testid="create-credentials" disabled=move || creating.busy()>"Create credentials"</button>
                {creating.view("The server did not create the credentials")}
            </div>
        </form>
        {revoking.view("The server did not revoke the key")}
        <Loaded source=Signal::derive(move || listed.get()) loading="Loading the credentials…" failed=failed
            on_retry=Callback::new(move |_| listed.refetch()) let:keys>
        <table class="table" data-testid="credentials-table">
            <thead><tr><th scope="col">"Access key"</th><th scope="col">"Label"</th><th scope="col">"Last used"</th><th></th></tr></thead>
            <tbody>
                {keys.into_iter().map(|c| {
                    let key = c.access_key.clone();
                    let named = if c.label.is_empty() { key.clone() } else { format!("{key} ({})", c.label) };
                    let revoke_command = curl(auth, acting, credentials::REVOKE, &RevokeCredentials { access_key: &key });
                    let ask = move |_| {
                        let key = key.clone();
                        confirm.ask(
                            format!("Revoke the key {}?", isolated(&named)),
                            "Whatever signs in with this key (an Agent, a script, a laptop) stops working at once, and so does this console if you signed in with it. This cannot be undone.",
                            "Revoke",
                            move || revoke(key.clone()),
                        );
                    };
                    view! {
                        <tr>
                            <td><code>{c.access_key}</code></td>
                            <td>{c.label}</td>
                            <td class="nowrap">{c.last_used.map(|t| t.chars().take(16).collect::<String>().replace('T', " ")).unwrap_or_else(|| "never".into())}</td>
                            <td class="num">
                                <div class="row-actions">
                                    <button class="btn btn-small" type="button" disabled=move || revoking.busy()
                                        data-testid="revoke-credentials" on:click=ask>"Revoke"</button>
                                </div>
                                <CurlPreview call=Signal::derive(move || revoke_command.clone()) title="Revoke by curl"/>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </Loaded>
    }
}
