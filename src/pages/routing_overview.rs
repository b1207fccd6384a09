//! Login routing across the whole system (M4): the "who lands where" tester, and every domain or
//! email that more than one tenant routes (the apiserver accepts them; the seeds call the result
//! unstable), each with a one-click fix that keeps it with one tenant. Every tenant's routing is
//! read here, with progress, and the reads stop when the page is left.

use crate::api::Client;
use crate::components::confirm::Confirm;
use crate::components::curl_preview::CurlPreview;
use crate::components::loaded::Loaded;
use crate::components::page_header::PageHeader;
use crate::components::routing_progress::RoutingProgress;
use crate::components::routing_store::{every_tenant_index, EveryTenant, RoutingStore};
use crate::components::routing_tester::RoutingTester;
use crate::components::saving::Saving;
use crate::components::tenants_store::TenantsStore;
use crate::routes::AppRoute;
use crate::session::Auth;
use leptos::prelude::*;
use std::sync::Arc;
use tenantry_core::clearml::curl::CurlCall;
use tenantry_core::login_routing::{Conflict, ConflictKind, Fix, RoutingIndex};
use tenantry_core::names::readable_name::isolated;
use tenantry_core::{ApiError, CompanyId};

/// Sends a fix's calls, each as the admin of the tenant it changes, then re-reads those tenants.
async fn apply(client: Client, store: RoutingStore, index: Arc<RoutingIndex>, fixes: Vec<Fix>) -> Result<(), ApiError> {
    for fix in fixes {
        let tenant = index.tenants()[fix.tenant()].clone();
        let acting = store.tenant(&tenant.id).and_then(|t| t.acting());
        let (endpoint, body) = fix.call();
        let sent = client.call_as::<_, serde_json::Value>(acting.as_ref(), endpoint, &body).await;
        // Re-read even after a refusal: the server may have taken part of it.
        store.read(client, tenant.id, tenant.name).await?;
        sent?;
    }
    Ok(())
}

/// The fix's calls as curl commands, each made as the admin of the tenant it changes.
fn fix_commands(api_url: &str, store: RoutingStore, index: &RoutingIndex, fixes: &[Fix]) -> Vec<CurlCall> {
    fixes
        .iter()
        .map(|fix| {
            let tenant = &index.tenants()[fix.tenant()];
            let acting = store.tenant(&tenant.id).and_then(|t| t.acting());
            let (endpoint, body) = fix.call();
            CurlCall::new(api_url, endpoint, &body).acting(acting.as_ref())
        })
        .collect()
}

#[component]
pub fn RoutingOverviewPage() -> impl IntoView {
    let client = expect_context::<Client>();
    let store = RoutingStore::get();
    let tenants = TenantsStore::get();
    let every = EveryTenant::for_page();
    let read_all = move || {
        if let Some(Ok(list)) = tenants.id_names() {
            every.start(client, store, list);
        }
    };
    Effect::new(move || {
        if tenants.id_names().is_some_and(|l| l.is_ok()) {
            read_all();
        }
    });
    let index = every_tenant_index(store, tenants);
    // Whether the list is there, not the list: the conflicts below read every tenant themselves.
    let listed = Memo::new(move |_| tenants.loaded().map(|r| r.map(|_| ())));
    let confirm = Confirm::get();
    let fixing = Saving::new();
    let fix = move |index: Arc<RoutingIndex>, fixes: Vec<Fix>| {
        fixing.run(apply(client, store, index, fixes), |_| Some("Fixed: it is routed by one tenant now.".into()))
    };
    let api_url = StoredValue::new(expect_context::<Auth>().api_url().unwrap_or_default());
    let row = move |index: Arc<RoutingIndex>, conflict: Conflict| {
        let kind = match conflict.kind {
            ConflictKind::Domain => "Domain",
            ConflictKind::Email => "Whitelist email",
        };
        let keep = conflict
            .tenants
            .iter()
            .map(|&t| {
                let fixes = index.fix(&conflict, t);
                let tenant = index.tenants()[t].clone();
                let losers = conflict
                    .tenants
                    .iter()
                    .filter(|&&o| o != t)
                    .map(|&o| index.tenants()[o].name.clone())
                    .collect::<Vec<_>>()
                    .join(", ");
                let question = format!("Keep {} in {} only?", isolated(&conflict.value), isolated(&tenant.name));
                let consequence = format!(
                    "It is removed from {losers}: new sign-ins it routes no longer land there. Users who already signed in keep their accounts."
                );
                let commands = fix_commands(&api_url.get_value(), store, &index, &fixes);
                let index = index.clone();
                view! {
                    <li class="keep-choice">
                        <a href=CompanyId::parse(&tenant.id).ok().map(|id| AppRoute::LoginRouting(id).href())>{tenant.name.clone()}</a>" "
                        <button class="btn" type="button" disabled=move || fixing.busy()
                            on:click=move |_| {
                                let (index, fixes) = (index.clone(), fixes.clone());
                                confirm.ask(question.clone(), consequence.clone(), "Keep and remove", move || {
                                    fix(index.clone(), fixes.clone());
                                });
                            }>
                            {format!("Keep in {}", tenant.name)}
                        </button>
                        {commands.into_iter().map(|call| view! {
                            <CurlPreview call=Signal::derive(move || Some(call.clone())) title="Its call by curl"/>
                        }).collect_view()}
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
    let reread = move |_| {
        store.forget();
        tenants.reload();
    };
    view! {
        <PageHeader title="Login routing".to_string()>
            <button class="btn" type="button" data-testid="reread-routing" on:click=reread>"Read again"</button>
        </PageHeader>
        <p class="hint page-lede">"Where sign-ins land across every tenant, and what more than one tenant claims."</p>
        {fixing.view("The fix was not completed")}
        <RoutingTester index=index on_need=Callback::new(move |_| read_all())/>
        <Loaded source=listed loading="Loading the tenants…" failed="Could not load the tenants"
            on_retry=Callback::new(move |_| tenants.reload()) let:_tenants>
        <section class="conflicts" data-testid="conflicts">
            <h2>"Conflicts"</h2>
            <RoutingProgress every=every on_retry=Callback::new(move |_| read_all())/>
            {move || index.get().map(|index| {
                let conflicts = index.conflicts();
                if conflicts.is_empty() {
                    view! { <p class="empty-state" data-testid="no-conflicts">"No domain or email is routed by more than one tenant."</p> }.into_any()
                } else {
                    view! {
                        <p class="hint">"Each is routed by several tenants, so where a sign-in lands is unpredictable. Keep it with one tenant: it is taken from the others, acting as each one's admin."</p>
                        <table class="table" data-testid="conflicts-table">
                            <thead><tr><th scope="col">"Kind"</th><th scope="col">"Value"</th><th scope="col">"Routed by"</th></tr></thead>
                            <tbody>{conflicts.into_iter().map(|c| row(index.clone(), c)).collect_view()}</tbody>
                        </table>
                    }.into_any()
                }
            })}
        </section>
        </Loaded>
    }
}
