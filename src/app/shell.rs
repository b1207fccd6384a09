//! The signed-in frame: top bar (who, which server, sign out), side navigation, and the routes.

use crate::api::mlflow::Mlflow;
use crate::components::confirm::{Confirm, ConfirmDialog};
use crate::components::reauth::ReauthDialog;
use crate::components::routing_store::RoutingStore;
use crate::components::tenants_store::TenantsStore;
use crate::onboarding::Wizard;
use crate::page_store::PageStore;
use crate::pages::not_found::{NotAvailablePage, NotFoundPage};
use crate::pages::split;
use crate::pages::tenants::TenantsPage;
use crate::routes::{link_current, AppRoute, CurrentRoute};
use crate::server_design::ServerDesign;
use crate::session::Auth;
use crate::split_page::{SplitPage, SplitRoute};
use crate::sso_wizard::SsoWizard;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};
use tenantry_core::app_route::NavSection;

/// How a route's page is had: built from the first load, or fetched in a chunk of its own.
#[derive(Clone, Copy)]
enum Page {
    FirstLoad(fn() -> AnyView),
    Split(SplitPage),
}

/// The page table: each route's page. The match is exhaustive, so a route without a page does
/// not compile; what the side navigation shows of it and who may see it are core's route table.
fn page_of(route: &AppRoute) -> Page {
    match route {
        AppRoute::Tenants(_) => Page::FirstLoad(|| view! { <TenantsPage/> }.into_any()),
        AppRoute::Activity => Page::Split(split::ACTIVITY),
        AppRoute::NewTenant => Page::Split(split::NEW_TENANT),
        AppRoute::Onboarding | AppRoute::OnboardExisting(_) => Page::Split(split::ONBOARDING),
        AppRoute::BulkImport => Page::Split(split::BULK_IMPORT),
        AppRoute::PlatformFile => Page::Split(split::PLATFORM_FILE),
        AppRoute::Tenant { .. } => Page::Split(split::TENANT),
        AppRoute::LoginRouting(_) => Page::Split(split::LOGIN_ROUTING),
        AppRoute::TenantSso(_) => Page::Split(split::TENANT_SSO),
        AppRoute::TenantUsers(_) => Page::Split(split::TENANT_USERS),
        AppRoute::TenantCredentials(_) => Page::Split(split::TENANT_CREDENTIALS),
        AppRoute::TenantFeatures(_) => Page::Split(split::TENANT_FEATURES),
        AppRoute::TenantActivity(_) => Page::Split(split::TENANT_ACTIVITY),
        AppRoute::RoutingOverview => Page::Split(split::ROUTING_OVERVIEW),
        AppRoute::Features(_) => Page::Split(split::FEATURES),
        AppRoute::EffectiveFeatures(_) => Page::Split(split::EFFECTIVE_FEATURES),
        AppRoute::Groups => Page::Split(split::GROUPS),
        AppRoute::ServerConfig => Page::Split(split::SERVER_CONFIG),
        AppRoute::Sso => Page::Split(split::SSO),
        AppRoute::Mlflow => Page::Split(split::MLFLOW),
        AppRoute::MlflowUsers => Page::Split(split::MLFLOW_USERS),
        AppRoute::MlflowUser(_) => Page::Split(split::MLFLOW_USER),
        AppRoute::MlflowAccess => Page::Split(split::MLFLOW_ACCESS),
        AppRoute::MlflowRoles => Page::Split(split::MLFLOW_ROLES),
        AppRoute::MlflowRoleMapping => Page::Split(split::MLFLOW_ROLE_MAPPING),
        AppRoute::OwnLoginRouting => Page::Split(split::OWN_LOGIN_ROUTING),
        AppRoute::OwnUsers => Page::Split(split::OWN_USERS),
        AppRoute::OwnCredentials => Page::Split(split::OWN_CREDENTIALS),
        AppRoute::OwnGroups => Page::Split(split::OWN_GROUPS),
    }
}

/// The page for `route`, for a session whose role the table admits to it (`AppRoute::audience`),
/// and a clear refusal for anyone else; a split page comes in its area's frame (a tab of a
/// tenant's hub inside the hub's, `pages/split.rs`). The role
/// is read untracked: a renewed token must not rebuild the page and lose what the user typed.
fn page_for(route: &AppRoute) -> AnyView {
    let audience = route.audience();
    if !expect_context::<Auth>().session_untracked().is_some_and(|s| audience.admits(s.user.role())) {
        return view! { <NotAvailablePage for_whom=audience.described()/> }.into_any();
    }
    match page_of(route) {
        Page::FirstLoad(page) => page(),
        Page::Split(page) => view! { <SplitRoute page=page route=route.clone()/> }.into_any(),
    }
}

/// The routes: the URL read by the route table (`AppRoute::parse`), its page built once per page
/// and tenant (a new query is the page's to follow, reactively), `/` sent home. The router's own
/// `<Routes>` is not used (its nested matching was 27 KB gzip of the first load for one catch-all
/// route), so this tells the router when a followed link's page is built, and the address bar
/// follows then, as `<Routes>` would.
#[component]
fn Pages() -> impl IntoView {
    let location = use_location();
    let browser = use_context::<BrowserUrl>();
    Effect::watch(
        move || location.pathname.track(),
        move |_, _, _| browser.iter().for_each(LocationProvider::ready_to_complete),
        false,
    );
    let current = Memo::new(move |_| {
        let (path, search) = (location.pathname.get(), location.search.get());
        AppRoute::parse(&if search.is_empty() { path } else { format!("{path}?{search}") })
    });
    provide_context(CurrentRoute(current));
    let page = Memo::new_with_compare(
        move |_| (current.get(), location.pathname.with(|p| p == "/")),
        |a, b| match (a, b) {
            (Some((Some(a), _)), Some((Some(b), _))) => !a.same_page(b),
            (Some(a), Some(b)) => a != b,
            _ => true,
        },
    );
    move || match page.get() {
        (Some(route), _) => untrack(|| page_for(&route)),
        (None, true) => view! { <Redirect path=home()/> }.into_any(),
        (None, false) => view! { <NotFoundPage/> }.into_any(),
    }
}

fn home() -> String {
    expect_context::<Auth>().session_untracked().map(|s| s.home()).unwrap_or_else(AppRoute::tenants)
}

#[component]
pub fn Shell() -> impl IntoView {
    let auth = expect_context::<Auth>();
    Confirm::provide();
    match auth.session_untracked() {
        Some(s) if s.is_supervisor() => {
            TenantsStore::provide();
            RoutingStore::provide();
            PageStore::<Wizard>::provide();
            PageStore::<ServerDesign>::provide();
            PageStore::<SsoWizard>::provide();
            PageStore::<Mlflow>::provide();
        }
        Some(s) if s.is_tenant_admin() => RoutingStore::provide_own(s.user.company),
        _ => {}
    }
    // On narrow screens the navigation is a menu opened from the top bar; following a link closes it.
    let menu_open = RwSignal::new(false);
    let location = use_location();
    Effect::watch(move || location.pathname.get(), move |_, _, _| menu_open.set(false), false);
    view! {
        <div class="shell" class:menu-open=move || menu_open.get()>
            <TopBar menu_open/>
            <div class="shell-body">
                <SideNav/>
                <main id="main" class="content">
                    <Pages/>
                </main>
            </div>
            <ReauthDialog/>
            <ConfirmDialog/>
        </div>
    }
}

#[component]
fn TopBar(menu_open: RwSignal<bool>) -> impl IntoView {
    let auth = expect_context::<Auth>();
    // A server may leave a user's name unset: the id still says who is signed in.
    let who = move || {
        auth.session().map(|s| {
            let name = if s.user.name.is_empty() { s.user.id } else { s.user.name };
            (name, s.user.role, s.user.company.name, s.server.map(|v| v.version))
        })
    };
    view! {
        <header class="topbar">
            <button class="btn btn-quiet menu-toggle" type="button" data-testid="menu-toggle" aria-controls="main-nav"
                aria-expanded=move || if menu_open.get() { "true" } else { "false" } on:click=move |_| menu_open.update(|o| *o = !*o)>
                "Menu"
            </button>
            <a class="brand" href="/">"Tenantry"</a>
            {move || who().map(|(name, role, company, version)| view! {
                <div class="whoami" data-testid="whoami">
                    {version.map(|v| view! { <span class="server-version" title="Server version">{v}</span> })}
                    <bdi class="user-name">{name}</bdi>
                    <span class="badge">{role}</span>
                    <span class="user-company">{company}</span>
                </div>
            })}
            <button class="btn btn-quiet" type="button" data-testid="sign-out" on:click=move |_| auth.sign_out()>"Sign out"</button>
        </header>
    }
}

/// A side navigation link, marked active on its page and the pages under it. A page in its own
/// chunk starts loading when the pointer or focus comes to its link, ahead of the click.
#[component]
fn NavLink(href: String, label: &'static str, page: Option<SplitPage>) -> impl IntoView {
    let active = link_current(href.clone(), false);
    let prefetch = move || {
        if let Some(page) = page {
            // A failed fetch is not kept: the visit itself tries again and says so.
            spawn_local(async move { drop((page.fetch)().await) });
        }
    };
    view! {
        <li on:pointerenter=move |_| prefetch() on:focusin=move |_| prefetch()>
            <a href=href class=move || if active.get() { "active" } else { "" } aria-current=move || active.get().then_some("page")>{label}</a>
        </li>
    }
}

/// The side navigation: core's list of navigation pages, those the session's role may see, by
/// section.
#[component]
fn SideNav() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let sections = move || {
        let Some(session) = auth.session() else { return Vec::new() };
        let role = session.user.role();
        let mut sections: Vec<(NavSection, Vec<(AppRoute, &'static str)>)> = Vec::new();
        for route in AppRoute::navigation().into_iter().filter(|r| r.audience().admits(role)) {
            let Some(entry) = route.nav_entry() else { continue };
            match sections.last_mut() {
                Some((section, pages)) if *section == entry.section => pages.push((route, entry.label)),
                _ => sections.push((entry.section, vec![(route, entry.label)])),
            }
        }
        let company = session.user.company.name;
        sections
            .into_iter()
            .map(|(section, pages)| {
                let heading = match section.heading() {
                    Some(h) => view! { <p class="nav-section">{h}</p> }.into_any(),
                    None => {
                        view! { <p class="nav-section" data-testid="own-tenant-nav">{company.clone()}</p> }.into_any()
                    }
                };
                view! {
                    {heading}
                    <ul>
                        {pages.into_iter().map(|(route, label)| {
                            let page = match page_of(&route) { Page::Split(p) => Some(p), Page::FirstLoad(_) => None };
                            view! { <NavLink href=route.href() label=label page=page/> }
                        }).collect_view()}
                    </ul>
                }
            })
            .collect_view()
    };
    view! {
        <nav class="sidenav" id="main-nav" aria-label="Main">{sections}</nav>
    }
}
