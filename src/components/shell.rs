//! The signed-in frame: top bar (who, which server, sign out), side navigation, and the routes.

use crate::components::reauth::ReauthDialog;
use crate::components::routing_store::RoutingStore;
use crate::components::tenants_store::TenantsStore;
use crate::onboarding::Wizard;
use crate::pages::activity::ActivityPage;
use crate::pages::login_routing::{LoginRoutingPage, OwnLoginRoutingPage};
use crate::pages::my_tenant::{CredentialsPage, UsersPage};
use crate::pages::not_found::{NotAvailablePage, NotFoundPage};
use crate::pages::onboarding::OnboardingPage;
use crate::pages::routing_overview::RoutingOverviewPage;
use crate::pages::{tenant::TenantPage, tenant_new::NewTenantPage, tenants::TenantsPage};
use crate::routes::AppRoute;
use crate::session::{Auth, Session};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::path;

/// Renders `page` for a session that `allowed` admits and a clear refusal for anyone else. The
/// role is read untracked: a renewed token must not rebuild the page and lose what the user typed.
fn only_for<V: IntoView + 'static>(
    allowed: fn(&Session) -> bool,
    for_whom: &'static str,
    page: impl Fn() -> V + Send + Sync + Copy + 'static,
) -> impl Fn() -> AnyView + Copy {
    move || {
        if expect_context::<Auth>().session_untracked().is_some_and(|s| allowed(&s)) {
            page().into_any()
        } else {
            view! { <NotAvailablePage for_whom=for_whom/> }.into_any()
        }
    }
}

fn supervisor_only<V: IntoView + 'static>(
    page: impl Fn() -> V + Send + Sync + Copy + 'static,
) -> impl Fn() -> AnyView + Copy {
    only_for(Session::is_supervisor, "the supervisor (system role)", page)
}

fn tenant_admin_only<V: IntoView + 'static>(
    page: impl Fn() -> V + Send + Sync + Copy + 'static,
) -> impl Fn() -> AnyView + Copy {
    only_for(Session::is_tenant_admin, "a tenant's admin", page)
}

fn home() -> String {
    expect_context::<Auth>().session_untracked().map(|s| s.home()).unwrap_or_else(AppRoute::tenants)
}

#[component]
pub fn Shell() -> impl IntoView {
    let auth = expect_context::<Auth>();
    match auth.session_untracked() {
        Some(s) if s.is_supervisor() => {
            TenantsStore::provide();
            RoutingStore::provide();
            Wizard::provide();
        }
        Some(s) if s.is_tenant_admin() => RoutingStore::provide_own(s.user.company),
        _ => {}
    }
    view! {
        <div class="shell">
            <TopBar/>
            <div class="shell-body">
                <SideNav/>
                <main id="main" class="content">
                    <Routes fallback=|| view! { <NotFoundPage/> }>
                        <Route path=path!("/") view=|| view! { <Redirect path=home()/> }/>
                        <Route path=path!("/tenants") view=supervisor_only(TenantsPage)/>
                        <Route path=path!("/tenants/new") view=supervisor_only(NewTenantPage)/>
                        <Route path=path!("/tenants/onboard") view=supervisor_only(OnboardingPage)/>
                        <Route path=path!("/tenants/:id") view=supervisor_only(TenantPage)/>
                        <Route path=path!("/tenants/:id/login-routing") view=supervisor_only(LoginRoutingPage)/>
                        <Route path=path!("/login-routing") view=supervisor_only(RoutingOverviewPage)/>
                        <Route path=path!("/my-tenant/login-routing") view=tenant_admin_only(OwnLoginRoutingPage)/>
                        <Route path=path!("/my-tenant/users") view=tenant_admin_only(UsersPage)/>
                        <Route path=path!("/my-tenant/credentials") view=tenant_admin_only(CredentialsPage)/>
                        <Route path=path!("/activity") view=ActivityPage/>
                    </Routes>
                </main>
            </div>
            <ReauthDialog/>
        </div>
    }
}

#[component]
fn TopBar() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let who =
        move || auth.session().map(|s| (s.user.name, s.user.role, s.user.company.name, s.server.map(|v| v.version)));
    view! {
        <header class="topbar">
            <a class="brand" href="/">"Tenantry"</a>
            {move || who().map(|(name, role, company, version)| view! {
                <div class="whoami" data-testid="whoami">
                    {version.map(|v| view! { <span class="server-version" title="Server version">{v}</span> })}
                    <span class="user-name">{name}</span>
                    <span class="badge">{role}</span>
                    <span class="user-company">{company}</span>
                </div>
            })}
            <button class="btn btn-quiet" type="button" data-testid="sign-out" on:click=move |_| auth.sign_out()>"Sign out"</button>
        </header>
    }
}

#[component]
fn SideNav() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let location = use_location();
    let current = move |prefix: &'static str| move || location.pathname.get().starts_with(prefix);
    view! {
        <nav class="sidenav" aria-label="Main">
            <Show when=move || auth.is_supervisor()>
                <p class="nav-section">"Supervisor"</p>
                <ul>
                    <li><A href=AppRoute::tenants() attr:class=move || if current("/tenants")() { "active" } else { "" }>"Tenants"</A></li>
                    <li><A href=AppRoute::RoutingOverview.href() attr:class=move || if current("/login-routing")() { "active" } else { "" }>"Login routing"</A></li>
                </ul>
            </Show>
            <Show when=move || auth.session().is_some_and(|s| s.is_tenant_admin())>
                <p class="nav-section" data-testid="own-tenant-nav">{move || auth.session().map(|s| s.user.company.name)}</p>
                <ul>
                    <li><A href=AppRoute::OwnLoginRouting.href() attr:class=move || if current("/my-tenant/login")() { "active" } else { "" }>"Login routing"</A></li>
                    <li><A href=AppRoute::OwnUsers.href() attr:class=move || if current("/my-tenant/users")() { "active" } else { "" }>"Users"</A></li>
                    <li><A href=AppRoute::OwnCredentials.href() attr:class=move || if current("/my-tenant/cred")() { "active" } else { "" }>"Credentials"</A></li>
                </ul>
            </Show>
            <p class="nav-section">"Session"</p>
            <ul>
                <li><A href=AppRoute::Activity.href() attr:class=move || if current("/activity")() { "active" } else { "" }>"Activity"</A></li>
            </ul>
        </nav>
    }
}
