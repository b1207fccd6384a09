//! The tabs of a tenant's hub that have no page of their own elsewhere: its admins and users,
//! its admins' credentials, its users' features, and what this console did to it. Overview,
//! login routing and SSO are `tenant.rs`, `login_routing.rs` and `tenant_sso.rs`.

pub mod activity;
pub mod credentials;
pub mod features;
pub mod users;
