//! Users × one resource: every user's effective permission on an experiment or a registered
//! model as the server resolves it, with the reason read from their grants.

use super::resource_picker::{Picked, ResourcePicker};
use super::{CatalogRead, MlflowPage};
use crate::api::mlflow::Mlflow;
use crate::components::fetched::Fetched;
use crate::components::loaded::Loaded;
use crate::routes::AppRoute;
use futures::future::join_all;
use leptos::prelude::*;
use tenantry_core::mlflow::permission::explain;
use tenantry_core::mlflow::wire::{PermissionAnswer, UsersAnswer};
use tenantry_core::mlflow::{ApiGeneration, MlflowCall, Permission, Resource};
use tenantry_core::ApiError;

#[derive(Clone)]
struct Row {
    username: String,
    permission: Result<Permission, ApiError>,
    reason: String,
}

#[component]
pub fn MlflowAccessPage() -> impl IntoView {
    view! { <MlflowPage title="MLflow access by resource"><AccessMatrix/></MlflowPage> }
}

async fn rows(mlflow: Mlflow, resource: Resource) -> Result<Vec<Row>, ApiError> {
    let users = mlflow.fetch::<UsersAnswer>(MlflowCall::list_users()).await?.users;
    let answers = join_all(users.iter().map(|u| {
        let call = MlflowCall::effective(ApiGeneration::Current, &u.username, &resource);
        async move { mlflow.fetch::<PermissionAnswer>(call).await.map(|a| Permission::parse(&a.permission)) }
    }))
    .await;
    Ok(users
        .into_iter()
        .zip(answers)
        .map(|(u, answer)| {
            let why = explain(u.is_admin, &u.grants(), &resource);
            let permission = answer.map(|p| p.unwrap_or(why.effective(Permission::NoPermissions)));
            let reason = permission.as_ref().map(|p| why.reason(*p)).unwrap_or_default();
            Row { username: u.username, permission, reason }
        })
        .collect())
}

#[component]
fn AccessMatrix() -> impl IntoView {
    let mlflow = Mlflow::get();
    if mlflow.generation() == Some(ApiGeneration::Legacy) {
        return view! {
            <div class="alert alert-info" role="status">
                "This server (MLflow 3.12 or earlier) does not resolve effective permissions over its API: see each user's grants on their page."
            </div>
        }
        .into_any();
    }
    let catalog = CatalogRead::new(mlflow);
    let picked = Picked::new();
    let table = Fetched::new(move || {
        let resource = picked.resource();
        async move {
            match resource {
                Some(r) => Some(rows(mlflow, r).await),
                None => None,
            }
        }
    });
    view! {
        <section class="card panel">
            <p class="hint">"Pick an experiment or a registered model to see what every user can do with it."</p>
            {catalog.failure()}
            <ResourcePicker picked=picked catalog=catalog.listed() test_id="access-resource"/>
        </section>
        {move || picked.resource().is_some().then(|| view! {
            <Loaded source=Signal::derive(move || table.get().flatten()) loading="Reading every user's permission…"
                failed="Could not read the users' permissions" on_retry=Callback::new(move |_| table.refetch()) let:rows>
                <table class="table" data-testid="access-matrix">
                    <thead><tr><th>"User"</th><th>"Effective"</th><th>"Why"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| {
                            let (href, name) = (AppRoute::MlflowUser(r.username.clone()).href(), r.username.clone());
                            view! {
                            <tr data-user=r.username.clone()>
                                <td><a href=href>{name}</a></td>
                                <td>{match r.permission {
                                    Ok(p) => view! { <span class=format!("badge perm-{}", p.as_str().to_ascii_lowercase()) data-testid="matrix-permission">{p.as_str()}</span> }.into_any(),
                                    Err(e) => view! { <span class="field-error">{e.message()}</span> }.into_any(),
                                }}</td>
                                <td class="reason">{r.reason}</td>
                            </tr>
                        }}).collect_view()}
                    </tbody>
                </table>
            </Loaded>
        })}
    }
    .into_any()
}
