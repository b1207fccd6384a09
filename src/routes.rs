//! The console's pages as a typed enum: every link is built by `href`, never by hand.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use tenantry_core::tenant_list::{encode_component, TenantQuery};

#[derive(Clone, Debug, PartialEq)]
pub enum AppRoute {
    Tenants(TenantQuery),
    NewTenant,
    Onboarding,
    /// Many tenants from one CSV or YAML file.
    BulkImport,
    /// The wizard, adding an admin (and its credentials) to an existing tenant that has none.
    OnboardExisting(String),
    Tenant(String),
    TenantUsers(String),
    TenantCredentials(String),
    LoginRouting(String),
    TenantSso(String),
    TenantFeatures(String),
    TenantActivity(String),
    RoutingOverview,
    OwnLoginRouting,
    OwnUsers,
    OwnCredentials,
    OwnGroups,
    Activity,
    /// The catalogue, with its search.
    Features(String),
    /// The explainer, for a tenant's id or none yet.
    EffectiveFeatures(String),
    Groups,
    ServerConfig,
    Sso,
    Mlflow,
    MlflowUsers,
    MlflowUser(String),
    MlflowAccess,
    MlflowRoles,
    MlflowRoleMapping,
}

impl AppRoute {
    pub fn href(&self) -> String {
        match self {
            AppRoute::Tenants(q) => format!("/tenants{}", q.to_query_string()),
            AppRoute::NewTenant => "/tenants/new".into(),
            AppRoute::Onboarding => "/tenants/onboard".into(),
            AppRoute::BulkImport => "/tenants/import".into(),
            AppRoute::OnboardExisting(id) => format!("/tenants/onboard?tenant={}", encode_component(id)),
            AppRoute::Tenant(id) => format!("/tenants/{id}"),
            AppRoute::TenantUsers(id) => format!("/tenants/{id}/users"),
            AppRoute::TenantCredentials(id) => format!("/tenants/{id}/credentials"),
            AppRoute::LoginRouting(id) => format!("/tenants/{id}/login-routing"),
            AppRoute::TenantSso(id) => format!("/tenants/{id}/sso"),
            AppRoute::TenantFeatures(id) => format!("/tenants/{id}/features"),
            AppRoute::TenantActivity(id) => format!("/tenants/{id}/activity"),
            AppRoute::RoutingOverview => "/login-routing".into(),
            AppRoute::OwnLoginRouting => "/my-tenant/login-routing".into(),
            AppRoute::OwnUsers => "/my-tenant/users".into(),
            AppRoute::OwnCredentials => "/my-tenant/credentials".into(),
            AppRoute::OwnGroups => "/my-tenant/groups".into(),
            AppRoute::Activity => "/activity".into(),
            AppRoute::Features(q) if q.is_empty() => "/features".into(),
            AppRoute::Features(q) => format!("/features?q={}", encode_component(q)),
            AppRoute::EffectiveFeatures(t) if t.is_empty() => "/effective-features".into(),
            AppRoute::EffectiveFeatures(t) => format!("/effective-features?tenant={}", encode_component(t)),
            AppRoute::Groups => "/groups".into(),
            AppRoute::ServerConfig => "/server-config".into(),
            AppRoute::Sso => "/sso".into(),
            AppRoute::Mlflow => "/mlflow".into(),
            AppRoute::MlflowUsers => "/mlflow/users".into(),
            AppRoute::MlflowUser(name) => format!("/mlflow/users/{}", encode_component(name)),
            AppRoute::MlflowAccess => "/mlflow/access".into(),
            AppRoute::MlflowRoles => "/mlflow/roles".into(),
            AppRoute::MlflowRoleMapping => "/mlflow/role-mapping".into(),
        }
    }

    pub fn tenants() -> String {
        AppRoute::Tenants(TenantQuery::default()).href()
    }
}

/// A parameter of the current URL's query, empty when absent.
pub fn query_param(name: &'static str) -> Memo<String> {
    let params = use_query_map();
    Memo::new(move |_| params.with(|p| p.get(name).unwrap_or_default()))
}

/// Moves to a route without a new history entry, for a URL that follows what the user types or
/// picks so that it can be linked and reloaded.
pub fn replace_route() -> impl Fn(AppRoute) + Clone {
    let navigate = use_navigate();
    move |route: AppRoute| navigate(&route.href(), NavigateOptions { replace: true, ..Default::default() })
}
