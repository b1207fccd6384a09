//! Wizard page 2: the tenant's admin, created with role admin and internal, as the seed does.

use crate::components::field::{email_sent_as, TextField, TextValue};
use crate::onboarding::Wizard;
use leptos::prelude::*;
use tenantry_core::clearml::onboarding::{validate_admin, Page};

#[component]
pub fn AdminPage() -> impl IntoView {
    let wizard = Wizard::get();
    let name_touched = RwSignal::new(false);
    let email_touched = RwSignal::new(false);
    let admin_name = TextValue::of(wizard.draft, |d| &d.admin_name, |d| &mut d.admin_name);
    let admin_email = TextValue::of(wizard.draft, |d| &d.admin_email, |d| &mut d.admin_email);
    let checked =
        Signal::derive(move || wizard.draft.with(|d| validate_admin(&d.admin_name, &d.admin_email)).map(|_| ()));
    let errors = move || checked.get().err().unwrap_or_default();
    let next = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        name_touched.set(true);
        email_touched.set(true);
        if checked.get_untracked().is_ok() {
            wizard.page.set(Page::Review);
        }
    };
    view! {
        <form class="form" on:submit=next novalidate=true data-testid="wizard-admin">
            <h2>{move || format!("The admin of {}", wizard.tenant_name())}</h2>
            <p class="hint">
                "Created with role admin and as an internal user, so its credentials can run the tenant's "
                "Agent and App Gateway. Sign-in rules for everyone else come later, on the tenant's page."
            </p>
            <div class="form-grid">
                <TextField id="admin-name" label="Admin name" value=admin_name required=true touched=name_touched
                    error=Signal::derive(move || name_touched.get().then(|| errors().name).flatten()) autocomplete="off"/>
                <TextField id="admin-email" label="Admin email" value=admin_email required=true touched=email_touched
                    input_mode="email" sent_as=email_sent_as(admin_email) autocomplete="off"
                    error=Signal::derive(move || email_touched.get().then(|| errors().email).flatten())/>
            </div>
            <div class="form-actions sticky-actions">
                <button class="btn btn-primary" type="submit" data-testid="wizard-next">"Next: review"</button>
                <button class="btn" type="button" on:click=move |_| wizard.page.set(Page::Tenant)>"Back"</button>
                <span class="action-status" role="status" data-testid="form-status">
                    {move || (name_touched.get() || email_touched.get()).then(|| errors().summary()).flatten()}
                </span>
            </div>
        </form>
    }
}
