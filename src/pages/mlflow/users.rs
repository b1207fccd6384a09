//! MLflow users: list, create, set a password, grant or remove admin, delete.

use super::curl::MlflowCurl;
use super::user::load_user;
use super::{load_users, MlflowPage};
use super::{send, send_all};
use crate::api::mlflow::Mlflow;
use crate::components::confirm::Confirm;
use crate::components::fetched::Fetched;
use crate::components::field::{Checkbox, TextField, TextValue};
use crate::components::loaded::Loaded;
use crate::components::saving::Saving;
use crate::routes::AppRoute;
use leptos::prelude::*;
use tenantry_core::mlflow::account::{check_password, check_username};
use tenantry_core::mlflow::wire::MlflowUser;
use tenantry_core::mlflow::{ApiGeneration, MlflowCall};

#[component]
pub fn MlflowUsersPage() -> impl IntoView {
    view! { <MlflowPage title="MLflow users"><UsersView/></MlflowPage> }
}

#[component]
fn UsersView() -> impl IntoView {
    let mlflow = Mlflow::get();
    let users = Fetched::new(move || async move { load_users(mlflow).await });
    let names = Signal::derive(move || {
        users
            .get()
            .and_then(Result::ok)
            .map(|u| u.into_iter().map(|u| u.username).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let saving = Saving::new();
    let refresh = move || users.refetch();
    view! {
        <NewUserForm names=names saving=saving on_created=refresh/>
        {saving.view("MLflow refused the change")}
        <Loaded source=Signal::derive(move || users.get()) loading="Loading users…" failed="Could not list MLflow's users"
            on_retry=Callback::new(move |_| refresh()) let:list>
            <table class="table" data-testid="mlflow-users">
                <thead><tr><th>"Username"</th><th>"Role"</th><th>"Direct grants"</th><th class="actions-col">"Actions"</th></tr></thead>
                <tbody>
                    {list.into_iter().map(|u| view! { <UserRow user=u saving=saving on_change=refresh/> }).collect_view()}
                </tbody>
            </table>
        </Loaded>
    }
}

#[component]
fn UserRow(user: MlflowUser, saving: Saving, on_change: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let mlflow = Mlflow::get();
    let me = mlflow.connection().map(|c| c.username).unwrap_or_default();
    let is_me = user.username == me;
    let name = user.username.clone();
    let direct = user.grants().iter().filter(|g| g.is_direct()).count();
    let setting_password = RwSignal::new(false);
    let confirm = Confirm::get();
    let toggle_admin = {
        let name = name.clone();
        let make = !user.is_admin;
        move |_| {
            let note =
                if make { format!("{name} is now an MLflow admin.") } else { format!("{name} is no longer an admin.") };
            send(saving, vec![MlflowCall::update_admin(&name, make)], note, on_change);
        }
    };
    let generation = mlflow.generation().unwrap_or(ApiGeneration::Current);
    let delete_now = {
        let name = name.clone();
        move || {
            let name = name.clone();
            let change = {
                let name = name.clone();
                async move {
                    // Only a server before 3.13 needs the user's grants and roles (to take them
                    // away first), read now so that they are the ones the user has now.
                    let user = match generation {
                        ApiGeneration::Legacy => load_user(mlflow, &name).await?,
                        ApiGeneration::Current => MlflowUser { username: name, ..MlflowUser::default() },
                    };
                    let calls = MlflowCall::delete_user_and_grants(generation, &user);
                    let first = calls.len() - 1;
                    send_all(mlflow, calls).await.map(|()| first)
                }
            };
            saving.run(change, move |first| {
                on_change();
                Some(match first {
                    0 => format!("User {name} deleted."),
                    n => format!("User {name} deleted, after revoking its {n} grants and roles: MLflow before 3.13 refuses to delete a user who holds any."),
                })
            });
        }
    };
    let delete = {
        let name = name.clone();
        move |_| {
            let consequence = match generation {
                ApiGeneration::Legacy => "This MLflow (before 3.13) refuses to delete a user who holds grants or roles: its grants and roles are revoked first, then the user is deleted. Its runs and experiments stay.",
                ApiGeneration::Current => "The user can no longer sign in to MLflow; its runs and experiments stay.",
            };
            confirm.ask(format!("Delete the MLflow user {name}?"), consequence, "Delete", delete_now.clone());
        }
    };
    let href = AppRoute::MlflowUser(name.clone()).href();
    let shown = name.clone();
    view! {
        <tr data-user=name.clone()>
            <td><a href=href.clone()>{shown}</a>{is_me.then(|| view! { <span class="badge">"you"</span> })}</td>
            <td>{if user.is_admin { view! { <span class="badge badge-strong">"admin"</span> }.into_any() } else { "user".into_any() }}</td>
            <td>{direct}</td>
            <td class="row-actions">
                <a href=href class="btn btn-small">"Permissions"</a>
                <button class="btn btn-small" type="button" data-testid="set-password" disabled=is_me
                    title=if is_me { "MLflow asks for the current password to change your own: use MLflow's own page for that" } else { "" }
                    on:click=move |_| setting_password.update(|s| *s = !*s)>"Set password"</button>
                <button class="btn btn-small" type="button" data-testid="toggle-admin" disabled=is_me
                    title=if is_me { "You can't change your own admin flag here" } else { "" } on:click=toggle_admin>
                    {if user.is_admin { "Remove admin" } else { "Make admin" }}
                </button>
                <button class="btn btn-small btn-danger" type="button" data-testid="delete-user" disabled=is_me
                    title=if is_me { "MLflow refuses to delete the account you are connected as" } else { "" } on:click=delete>
                    "Delete"
                </button>
            </td>
        </tr>
        <Show when=move || setting_password.get()>
            <tr class="row-form"><td colspan="4"><PasswordForm username=name.clone() saving=saving on_done=move || setting_password.set(false)/></td></tr>
        </Show>
    }
}

#[component]
fn PasswordForm(username: String, saving: Saving, on_done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let error = Signal::derive(move || tried.get().then(|| check_password(&password.get()).err()).flatten());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if check_password(&password.get_untracked()).is_ok() {
            let call = MlflowCall::update_password(&username, &password.get_untracked());
            send(saving, vec![call], format!("Password of {username} changed."), on_done);
        }
    };
    view! {
        <form class="inline-form" on:submit=submit novalidate data-testid="password-form">
            <TextField id="new-password" label="New password" input_type="password" autocomplete="new-password" value=password error=error
                hint="At least 12 characters. A server with several workers may accept the old one until its auth cache expires (auth_cache_ttl_seconds)."/>
            <button class="btn btn-primary" type="submit">"Set password"</button>
        </form>
    }
}

/// The new-user form, whole.
#[derive(Clone, Default, PartialEq)]
struct NewUser {
    username: String,
    password: String,
    admin: bool,
}

#[component]
fn NewUserForm(
    names: Signal<Vec<String>>,
    saving: Saving,
    on_created: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let form = RwSignal::new(NewUser::default());
    let username = TextValue::of(form, |f| &f.username, |f| &mut f.username);
    let password = TextValue::of(form, |f| &f.password, |f| &mut f.password);
    let tried = RwSignal::new(false);
    let name_error =
        Signal::derive(move || tried.get().then(|| check_username(&username.get(), &names.get()).err()).flatten());
    let password_error = Signal::derive(move || tried.get().then(|| check_password(&password.get()).err()).flatten());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        let NewUser { username: name, password: pass, admin } = form.get_untracked();
        if check_username(&name, &names.get_untracked()).is_err() || check_password(&pass).is_err() {
            saving.clear();
            return;
        }
        let mut calls = vec![MlflowCall::create_user(&name, &pass)];
        if admin {
            calls.push(MlflowCall::update_admin(&name, true));
        }
        let mlflow = Mlflow::get();
        let change = async move {
            let sent = send_all(mlflow, calls).await;
            // Refused, most often because the name exists already (made elsewhere since the
            // table was read): the table is read again so that it shows what MLflow has.
            if sent.is_err() {
                on_created();
            }
            sent
        };
        saving.run(change, move |()| {
            form.set(NewUser::default());
            tried.set(false);
            on_created();
            Some(format!("User {name} created."))
        });
    };
    view! {
        <form class="card panel form" on:submit=submit novalidate data-testid="new-mlflow-user">
            <h2>"New user"</h2>
            <div class="form-grid">
                <TextField id="mlflow-new-username" label="Username" required=true autocomplete="off" value=username error=name_error/>
                <TextField id="mlflow-new-password" label="Password" required=true input_type="password" autocomplete="new-password"
                    value=password error=password_error hint="At least 12 characters."/>
            </div>
            <Checkbox form=form read=|f| f.admin write=|f, on| f.admin = on
                label="Admin (MANAGE on everything, and user administration)" test_id="new-user-admin"/>
            <button class="btn btn-primary" type="submit" data-testid="create-mlflow-user" disabled=move || saving.busy()>"Create user"</button>
            <MlflowCurl call=Signal::derive(move || {
                let name = username.get();
                (!name.trim().is_empty()).then(|| MlflowCall::create_user(&name, &password.get()))
            })/>
        </form>
    }
}
