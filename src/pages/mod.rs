pub mod activity;
pub mod login_routing;
pub mod not_found;
pub mod onboarding;
pub mod sign_in;
pub mod tenant;
pub mod tenant_new;
pub mod tenants;
