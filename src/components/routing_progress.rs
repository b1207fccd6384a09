//! How far reading every tenant's login routing has come, and its failure with Retry.

use crate::components::alert::ErrorAlert;
use crate::components::routing_store::{EveryTenant, RoutingStore};
use leptos::prelude::*;

#[component]
pub fn RoutingProgress(
    every: EveryTenant,
    on_retry: Callback<()>,
    /// Why the page reads them, when it is not plain from the page.
    #[prop(optional)]
    why: &'static str,
) -> impl IntoView {
    let store = RoutingStore::get();
    let shown = move || every.started() && !every.progress.get().complete() && every.error.get().is_none();
    let unchecked = move || {
        let names = store.unreadable();
        (every.progress.get().complete() && !names.is_empty()).then(|| names.join(", "))
    };
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
        {move || unchecked().map(|names| view! {
            <div class="alert alert-info" role="note" data-testid="unchecked-tenants">
                {format!("Not checked against {names}: this server does not say who their admins are, so their login routing could not be read. Name each one's admin on its login routing page.")}
            </div>
        })}
    }
}
