//! Picks an experiment or a registered model from MLflow's own lists (or, for a role, all of
//! one type).

use leptos::prelude::*;
use tenantry_core::mlflow::wire::Catalog;
use tenantry_core::mlflow::{Resource, ResourceType};

#[derive(Clone, Copy)]
pub struct Picked {
    pub kind: RwSignal<ResourceType>,
    pub id: RwSignal<String>,
}

impl Picked {
    pub fn new() -> Self {
        Self { kind: RwSignal::new(ResourceType::Experiment), id: RwSignal::new(String::new()) }
    }

    pub fn resource(&self) -> Option<Resource> {
        let id = self.id.get();
        (!id.is_empty()).then(|| Resource { kind: self.kind.get(), id })
    }
}

#[component]
pub fn ResourcePicker(
    picked: Picked,
    #[prop(into)] catalog: Signal<Option<Catalog>>,
    /// Offer "all of this type" (`*`), as role permissions allow.
    #[prop(optional)]
    allow_all: bool,
    test_id: &'static str,
) -> impl IntoView {
    let options = move || catalog.with(|c| c.as_ref().map(|c| c.options(picked.kind.get())).unwrap_or_default());
    view! {
        <div class="resource-picker" data-testid=test_id>
            <label class="field-inline">
                "Type "
                <select data-testid="resource-type" on:change=move |ev| {
                    picked.kind.set(ResourceType::parse(&event_target_value(&ev)).unwrap_or(ResourceType::Experiment));
                    picked.id.set(String::new());
                }>
                    {ResourceType::ALL.into_iter().map(|t| view! {
                        <option value=t.as_str() selected=move || picked.kind.get() == t>{t.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field-inline">
                "Resource "
                <select data-testid="resource-id" prop:value=move || picked.id.get()
                    on:change=move |ev| picked.id.set(event_target_value(&ev))>
                    <option value="">"Choose…"</option>
                    {allow_all.then(|| view! { <option value="*">"All of this type (*)"</option> })}
                    {move || options().into_iter().map(|(id, label)| view! {
                        <option value=id.clone() selected=move || picked.id.get() == id>{label}</option>
                    }).collect_view()}
                </select>
            </label>
        </div>
    }
}
