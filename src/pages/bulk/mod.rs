//! Bulk onboarding (M13): a CSV or YAML file of tenants → every record checked, against each
//! other and the tenants that exist → the plan, call by call, with its shell script → the run, a
//! few tenants at a time, resumable → the report. The rules and the plan are core's `bulk`; the
//! state kept for this tab is `crate::bulk_import`.

mod checker;
mod input;
mod review;
pub(crate) mod run_panel;
pub(crate) mod runner;
pub(crate) mod secret_fields;

use crate::bulk_import::{BulkImport, RunOf};
use crate::components::page_header::{Crumb, PageHeader};
use crate::routes::AppRoute;
use checker::Checker;
use leptos::prelude::*;

#[component]
pub fn BulkImportPage() -> impl IntoView {
    let state = BulkImport::restore(RunOf::Import);
    provide_context(state);
    provide_context(Checker::for_page(state));
    let started = Memo::new(move |_| state.run.with(Option::is_some));
    view! {
        <PageHeader title="Import tenants".to_string() crumbs=vec![Crumb::link("Tenants", AppRoute::tenants())]/>
        <p class="hint page-lede">
            "Many tenants at once, from a CSV or YAML file: each with its settings, admin, email domains and whitelist. "
            "Every record is checked and the whole plan shown before anything is sent."
        </p>
        {move || if started.get() {
            view! { <run_panel::RunPanel/> }.into_any()
        } else {
            view! { <input::InputPanel/> <review::Review/> }.into_any()
        }}
    }
}
