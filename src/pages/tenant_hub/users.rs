//! The tenant's users with their roles, and adding an admin to it: the user, then, if asked, its
//! first credentials made as that user, the secret shown once as in the wizard.

use super::TenantHeader;
use crate::api::{credentials, users, Client};
use crate::components::alert::{ErrorAlert, SuccessNote};
use crate::components::curl_preview::CurlPreview;
use crate::components::field::{email_sent_as, TextField};
use crate::components::issued_credentials::IssuedCredentialsPanel;
use crate::components::route_param::{rebuilt_per, route_param};
use crate::components::tenants_store::TenantsStore;
use crate::routes::AppRoute;
use crate::session::Auth;
use leptos::prelude::*;
use leptos_router::components::A;
use tenantry_core::add_admin::AddAdmin;
use tenantry_core::onboarding::AdminErrors;
use tenantry_core::readable_name::isolated;
use tenantry_core::wire::{Acting, IssuedCredentials, User};
use tenantry_core::{ApiError, CompanyId, UserId};

#[component]
pub fn TenantUsersPage() -> impl IntoView {
    rebuilt_per(route_param("id"), |id: String| {
        match CompanyId::parse(&id) {
        Ok(company) => view! { <TenantHeader id=id section="Admins and users"/><UsersOfTenant company/> }.into_any(),
        Err(e) => view! { <TenantHeader id=id section="Admins and users"/><div class="alert alert-error" role="alert">{e}</div> }
            .into_any(),
    }
    })
}

/// What adding an admin came to, when a call failed.
#[derive(Clone)]
enum AddFailure {
    Admin(ApiError),
    /// The admin exists; its credentials were refused or got no answer.
    Credentials(UserId, ApiError),
}

#[component]
fn UsersOfTenant(company: CompanyId) -> impl IntoView {
    let client = expect_context::<Client>();
    let auth = expect_context::<Auth>();
    let store = TenantsStore::get();
    let listed = {
        let company = company.clone();
        LocalResource::new(move || {
            let company = company.clone();
            async move { users::of_tenant(client, &company).await }
        })
    };
    let people = Signal::derive(move || listed.get().and_then(Result::ok).and_then(Result::ok).unwrap_or_default());
    let load_error = Signal::derive(move || listed.get().and_then(Result::err));

    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let issue = RwSignal::new(true);
    let tried = RwSignal::new(false);
    let checked = {
        let company = company.clone();
        Memo::new(move |_| people.with(|p| AddAdmin::check(&company, &name.get(), &email.get(), issue.get(), p)))
    };
    let errors =
        Signal::derive(
            move || if tried.get() { checked.get().err().unwrap_or_default() } else { AdminErrors::default() },
        );

    let note = RwSignal::new(None::<String>);
    let issued = RwSignal::new(None::<IssuedCredentials>);
    let add = Action::new_local(move |request: &AddAdmin| {
        let request = request.clone();
        async move {
            let id = users::create_admin(client, &request.create_user()).await.map_err(AddFailure::Admin)?;
            let keys = if request.issue_credentials {
                let acting = Acting::ImpersonateAs(id.clone());
                let made = credentials::create(client, Some(&acting), &AddAdmin::create_credentials()).await;
                Some(made.map_err(|e| AddFailure::Credentials(id.clone(), e))?)
            } else {
                None
            };
            Ok::<_, AddFailure>((request, id, keys))
        }
    });
    Effect::new(move || {
        let Some(outcome) = add.value().get() else { return };
        // Whatever happened, the list says what exists now.
        listed.refetch();
        store.reload();
        if let Ok((request, id, keys)) = outcome {
            note.set(Some(format!(
                "{} <{}> is an admin of this tenant (user {id}).",
                isolated(&request.admin.name),
                request.admin.email
            )));
            issued.set(keys);
            name.set(String::new());
            email.set(String::new());
            tried.set(false);
        }
    });
    // A note about the last addition goes once the person starts on the next one.
    // (Emptying the fields after a success is not such a start.)
    Effect::watch(
        move || (name.get(), email.get()),
        move |(name, email), _, _| {
            if !name.is_empty() || !email.is_empty() {
                note.set(None);
            }
        },
        false,
    );
    // A refusal that names a field is shown under it too.
    let refused = move |field: &str| match add.value().get() {
        Some(Err(AddFailure::Admin(e))) if e.refused_field() == Some(field) => Some(e.message()),
        _ => None,
    };
    let admin_error = Signal::derive(move || match add.value().get() {
        Some(Err(AddFailure::Admin(e))) => Some(e),
        _ => None,
    });
    let credentials_error = Signal::derive(move || match add.value().get() {
        Some(Err(AddFailure::Credentials(id, e))) => Some((id, e)),
        _ => None,
    });
    let credentials_tab = AppRoute::TenantCredentials(company.as_str().to_owned()).href();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if let Ok(request) = checked.get_untracked() {
            note.set(None);
            issued.set(None);
            add.dispatch(request);
        }
    };
    let commands = move || {
        let api_url = auth.api_url().unwrap_or_default();
        checked.get().ok().map(|request| request.commands(&api_url)).unwrap_or_default()
    };
    view! {
        <ErrorAlert error=load_error context="Could not list the tenant's users" on_retry=Callback::new(move |_| listed.refetch())/>
        {move || listed.get().and_then(Result::ok).and_then(Result::err).map(|why| view! {
            <div class="alert alert-info" role="note" data-testid="users-not-filtered"><p>{why}</p></div>
        })}
        <table class="table" data-testid="tenant-users">
            <thead><tr><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th><th scope="col">"User id"</th></tr></thead>
            <tbody>
                {move || people.get().into_iter().map(|u: User| { let role = u.role.clone(); view! {
                    <tr data-role=role>
                        <td><bdi>{u.name}</bdi></td>
                        <td>{if u.email.is_empty() { view! { <span class="hint">"not reported"</span> }.into_any() } else { view! { <bdi>{u.email}</bdi> }.into_any() }}</td>
                        <td>{if u.role.is_empty() { view! { <span class="hint">"not reported"</span> }.into_any() } else { view! { <span class="badge">{u.role}</span> }.into_any() }}</td>
                        <td><code>{u.id}</code></td>
                    </tr>
                }}).collect_view()}
            </tbody>
        </table>
        {move || (listed.get().is_some() && people.with(Vec::is_empty) && load_error.get().is_none()).then(|| view! {
            <p class="hint" data-testid="no-users">"No users listed for this tenant yet."</p>
        })}

        {move || issued.get().map(|keys| view! { <h2>"The new admin's credentials"</h2><IssuedCredentialsPanel issued=keys/> })}
        <form class="form" on:submit=submit novalidate=true data-testid="add-admin">
            <h2>"Add an admin"</h2>
            <p class="hint">
                "Created as the onboarding wizard creates one: role admin, internal, so its credentials can run the tenant's Agent and App Gateway."
            </p>
            <div class="form-grid">
                <TextField id="add-admin-name" label="Name" value=name required=true autocomplete="off"
                    error=Signal::derive(move || errors.get().name.or_else(|| refused("name")))/>
                <TextField id="add-admin-email" label="Email" value=email required=true autocomplete="off"
                    input_mode="email" sent_as=email_sent_as(email) error=Signal::derive(move || errors.get().email.or_else(|| refused("email")))/>
            </div>
            <label class="checkbox">
                <input type="checkbox" data-testid="add-admin-credentials" prop:checked=move || issue.get()
                    on:change=move |ev| issue.set(event_target_checked(&ev))/>
                "Issue its first API credentials (the secret is shown once)"
            </label>
            {move || commands().into_iter().map(|(title, call)| view! {
                <CurlPreview call=Signal::derive(move || Some(call.clone())) title=title/>
            }).collect_view()}
            <div class="form-actions">
                <button class="btn btn-primary" type="submit" data-testid="add-admin-submit" disabled=move || add.pending().get()>
                    {move || if add.pending().get() { "Adding…" } else { "Add admin" }}
                </button>
                <span class="action-status" role="status">{move || errors.get().summary()}</span>
            </div>
            <ErrorAlert error=admin_error context="The server did not create the admin"/>
            {move || credentials_error.get().map(|(id, e)| view! {
                <div class="alert alert-error" role="alert" data-testid="credentials-not-issued">
                    <div>
                        <strong>{format!("The admin was created (user {id}), its credentials were not")}</strong>
                        <p>{e.explained()}</p>
                        <p><A href=credentials_tab.clone()>"Issue them on the Credentials tab"</A></p>
                    </div>
                </div>
            })}
            <SuccessNote message=note/>
        </form>
    }
}
