//! Picks, for each catalogue feature, whether a tenant inherits it, has it enabled or excluded.
//! One choice per feature, so "enabled and excluded at once" cannot be picked here at all.

use crate::components::field::Lens;
use leptos::prelude::*;
use tenantry_core::clearml::tenant_form::{warnings, FeatureChoice, FieldErrors, TenantField, TenantForm};
use tenantry_core::features::feature::FeatureSource;
use tenantry_core::FEATURES;

const CHOICES: [(FeatureChoice, &str); 3] =
    [(FeatureChoice::Inherit, "Inherit"), (FeatureChoice::Enabled, "Enable"), (FeatureChoice::Excluded, "Exclude")];

#[component]
pub fn FeaturePicker(#[prop(into)] form: Lens<TenantForm>, #[prop(into)] errors: Signal<FieldErrors>) -> impl IntoView {
    let summary = move || {
        form.with(|f| {
            format!("{} enabled · {} excluded · the rest inherited", f.features.len(), f.exclude_features.len())
        })
    };
    let list_error = move |field| move || errors.with(|e| e.get(field).map(str::to_owned));
    view! {
        <fieldset class="feature-picker" data-testid="feature-picker">
            <legend>"Features"</legend>
            <p class="hint">
                "Enabled features are added to the tenant; excluded ones are taken away. "
                "Inherit leaves the feature to the server's defaults."
            </p>
            <p class="feature-summary" data-testid="feature-summary">{summary}</p>
            {move || list_error(TenantField::Features)().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            {move || list_error(TenantField::ExcludeFeatures)().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <ul class="warnings">
                {move || form.with(warnings).into_iter().map(|w| view! { <li class="warning" data-testid="feature-warning">{w}</li> }).collect_view()}
            </ul>
            <table class="table feature-table">
                <thead>
                    <tr>
                        <th scope="col">"Feature"</th>
                        <th scope="col">"What it does"</th>
                        <th scope="col" class="choice-col">"For this tenant"</th>
                    </tr>
                </thead>
                <tbody>
                    {FEATURES.iter().map(|f| {
                        let name = f.name;
                        view! {
                            <tr data-feature=name class:row-deprecated=f.deprecated>
                                <th scope="row">
                                    <code>{name}</code>
                                    {f.deprecated.then(|| view! { <span class="badge badge-warn">"deprecated"</span> })}
                                    {f.since.map(|v| view! { <span class="badge">{format!("since {v}")}</span> })}
                                    {(f.source == FeatureSource::ApiReference).then(|| view! { <span class="badge" title="Listed in the enterprise API reference, not in the seeds' feature table">"API reference"</span> })}
                                </th>
                                <td>
                                    {f.description}
                                    {f.notes.map(|n| view! { <span class="note">{n}</span> })}
                                </td>
                                <td class="choice-col">
                                    <div class="segmented" role="radiogroup" aria-label=format!("{name} for this tenant")>
                                        {CHOICES.iter().map(|&(choice, label)| {
                                            let id = format!("feature-{name}-{}", label.to_ascii_lowercase());
                                            view! {
                                                <input
                                                    type="radio"
                                                    id=id.clone()
                                                    name=format!("feature-{name}")
                                                    prop:checked=move || form.with(|fm| fm.choice(name) == choice)
                                                    on:change=move |_| form.update(|fm| fm.set_choice(name, choice))
                                                />
                                                <label for=id>{label}</label>
                                            }
                                        }).collect_view()}
                                    </div>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </fieldset>
    }
}
