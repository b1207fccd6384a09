//! MLflow access (M11): connection, users, permissions, roles and the role-mapping ini.

pub mod access;
pub mod connect;
mod curl;
mod feedback;
mod resource_picker;
pub mod role_mapping;
pub mod roles;
pub mod user;
pub mod users;

use crate::api::mlflow::Mlflow;
use crate::routes::AppRoute;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use tenantry_core::mlflow::wire::{Catalog, ExperimentsAnswer, RegisteredModelsAnswer};
use tenantry_core::mlflow::MlflowCall;
use tenantry_core::ApiError;

/// The MLflow pages' own tabs, under the page header.
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
            {tabs.into_iter().map(|(route, label)| {
                let href = route.href();
                let here = href.clone();
                let current = move || location.pathname.with(|p| p == &here || (here != "/mlflow" && p.starts_with(&here)));
                view! { <A href=href attr:class=move || if current() { "tab active" } else { "tab" }>{label}</A> }
            }).collect_view()}
        </nav>
    }
}

/// The page's content once connected; until then, a pointer to the connection tab.
#[component]
pub fn WhenConnected(children: ChildrenFn) -> impl IntoView {
    let mlflow = Mlflow::get();
    view! {
        <Show when=move || mlflow.connection().is_some() fallback=|| view! {
            <div class="alert alert-info" role="status" data-testid="mlflow-not-connected">
                "Not connected to MLflow. " <A href=AppRoute::Mlflow.href()>"Connect with an admin's username and password"</A>
                " first; they are kept in this tab's memory only."
            </div>
        }>
            {children()}
        </Show>
    }
}

/// Experiments and registered models, from MLflow's own lists.
pub async fn load_catalog(mlflow: Mlflow) -> Result<Catalog, ApiError> {
    let experiments: ExperimentsAnswer = mlflow.fetch(MlflowCall::list_experiments()).await?;
    let models: RegisteredModelsAnswer = mlflow.fetch(MlflowCall::list_registered_models()).await?;
    Ok(Catalog { experiments: experiments.experiments, models: models.registered_models })
}
