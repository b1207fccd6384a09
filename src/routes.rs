//! The console's pages as a typed enum: every link is built by `href`, never by hand.

use tenantry_core::tenant_list::TenantQuery;

#[derive(Clone, Debug, PartialEq)]
pub enum AppRoute {
    Tenants(TenantQuery),
    NewTenant,
    Onboarding,
    Tenant(String),
    LoginRouting(String),
    RoutingOverview,
    OwnLoginRouting,
    OwnUsers,
    OwnCredentials,
    Activity,
}

impl AppRoute {
    pub fn href(&self) -> String {
        match self {
            AppRoute::Tenants(q) => format!("/tenants{}", q.to_query_string()),
            AppRoute::NewTenant => "/tenants/new".into(),
            AppRoute::Onboarding => "/tenants/onboard".into(),
            AppRoute::Tenant(id) => format!("/tenants/{id}"),
            AppRoute::LoginRouting(id) => format!("/tenants/{id}/login-routing"),
            AppRoute::RoutingOverview => "/login-routing".into(),
            AppRoute::OwnLoginRouting => "/my-tenant/login-routing".into(),
            AppRoute::OwnUsers => "/my-tenant/users".into(),
            AppRoute::OwnCredentials => "/my-tenant/credentials".into(),
            AppRoute::Activity => "/activity".into(),
        }
    }

    pub fn tenants() -> String {
        AppRoute::Tenants(TenantQuery::default()).href()
    }
}
