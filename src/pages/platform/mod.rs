//! The platform file (M16): every tenant as one YAML file kept in git. Export the live state,
//! plan an edited file against it (the drift report), apply the plan with the bulk import's run
//! (the same executor as `tenantry apply`), and plan again to see it in sync. The reader, planner
//! and executor are core's `platform`; this page only shows them.

mod export;
mod plan_view;
mod planner;

use crate::bulk_import::{BulkImport, RunOf};
use crate::components::page_header::{Crumb, PageHeader};
use crate::pages::bulk::run_panel::RunPanel;
use crate::routes::AppRoute;
use leptos::prelude::*;
use planner::Planner;

#[component]
pub fn PlatformFilePage() -> impl IntoView {
    let state = BulkImport::restore(RunOf::Apply);
    provide_context(state);
    let planner = Planner::for_page(state);
    provide_context(planner);
    let started = Memo::new(move |_| state.run.with(Option::is_some));
    // Back from a finished apply, the file is planned again: "in sync" is what the apply promised.
    Effect::watch(
        move || started.get(),
        move |now, before, _| {
            if before == Some(&true) && !now {
                planner.plan();
            }
        },
        false,
    );
    view! {
        <PageHeader title="Platform file".to_string() crumbs=vec![Crumb::link("Tenants", AppRoute::tenants())]/>
        <p class="hint page-lede">
            "Every tenant as one YAML file, kept in git and reviewed like any other change: export what the server has, "
            "edit it, plan it (the plan is the drift report) and apply it here or from a pipeline with the "
            <code>"tenantry"</code>" command. Only the fields a tenant lists in the file are managed; removals are applied only when you allow them; "
            "tenants the file does not name are left alone; secrets are never exported."
        </p>
        {move || if started.get() {
            view! { <RunPanel/> }.into_any()
        } else {
            view! { <export::ExportPanel/> <plan_view::FilePanel/> <plan_view::PlanPanel/> }.into_any()
        }}
    }
}
