//! Single sign-on: OpenID discovery, the server-wide SSO configuration, a tenant's own identity
//! provider, and the Keycloak client that matches it.

pub mod keycloak_client;
pub mod oidc;
pub mod sso_config;
pub mod tenant_sso;
