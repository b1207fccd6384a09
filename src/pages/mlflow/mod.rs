//! MLflow access (M11): connection, users, permissions, roles and the role-mapping ini.

pub mod access;
pub mod connect;
mod curl;
mod resource_picker;
pub mod role_mapping;
pub mod roles;
pub mod tabs;
pub mod user;
pub mod users;

use crate::api::mlflow::Mlflow;
use crate::components::alert::ErrorAlert;
use crate::components::fetched::Fetched;
use crate::components::page_header::{Crumb, PageHeader};
use crate::components::saving::Saving;
use connect::ConnectForm;
use futures::future::join_all;
use leptos::prelude::*;
use tabs::MlflowTabs;
use tenantry_core::mlflow::wire::{
    Catalog, ExperimentsAnswer, MlflowUser, RegisteredModelsAnswer, UserAnswer, UsersAnswer,
};
use tenantry_core::mlflow::{ApiGeneration, MlflowCall};
use tenantry_core::ApiError;

/// Sends MLflow calls in order as one change, stopping at the first failure; `done` runs only if
/// all worked.
pub(crate) fn send(saving: Saving, calls: Vec<MlflowCall>, success: String, done: impl FnOnce() + 'static) {
    saving.run(send_all(Mlflow::get(), calls), move |()| {
        done();
        Some(success)
    });
}

/// The calls in order, stopping at the first failure.
pub(crate) async fn send_all(mlflow: Mlflow, calls: Vec<MlflowCall>) -> Result<(), ApiError> {
    for call in calls {
        mlflow.call(call).await?;
    }
    Ok(())
}

/// A page that calls MLflow: its heading, MLflow's tabs, and its content once connected.
#[component]
pub fn MlflowPage(
    #[prop(into)] title: Signal<String>,
    #[prop(optional)] crumbs: Vec<Crumb>,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <PageHeader title=title crumbs=crumbs/>
        <MlflowTabs/>
        <WhenConnected>{children()}</WhenConnected>
    }
}

/// The page's content once connected; until then the connection form, in place, so that a deep
/// link or a reload (which forgets the password) comes back to the same page.
#[component]
fn WhenConnected(children: ChildrenFn) -> impl IntoView {
    let mlflow = Mlflow::get();
    view! {
        <Show when=move || mlflow.connection().is_some() fallback=|| view! {
            <p class="hint" data-testid="mlflow-not-connected">"Connect to MLflow to see this page."</p>
            <ConnectForm/>
        }>
            {children()}
        </Show>
    }
}

/// Every user with the admin flag and their grants: servers before 3.13 list only names and ids,
/// so each user is read on its own there.
pub async fn load_users(mlflow: Mlflow) -> Result<Vec<MlflowUser>, ApiError> {
    let users = mlflow.fetch::<UsersAnswer>(MlflowCall::list_users()).await?.users;
    if mlflow.generation() != Some(ApiGeneration::Legacy) {
        return Ok(users);
    }
    let each = users.iter().map(|u| mlflow.fetch::<UserAnswer>(MlflowCall::get_user(&u.username)));
    join_all(each).await.into_iter().map(|a| a.map(|a| a.user)).collect()
}

/// Experiments and registered models, from MLflow's own lists.
async fn load_catalog(mlflow: Mlflow) -> Result<Catalog, ApiError> {
    let experiments: ExperimentsAnswer = mlflow.fetch(MlflowCall::list_experiments()).await?;
    let models: RegisteredModelsAnswer = mlflow.fetch(MlflowCall::list_registered_models()).await?;
    Ok(Catalog { experiments: experiments.experiments, models: models.registered_models })
}

/// A page's experiments and registered models, for its resource pickers and the names it shows:
/// read once, and a failed read said with Retry.
#[derive(Clone, Copy)]
pub struct CatalogRead(Fetched<Result<Catalog, ApiError>>);

impl CatalogRead {
    pub fn new(mlflow: Mlflow) -> Self {
        Self(Fetched::new(move || load_catalog(mlflow)))
    }

    /// The lists once read; `None` while reading or after a failure.
    pub fn listed(self) -> Signal<Option<Catalog>> {
        Signal::derive(move || self.0.get().and_then(Result::ok))
    }

    pub fn failure(self) -> impl IntoView {
        view! {
            <ErrorAlert error=Signal::derive(move || self.0.get().and_then(Result::err))
                context="Could not list experiments and models" on_retry=Callback::new(move |_| self.0.refetch())/>
        }
    }
}
