//! How far reading every tenant's login routing has come, and its failure with Retry.

use crate::components::alert::ErrorAlert;
use crate::components::routing_store::EveryTenant;
use leptos::prelude::*;

#[component]
pub fn RoutingProgress(
    every: EveryTenant,
    on_retry: Callback<()>,
    /// Why the page reads them, when it is not plain from the page.
    #[prop(optional)]
    why: &'static str,
) -> impl IntoView {
    let shown = move || every.started() && !every.progress.get().complete() && every.error.get().is_none();
    view! {
        <ErrorAlert error=every.error context="Could not read every tenant's login routing" on_retry=on_retry/>
        <Show when=shown>
            <div class="read-progress" role="status" data-testid="routing-progress">
                <progress max=move || every.progress.get().total value=move || every.progress.get().done></progress>
                <span>{move || {
                    let p = every.progress.get();
                    format!("Reading every tenant's login routing: {} of {}. {why}", p.done, p.total).trim_end().to_owned()
                }}</span>
            </div>
        </Show>
    }
}
