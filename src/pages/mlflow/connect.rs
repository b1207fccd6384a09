//! Connecting to an MLflow tracking server with an admin's username and password.

use super::tabs::MlflowTabs;
use crate::api::mlflow::Mlflow;
use crate::components::field::{TextField, TextValue};
use crate::components::page_header::PageHeader;
use crate::components::saving::Saving;
use crate::deployment::Deployment;
use leptos::prelude::*;
use tenantry_core::mlflow::connection::{cors_hint, ConnectField, ConnectForm};
use tenantry_core::mlflow::MlflowCall;
use tenantry_core::ApiError;

#[component]
pub fn MlflowConnectPage() -> impl IntoView {
    let mlflow = Mlflow::get();
    view! {
        <PageHeader title="MLflow"/>
        <MlflowTabs/>
        {move || match mlflow.connection() {
            Some(c) => view! {
                <section class="card panel" data-testid="mlflow-connection">
                    {move || match mlflow.lost() {
                        false => view! { <h2 data-testid="mlflow-state">"Connected"</h2> }.into_any(),
                        true => view! {
                            <h2 data-testid="mlflow-state">"Connection lost"</h2>
                            <div class="alert alert-warning" role="alert" data-testid="mlflow-lost">
                                <p>"The last call to MLflow got no answer: the server may be down, or no longer reachable from this browser. "
                                "A change sent then may or may not have been made."</p>
                                <button class="btn" type="button" data-testid="mlflow-check-again"
                                    on:click=move |_| leptos::task::spawn_local(async move { drop(mlflow.call(MlflowCall::version()).await) })>
                                    "Check again"
                                </button>
                            </div>
                        }.into_any(),
                    }}
                    <dl class="facts facts-2">
                        <div><dt>"Server"</dt><dd><code>{c.base.clone()}</code></dd></div>
                        <div><dt>"Version"</dt><dd data-testid="mlflow-version">{c.version.clone()}</dd></div>
                        <div><dt>"Admin"</dt><dd>{c.username.clone()}</dd></div>
                        <div><dt>"API"</dt><dd>
                            <span data-testid="mlflow-generation">{c.generation.describe()}</span>"; roles "
                            <span data-testid="mlflow-roles">{if c.roles { "available" } else { "not on this server" }}</span>
                        </dd></div>
                    </dl>
                    <div class="button-row">
                        <button class="btn" type="button" data-testid="mlflow-disconnect" on:click=move |_| mlflow.disconnect()>
                            "Disconnect"
                        </button>
                    </div>
                </section>
            }.into_any(),
            None => view! { <ConnectForm/> }.into_any(),
        }}
    }
}

#[component]
pub fn ConnectForm() -> impl IntoView {
    let mlflow = Mlflow::get();
    // A deployment's config.json may name the MLflow server; used while the field is empty, from
    // the start when it is already read, or as soon as it is.
    let deployment = Deployment::defaults();
    let configured = move || deployment.get_untracked().and_then(|d| d.mlflow_url);
    let mut initial = mlflow.last_form();
    if initial.url.trim().is_empty() {
        initial.url = configured().unwrap_or_default();
    }
    let form = RwSignal::new(initial);
    Effect::new(move || {
        if let Some(url) = deployment.get().and_then(|d| d.mlflow_url) {
            if form.with_untracked(|f| f.url.trim().is_empty()) {
                form.update(|f| f.url = url);
            }
        }
    });
    let tried = RwSignal::new(false);
    let checked = Memo::new(move |_| form.with(ConnectForm::check));
    let error_for = move |field: ConnectField| {
        Signal::derive(move || {
            if !tried.get() {
                return None;
            }
            checked.with(|c| c.as_ref().err().and_then(|e| e.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone())))
        })
    };
    let origin = window().location().origin().unwrap_or_default();
    let connecting = Saving::checking();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if let Ok(base) = checked.get_untracked() {
            let (f, hint) = (form.get_untracked(), cors_hint(&origin));
            let connect = async move {
                mlflow.connect(&f, base).await.map_err(|e| match (e, hint) {
                    (ApiError::Network(why), Some(hint)) => ApiError::Network(format!("{why}. {hint}")),
                    (other, _) => other,
                })
            };
            connecting.run(connect, |_| None);
        }
    };
    view! {
        <form class="card panel form narrow" on:submit=submit novalidate data-testid="mlflow-connect">
            <p class="hint">
                "The tracking server runs with " <code>"--app-name basic-auth"</code>
                ". The console calls it from this browser with an admin's username and password, which stay in this tab's memory: a reload asks again."
            </p>
            <TextField id="mlflow-url" label="MLflow address" required=true placeholder="http://127.0.0.1:5000"
                value=TextValue::of(form, |f| &f.url, |f| &mut f.url) error=error_for(ConnectField::Url)/>
            <TextField id="mlflow-username" label="Admin username" required=true autocomplete="username"
                value=TextValue::of(form, |f| &f.username, |f| &mut f.username) error=error_for(ConnectField::Username)/>
            <TextField id="mlflow-password" label="Password" required=true input_type="password" autocomplete="current-password"
                value=TextValue::of(form, |f| &f.password, |f| &mut f.password) error=error_for(ConnectField::Password)/>
            {connecting.view("Could not connect to MLflow")}
            <button class="btn btn-primary" type="submit" data-testid="mlflow-connect-submit" disabled=move || connecting.busy()>
                {move || connecting.label("Connect", "Connecting…")}
            </button>
        </form>
    }
}
