//! A new tenant's fields: name, user limit and features. Shared by the New tenant form and the
//! onboarding wizard, so both check and show the same things.

use crate::components::feature_picker::FeaturePicker;
use crate::components::field::{Lens, TextField, TextValue};
use leptos::prelude::*;
use tenantry_core::clearml::tenant_form::{FieldErrors, TenantField, TenantForm};

#[component]
pub fn TenantFields(
    #[prop(into)] form: Lens<TenantForm>,
    name_touched: RwSignal<bool>,
    #[prop(into)] errors: Signal<FieldErrors>,
    /// The name's error as the page shows it (once touched, or as the server refused it).
    #[prop(into)]
    name_error: Signal<Option<String>>,
    #[prop(optional, into)] name_warning: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let name = TextValue::of(form, |f| &f.name, |f| &mut f.name);
    let allowed_users = TextValue::of(form, |f| &f.allowed_users, |f| &mut f.allowed_users);
    let users_error = Signal::derive(move || errors.with(|e| e.get(TenantField::AllowedUsers).map(str::to_owned)));
    view! {
        <div class="form-grid">
            <TextField id="tenant-name" label="Tenant name" value=name error=name_error required=true touched=name_touched
                hint="At least 3 characters; unique among tenants, ignoring case." autocomplete="off"
                warning=name_warning.unwrap_or_else(|| Signal::derive(|| None))/>
            <TextField id="allowed-users" label="Allowed users" value=allowed_users error=users_error input_mode="numeric"
                hint="Maximum number of users. Leave empty for the server's default." autocomplete="off"/>
        </div>
        <FeaturePicker form=form errors=errors/>
    }
}
