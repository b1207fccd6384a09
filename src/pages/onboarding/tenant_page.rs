//! Wizard page 1: the tenant's name, user limit and features, checked like the New tenant form.

use crate::components::field::Lens;
use crate::components::tenant_fields::TenantFields;
use crate::components::tenants_store::TenantsStore;
use crate::onboarding::Wizard;
use crate::routes::AppRoute;
use leptos::prelude::*;
use tenantry_core::clearml::onboarding::Page;
use tenantry_core::clearml::tenant_form::{validate_new_tenant, TenantField};

#[component]
pub fn TenantPage() -> impl IntoView {
    let wizard = Wizard::get();
    move || match wizard.existing() {
        Some(id) => view! { <ExistingTenant id=id.to_string()/> }.into_any(),
        None => view! { <NewTenant/> }.into_any(),
    }
}

/// The tenant exists: nothing to fill in, only the way on or out.
#[component]
fn ExistingTenant(id: String) -> impl IntoView {
    let wizard = Wizard::get();
    view! {
        <section class="form" data-testid="wizard-existing-tenant">
            <h2>"The tenant"</h2>
            <p>
                "The wizard adds an admin and its credentials to the existing tenant "<strong><bdi>{move || wizard.tenant_name()}</bdi></strong>
                " ("<code>{id}</code>"), which has none. Its name and settings stay as they are."
            </p>
            <div class="form-actions">
                <button class="btn btn-primary" type="button" data-testid="wizard-next" on:click=move |_| wizard.page.set(Page::Admin)>"Next: the admin"</button>
                <button class="btn" type="button" data-testid="wizard-new-instead" on:click=move |_| wizard.start_over()>"Onboard a new tenant instead"</button>
            </div>
        </section>
    }
}

#[component]
fn NewTenant() -> impl IntoView {
    let wizard = Wizard::get();
    let store = TenantsStore::get();
    let taken = store.taken_names();
    let name_touched = RwSignal::new(wizard.draft.with_untracked(|d| !d.tenant.name.is_empty()));
    let form = create_read_slice(wizard.draft, |d| d.tenant.clone());
    let checked = Signal::derive(move || form.with(|f| taken.with(|t| validate_new_tenant(f, t))).map(|_| ()));
    let errors = Signal::derive(move || checked.get().err().unwrap_or_default());
    let field_error = move |field| errors.with(|e| e.get(field).map(str::to_owned));
    let next = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        name_touched.set(true);
        if checked.get_untracked().is_ok() {
            wizard.page.set(Page::Admin);
        }
    };
    view! {
        <form class="form" on:submit=next novalidate=true data-testid="wizard-tenant">
            <h2>"The tenant"</h2>
            <TenantFields form=Lens::of(wizard.draft, |d| &d.tenant, |d| &mut d.tenant) name_touched=name_touched errors=errors
                name_error=Signal::derive(move || name_touched.get().then(|| field_error(TenantField::Name)).flatten())/>
            <div class="form-actions sticky-actions">
                <button class="btn btn-primary" type="submit" data-testid="wizard-next">"Next: the admin"</button>
                <a class="btn" href=AppRoute::tenants()>"Cancel"</a>
                <span class="action-status" role="status" data-testid="form-status">
                    {move || name_touched.get().then(|| errors.get().summary()).flatten()}
                </span>
            </div>
        </form>
    }
}
