//! The tenant's users' features, explained: the explainer with this tenant chosen.

use crate::components::tenant_layout::TenantInView;
use crate::pages::effective_features::Explainer;
use leptos::prelude::*;

#[component]
pub fn TenantFeaturesPage() -> impl IntoView {
    let id = TenantInView::get().id;
    view! { <Explainer tenant_id=Signal::derive(move || Some(id.clone()))/> }
}
