//! The API credentials of the tenant's admins (an Agent's key among them): listed, issued and
//! revoked as the admin (`X-Clearml-Impersonate-As`), so each key belongs to that admin.

use crate::api::{users, Client};
use crate::components::credentials_manager::CredentialsManager;
use crate::components::fetched::Fetched;
use crate::components::loaded::Loaded;
use crate::components::tenant_layout::TenantInView;
use crate::components::tenant_tabs::NoAdminActions;
use leptos::prelude::*;
use tenantry_core::clearml::tenant_admin::TenantAdmin;
use tenantry_core::clearml::wire::{Acting, User};
use tenantry_core::{ApiError, CompanyId, UserId};

/// The tenant's admins: those listed with role admin, else the one the console can find.
async fn admins(client: Client, company: CompanyId) -> Result<Result<Vec<User>, &'static str>, ApiError> {
    let listed = users::of_tenant(client, &company).await?.unwrap_or_default();
    let admins: Vec<User> = listed.into_iter().filter(|u| u.role().is_tenant_admin()).collect();
    if !admins.is_empty() {
        return Ok(Ok(admins));
    }
    Ok(match users::admin_of(client, &company).await? {
        TenantAdmin::Known(user) => Ok(vec![user]),
        TenantAdmin::NoAdmin => Ok(Vec::new()),
        TenantAdmin::Unknown(why) => Err(why),
    })
}

#[component]
pub fn TenantCredentialsPage() -> impl IntoView {
    let client = expect_context::<Client>();
    let tenant = TenantInView::get().id;
    let found = {
        let company = tenant.clone();
        Fetched::new(move || admins(client, company.clone()))
    };
    let chosen = RwSignal::new(None::<String>);
    view! {
        <Loaded source=Signal::derive(move || found.get()) loading="Finding the tenant's admins…" failed="Could not find the tenant's admins"
            on_retry=Callback::new(move |_| found.refetch()) let:admins>
        {match admins {
            Err(why) => view! {
                <div class="alert alert-info" role="note" data-testid="admins-unknown"><p>{why}</p></div>
            }.into_any(),
            Ok(admins) if admins.is_empty() => view! {
                <div class="empty-state" data-testid="no-admin">
                    <p>"This tenant has no admin, so no admin credentials. Add an admin first (with its first credentials if you like)."</p>
                    <NoAdminActions tenant=tenant.clone()/>
                </div>
            }.into_any(),
            Ok(admins) => {
                let first = admins[0].id.clone();
                let picked = move || chosen.get().unwrap_or_else(|| first.clone());
                let choices = admins.clone();
                view! {
                    <p class="hint page-lede">
                        "Keys of the tenant's admins, made and revoked as the admin, so they work in this tenant only. "
                        "The Agent and App Gateway use one of these."
                    </p>
                    {(choices.len() > 1).then(|| view! {
                        <div class="field narrow">
                            <label for="credentials-admin">"Admin"</label>
                            <select id="credentials-admin" data-testid="credentials-admin" on:change=move |ev| chosen.set(Some(event_target_value(&ev)))>
                                {choices.iter().map(|u| view! { <option value=u.id.clone()>{display(u)}</option> }).collect_view()}
                            </select>
                        </div>
                    })}
                    {move || {
                        let id = picked();
                        let admin = admins.iter().find(|u| u.id == id).cloned();
                        admin.and_then(|u| UserId::parse(&u.id).ok().map(|uid| (u, uid))).map(|(u, uid)| view! {
                            <h2 data-testid="credentials-of"><bdi>{format!("{}'s keys", display(&u))}</bdi></h2>
                            <CredentialsManager acting=Some(Acting::ImpersonateAs(uid)) whose=format!("{}'s", display(&u))/>
                        })
                    }}
                }.into_any()
            }
        }}
        </Loaded>
    }
}

fn display(user: &User) -> String {
    match (user.name.is_empty(), user.email.is_empty()) {
        (false, false) => format!("{} <{}>", user.name, user.email),
        (false, true) => user.name.clone(),
        _ => user.id.clone(),
    }
}
