//! Tenantry's domain, free of any web dependency: it compiles natively for fast tests and into the
//! console's wasm, so every rule the console checks is the one tested here.

pub mod app_route;
pub mod bulk;
pub mod clearml;
pub mod export;
pub mod features;
pub mod login_routing;
pub mod mlflow;
pub mod names;
pub mod platform;
pub mod sso;
pub mod url_component;
pub mod words;

pub use clearml::api_error::ApiError;
pub use clearml::ids::{CompanyId, UserId};
pub use clearml::role::Role;
pub use clearml::tenant::{AllowedUsers, TenantName};
pub use features::feature::{FeatureInfo, FeatureName, FEATURES};
pub use names::domain::EmailDomain;
pub use names::email::EmailAddress;
