//! Create a tenant: name, user limit and features, checked as you type against SPEC's rules and the
//! tenants that exist; nothing is sent while anything is invalid.

use crate::api::{tenants, Client};
use crate::components::alert::ErrorAlert;
use crate::components::curl_preview::CurlPreview;
use crate::components::page_header::{Crumb, PageHeader};
use crate::components::tenant_fields::TenantFields;
use crate::components::tenants_store::TenantsStore;
use crate::routes::AppRoute;
use crate::session::Auth;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use tenantry_core::curl::CurlCall;
use tenantry_core::tenant_form::{validate_new_tenant, FieldErrors, TenantField, TenantForm};
use tenantry_core::wire::CreateCompany;

#[component]
pub fn NewTenantPage() -> impl IntoView {
    let client = expect_context::<Client>();
    let auth = expect_context::<Auth>();
    let store = TenantsStore::get();
    let name = RwSignal::new(String::new());
    let name_touched = RwSignal::new(false);
    let allowed_users = RwSignal::new(String::new());
    let features = RwSignal::new(TenantForm::default());
    let taken = store.taken_names();
    let form = move || TenantForm { name: name.get(), allowed_users: allowed_users.get(), ..features.get() };
    let checked = Signal::derive(move || taken.with(|t| validate_new_tenant(&form(), t)));
    let errors = Signal::derive(move || checked.get().err().unwrap_or_default());

    let create = Action::new_local(move |req: &CreateCompany| {
        let req = req.clone();
        async move { tenants::create(client, &req).await }
    });
    // A refusal that names the tenant name belongs under that field, not only in the page alert.
    let server_name_error = move || match create.value().get() {
        Some(Err(e)) if e.refused_field() == Some("name") => Some(e.message()),
        _ => None,
    };
    let navigate = use_navigate();
    Effect::new(move || {
        if let Some(Ok(id)) = create.value().get() {
            store.reload();
            navigate(&format!("{}?created=1", AppRoute::Tenant(id.to_string()).href()), Default::default());
        }
    });
    let field_error = move |field: TenantField| errors.with(|e: &FieldErrors| e.get(field).map(str::to_owned));
    let name_error = Signal::derive(move || {
        name_touched.get().then(|| field_error(TenantField::Name)).flatten().or_else(server_name_error)
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        name_touched.set(true);
        if let Ok(req) = checked.get_untracked() {
            create.dispatch(req);
        }
    };
    let page_error = Signal::derive(move || create.value().get().and_then(Result::err));
    let busy = move || create.pending().get();

    view! {
        <PageHeader title="New tenant".to_string() crumbs=vec![Crumb::link("Tenants", AppRoute::tenants())]/>
        <form class="form" on:submit=submit novalidate=true data-testid="new-tenant-form">
            <TenantFields name=name name_touched=name_touched allowed_users=allowed_users features=features errors=errors name_error=name_error/>
            <CurlPreview call=Signal::derive(move || {
                let api_url = auth.api_url()?;
                checked.get().ok().map(|req| CurlCall::new(&api_url, tenants::CREATE, &req))
            })/>
            <div class="form-actions sticky-actions">
                <button class="btn btn-primary" type="submit" data-testid="create-tenant" disabled=move || busy() || checked.get().is_err()>
                    {move || if busy() { "Creating…" } else { "Create tenant" }}
                </button>
                <a class="btn" href=AppRoute::tenants()>"Cancel"</a>
                <span class="action-status" role="status" data-testid="form-status">{move || errors.get().summary()}</span>
            </div>
            <ErrorAlert error=page_error context="The server did not create the tenant"/>
        </form>
    }
}
