//! The MLflow pages' own tabs, under the page header.

use crate::routes::AppRoute;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use tenantry_core::app_route::link_is_current;

#[component]
pub fn MlflowTabs() -> impl IntoView {
    let location = use_location();
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
                let here = href.clone();
                let current = Memo::new(move |_| location.pathname.with(|p| link_is_current(p, &here, i == 0)));
                view! { <a href=href class=move || if current.get() { "tab active" } else { "tab" } aria-current=move || current.get().then_some("page")>{label}</a> }
            }).collect_view()}
        </nav>
    }
}
