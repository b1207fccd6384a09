//! The pages that are fetched on their first visit, in one chunk per area (see `split_page`): the
//! supervisor's and a tenant admin's. Sign-in and Tenants are not here: they are what a supervisor
//! sees first. Each boundary between areas costs (calls across it go through the table, nothing
//! inlines across it): three areas came to 64 KB (gzip) more than one, over SPEC's 900 KB in all.

use crate::split_page::split_page;

/// The supervisor's pages: a tab of a tenant's hub is drawn inside the hub's frame, which so
/// comes with the pages that use it rather than in the first load. The page is built inside the
/// frame, whose context (the tenant in view) it reads.
mod area_supervisor {
    use crate::components::tenant_layout::TenantLayout;
    use crate::routes::AppRoute;
    use leptos::prelude::*;

    pub fn frame(route: AppRoute, page: fn() -> AnyView) -> AnyView {
        match route.hub_tenant().cloned() {
            Some(id) => view! { <TenantLayout id=id route=route>{page()}</TenantLayout> }.into_any(),
            None => page(),
        }
    }
}

/// A tenant admin's pages: drawn as they are.
mod area_own_tenant {
    use crate::routes::AppRoute;
    use leptos::prelude::AnyView;

    pub fn frame(_: AppRoute, page: fn() -> AnyView) -> AnyView {
        page()
    }
}

split_page!(NEW_TENANT, area_supervisor: page_new_tenant => crate::pages::tenant_new::NewTenantPage);
split_page!(ONBOARDING, area_supervisor: page_onboarding => crate::pages::onboarding::OnboardingPage);
split_page!(BULK_IMPORT, area_supervisor: page_bulk_import => crate::pages::bulk::BulkImportPage);
split_page!(PLATFORM_FILE, area_supervisor: page_platform_file => crate::pages::platform::PlatformFilePage);
split_page!(TENANT, area_supervisor: page_tenant => crate::pages::tenant::TenantPage);
split_page!(TENANT_USERS, area_supervisor: page_tenant_users => crate::pages::tenant_hub::users::TenantUsersPage);
split_page!(TENANT_CREDENTIALS, area_supervisor: page_tenant_credentials => crate::pages::tenant_hub::credentials::TenantCredentialsPage);
split_page!(TENANT_FEATURES, area_supervisor: page_tenant_features => crate::pages::tenant_hub::features::TenantFeaturesPage);
split_page!(TENANT_ACTIVITY, area_supervisor: page_tenant_activity => crate::pages::tenant_hub::activity::TenantActivityPage);
split_page!(LOGIN_ROUTING, area_supervisor: page_login_routing => crate::pages::login_routing::LoginRoutingPage);
split_page!(TENANT_SSO, area_supervisor: page_tenant_sso => crate::pages::tenant_sso::TenantSsoPage);
split_page!(ROUTING_OVERVIEW, area_supervisor: page_routing_overview => crate::pages::routing_overview::RoutingOverviewPage);
split_page!(FEATURES, area_supervisor: page_features => crate::pages::features::FeatureCataloguePage);
split_page!(EFFECTIVE_FEATURES, area_supervisor: page_effective_features => crate::pages::effective_features::EffectiveFeaturesPage);
split_page!(GROUPS, area_supervisor: page_groups => crate::pages::groups::GroupsPage);
split_page!(SERVER_CONFIG, area_supervisor: page_server_config => crate::pages::server_config::ServerConfigPage);
split_page!(SSO, area_supervisor: page_sso => crate::pages::sso::SsoWizardPage);
split_page!(MLFLOW, area_supervisor: page_mlflow => crate::pages::mlflow::connect::MlflowConnectPage);
split_page!(MLFLOW_USERS, area_supervisor: page_mlflow_users => crate::pages::mlflow::users::MlflowUsersPage);
split_page!(MLFLOW_USER, area_supervisor: page_mlflow_user => crate::pages::mlflow::user::MlflowUserPage);
split_page!(MLFLOW_ACCESS, area_supervisor: page_mlflow_access => crate::pages::mlflow::access::MlflowAccessPage);
split_page!(MLFLOW_ROLES, area_supervisor: page_mlflow_roles => crate::pages::mlflow::roles::MlflowRolesPage);
split_page!(MLFLOW_ROLE_MAPPING, area_supervisor: page_mlflow_role_mapping => crate::pages::mlflow::role_mapping::MlflowRoleMappingPage);
split_page!(OWN_LOGIN_ROUTING, area_own_tenant: page_own_login_routing => crate::pages::login_routing::OwnLoginRoutingPage);
split_page!(OWN_USERS, area_own_tenant: page_own_users => crate::pages::my_tenant::UsersPage);
split_page!(OWN_CREDENTIALS, area_own_tenant: page_own_credentials => crate::pages::my_tenant::CredentialsPage);
split_page!(OWN_GROUPS, area_own_tenant: page_own_groups => crate::pages::my_tenant::GroupsPage);
split_page!(ACTIVITY, area_own_tenant: page_activity => crate::pages::activity::ActivityPage);
