//! The ClearML apiserver as the console meets it: its wire types and errors, ids, tenants and
//! their forms, admins, credentials, sign-in, roles, and the curl command of a call.

pub mod activity;
pub mod add_admin;
pub mod api_error;
pub mod curl;
pub mod ids;
pub mod lenient;
pub mod onboarding;
pub mod role;
pub mod sign_in;
pub mod tenant;
pub mod tenant_admin;
pub mod tenant_form;
pub mod tenant_list;
pub mod wire;
