//! The signed-in frame: top bar (who, which server, sign out), side navigation, and the routes.

use crate::api::mlflow::Mlflow;
use crate::components::confirm::{Confirm, ConfirmDialog};
use crate::components::reauth::ReauthDialog;
use crate::components::routing_store::RoutingStore;
use crate::components::tenants_store::TenantsStore;
use crate::onboarding::Wizard;
use crate::pages::activity::ActivityPage;
use crate::pages::not_found::{NotAvailablePage, NotFoundPage};
use crate::pages::split;
use crate::pages::tenants::TenantsPage;
use crate::routes::{AppRoute, CurrentRoute};
use crate::server_design::ServerDesign;
use crate::session::Auth;
use crate::split_page::{SplitPage, SplitRoute};
use crate::sso_wizard::SsoWizard;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Redirect, Route, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::path;

/// The page for `route`: each route's page, fetched on its first visit unless it is in the first
/// load, for a session whose role the table admits to it (`AppRoute::audience`), and a clear
/// refusal for anyone else. The role is read untracked: a renewed token must not rebuild the page
/// and lose what the user typed.
fn page_for(route: &AppRoute) -> AnyView {
    let audience = route.audience();
    if !expect_context::<Auth>().session_untracked().is_some_and(|s| audience.admits(s.user.role())) {
        return view! { <NotAvailablePage for_whom=audience.described()/> }.into_any();
    }
    let split = match route {
        AppRoute::Tenants(_) => return view! { <TenantsPage/> }.into_any(),
        AppRoute::Activity => return view! { <ActivityPage/> }.into_any(),
        AppRoute::NewTenant => split::NEW_TENANT,
        AppRoute::Onboarding | AppRoute::OnboardExisting(_) => split::ONBOARDING,
        AppRoute::BulkImport => split::BULK_IMPORT,
        AppRoute::PlatformFile => split::PLATFORM_FILE,
        AppRoute::Tenant(_) => split::TENANT,
        AppRoute::LoginRouting(_) => split::LOGIN_ROUTING,
        AppRoute::TenantSso(_) => split::TENANT_SSO,
        AppRoute::TenantUsers(_) => split::TENANT_USERS,
        AppRoute::TenantCredentials(_) => split::TENANT_CREDENTIALS,
        AppRoute::TenantFeatures(_) => split::TENANT_FEATURES,
        AppRoute::TenantActivity(_) => split::TENANT_ACTIVITY,
        AppRoute::RoutingOverview => split::ROUTING_OVERVIEW,
        AppRoute::Features(_) => split::FEATURES,
        AppRoute::EffectiveFeatures(_) => split::EFFECTIVE_FEATURES,
        AppRoute::Groups => split::GROUPS,
        AppRoute::ServerConfig => split::SERVER_CONFIG,
        AppRoute::Sso => split::SSO,
        AppRoute::Mlflow => split::MLFLOW,
        AppRoute::MlflowUsers => split::MLFLOW_USERS,
        AppRoute::MlflowUser(_) => split::MLFLOW_USER,
        AppRoute::MlflowAccess => split::MLFLOW_ACCESS,
        AppRoute::MlflowRoles => split::MLFLOW_ROLES,
        AppRoute::MlflowRoleMapping => split::MLFLOW_ROLE_MAPPING,
        AppRoute::OwnLoginRouting => split::OWN_LOGIN_ROUTING,
        AppRoute::OwnUsers => split::OWN_USERS,
        AppRoute::OwnCredentials => split::OWN_CREDENTIALS,
        AppRoute::OwnGroups => split::OWN_GROUPS,
    };
    view! { <SplitRoute page=split/> }.into_any()
}

/// The router: the URL read by the route table (`AppRoute::parse`), its page built once per page
/// (a new query or path value is the page's to follow, reactively), `/` sent home.
#[component]
fn Pages() -> impl IntoView {
    let location = use_location();
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
            Wizard::provide();
            ServerDesign::provide(s.user.company.id.clone());
            SsoWizard::provide();
            Mlflow::provide();
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
                    // One route takes every URL, so that the router completes each navigation
                    // (the address bar follows once the route's view is ready); which page it
                    // is, the route table says.
                    <Routes fallback=|| view! { <NotFoundPage/> }>
                        <Route path=path!("/*any") view=Pages/>
                    </Routes>
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
fn NavLink(href: String, label: &'static str, #[prop(optional)] page: Option<SplitPage>) -> impl IntoView {
    let location = use_location();
    let prefix = href.clone();
    let active = move || location.pathname.with(|p| p == &prefix || p.starts_with(&format!("{prefix}/")));
    let prefetch = move || {
        if let Some(page) = page {
            // A failed fetch is not kept: the visit itself tries again and says so.
            spawn_local(async move { drop((page.fetch)().await) });
        }
    };
    view! {
        <li on:pointerenter=move |_| prefetch() on:focusin=move |_| prefetch()>
            <A href=href attr:class=move || if active() { "active" } else { "" }>{label}</A>
        </li>
    }
}

#[component]
fn SideNav() -> impl IntoView {
    let auth = expect_context::<Auth>();
    view! {
        <nav class="sidenav" id="main-nav" aria-label="Main">
            <Show when=move || auth.is_supervisor()>
                <p class="nav-section">"Supervisor"</p>
                <ul>
                    <NavLink href=AppRoute::tenants() label="Tenants"/>
                    <NavLink href=AppRoute::RoutingOverview.href() label="Login routing" page=split::ROUTING_OVERVIEW/>
                    <NavLink href=AppRoute::Sso.href() label="Single sign-on" page=split::SSO/>
                </ul>
                <p class="nav-section">"Features and groups"</p>
                <ul>
                    <NavLink href=AppRoute::Features(String::new()).href() label="Feature catalogue" page=split::FEATURES/>
                    <NavLink href=AppRoute::EffectiveFeatures(String::new()).href() label="Effective features" page=split::EFFECTIVE_FEATURES/>
                    <NavLink href=AppRoute::Groups.href() label="Groups" page=split::GROUPS/>
                    <NavLink href=AppRoute::ServerConfig.href() label="Server configuration" page=split::SERVER_CONFIG/>
                </ul>
                <p class="nav-section">"MLflow"</p>
                <ul>
                    <NavLink href=AppRoute::Mlflow.href() label="MLflow access" page=split::MLFLOW/>
                </ul>
            </Show>
            <Show when=move || auth.session().is_some_and(|s| s.is_tenant_admin())>
                <p class="nav-section" data-testid="own-tenant-nav">{move || auth.session().map(|s| s.user.company.name)}</p>
                <ul>
                    <NavLink href=AppRoute::OwnLoginRouting.href() label="Login routing" page=split::OWN_LOGIN_ROUTING/>
                    <NavLink href=AppRoute::OwnUsers.href() label="Users" page=split::OWN_USERS/>
                    <NavLink href=AppRoute::OwnCredentials.href() label="Credentials" page=split::OWN_CREDENTIALS/>
                    <NavLink href=AppRoute::OwnGroups.href() label="Groups" page=split::OWN_GROUPS/>
                </ul>
            </Show>
            <p class="nav-section">"Session"</p>
            <ul>
                <NavLink href=AppRoute::Activity.href() label="Activity"/>
            </ul>
        </nav>
    }
}
