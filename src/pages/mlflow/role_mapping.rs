//! The seed's role mapping: Keycloak roles or groups → MLflow levels, exported with the
//! `[mlflow]` section as the auth ini. Needs no connection: it is a file for the operator.

use super::tabs::MlflowTabs;
use crate::components::export_panel::ExportPanel;
use crate::components::field::{TextField, TextValue};
use crate::components::page_header::PageHeader;
use crate::persisted::Persisted;
use leptos::prelude::*;
use tenantry_core::mlflow::auth_ini::{
    AuthIniForm, IniField, MappedLevel, BASIC_FUNCTION, SSO_FUNCTION, TABLE_COLUMNS,
};
use tenantry_core::mlflow::Permission;

const KEPT: Persisted<AuthIniForm> = Persisted::new("mlflow-role-mapping");

#[component]
pub fn MlflowRoleMappingPage() -> impl IntoView {
    // The form lives in this tab's storage, so it is there again after another page or a reload.
    let form = RwSignal::new(KEPT.read().unwrap_or_default());
    KEPT.keep(move || form.get());
    // Checked once per change, for the field errors and both files.
    let checked = Memo::new(move |_| form.with(AuthIniForm::files));
    let error_for = move |field: IniField| {
        Signal::derive(move || {
            checked.with(|c| {
                let messages: Vec<String> = c
                    .as_ref()
                    .err()
                    .into_iter()
                    .flatten()
                    .filter(|(f, _)| *f == field)
                    .map(|(_, m)| m.clone())
                    .collect();
                (!messages.is_empty()).then(|| messages.join(" "))
            })
        })
    };
    let warnings = Memo::new(move |_| form.with(AuthIniForm::warnings));
    let mapping_field = move |level: MappedLevel, index: usize| {
        let value = TextValue::of(form, move |f| &f.mappings[index], move |f| &mut f.mappings[index]);
        let id = ["map-admin", "map-manage", "map-edit", "map-read"][index];
        view! {
            <TextField id=id label=level.key() value=value error=error_for(IniField::Mapping(level)) hint=level.meaning()
                    placeholder="Keycloak roles or groups, separated by commas"/>
        }
    };
    view! {
        <PageHeader title="MLflow role mapping"/>
        <MlflowTabs/>
        <p class="page-lede">
            "With SSO, MLflow creates each user at first sign-in and sets their permissions from the token's roles. A user with none of "
            "the mapped roles gets no permissions. This page writes the auth ini MLflow reads from " <code>"MLFLOW_AUTH_CONFIG_PATH"</code> "."
        </p>
        <div class="two-columns">
            <section class="card panel form" data-testid="role-mapping-form">
                <h2>"Server"</h2>
                <div class="field">
                    <label for="default-permission">"Default permission"</label>
                    <select id="default-permission" data-testid="default-permission" on:change=move |ev| {
                        if let Some(p) = Permission::parse(&event_target_value(&ev)) { form.update(|f| f.default_permission = p) }
                    }>
                        {Permission::DEFAULTS.iter().map(|p| view! {
                            <option value=p.as_str() selected=move || form.with(|f| f.default_permission == *p)>{p.as_str()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <TextField id="database-uri" label="Auth database URI" required=true
                    value=TextValue::of(form, |f| &f.database_uri, |f| &mut f.database_uri) error=error_for(IniField::DatabaseUri)/>
                <TextField id="admin-username" label="Admin username" required=true
                    value=TextValue::of(form, |f| &f.admin_username, |f| &mut f.admin_username) error=error_for(IniField::AdminUsername)
                    hint="The password stays a placeholder in the file: fill it in where the file is deployed."/>
                <TextField id="authorization-function" label="Authorization function" required=true
                    value=TextValue::of(form, |f| &f.authorization_function, |f| &mut f.authorization_function)
                    error=error_for(IniField::AuthorizationFunction)/>
                <div class="button-row">
                    <button class="btn btn-small" type="button" data-testid="use-sso-function"
                        on:click=move |_| form.update(|f| f.authorization_function = SSO_FUNCTION.into())>"SSO (the seed's jwt_auth)"</button>
                    <button class="btn btn-small" type="button" data-testid="use-basic-function"
                        on:click=move |_| form.update(|f| f.authorization_function = BASIC_FUNCTION.into())>"MLflow's basic auth"</button>
                </div>
                <h2>"Role mappings"</h2>
                {MappedLevel::ALL.into_iter().enumerate().map(|(i, level)| mapping_field(level, i)).collect_view()}
                {move || {
                    let w = warnings.get();
                    (!w.is_empty()).then(|| view! {
                        <ul class="warnings" data-testid="mapping-warnings">{w.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    })
                }}
            </section>
            <div>
                <DefaultPermissionTable chosen=Signal::derive(move || form.with(|f| f.default_permission))/>
                {move || match checked.get() {
                    Ok(files) => view! {
                        <ExportPanel title="Auth ini" filename="basic_auth.ini" mime="text/plain" test_id="auth-ini"
                            text=files.ini.clone() shown=files.ini note="Point MLFLOW_AUTH_CONFIG_PATH at this file."/>
                        <ExportPanel title="Helm values" filename="mlflow-values.yaml" test_id="mlflow-helm"
                            text=files.helm_values.clone() shown=files.helm_values
                            note="The same settings for the seed's chart (mlflow.auth and the SSO proxy's allowed groups)."/>
                    }.into_any(),
                    Err(_) => view! { <p class="alert alert-info" data-testid="ini-invalid">"Fix the fields marked in the form to get the file."</p> }.into_any(),
                }}
            </div>
        </div>
    }
}

/// The seed's table of what each default permission allows on resources a user does not own.
#[component]
fn DefaultPermissionTable(chosen: Signal<Permission>) -> impl IntoView {
    view! {
        <section class="card panel">
            <h2>"What the default allows"</h2>
            <p class="hint">"What a user can do on every resource they have no grant on and did not create."</p>
            <table class="table compact" data-testid="default-permission-table">
                <thead><tr><th>"Permission"</th>{TABLE_COLUMNS.iter().map(|c| view! { <th>{*c}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {Permission::DEFAULTS.iter().map(|p| {
                        let p = *p;
                        view! {
                            <tr class:chosen=move || chosen.get() == p data-permission=p.as_str()>
                                <th scope="row">{p.as_str()}</th>
                                {p.capabilities().iter().map(|yes| view! { <td>{if *yes { "Yes" } else { "No" }}</td> }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
