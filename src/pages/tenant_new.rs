//! Create a tenant: name, user limit and features, checked as you type against SPEC's rules and the
//! tenants that exist; nothing is sent while anything is invalid.

use crate::api::{tenants, Client};
use crate::components::curl_preview::CurlPreview;
use crate::components::page_header::{Crumb, PageHeader};
use crate::components::saving::Saving;
use crate::components::tenant_fields::TenantFields;
use crate::components::tenants_store::TenantsStore;
use crate::routes::AppRoute;
use crate::session::Auth;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use tenantry_core::clearml::curl::CurlCall;
use tenantry_core::clearml::tenant_form::{validate_new_tenant, FieldErrors, TenantField, TenantForm};

#[component]
pub fn NewTenantPage() -> impl IntoView {
    let client = expect_context::<Client>();
    let auth = expect_context::<Auth>();
    let store = TenantsStore::get();
    let form = RwSignal::new(TenantForm::default());
    let name_touched = RwSignal::new(false);
    let taken = store.taken_names();
    let checked = Signal::derive(move || form.with(|f| taken.with(|t| validate_new_tenant(f, t))));
    let errors = Signal::derive(move || checked.get().err().unwrap_or_default());

    let saving = Saving::new();
    let navigate = use_navigate();
    let field_error = move |field: TenantField| errors.with(|e: &FieldErrors| e.get(field).map(str::to_owned));
    // A refusal that names the tenant name belongs under that field, not only in the page alert.
    let server_name_error = saving.refused_field("name");
    let name_error = Signal::derive(move || {
        name_touched.get().then(|| field_error(TenantField::Name)).flatten().or_else(|| server_name_error.get())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        name_touched.set(true);
        if let Ok(req) = checked.get_untracked() {
            let navigate = navigate.clone();
            saving.run(async move { tenants::create(client, &req).await }, move |id| {
                store.reload();
                navigate(&AppRoute::Tenant { id, just_created: true }.href(), Default::default());
                None
            });
        }
    };

    view! {
        <PageHeader title="New tenant".to_string() crumbs=vec![Crumb::link("Tenants", AppRoute::tenants())]/>
        <form class="form" on:submit=submit novalidate=true data-testid="new-tenant-form">
            <TenantFields form=form name_touched=name_touched errors=errors name_error=name_error/>
            <CurlPreview call=Signal::derive(move || {
                let api_url = auth.api_url()?;
                checked.get().ok().map(|req| CurlCall::new(&api_url, tenants::CREATE, &req))
            })/>
            <div class="form-actions sticky-actions">
                <button class="btn btn-primary" type="submit" data-testid="create-tenant" disabled=move || saving.busy() || checked.get().is_err()>
                    {move || saving.label("Create tenant", "Creating…")}
                </button>
                <a class="btn" href=AppRoute::tenants()>"Cancel"</a>
                <span class="action-status" role="status" data-testid="form-status">{move || errors.get().summary()}</span>
            </div>
            {saving.view("The server did not create the tenant")}
        </form>
    }
}
