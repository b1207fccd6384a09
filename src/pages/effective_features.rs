//! The effective-features explainer: for a tenant and a user's groups, each feature granted or
//! not, with the chain of reasons. It reads the tenant's settings from the server and the groups
//! and organization features from the design, so either change shows here at once.

use crate::components::loaded::Loaded;
use crate::components::name_checklist::NameChecklist;
use crate::components::page_header::PageHeader;
use crate::components::tenant_options::TenantOptions;
use crate::components::tenants_store::TenantsStore;
use crate::routes::{query_param, replace_route, AppRoute};
use crate::server_design::ServerDesign;
use leptos::prelude::*;
use tenantry_core::export::server_config::ServerConfig;
use tenantry_core::features::explain::explain;
use tenantry_core::CompanyId;

#[component]
pub fn EffectiveFeaturesPage() -> impl IntoView {
    let tenant_id = query_param("tenant");
    let replace = replace_route();
    let tenant = Signal::derive(move || tenant_id.with(|id| CompanyId::parse(id).ok()));
    let pick_tenant = move |ev| replace(AppRoute::EffectiveFeatures(CompanyId::parse(&event_target_value(&ev)).ok()));
    view! {
        <PageHeader title="Effective features"/>
        <p class="page-lede">
            "Which features a user of a tenant gets, and why: the union over the user's groups, each feature counting only where "
            "the tenant or the server enables it. Tenant settings come from the server; groups and organization features from "
            <a href=AppRoute::Groups.href()>"Groups"</a>" and "<a href=AppRoute::ServerConfig.href()>"Server configuration"</a>"."
        </p>
        <div class="form-grid">
            <div class="field">
                <label for="explain-tenant">"Tenant"</label>
                <select id="explain-tenant" data-testid="explain-tenant" on:change=pick_tenant>
                    <option value="" disabled=true selected=move || tenant_id.with(String::is_empty)>"Pick a tenant…"</option>
                    <TenantOptions selected=tenant_id/>
                </select>
            </div>
        </div>
        <Explainer tenant_id=tenant/>
    }
}

/// For the tenant `tenant_id` and the groups picked here, each feature granted or not and why.
#[component]
pub fn Explainer(#[prop(into)] tenant_id: Signal<Option<CompanyId>>) -> impl IntoView {
    let design = ServerDesign::get().0;
    let store = TenantsStore::get();
    let member_of = RwSignal::new(Vec::<String>::new());
    // The tenant as the list has it: `Ok(None)` for none picked, or an id no tenant has.
    let tenant = Memo::new(move |_| {
        store
            .loaded()
            .map(|r| r.map(|index| tenant_id.with(|id| id.as_ref().and_then(|id| index.find(id.as_str())).cloned())))
    });
    let group_choices = move || design.with(ServerConfig::groups_to_join);
    view! {
        <fieldset class="inline-checks">
            <legend>"The user's groups"</legend>
            <label class="checkbox"><input type="checkbox" checked=true disabled=true/><code>"users"</code></label>
            <NameChecklist names=Signal::derive(group_choices) form=member_of picked=|m| m picked_mut=|m| m test_id_prefix="member-"/>
        </fieldset>
        <Loaded source=tenant loading="Loading the tenants…" failed="Could not load the tenants"
            on_retry=Callback::new(move |_| store.reload()) let:found>
        {match found {
            Some(t) => {
                let settings = t.defaults.clone().unwrap_or_default();
                let verdicts =
                    design.with(|c| member_of.with(|m| explain(&c.organization_features, &settings, &c.groups, m)));
                let granted = verdicts.iter().filter(|v| v.granted).count();
                view! {
                    <div class="toolbar">
                        <span class="count" data-testid="granted-count">{format!("{granted} of {} features granted", verdicts.len())}</span>
                        {CompanyId::parse(&t.id).ok().map(|id| view! {
                            <a href=AppRoute::tenant(id).href()>"Change this tenant's features"</a>
                        })}
                    </div>
                    {t.defaults.is_none().then(|| view! {
                        <p class="alert alert-info" role="note">"This server does not report the tenant's feature settings, so none are counted."</p>
                    })}
                    <table class="table" data-testid="explanation">
                        <thead><tr><th scope="col">"Feature"</th><th scope="col">"For this user"</th><th scope="col">"Why"</th></tr></thead>
                        <tbody>
                            {verdicts.into_iter().map(|v| view! {
                                <tr data-feature=v.feature.as_str() data-granted=v.granted.to_string()>
                                    <th scope="row"><code>{v.feature.as_str()}</code></th>
                                    <td>{if v.granted {
                                        view! { <span class="status status-ok">"granted"</span> }.into_any()
                                    } else {
                                        view! { <span class="status">"not granted"</span> }.into_any()
                                    }}</td>
                                    <td>
                                        <ol class="reasons">
                                            {v.reasons.into_iter().map(|r| view! { <li class:against=!r.holds>{r.text}</li> }).collect_view()}
                                        </ol>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }
            None if tenant_id.with(Option::is_some) => view! { <p class="empty-state">"No tenant has this id."</p> }.into_any(),
            None => view! { <p class="empty-state">"Pick a tenant to see its users' features."</p> }.into_any(),
        }}
        </Loaded>
    }
}
