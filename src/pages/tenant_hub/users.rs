//! The tenant's users with their roles, and adding an admin to it: the user, then, if asked, its
//! first credentials made as that user, the secret shown once as in the wizard.

use crate::api::{credentials, users, Client};
use crate::components::curl_preview::CurlPreview;
use crate::components::fetched::Fetched;
use crate::components::field::{email_sent_as, Checkbox, TextField, TextValue};
use crate::components::issued_credentials::IssuedCredentialsPanel;
use crate::components::loaded::Loaded;
use crate::components::saving::Saving;
use crate::components::tenant_layout::TenantInView;
use crate::components::tenants_store::TenantsStore;
use crate::components::users_table::UsersTable;
use crate::known_admins;
use crate::routes::AppRoute;
use crate::session::Auth;
use leptos::prelude::*;
use tenantry_core::clearml::add_admin::AddAdmin;
use tenantry_core::clearml::onboarding::AdminErrors;
use tenantry_core::clearml::wire::{Acting, IssuedCredentials};
use tenantry_core::names::readable_name::isolated;
use tenantry_core::{ApiError, CompanyId, UserId};

#[component]
pub fn TenantUsersPage() -> impl IntoView {
    view! { <UsersOfTenant company=TenantInView::get().id/> }
}

/// The add-an-admin form, whole.
#[derive(Clone, PartialEq)]
struct NewAdmin {
    name: String,
    email: String,
    issue_credentials: bool,
}

#[component]
fn UsersOfTenant(company: CompanyId) -> impl IntoView {
    let client = expect_context::<Client>();
    let auth = expect_context::<Auth>();
    let store = TenantsStore::get();
    let listed = {
        let company = company.clone();
        Fetched::new(move || {
            let company = company.clone();
            async move { users::of_tenant(client, &company).await }
        })
    };
    // What the add-admin check compares a new email with: none until the list is read.
    let people = Signal::derive(move || listed.get().and_then(Result::ok).and_then(Result::ok).unwrap_or_default());

    let blank = NewAdmin { name: String::new(), email: String::new(), issue_credentials: true };
    let form = RwSignal::new(blank.clone());
    let tried = RwSignal::new(false);
    let checked = {
        let company = company.clone();
        Memo::new(move |_| {
            form.with(|f| people.with(|p| AddAdmin::check(&company, &f.name, &f.email, f.issue_credentials, p)))
        })
    };
    let errors =
        Signal::derive(
            move || if tried.get() { checked.get().err().unwrap_or_default() } else { AdminErrors::default() },
        );

    let saving = Saving::new();
    let issued = RwSignal::new(None::<IssuedCredentials>);
    // The admin exists; its credentials were refused or got no answer.
    let credentials_error = RwSignal::new(None::<(UserId, ApiError)>);
    let refused = move |field: &'static str| saving.refused_field(field);
    let (name_refused, email_refused) = (refused("name"), refused("email"));
    let add = move |request: AddAdmin| {
        let blank = blank.clone();
        let change = async move {
            let made = users::create_admin(client, &request.create_user()).await;
            // Whatever happened, the list says what exists now.
            listed.refetch();
            store.reload();
            let id = made?;
            // Recorded, so the console finds this admin on a server that cannot say who it is.
            known_admins::remember(client, &request.company, &id);
            let keys = match request.issue_credentials {
                true => {
                    let acting = Acting::ImpersonateAs(id.clone());
                    Some(credentials::create(client, Some(&acting), &AddAdmin::create_credentials()).await)
                }
                false => None,
            };
            Ok((request, id, keys))
        };
        saving.run(change, move |(request, id, keys)| {
            match keys {
                Some(Err(e)) => credentials_error.set(Some((id.clone(), e))),
                Some(Ok(keys)) => issued.set(Some(keys)),
                None => {}
            }
            form.set(blank.clone());
            tried.set(false);
            Some(format!(
                "{} <{}> is an admin of this tenant (user {id}).",
                isolated(&request.admin.name),
                request.admin.email
            ))
        });
    };
    // A note about the last addition goes once the person starts on the next one.
    // (Emptying the fields after a success is not such a start.)
    Effect::watch(
        move || form.with(|f| f.name.is_empty() && f.email.is_empty()),
        move |empty, _, _| {
            if !empty {
                saving.clear();
            }
        },
        false,
    );
    let credentials_tab = AppRoute::TenantCredentials(company.clone()).href();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if let Ok(request) = checked.get_untracked() {
            issued.set(None);
            credentials_error.set(None);
            add(request);
        }
    };
    let name = TextValue::of(form, |f| &f.name, |f| &mut f.name);
    let email = TextValue::of(form, |f| &f.email, |f| &mut f.email);
    let commands = move || {
        let api_url = auth.api_url().unwrap_or_default();
        checked.get().ok().map(|request| request.commands(&api_url)).unwrap_or_default()
    };
    view! {
        <Loaded source=Signal::derive(move || listed.get()) loading="Listing the tenant's users…" failed="Could not list the tenant's users"
            on_retry=Callback::new(move |_| listed.refetch()) let:answer>
            {match answer {
                Err(why) => view! { <div class="alert alert-info" role="note" data-testid="users-not-filtered"><p>{why}</p></div> }.into_any(),
                Ok(people) if people.is_empty() => view! { <p class="hint" data-testid="no-users">"No users listed for this tenant yet."</p> }.into_any(),
                Ok(people) => view! { <UsersTable people test_id="tenant-users" with_ids=true/> }.into_any(),
            }}
        </Loaded>

        {move || issued.get().map(|keys| view! { <h2>"The new admin's credentials"</h2><IssuedCredentialsPanel issued=keys/> })}
        <form class="form" on:submit=submit novalidate=true data-testid="add-admin">
            <h2>"Add an admin"</h2>
            <p class="hint">
                "Created as the onboarding wizard creates one: role admin, internal, so its credentials can run the tenant's Agent and App Gateway."
            </p>
            <div class="form-grid">
                <TextField id="add-admin-name" label="Name" value=name required=true autocomplete="off"
                    error=Signal::derive(move || errors.get().name.or_else(|| name_refused.get()))/>
                <TextField id="add-admin-email" label="Email" value=email required=true autocomplete="off"
                    input_mode="email" sent_as=email_sent_as(email) error=Signal::derive(move || errors.get().email.or_else(|| email_refused.get()))/>
            </div>
            <Checkbox form=form read=|f| f.issue_credentials write=|f, on| f.issue_credentials = on
                label="Issue its first API credentials (the secret is shown once)" test_id="add-admin-credentials"/>
            {move || commands().into_iter().map(|(title, call)| view! {
                <CurlPreview call=Signal::derive(move || Some(call.clone())) title=title/>
            }).collect_view()}
            <div class="form-actions">
                <button class="btn btn-primary" type="submit" data-testid="add-admin-submit" disabled=move || saving.busy()>
                    {move || saving.label("Add admin", "Adding…")}
                </button>
                <span class="action-status" role="status">{move || errors.get().summary()}</span>
            </div>
            {saving.view("The server did not create the admin")}
            {move || credentials_error.get().map(|(id, e)| view! {
                <div class="alert alert-error" role="alert" data-testid="credentials-not-issued">
                    <div>
                        <strong>{format!("The admin was created (user {id}), its credentials were not")}</strong>
                        <p>{e.explained()}</p>
                        <p><a href=credentials_tab.clone()>"Issue them on the Credentials tab"</a></p>
                    </div>
                </div>
            })}
        </form>
    }
}
