//! Picks a set of features from the catalogue, one checkbox each, in the catalogue's order.

use leptos::prelude::*;
use tenantry_core::{FeatureName, FEATURES};

#[component]
pub fn FeatureChecklist(
    #[prop(into)] selected: Signal<Vec<FeatureName>>,
    on_toggle: Callback<(FeatureName, bool)>,
    /// Keeps the checkbox ids of several lists on one page apart.
    id_prefix: String,
    #[prop(into)] label: String,
) -> impl IntoView {
    view! {
        <fieldset class="feature-checklist">
            <legend class="visually-hidden">{label}</legend>
            {FEATURES.iter().map(|info| {
                let feature = info.feature();
                let id = format!("{id_prefix}-{}", info.name);
                view! {
                    <label class="checkbox" title=info.description class:row-deprecated=info.deprecated>
                        <input type="checkbox" id=id data-feature=info.name
                            prop:checked=move || selected.with(|s| s.contains(&feature))
                            on:change=move |ev| on_toggle.run((feature, event_target_checked(&ev)))/>
                        <code>{info.name}</code>
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}
