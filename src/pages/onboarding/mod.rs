//! The tenant onboarding wizard (M3): the tenant and its defaults → its admin → the plan of calls
//! → the run, step by step → the admin's credentials, shown once, with the Agent's values.
//! Everything typed and every step done is kept for this tab (see `crate::onboarding`).

mod admin_page;
mod result;
mod review;
mod run;
mod runner;
mod tenant_page;

use crate::components::page_header::{Crumb, PageHeader};
use crate::components::stepper::Stepper;
use crate::components::tenants_store::TenantsStore;
use crate::onboarding::Wizard;
use crate::routes::{query_param, replace_route, AppRoute};
use leptos::prelude::*;
use tenantry_core::clearml::onboarding::Page;
use tenantry_core::CompanyId;

const PAGES: [(Page, &str); 4] =
    [(Page::Tenant, "Tenant"), (Page::Admin, "Admin"), (Page::Review, "Review"), (Page::Run, "Run")];

#[component]
pub fn OnboardingPage() -> impl IntoView {
    let wizard = Wizard::get();
    let store = TenantsStore::get();
    // `?tenant=<id>`: give that existing tenant an admin, unless a run for another is under way.
    let asked_for = query_param("tenant");
    let replace = replace_route();
    let busy_with_another = Memo::new(move |_| {
        let asked = asked_for.get();
        !asked.is_empty() && wizard.started() && wizard.tenant_id().is_none_or(|c| c != asked)
    });
    Effect::new(move || {
        let asked = asked_for.get();
        if asked.is_empty() || busy_with_another.get() || wizard.existing().is_some_and(|c| c.as_str() == asked) {
            return;
        }
        if let (Some(Ok(index)), Ok(id)) = (store.loaded(), CompanyId::parse(&asked)) {
            if let Some(company) = index.find(&asked) {
                untrack(|| wizard.adopt(company, id));
                // The wizard now holds it; the address no longer needs to (and must not adopt it
                // again once the person starts over).
                replace(AppRoute::Onboarding);
            }
        }
    });
    // Once a call has gone out the inputs are fixed: the tenant may exist with that name.
    let page = Memo::new(move |_| if wizard.started() { Page::Run } else { wizard.page.get() });
    view! {
        <PageHeader title="Onboard a tenant".to_string() crumbs=vec![Crumb::link("Tenants", AppRoute::tenants())]/>
        <p class="hint page-lede">
            "Creates a tenant, its admin and the admin's credentials, as the seed's curl calls do. "
            "What you type is kept on this tab until you finish, also across a reload."
        </p>
        {move || busy_with_another.get().then(|| view! {
            <div class="alert alert-warning" role="alert" data-testid="wizard-busy">
                <p>"This tab is onboarding another tenant. Finish that run (or start over on its last page) before adding an admin to this one."</p>
            </div>
        })}
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
