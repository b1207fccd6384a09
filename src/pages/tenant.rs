//! One tenant: its id, name and settings, and an editor for its features and user limit
//! (`system.update_company_settings`, which replaces both lists).

use crate::api::{tenants, Client};
use crate::components::alert::SuccessNote;
use crate::components::curl_preview::CurlPreview;
use crate::components::feature_picker::FeaturePicker;
use crate::components::field::{TextField, TextValue};
use crate::components::loaded::Loaded;
use crate::components::saving::Saving;
use crate::components::tenant_layout::TenantInView;
use crate::components::tenants_store::TenantsStore;
use crate::routes::{AppRoute, CurrentRoute};
use crate::session::Auth;
use leptos::prelude::*;
use tenantry_core::clearml::curl::CurlCall;
use tenantry_core::clearml::tenant_form::{validate_settings, TenantField, TenantForm};
use tenantry_core::clearml::wire::Company;
use tenantry_core::CompanyId;

#[component]
pub fn TenantPage() -> impl IntoView {
    let store = TenantsStore::get();
    let TenantInView { id, row } = TenantInView::get();
    // The detail is built once per tenant found; a reload of the list after a save must not
    // rebuild it and lose what the editor shows.
    let found = Memo::new(move |_| row.get().map(|r| r.map(|c| c.is_some())));

    view! {
        <Loaded source=found loading="Loading tenant…" failed="Could not load the tenant"
            on_retry=Callback::new(move |_| store.reload()) let:found>
            {match (found, row.get_untracked()) {
                (true, Some(Ok(Some(company)))) => view! { <TenantDetail company id=id.clone()/> }.into_any(),
                _ => view! {
                    <div class="empty-state" data-testid="tenant-not-found">
                        <p>{format!("No tenant has the id {id}.")}</p>
                    </div>
                }.into_any(),
            }}
        </Loaded>
    }
}

fn form_of(company: &Company) -> TenantForm {
    let s = company.defaults.clone().unwrap_or_default();
    TenantForm {
        name: company.name.clone(),
        allowed_users: s.allowed_users.unwrap_or_default(),
        features: s.features,
        exclude_features: s.exclude_features,
    }
}

#[component]
fn TenantDetail(company: Company, id: CompanyId) -> impl IntoView {
    let client = expect_context::<Client>();
    let auth = expect_context::<Auth>();
    let store = TenantsStore::get();
    let CurrentRoute(route) = expect_context();
    let just_created =
        Memo::new(move |_| route.with(|r| matches!(r, Some(AppRoute::Tenant { just_created: true, .. }))));
    let saved = RwSignal::new(form_of(&company));
    let form = RwSignal::new(saved.get_untracked());
    let checked = {
        let id = id.clone();
        Signal::derive(move || form.with(|f| validate_settings(&id, f)))
    };
    let errors = Signal::derive(move || checked.get().err().unwrap_or_default());
    let changed = move || form.with(|f| saved.with(|s| f != s));
    let saving = Saving::new();
    let created_note = Signal::derive(move || {
        (just_created.get() && !saving.busy() && !changed()).then(|| "Tenant created.".to_string())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Ok(req) = checked.get_untracked() {
            let sent = form.get_untracked();
            saving.run(async move { tenants::update_settings(client, &req).await }, move |_| {
                saved.set(sent);
                store.reload();
                Some("Settings saved.".into())
            });
        }
    };
    // "Settings saved." describes the form as sent; an edit after it makes it untrue.
    Effect::watch(move || form.track(), move |_, _, _| saving.clear_note(), false);
    let reset = move |_| form.set(saved.get_untracked());
    let reports_settings = company.defaults.is_some();

    view! {
        <SuccessNote message=created_note/>
        <dl class="facts" data-testid="tenant-facts">
            <div><dt>"Tenant id"</dt><dd><code data-testid="tenant-id">{company.id.clone()}</code></dd></div>
            <div><dt>"Name"</dt><dd data-testid="tenant-name">{company.name.clone()}</dd></div>
            <div><dt>"Status"</dt><dd>{if company.active { "Active" } else { "Inactive" }}</dd></div>
            <div><dt>"Allowed users"</dt><dd data-testid="tenant-allowed-users">{move || { let u = saved.get().allowed_users; if u.is_empty() { "server default".to_string() } else { u } }}</dd></div>
            <div><dt>"Enabled features"</dt><dd data-testid="tenant-features">{move || list_or(saved.get().features, "none")}</dd></div>
            <div><dt>"Excluded features"</dt><dd data-testid="tenant-excluded">{move || list_or(saved.get().exclude_features, "none")}</dd></div>
        </dl>
        {(!reports_settings).then(|| view! {
            <div class="alert alert-info" role="note">
                "This server does not report tenant settings, so the editor starts empty. Saving replaces the tenant's feature lists with what you pick here."
            </div>
        })}
        <form class="form" on:submit=submit novalidate=true data-testid="tenant-settings-form">
            <h2>"Settings"</h2>
            <div class="form-grid">
                <TextField id="allowed-users" label="Allowed users" value=TextValue::of(form, |f| &f.allowed_users, |f| &mut f.allowed_users)
                    error=Signal::derive(move || errors.with(|e| e.get(TenantField::AllowedUsers).map(str::to_owned)))
                    input_mode="numeric" hint="Maximum number of users. Leave empty to keep the current limit." autocomplete="off"/>
            </div>
            <FeaturePicker form=form errors=errors/>
            <CurlPreview call=Signal::derive(move || {
                let api_url = auth.api_url()?;
                checked.get().ok().map(|req| CurlCall::new(&api_url, tenants::UPDATE_SETTINGS, &req))
            })/>
            <div class="form-actions sticky-actions">
                <button class="btn btn-primary" type="submit" data-testid="save-settings"
                    disabled=move || saving.busy() || checked.get().is_err() || !changed()>
                    {move || saving.label("Save settings", "Saving…")}
                </button>
                <button class="btn" type="button" on:click=reset disabled=move || !changed()>"Discard changes"</button>
                <span class="action-status" role="status" data-testid="form-status">{move || errors.get().summary()}</span>
            </div>
            // Beside the button that was pressed, where the person is looking.
            {saving.view("The server did not save the settings")}
        </form>
    }
}

fn list_or(items: Vec<String>, empty: &str) -> String {
    if items.is_empty() {
        empty.to_string()
    } else {
        items.join(", ")
    }
}
