//! The tenants as the options of a `<select>`, one marked selected; empty until they have loaded.

use crate::components::tenants_store::TenantsStore;
use leptos::prelude::*;

#[component]
pub fn TenantOptions(#[prop(into)] selected: Signal<String>) -> impl IntoView {
    let store = TenantsStore::get();
    move || {
        match store.loaded() {
        Some(Ok(index)) => index
            .companies()
            .iter()
            .map(|c| {
                let id = c.id.clone();
                view! { <option value=c.id.clone() selected=move || selected.with(|s| *s == id)>{c.name.clone()}</option> }
            })
            .collect_view()
            .into_any(),
        _ => ().into_any(),
    }
    }
}
