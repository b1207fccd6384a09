//! The pages that are fetched on their first visit, each in its own chunk (see `split_page`).
//! Sign-in and Tenants are not here: they are what a supervisor sees first.

use crate::split_page::split_page;

split_page!(NEW_TENANT, page_new_tenant => crate::pages::tenant_new::NewTenantPage);
split_page!(ONBOARDING, page_onboarding => crate::pages::onboarding::OnboardingPage);
split_page!(BULK_IMPORT, page_bulk_import => crate::pages::bulk::BulkImportPage);
split_page!(PLATFORM_FILE, page_platform_file => crate::pages::platform::PlatformFilePage);
split_page!(TENANT, page_tenant => crate::pages::tenant::TenantPage);
split_page!(TENANT_USERS, page_tenant_users => crate::pages::tenant_hub::users::TenantUsersPage);
split_page!(TENANT_CREDENTIALS, page_tenant_credentials => crate::pages::tenant_hub::credentials::TenantCredentialsPage);
split_page!(TENANT_FEATURES, page_tenant_features => crate::pages::tenant_hub::features::TenantFeaturesPage);
split_page!(TENANT_ACTIVITY, page_tenant_activity => crate::pages::tenant_hub::activity::TenantActivityPage);
split_page!(LOGIN_ROUTING, page_login_routing => crate::pages::login_routing::LoginRoutingPage);
split_page!(TENANT_SSO, page_tenant_sso => crate::pages::tenant_sso::TenantSsoPage);
split_page!(ROUTING_OVERVIEW, page_routing_overview => crate::pages::routing_overview::RoutingOverviewPage);
split_page!(FEATURES, page_features => crate::pages::features::FeatureCataloguePage);
split_page!(EFFECTIVE_FEATURES, page_effective_features => crate::pages::effective_features::EffectiveFeaturesPage);
split_page!(GROUPS, page_groups => crate::pages::groups::GroupsPage);
split_page!(SERVER_CONFIG, page_server_config => crate::pages::server_config::ServerConfigPage);
split_page!(SSO, page_sso => crate::pages::sso::SsoWizardPage);
split_page!(MLFLOW, page_mlflow => crate::pages::mlflow::connect::MlflowConnectPage);
split_page!(MLFLOW_USERS, page_mlflow_users => crate::pages::mlflow::users::MlflowUsersPage);
split_page!(MLFLOW_USER, page_mlflow_user => crate::pages::mlflow::user::MlflowUserPage);
split_page!(MLFLOW_ACCESS, page_mlflow_access => crate::pages::mlflow::access::MlflowAccessPage);
split_page!(MLFLOW_ROLES, page_mlflow_roles => crate::pages::mlflow::roles::MlflowRolesPage);
split_page!(MLFLOW_ROLE_MAPPING, page_mlflow_role_mapping => crate::pages::mlflow::role_mapping::MlflowRoleMappingPage);
split_page!(OWN_LOGIN_ROUTING, page_own_login_routing => crate::pages::login_routing::OwnLoginRoutingPage);
split_page!(OWN_USERS, page_own_users => crate::pages::my_tenant::UsersPage);
split_page!(OWN_CREDENTIALS, page_own_credentials => crate::pages::my_tenant::CredentialsPage);
split_page!(OWN_GROUPS, page_own_groups => crate::pages::my_tenant::GroupsPage);
split_page!(ACTIVITY, page_activity => crate::pages::activity::ActivityPage);
