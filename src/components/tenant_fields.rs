//! A new tenant's fields: name (with a warning when it reads like another tenant's), user limit and
//! features. Shared by the New tenant form and the onboarding wizard, so both check and show the
//! same things.

use crate::components::feature_picker::FeaturePicker;
use crate::components::field::{Lens, TextField, TextValue};
use crate::components::tenants_store::TenantsStore;
use leptos::prelude::*;
use tenantry_core::clearml::tenant_form::{FieldErrors, TenantField, TenantForm};
use tenantry_core::names::look_alike::{looks_like_message, Shapes};

#[component]
pub fn TenantFields(
    #[prop(into)] form: Lens<TenantForm>,
    name_touched: RwSignal<bool>,
    #[prop(into)] errors: Signal<FieldErrors>,
    /// The name's error as the page shows it (once touched, or as the server refused it).
    #[prop(into)]
    name_error: Signal<Option<String>>,
) -> impl IntoView {
    let store = TenantsStore::get();
    // The tenants' shapes are worked out once per list; each keystroke is then one lookup.
    let shapes = Memo::new(move |_| {
        store.loaded().and_then(Result::ok).map(|index| Shapes::new(index.names())).unwrap_or_default()
    });
    let look_alike = Signal::derive(move || {
        let name = form.with(|f| f.name.trim().to_owned());
        shapes.with(|s| s.looks_like(&name).map(|existing| looks_like_message(&name, existing)))
    });
    let name = TextValue::of(form, |f| &f.name, |f| &mut f.name);
    let allowed_users = TextValue::of(form, |f| &f.allowed_users, |f| &mut f.allowed_users);
    let users_error = Signal::derive(move || errors.with(|e| e.get(TenantField::AllowedUsers).map(str::to_owned)));
    view! {
        <div class="form-grid">
            <TextField id="tenant-name" label="Tenant name" value=name error=name_error required=true touched=name_touched
                hint="At least 3 characters; unique among tenants, ignoring case." autocomplete="off"
                warning=look_alike/>
            <TextField id="allowed-users" label="Allowed users" value=allowed_users error=users_error input_mode="numeric"
                hint="Maximum number of users. Leave empty for the server's default." autocomplete="off"/>
        </div>
        <FeaturePicker form=form errors=errors/>
    }
}
