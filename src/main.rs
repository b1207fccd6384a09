//! Tenantry: the supervisor console for a multi-tenant ClearML platform, as a Leptos CSR app.

mod api;
mod app;
mod components;
mod pages;
mod perf;
mod routes;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
