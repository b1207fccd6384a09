//! The tenant's users' features, explained: the explainer with this tenant chosen.

use super::TenantHeader;
use crate::pages::effective_features::Explainer;
use crate::routes::{rebuilt_per, route_param};
use leptos::prelude::*;

#[component]
pub fn TenantFeaturesPage() -> impl IntoView {
    rebuilt_per(route_param(), |id: String| {
        view! {
            <TenantHeader id=id.clone() section="Features"/>
            <Explainer tenant_id=Signal::derive(move || id.clone())/>
        }
    })
}
