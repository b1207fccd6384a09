//! Tenantry: the supervisor console for a multi-tenant ClearML platform, as a Leptos CSR app.
//! A library so that the component tests in `tests/` can mount its pieces in a browser.

mod activity;
mod api;
mod app;
pub mod authorization;
mod bulk_import;
pub mod components;
mod deployment;
mod discovery;
mod focus_on_errors;
mod known_admins;
mod onboarding;
mod page_store;
mod pages;
mod perf;
mod persisted;
mod record_run;
mod routes;
mod server_design;
mod session;
mod split_page;
mod sso_wizard;
mod tab_storage;
pub mod unicode;

pub fn start() {
    console_error_panic_hook::set_once();
    tenantry_core::names::unicode::install(unicode::BROWSER);
    leptos::mount::mount_to_body(app::App);
}
