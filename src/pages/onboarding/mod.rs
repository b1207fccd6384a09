//! The tenant onboarding wizard (M3): the tenant and its defaults → its admin → the plan of calls
//! → the run, step by step → the admin's credentials, shown once, with the Agent's values.
//! Everything typed and every step done is kept for this tab (see `crate::onboarding`).

mod admin_page;
mod result;
mod review;
mod run;
mod tenant_page;

use crate::components::page_header::{Crumb, PageHeader};
use crate::components::stepper::Stepper;
use crate::onboarding::Wizard;
use crate::routes::AppRoute;
use leptos::prelude::*;
use tenantry_core::onboarding::Page;

const PAGES: [(Page, &str); 4] =
    [(Page::Tenant, "Tenant"), (Page::Admin, "Admin"), (Page::Review, "Review"), (Page::Run, "Run")];

#[component]
pub fn OnboardingPage() -> impl IntoView {
    let wizard = Wizard::get();
    // Once a call has gone out the inputs are fixed: the tenant may exist with that name.
    let page = Memo::new(move |_| if wizard.progress.with(|p| p.started()) { Page::Run } else { wizard.page.get() });
    view! {
        <PageHeader title="Onboard a tenant".to_string() crumbs=vec![Crumb::link("Tenants", AppRoute::tenants())]/>
        <p class="hint page-lede">
            "Creates a tenant, its admin and the admin's credentials, as the seed's curl calls do. "
            "What you type is kept on this tab until you finish, also across a reload."
        </p>
        <Stepper labels=PAGES.iter().map(|(_, label)| *label).collect()
            current=Signal::derive(move || PAGES.iter().position(|(p, _)| *p == page.get()).unwrap_or(0)) test_id="wizard-steps"/>
        {move || match page.get() {
            Page::Tenant => view! { <tenant_page::TenantPage/> }.into_any(),
            Page::Admin => view! { <admin_page::AdminPage/> }.into_any(),
            Page::Review => view! { <review::ReviewPage/> }.into_any(),
            Page::Run => view! { <run::RunPage/> }.into_any(),
        }}
    }
}
