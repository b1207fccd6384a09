//! The feature catalogue: every feature the seeds and the API reference name, searchable; the
//! search lives in the URL so a filtered list can be linked.

use crate::components::page_header::PageHeader;
use crate::routes::{query_param, replace_route, AppRoute};
use leptos::prelude::*;
use tenantry_core::features::feature::{search, FeatureSource};
use tenantry_core::FEATURES;

#[component]
pub fn FeatureCataloguePage() -> impl IntoView {
    let query = query_param("q");
    let replace = replace_route();
    let on_input = move |ev| replace(AppRoute::Features(event_target_value(&ev)));
    let found = Memo::new(move |_| query.with(|q| search(q)));
    view! {
        <PageHeader title="Feature catalogue">
            <a href=AppRoute::EffectiveFeatures(None).href() class="btn">"Explain a user's features"</a>
        </PageHeader>
        <p class="page-lede">
            "Features are granted to groups, and count only where the tenant or the server enables them. "
            "Set them per tenant on the tenant's page, for the whole server and per group under "
            <a href=AppRoute::Groups.href()>"Groups"</a>" and "<a href=AppRoute::ServerConfig.href()>"Server configuration"</a>"."
        </p>
        <div class="toolbar">
            <label class="visually-hidden" for="feature-search">"Search features"</label>
            <input id="feature-search" type="search" class="search" placeholder="Search name, description, notes, version…"
                prop:value=move || query.get() on:input=on_input data-testid="feature-search"/>
            <span class="count" data-testid="feature-count">{move || format!("{} of {} features", found.with(Vec::len), FEATURES.len())}</span>
        </div>
        <table class="table" data-testid="feature-catalogue">
            <thead>
                <tr>
                    <th scope="col">"Feature"</th>
                    <th scope="col">"What it does"</th>
                    <th scope="col">"Notes"</th>
                    <th scope="col">"Since"</th>
                </tr>
            </thead>
            <tbody>
                {move || found.get().into_iter().map(|f| view! {
                    <tr data-feature=f.name class:row-deprecated=f.deprecated>
                        <th scope="row">
                            <code>{f.name}</code>
                            {f.deprecated.then(|| view! { <span class="badge badge-warn">"deprecated"</span> })}
                            {(f.source == FeatureSource::ApiReference).then(|| view! { <span class="badge" title="Listed in the enterprise API reference, not in the seeds' feature table">"API reference"</span> })}
                        </th>
                        <td>{f.description}</td>
                        <td class="note">{f.notes.unwrap_or("—")}</td>
                        <td>{f.since.unwrap_or("—")}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <Show when=move || found.with(Vec::is_empty)>
            <p class="empty" data-testid="no-features">"No feature matches “"{move || query.get()}"”."</p>
        </Show>
    }
}
