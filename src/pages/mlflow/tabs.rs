//! The MLflow pages' own tabs, under the page header.

use crate::routes::{link_current, AppRoute};
use leptos::prelude::*;

#[component]
pub fn MlflowTabs() -> impl IntoView {
    let tabs = [
        (AppRoute::Mlflow, "Connection"),
        (AppRoute::MlflowUsers, "Users"),
        (AppRoute::MlflowAccess, "Access by resource"),
        (AppRoute::MlflowRoles, "Roles"),
        (AppRoute::MlflowRoleMapping, "Role mapping"),
    ];
    view! {
        <nav class="tabs" aria-label="MLflow">
            {tabs.into_iter().enumerate().map(|(i, (route, label))| {
                let href = route.href();
                let current = link_current(href.clone(), i == 0);
                view! { <a href=href class=move || if current.get() { "tab active" } else { "tab" } aria-current=move || current.get().then_some("page")>{label}</a> }
            }).collect_view()}
        </nav>
    }
}
