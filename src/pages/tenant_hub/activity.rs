//! What this console did to one tenant in this session: the calls that named it, and those made
//! as one of its users.

use crate::activity::ActivityLog;
use crate::api::{users, Client};
use crate::components::fetched::Fetched;
use crate::components::tenant_layout::TenantInView;
use crate::pages::activity::ActivityTable;
use leptos::prelude::*;

#[component]
pub fn TenantActivityPage() -> impl IntoView {
    let log = expect_context::<ActivityLog>();
    let client = expect_context::<Client>();
    let id = TenantInView::get().id;
    // Calls made as one of its users name no tenant: the tenant's users say which they are.
    let its_users = {
        let company = id.clone();
        Fetched::new(move || {
            let company = company.clone();
            async move {
                match users::of_tenant(client, &company).await {
                    Ok(Ok(users)) => Ok(users.into_iter().map(|u| u.id).collect::<Vec<_>>()),
                    Ok(Err(why)) => Err(why),
                    Err(e) => Err(e.explained()),
                }
            }
        })
    };
    let tenant = id.to_string();
    let entries = Signal::derive(move || {
        let its_users = its_users.get().and_then(Result::ok).unwrap_or_default();
        log.entries().into_iter().enumerate().filter(|(_, a)| a.concerns(&tenant, &its_users)).collect::<Vec<_>>()
    });
    view! {
        <p class="hint page-lede">
            "The calls this console made for this tenant since you signed in, newest first: those naming it, and those made as one of its users."
        </p>
        // Without its users the calls made as them cannot be told: the page says so, not less.
        {move || its_users.get().and_then(Result::err).map(|why| view! {
            <div class="alert alert-warning" role="status" data-testid="activity-users-unknown">
                <p>{format!("Calls made as this tenant's users may be missing: its users could not be listed ({why}).")}</p>
                <button class="btn" type="button" on:click=move |_| its_users.refetch()>"Retry"</button>
            </div>
        })}
        <ActivityTable entries=entries/>
    }
}
