//! MLflow roles (3.13+): create, give permissions on experiments and registered models (one or
//! all of a type), assign and unassign users, delete. The roles MLflow makes for each user's
//! direct grants are managed on the user's page instead.

use super::curl::MlflowCurl;
use super::resource_picker::{Picked, ResourcePicker};
use super::send;
use super::{CatalogRead, MlflowPage};
use crate::api::mlflow::Mlflow;
use crate::components::confirm::Confirm;
use crate::components::fetched::Fetched;
use crate::components::field::{TextField, TextValue};
use crate::components::loaded::Loaded;
use crate::components::saving::Saving;
use futures::future::join_all;
use leptos::prelude::*;
use tenantry_core::mlflow::account::check_role_name;
use tenantry_core::mlflow::wire::{AssignmentsAnswer, Catalog, MlflowUser, Role, RolesAnswer, UsersAnswer};
use tenantry_core::mlflow::{MlflowCall, Permission, ResourceType};
use tenantry_core::ApiError;

#[component]
pub fn MlflowRolesPage() -> impl IntoView {
    view! { <MlflowPage title="MLflow roles"><RolesView/></MlflowPage> }
}

#[derive(Clone)]
struct RolesData {
    roles: Vec<(Role, Vec<String>)>,
    users: Vec<MlflowUser>,
}

async fn load(mlflow: Mlflow) -> Result<RolesData, ApiError> {
    let roles = mlflow.fetch::<RolesAnswer>(MlflowCall::list_roles()).await?.roles;
    let users = mlflow.fetch::<UsersAnswer>(MlflowCall::list_users()).await?.users;
    let roles: Vec<Role> = roles.into_iter().filter(|r| !r.is_per_user()).collect();
    let members = join_all(roles.iter().map(|r| mlflow.fetch::<AssignmentsAnswer>(MlflowCall::role_users(r.id)))).await;
    let mut out = Vec::new();
    for (role, assigned) in roles.into_iter().zip(members) {
        let names = assigned?
            .assignments
            .iter()
            .filter_map(|a| users.iter().find(|u| u.id == a.user_id).map(|u| u.username.clone()))
            .collect();
        out.push((role, names));
    }
    Ok(RolesData { roles: out, users })
}

#[component]
fn RolesView() -> impl IntoView {
    let mlflow = Mlflow::get();
    if !mlflow.has_roles() {
        return view! {
            <div class="alert alert-info" role="status" data-testid="no-roles">
                "This MLflow server has no roles: grant permissions per user instead."
            </div>
        }
        .into_any();
    }
    let data = Fetched::new(move || async move { load(mlflow).await });
    let catalog = CatalogRead::new(mlflow);
    let catalog_ok = catalog.listed();
    let saving = Saving::new();
    let refresh = move || data.refetch();
    let names = Signal::derive(move || {
        data.get()
            .and_then(Result::ok)
            .map(|d| d.roles.iter().map(|(r, _)| r.name.clone()).collect())
            .unwrap_or_default()
    });
    view! {
        {catalog.failure()}
        <NewRoleForm names=names saving=saving on_created=refresh/>
        {saving.view("MLflow refused the change")}
        <Loaded source=Signal::derive(move || data.get()) loading="Loading roles…" failed="Could not list MLflow's roles"
            on_retry=Callback::new(move |_| refresh()) let:d>
            {if d.roles.is_empty() {
                view! { <p class="empty">"No roles yet."</p> }.into_any()
            } else {
                let users = d.users.clone();
                d.roles.into_iter().map(|(role, members)| view! {
                    <RoleCard role=role members=members users=users.clone() catalog=catalog_ok saving=saving on_change=refresh/>
                }).collect_view().into_any()
            }}
        </Loaded>
    }
    .into_any()
}

/// The new-role form, whole.
#[derive(Clone, Default, PartialEq)]
struct NewRole {
    name: String,
    description: String,
}

#[component]
fn NewRoleForm(
    names: Signal<Vec<String>>,
    saving: Saving,
    on_created: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let form = RwSignal::new(NewRole::default());
    let name = TextValue::of(form, |f| &f.name, |f| &mut f.name);
    let description = TextValue::of(form, |f| &f.description, |f| &mut f.description);
    let tried = RwSignal::new(false);
    let error = Signal::derive(move || tried.get().then(|| check_role_name(&name.get(), &names.get()).err()).flatten());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        let NewRole { name: n, description: d } = form.get_untracked();
        if check_role_name(&n, &names.get_untracked()).is_err() {
            return;
        }
        let call = MlflowCall::create_role(&n, &d);
        send(saving, vec![call], format!("Role {} created.", n.trim()), move || {
            form.set(NewRole::default());
            tried.set(false);
            on_created();
        });
    };
    view! {
        <form class="card panel form" on:submit=submit novalidate data-testid="new-role">
            <h2>"New role"</h2>
            <div class="form-grid">
                <TextField id="role-name" label="Name" required=true value=name error=error/>
                <TextField id="role-description" label="Description" value=description error=Signal::derive(|| None::<String>)/>
            </div>
            <button class="btn btn-primary" type="submit" data-testid="create-role">"Create role"</button>
        </form>
    }
}

#[component]
fn RoleCard(
    role: Role,
    members: Vec<String>,
    users: Vec<MlflowUser>,
    catalog: Signal<Option<Catalog>>,
    saving: Saving,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let role_id = role.id;
    let confirm = Confirm::get();
    let picked = Picked::new();
    let permission = RwSignal::new(Permission::Read);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (kind, pattern) = (picked.kind.get_untracked(), picked.id.get_untracked());
        if pattern.is_empty() {
            saving.refuse("Choose a resource, or all of the type, for the role's permission.".into());
            return;
        }
        let p = permission.get_untracked();
        send(
            saving,
            vec![MlflowCall::add_role_permission(role_id, kind, &pattern, p)],
            format!("Permission {p} added."),
            on_change,
        );
    };
    let candidates: Vec<String> =
        users.iter().filter(|u| !members.contains(&u.username)).map(|u| u.username.clone()).collect();
    let assignee = RwSignal::new(String::new());
    let assign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let who = assignee.get_untracked();
        if who.is_empty() {
            saving.refuse("Choose the user to assign.".into());
            return;
        }
        send(saving, vec![MlflowCall::assign_role(role_id, &who)], format!("{who} assigned."), on_change);
    };
    let role_name = role.name.clone();
    let delete = move |_| {
        let role_name = role_name.clone();
        let title = format!("Delete the role {role_name}?");
        Confirm::get().ask(title, "Its members lose the permissions it gives them.", "Delete", move || {
            send(saving, vec![MlflowCall::delete_role(role_id)], format!("Role {role_name} deleted."), on_change)
        });
    };
    view! {
        <section class="card panel role-card" data-role=role.name.clone() data-testid="role-card">
            <header class="card-head">
                <h2>{role.name.clone()}</h2>
                <button class="btn btn-small btn-danger" type="button" data-testid="delete-role" on:click=delete>
                    "Delete role"
                </button>
            </header>
            {role.description.clone().map(|d| view! { <p class="hint">{d}</p> })}
            <h3>"Permissions"</h3>
            {if role.permissions.is_empty() {
                view! { <p class="empty">"None yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list" data-testid="role-permissions">
                        {role.permissions.iter().map(|p| {
                            let id = p.id;
                            let kind = ResourceType::parse(&p.resource_type);
                            let pattern = p.resource_pattern.clone();
                            let permission = p.permission.clone();
                            let what = Signal::derive(move || match kind {
                                Some(k) => catalog.with(|c| c.clone().unwrap_or_default().describe(k, &pattern)),
                                None => pattern.clone(),
                            });
                            view! {
                                <li>
                                    <span><span class="badge">{p.permission.clone()}</span>" on "{what}</span>
                                    <button class="btn btn-small" type="button" data-testid="remove-role-permission"
                                        on:click=move |_| {
                                            let permission = permission.clone();
                                            confirm.ask(
                                                format!("Remove {permission} on {} from this role?", what.get_untracked()),
                                                "Every user holding the role loses it at once, unless a grant of their own gives it.",
                                                "Remove",
                                                move || send(saving, vec![MlflowCall::remove_role_permission(id)], "Permission removed.".into(), on_change),
                                            );
                                        }>
                                        "Remove"
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form class="inline-form" on:submit=add novalidate data-testid="add-role-permission">
                <ResourcePicker picked=picked catalog=catalog allow_all=true test_id="role-resource"/>
                <select aria-label="Permission" data-testid="role-permission" on:change=move |ev| {
                    if let Some(p) = Permission::parse(&event_target_value(&ev)) { permission.set(p) }
                }>
                    {Permission::GRANTABLE.iter().map(|p| view! { <option value=p.as_str()>{p.as_str()}</option> }).collect_view()}
                </select>
                <button class="btn" type="submit">"Add permission"</button>
            </form>
            <MlflowCurl call=Signal::derive(move || {
                let pattern = picked.id.get();
                (!pattern.is_empty()).then(|| MlflowCall::add_role_permission(role_id, picked.kind.get(), &pattern, permission.get()))
            })/>
            <h3>"Users"</h3>
            {if members.is_empty() {
                view! { <p class="empty">"Nobody has this role."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list" data-testid="role-members">
                        {members.iter().map(|m| {
                            let who = m.clone();
                            view! {
                                <li><span>{m.clone()}</span>
                                    <button class="btn btn-small" type="button" data-testid="unassign"
                                        on:click=move |_| send(saving, vec![MlflowCall::unassign_role(role_id, &who)], format!("{who} unassigned."), on_change)>
                                        "Unassign"
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form class="inline-form" on:submit=assign novalidate data-testid="assign-role">
                <select aria-label="User" data-testid="assign-user" on:change=move |ev| assignee.set(event_target_value(&ev))>
                    <option value="">"Choose a user…"</option>
                    {candidates.into_iter().map(|u| view! { <option value=u.clone()>{u.clone()}</option> }).collect_view()}
                </select>
                <button class="btn" type="submit">"Assign"</button>
            </form>
        </section>
    }
}
