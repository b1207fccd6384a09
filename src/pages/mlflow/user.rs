//! One MLflow user's permissions: their grants (direct and through roles), grant, change and
//! revoke on experiments and registered models, and the effective permission on a resource
//! with the reason for it.

use super::curl::MlflowCurl;
use super::resource_picker::{Picked, ResourcePicker};
use super::send;
use super::{CatalogRead, MlflowPage};
use crate::api::mlflow::Mlflow;
use crate::components::confirm::Confirm;
use crate::components::fetched::Fetched;
use crate::components::loaded::Loaded;
use crate::components::page_header::Crumb;
use crate::components::saving::Saving;
use crate::routes::route_param;
use crate::routes::AppRoute;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tenantry_core::mlflow::permission::{explain, legacy_answer, Grant};
use tenantry_core::mlflow::wire::{
    Catalog, LegacyPermissionAnswer, MlflowUser, PermissionAnswer, RolesAnswer, UserAnswer,
};
use tenantry_core::mlflow::{ApiGeneration, MlflowCall, Permission, Resource, ResourceType};
use tenantry_core::ApiError;

/// The user with every grant they hold, whichever generation the server is.
pub async fn load_user(mlflow: Mlflow, username: &str) -> Result<MlflowUser, ApiError> {
    let mut user = mlflow.fetch::<UserAnswer>(MlflowCall::get_user(username)).await?.user;
    if mlflow.has_roles() {
        user.roles = mlflow.fetch::<RolesAnswer>(MlflowCall::user_roles(username)).await?.roles;
    }
    Ok(user)
}

#[component]
pub fn MlflowUserPage() -> impl IntoView {
    let name = route_param();
    view! {
        <MlflowPage title=Signal::derive(move || format!("MLflow user · {}", name.get()))
            crumbs=vec![Crumb::link("MLflow users", AppRoute::MlflowUsers.href())]>
            {move || view! { <UserPermissions username=name.get()/> }}
        </MlflowPage>
    }
}

#[component]
fn UserPermissions(username: String) -> impl IntoView {
    let mlflow = Mlflow::get();
    let generation = mlflow.generation().unwrap_or(ApiGeneration::Current);
    let user = {
        let username = username.clone();
        Fetched::new(move || {
            let username = username.clone();
            async move { load_user(mlflow, &username).await }
        })
    };
    let catalog = CatalogRead::new(mlflow);
    let catalog_ok = catalog.listed();
    let saving = Saving::new();
    let refresh = move || user.refetch();
    let loaded = Signal::derive(move || user.get().and_then(Result::ok));
    let shown = StoredValue::new(username.clone());
    view! {
        {catalog.failure()}
        {saving.view("MLflow refused the change")}
        <Loaded source=Signal::derive(move || user.get()) loading="Loading permissions…" failed="Could not read the user's permissions"
            on_retry=Callback::new(move |_| refresh()) let:u>
            <GrantsTable user=u username=shown.get_value() catalog=catalog_ok saving=saving on_change=refresh generation=generation/>
        </Loaded>
        <div class="two-columns">
            <GrantForm username=username.clone() user=loaded catalog=catalog_ok saving=saving on_change=refresh generation=generation/>
            <EffectiveCheck username=username catalog=catalog_ok generation=generation/>
        </div>
    }
}

fn resource_of(grant: &Grant) -> Option<Resource> {
    Some(Resource { kind: ResourceType::parse(&grant.resource_type)?, id: grant.resource_pattern.clone() })
}

#[component]
fn GrantsTable(
    user: MlflowUser,
    username: String,
    catalog: Signal<Option<Catalog>>,
    saving: Saving,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
    generation: ApiGeneration,
) -> impl IntoView {
    let confirm = Confirm::get();
    // Grants on other resource types (prompts, scorers, …) are not this page's.
    let grants: Vec<(Grant, Resource)> =
        user.grants().into_iter().filter_map(|g| resource_of(&g).map(|r| (g, r))).collect();
    let admin_note = user.is_admin.then(|| {
        view! { <p class="hint" data-testid="admin-note">"This user is an MLflow admin: MANAGE on everything, whatever the grants say."</p> }
    });
    if grants.is_empty() {
        return view! {
            <section class="card panel"><h2>"Grants"</h2>{admin_note}
                <p class="empty" data-testid="no-grants">"No grants on experiments or registered models: the server's default permission applies everywhere."</p>
            </section>
        }
        .into_any();
    }
    view! {
        <section class="card panel">
            <h2>"Grants"</h2>
            {admin_note}
            <table class="table" data-testid="user-grants">
                <thead><tr><th>"Resource"</th><th>"Permission"</th><th>"From"</th><th class="actions-col">"Actions"</th></tr></thead>
                <tbody>
                    {grants.into_iter().map(|(g, resource)| {
                        let label = Signal::derive({
                            let (kind, pattern) = (resource.kind, g.resource_pattern.clone());
                            move || catalog.with(|c| c.clone().unwrap_or_default().describe(kind, &pattern))
                        });
                        let direct = g.is_direct();
                        let from = if direct { "granted directly".to_owned() } else { format!("role {}", g.role_name) };
                        let change = {
                            let (username, resource, id, current) = (username.clone(), resource.clone(), g.id, g.permission.clone());
                            move |ev: leptos::ev::Event| {
                                let Some(p) = Permission::parse(&event_target_value(&ev)) else { return };
                                if p.as_str() == current { return }
                                let call = MlflowCall::change(generation, &username, &resource, id, p);
                                send(saving, vec![call], format!("{username} now has {p} on it."), on_change);
                            }
                        };
                        let revoke = {
                            let (username, permission) = (username.clone(), g.permission.clone());
                            move |_| {
                                let (username, resource) = (username.clone(), resource.clone());
                                confirm.ask(
                                    format!("Revoke {username}'s {permission} on {}?", label.get_untracked()),
                                    "They lose this access at once; a role they hold may still grant some of it.",
                                    "Revoke",
                                    move || send(saving, vec![MlflowCall::revoke(generation, &username, &resource)], "Grant revoked.".into(), on_change),
                                );
                            }
                        };
                        let permission = g.permission.clone();
                        view! {
                            <tr data-resource=g.resource_pattern.clone() data-testid="grant-row">
                                <td>{label}</td>
                                <td>
                                    {if direct {
                                        view! {
                                            <select data-testid="grant-permission" aria-label="Permission" on:change=change>
                                                {generation.grantable().iter().map(|p| view! {
                                                    <option value=p.as_str() selected=p.as_str() == permission>{p.as_str()}</option>
                                                }).collect_view()}
                                            </select>
                                        }.into_any()
                                    } else {
                                        view! { <span class="badge" data-testid="grant-permission-fixed">{permission.clone()}</span> }.into_any()
                                    }}
                                </td>
                                <td>{from}</td>
                                <td class="row-actions">
                                    {if direct {
                                        view! { <button class="btn btn-small btn-danger" type="button" data-testid="revoke-grant" on:click=revoke>"Revoke"</button> }.into_any()
                                    } else {
                                        view! { <a class="btn btn-small" href=AppRoute::MlflowRoles.href()>"Edit the role"</a> }.into_any()
                                    }}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
    .into_any()
}

#[component]
fn GrantForm(
    username: String,
    user: Signal<Option<MlflowUser>>,
    catalog: Signal<Option<Catalog>>,
    saving: Saving,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
    generation: ApiGeneration,
) -> impl IntoView {
    let picked = Picked::new();
    let permission = RwSignal::new(Permission::Read);
    let shown_user = username.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(resource) = picked.resource() else {
            saving.refuse("Choose the experiment or registered model to grant on.".into());
            return;
        };
        let existing = user.with_untracked(|u| {
            u.as_ref().and_then(|u| {
                u.grants().into_iter().find(|g| g.is_direct() && resource_of(g).as_ref() == Some(&resource))
            })
        });
        if let Some(g) = existing {
            saving.refuse(format!("{username} already has {} on it: change it in the table above.", g.permission));
            return;
        }
        let p = permission.get_untracked();
        let call = MlflowCall::grant(generation, &username, &resource, p);
        send(saving, vec![call], format!("Granted {p} to {username}."), on_change);
    };
    view! {
        <form class="card panel form" on:submit=submit novalidate data-testid="grant-form">
            <h2>"Grant"</h2>
            <ResourcePicker picked=picked catalog=catalog test_id="grant-resource"/>
            <label class="field-inline">
                "Permission "
                <select data-testid="grant-new-permission" on:change=move |ev| {
                    if let Some(p) = Permission::parse(&event_target_value(&ev)) { permission.set(p) }
                }>
                    {generation.grantable().iter().map(|p| view! { <option value=p.as_str()>{p.as_str()}</option> }).collect_view()}
                </select>
            </label>
            <p class="hint">{match generation {
                ApiGeneration::Current => "DENY wins over every other grant the user has on the resource, from any role.",
                ApiGeneration::Legacy => "One grant per user and resource on this server; change an existing one in the table above.",
            }}</p>
            <button class="btn btn-primary" type="submit" data-testid="grant-submit" disabled=move || saving.busy()>"Grant"</button>
            <MlflowCurl call=Signal::derive(move || picked.resource().map(|r| MlflowCall::grant(generation, &shown_user, &r, permission.get())))/>
        </form>
    }
}

/// The permission as the server reports it and why: on a current server its own resolution,
/// explained from the user's grants; on an older one only the user's own grant, if any.
async fn effective(
    mlflow: Mlflow,
    generation: ApiGeneration,
    username: &str,
    resource: &Resource,
) -> Result<(String, String), ApiError> {
    let call = MlflowCall::effective(generation, username, resource);
    if generation == ApiGeneration::Legacy {
        let own = match mlflow.fetch::<LegacyPermissionAnswer>(call).await {
            Ok(a) => Permission::parse(&a.grant.permission),
            Err(ApiError::NotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        let user = load_user(mlflow, username).await?;
        let role_grants: Vec<_> = user.roles.iter().flat_map(|r| r.grants()).collect();
        return Ok(legacy_answer(user.is_admin, own, &role_grants, resource));
    }
    let p = Permission::parse(&mlflow.fetch::<PermissionAnswer>(call).await?.permission)
        .unwrap_or(Permission::NoPermissions);
    // Read again rather than taken from the page, whose copy may still be reloading after a
    // change: the reason must describe the grants the server just resolved.
    let user = load_user(mlflow, username).await?;
    Ok((p.to_string(), explain(user.is_admin, &user.grants(), resource).reason(p)))
}

#[component]
fn EffectiveCheck(username: String, catalog: Signal<Option<Catalog>>, generation: ApiGeneration) -> impl IntoView {
    let mlflow = Mlflow::get();
    let picked = Picked::new();
    let answer = RwSignal::new(None::<Result<(String, String), String>>);
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(resource) = picked.resource() else {
            answer.set(Some(Err("Choose the experiment or registered model to check.".into())));
            return;
        };
        let username = username.clone();
        spawn_local(async move {
            let result = effective(mlflow, generation, &username, &resource).await;
            answer.set(Some(result.map_err(|e| e.message())));
        });
    };
    view! {
        <form class="card panel form" on:submit=check novalidate data-testid="effective-form">
            <h2>"Effective permission"</h2>
            <ResourcePicker picked=picked catalog=catalog test_id="effective-resource"/>
            <button class="btn" type="submit" data-testid="effective-submit">"Check"</button>
            {move || answer.get().map(|a| match a {
                Ok((p, why)) => view! {
                    <div class="effective" data-testid="effective-answer">
                        <span class="badge badge-strong" data-testid="effective-permission">{p}</span>
                        <p data-testid="effective-reason">{why}</p>
                    </div>
                }.into_any(),
                Err(why) => view! { <div class="alert alert-error" role="alert" data-testid="effective-error">{why}</div> }.into_any(),
            })}
        </form>
    }
}
