//! Tenantry's domain, free of any web dependency: it compiles natively for fast tests and into the
//! console's wasm, so every rule the console checks is the one tested here.

pub mod activity;
pub mod add_admin;
pub mod api_error;
pub mod bulk;
pub mod curl;
pub mod domain;
pub mod email;
pub mod env_value;
pub mod explain;
pub mod feature;
pub mod group;
pub mod ids;
pub mod keycloak_client;
pub mod mlflow;
pub mod oidc;
pub mod onboarding;
pub mod paste;
pub mod punycode;
pub mod readable_name;
pub mod role;
pub mod route;
pub mod routing;
pub mod server_config;
pub mod sign_in;
pub mod sso_config;
pub mod tenant;
pub mod tenant_admin;
pub mod tenant_form;
pub mod tenant_list;
pub mod tenant_sso;
pub mod wire;
pub mod yaml;

pub use api_error::ApiError;
pub use domain::EmailDomain;
pub use email::EmailAddress;
pub use feature::{FeatureInfo, FeatureName, FEATURES};
pub use ids::{CompanyId, UserId};
pub use role::Role;
pub use tenant::{AllowedUsers, TenantName};
