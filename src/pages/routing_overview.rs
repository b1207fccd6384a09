//! Login routing across the whole system (M4): the "who lands where" tester, and every domain or
//! email that more than one tenant routes (the apiserver accepts them; the seeds call the result
//! unstable), each with a one-click fix that keeps it with one tenant.

use crate::api::{login, Client};
use crate::components::alert::ErrorAlert;
use crate::components::page_header::PageHeader;
use crate::components::routing_store::{RoutingState, RoutingStore};
use crate::components::routing_tester::RoutingTester;
use crate::routes::AppRoute;
use leptos::prelude::*;
use std::sync::Arc;
use tenantry_core::routing::{Conflict, ConflictKind, Fix};
use tenantry_core::wire::{RemoveWhitelistEntries, SetDomains};
use tenantry_core::{ApiError, EmailDomain};

/// Sends a fix's calls, each as the admin of the tenant it changes.
async fn apply(client: Client, state: Arc<RoutingState>, fixes: Vec<Fix>) -> Result<(), ApiError> {
    for fix in fixes {
        let tenant = match &fix {
            Fix::SetDomains { tenant, .. } | Fix::RemoveEmails { tenant, .. } => &state.index.tenants()[*tenant],
        };
        let acting = state.acting_for(&tenant.id);
        match fix {
            Fix::SetDomains { domains, .. } => {
                let domains = domains.iter().filter_map(|d| EmailDomain::parse(d).ok()).collect();
                login::set_domains(client, acting.as_ref(), &SetDomains { domains }).await?
            }
            Fix::RemoveEmails { emails, .. } => {
                login::remove(client, acting.as_ref(), &RemoveWhitelistEntries { emails }).await?
            }
        }
    }
    Ok(())
}

#[component]
pub fn RoutingOverviewPage() -> impl IntoView {
    let client = expect_context::<Client>();
    let store = RoutingStore::get();
    let fix = Action::new_local(move |(state, fixes): &(Arc<RoutingState>, Vec<Fix>)| {
        apply(client, state.clone(), fixes.clone())
    });
    Effect::new(move || {
        if let Some(Ok(())) = fix.value().get() {
            store.reload();
        }
    });
    let load_error = Signal::derive(move || store.loaded().and_then(Result::err));
    let fix_error = Signal::derive(move || fix.value().get().and_then(Result::err));
    let row = move |state: Arc<RoutingState>, conflict: Conflict| {
        let kind = match conflict.kind {
            ConflictKind::Domain => "Domain",
            ConflictKind::Email => "Whitelist email",
        };
        let keep = conflict
            .tenants
            .iter()
            .map(|&t| {
                let fixes = state.index.fix(&conflict, t);
                let tenant = state.index.tenants()[t].clone();
                let state = state.clone();
                view! {
                    <li>
                        <a href=AppRoute::LoginRouting(tenant.id.clone()).href()>{tenant.name.clone()}</a>" "
                        <button class="btn" type="button" disabled=move || fix.pending().get()
                            on:click=move |_| { fix.dispatch((state.clone(), fixes.clone())); }>
                            {format!("Keep in {}", tenant.name)}
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <tr>
                <td>{kind}</td>
                <td><code>{conflict.value.clone()}</code></td>
                <td><ul class="keep-list">{keep}</ul></td>
            </tr>
        }
    };
    view! {
        <PageHeader title="Login routing".to_string()/>
        <p class="hint page-lede">"Where sign-ins land across every tenant, and what more than one tenant claims."</p>
        <ErrorAlert error=load_error context="Could not load the tenants' login routing" on_retry=Callback::new(move |_| store.reload())/>
        <ErrorAlert error=fix_error context="The fix was not completed"/>
        <RoutingTester/>
        <section class="conflicts" data-testid="conflicts">
            <h2>"Conflicts"</h2>
            {move || match store.loaded() {
                None => view! { <p class="loading" role="status">"Loading every tenant's login routing…"</p> }.into_any(),
                Some(Err(_)) => ().into_any(),
                Some(Ok(state)) => {
                    let conflicts = state.index.conflicts();
                    if conflicts.is_empty() {
                        view! { <p class="empty-state" data-testid="no-conflicts">"No domain or email is routed by more than one tenant."</p> }.into_any()
                    } else {
                        view! {
                            <p class="hint">"Each is routed by several tenants, so where a sign-in lands is unpredictable. Keep it with one tenant: it is taken from the others, acting as each one's admin."</p>
                            <table class="table" data-testid="conflicts-table">
                                <thead><tr><th scope="col">"Kind"</th><th scope="col">"Value"</th><th scope="col">"Routed by"</th></tr></thead>
                                <tbody>{conflicts.into_iter().map(|c| row(state.clone(), c)).collect_view()}</tbody>
                            </table>
                        }.into_any()
                    }
                }
            }}
        </section>
    }
}
