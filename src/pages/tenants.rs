//! The Tenants page: filter, sort and page live in the URL, so links, reload and back all work.

use crate::api::tenants;
use crate::components::curl_preview::CurlPreview;
use crate::components::loaded::Loaded;
use crate::components::page_header::PageHeader;
use crate::components::tenants_store::TenantsStore;
use crate::perf::measure_render;
use crate::routes::AppRoute;
use crate::session::Auth;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::time::Duration;
use tenantry_core::clearml::curl::CurlCall;
use tenantry_core::clearml::tenant_list::{tenant_count, SortDir, SortKey, TenantIndex, TenantQuery, PAGE_SIZE};
use tenantry_core::clearml::wire::Company;
use tenantry_core::clearml::wire::Empty;
use tenantry_core::CompanyId;

const URL_DELAY_MS: u64 = 300;

#[component]
pub fn TenantsPage() -> impl IntoView {
    let store = TenantsStore::get();
    let auth = expect_context::<Auth>();
    let params = use_query_map();
    let url_query = Memo::new(move |_| params.with(|p| TenantQuery::from_params(|k| p.get(k))));
    // The filter answers each keystroke from a local signal; the URL follows once typing pauses,
    // so a burst of keystrokes costs one navigation. Back/forward still sets the filter.
    let filter = RwSignal::new(url_query.get_untracked().filter);
    let url_filter = Memo::new(move |_| url_query.with(|q| q.filter.clone()));
    Effect::new(move || filter.set(url_filter.get()));
    let query = Memo::new(move |_| {
        let url = url_query.get();
        filter.with(|f| {
            if *f == url.filter {
                url.clone()
            } else {
                TenantQuery { filter: f.clone(), page: 1, ..url.clone() }
            }
        })
    });
    let navigate = use_navigate();
    let go = move |q: TenantQuery| {
        navigate(&AppRoute::Tenants(q).href(), NavigateOptions { replace: true, ..Default::default() })
    };
    let pending_url = StoredValue::new(None::<TimeoutHandle>);
    let go_later = go.clone();
    let on_filter = move |ev| {
        filter.set(event_target_value(&ev));
        if let Some(h) = pending_url.get_value() {
            h.clear();
        }
        let go = go_later.clone();
        let handle = set_timeout_with_handle(move || go(query.get_untracked()), Duration::from_millis(URL_DELAY_MS));
        pending_url.set_value(handle.ok());
    };
    let count = move || match store.loaded() {
        Some(Ok(index)) => tenant_count(index.len()),
        _ => String::new(),
    };

    view! {
        <PageHeader title="Tenants".to_string()>
            <span class="count" data-testid="tenant-count">{count}</span>
            <button class="btn" type="button" data-testid="refresh-tenants" on:click=move |_| store.reload()>"Refresh"</button>
            <a href=AppRoute::NewTenant.href() class="btn" data-testid="new-tenant">"New tenant only"</a>
            <a href=AppRoute::BulkImport.href() class="btn" data-testid="bulk-import">"Import from a file"</a>
            <a href=AppRoute::PlatformFile.href() class="btn" data-testid="platform-file">"Platform file"</a>
            <a href=AppRoute::Onboarding.href() class="btn btn-primary" data-testid="onboard-tenant">"Onboard a tenant"</a>
        </PageHeader>
        <div class="toolbar">
            <label class="visually-hidden" for="tenant-filter">"Filter tenants by name or id"</label>
            <input
                id="tenant-filter"
                class="filter"
                type="search"
                placeholder="Filter by name or id…"
                autocomplete="off"
                prop:value=move || filter.get()
                on:input=on_filter
            />
        </div>
        <CurlPreview call=Signal::derive(move || auth.api_url().map(|u| CurlCall::new(&u, tenants::LIST, &Empty {})))/>
        <Loaded source=Signal::derive(move || store.loaded()) loading="Loading tenants…" failed="Could not load the tenants"
            on_retry=Callback::new(move |_| store.reload()) let:index>
            {if index.is_empty() {
                view! {
                    <div class="empty-state" data-testid="tenants-empty">
                        <p>"No tenants yet."</p>
                        <a href=AppRoute::NewTenant.href() class="btn btn-primary">"Create the first tenant"</a>
                    </div>
                }.into_any()
            } else {
                view! { <TenantTable index=index query=query go=go.clone()/> }.into_any()
            }}
        </Loaded>
    }
}

#[component]
fn TenantTable(
    index: std::sync::Arc<TenantIndex>,
    query: Memo<TenantQuery>,
    go: impl Fn(TenantQuery) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let index_for_rows = index.clone();
    let sort_button = {
        let go = go.clone();
        move |key: SortKey, label: &'static str, class: &'static str| {
            let go = go.clone();
            let aria_sort = move || {
                let q = query.get();
                match (q.sort == key, q.dir) {
                    (false, _) => "none",
                    (true, SortDir::Asc) => "ascending",
                    (true, SortDir::Desc) => "descending",
                }
            };
            view! {
                <th scope="col" class=class aria-sort=aria_sort>
                    <button class="sort" type="button" data-testid=format!("sort-{key}") on:click=move |_| {
                        let q = query.get_untracked();
                        let dir = if q.sort == key && q.dir == SortDir::Asc { SortDir::Desc } else { SortDir::Asc };
                        go(TenantQuery { sort: key, dir, page: 1, ..q });
                    }>{label}</button>
                </th>
            }
        }
    };
    view! {
        {move || {
            measure_render("tenants-render");
            let q = query.get();
            let page = index_for_rows.query(&q);
            if page.matched == 0 {
                return view! {
                    <div class="empty-state" data-testid="tenants-no-match">
                        <p>"No tenant matches \u{201c}"<bdi>{q.filter.trim().to_owned()}</bdi>"\u{201d}."</p>
                    </div>
                }.into_any();
            }
            let first = (page.page - 1) * PAGE_SIZE + 1;
            let last = first + page.rows.len() - 1;
            let rows: Vec<Company> = page.rows.into_iter().cloned().collect();
            let (prev, next) = (
                (page.page > 1).then(|| AppRoute::Tenants(TenantQuery { page: page.page - 1, ..q.clone() }).href()),
                (page.page < page.pages).then(|| AppRoute::Tenants(TenantQuery { page: page.page + 1, ..q.clone() }).href()),
            );
            let filtered = (page.matched != page.total).then(|| format!(" (filtered from {})", page.total));
            view! {
                <table class="table tenants-table" data-testid="tenants-table">
                    <thead>
                        <tr>
                            {sort_button(SortKey::Name, "Name", "")}
                            {sort_button(SortKey::Id, "Tenant id", "")}
                            {sort_button(SortKey::Status, "Status", "")}
                            {sort_button(SortKey::AllowedUsers, "Allowed users", "num")}
                            {sort_button(SortKey::Features, "Features", "")}
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(tenant_row).collect_view()}
                    </tbody>
                </table>
                <nav class="pager" aria-label="Pages">
                    <span data-testid="tenants-range">{format!("Showing {first}–{last} of {}", page.matched)}{filtered}</span>
                    <span class="pager-links">
                        {prev.map(|h| view! { <a href=h rel="prev">"‹ Previous"</a> })}
                        <span>{format!("Page {} of {}", page.page, page.pages)}</span>
                        {next.map(|h| view! { <a href=h rel="next">"Next ›"</a> })}
                    </span>
                </nav>
            }.into_any()
        }}
    }
}

/// One row. Plain links, not the router's `A`: the router still handles their clicks, and fifty
/// rows re-rendered per keystroke stay cheap.
fn tenant_row(company: Company) -> impl IntoView {
    let settings = company.defaults.clone().unwrap_or_default();
    let whole_name = company.name.clone();
    let features = match (settings.features.len(), settings.exclude_features.len()) {
        (0, 0) => "inherited".to_string(),
        (on, 0) => format!("{on} enabled"),
        (0, off) => format!("{off} excluded"),
        (on, off) => format!("{on} enabled, {off} excluded"),
    };
    view! {
        <tr>
            // Long names are cut to the column with the whole name on hover (and in a copy).
            <td class="name-cell"><a href=CompanyId::parse(&company.id).ok().map(|id| AppRoute::tenant(id).href()) title=whole_name><bdi>{company.name}</bdi></a></td>
            <td><code class="id">{company.id}</code></td>
            <td>{if company.active { view! { <span class="status status-ok">"Active"</span> } } else { view! { <span class="status">"Inactive"</span> } }}</td>
            <td class="num">{settings.allowed_users.unwrap_or_else(|| "—".into())}</td>
            <td>{features}</td>
        </tr>
    }
}
