//! Wizard page 3: what will be created and each call that will do it, in order, before anything
//! is sent.

use super::runner;
use crate::components::curl_preview::CurlPreview;
use crate::components::tenants_store::TenantsStore;
use crate::onboarding::Wizard;
use crate::session::Auth;
use leptos::prelude::*;
use tenantry_core::clearml::onboarding::Page;
use tenantry_core::names::unicode::lowercase;

#[component]
pub fn ReviewPage() -> impl IntoView {
    let wizard = Wizard::get();
    let auth = expect_context::<Auth>();
    let store = TenantsStore::get();
    let taken = store.taken_names();
    let plan = Signal::derive(move || taken.with(|t| wizard.plan(t)));
    let api_url = auth.api_url().unwrap_or_default();
    let problem = move || {
        plan.get().err().map(|e| {
            let mut all: Vec<String> = [e.tenant.summary(), e.admin.summary()].into_iter().flatten().collect();
            all.dedup();
            all.join(" ")
        })
    };
    let run_plan = move |_| {
        if plan.with_untracked(Result::is_ok) {
            wizard.page.set(Page::Run);
            runner::start(wizard);
        }
    };
    let d = move || wizard.draft.get();
    let list = |items: Vec<String>| if items.is_empty() { "none".to_string() } else { items.join(", ") };
    view! {
        <section class="form" data-testid="wizard-review">
            <h2>"Review the plan"</h2>
            <dl class="facts">
                <div><dt>"Tenant"</dt><dd data-testid="review-tenant">{move || d().tenant.name.trim().to_owned()}{move || wizard.existing().map(|_| " (exists)")}</dd></div>
                <div><dt>"Allowed users"</dt><dd>{move || { let u = d().tenant.allowed_users; if u.trim().is_empty() { "server default".into() } else { u } }}</dd></div>
                <div><dt>"Enabled features"</dt><dd>{move || list(d().tenant.features)}</dd></div>
                <div><dt>"Excluded features"</dt><dd>{move || list(d().tenant.exclude_features)}</dd></div>
                <div><dt>"Admin"</dt><dd data-testid="review-admin">{move || format!("{} <{}>", d().admin_name.trim(), lowercase(d().admin_email.trim()))}</dd></div>
                <div><dt>"Admin role"</dt><dd>"admin, internal"</dd></div>
            </dl>
            <h3>"The calls, in order"</h3>
            <ol class="plan" data-testid="plan-calls">
                {move || plan.get().ok().map(|p| p.record(wizard.existing().as_ref()).calls.into_iter().map(|c| (c.kind, wizard.run.with(|r| r.curl(&c, &api_url)))).map(|(kind, call)| view! {
                    <li class="plan-call">
                        <p><strong>{kind.title()}</strong>" · "<code>{kind.endpoint()}</code></p>
                        <CurlPreview call=Signal::derive(move || Some(call.clone())) title="Show the curl command"/>
                    </li>
                }).collect_view())}
            </ol>
            {move || problem().map(|p| view! { <div class="alert alert-error" role="alert" data-testid="page-error">{p}</div> })}
            <div class="form-actions sticky-actions">
                <button class="btn btn-primary" type="button" data-testid="wizard-run" on:click=run_plan disabled=move || plan.get().is_err()>
                    "Run the plan"
                </button>
                <button class="btn" type="button" on:click=move |_| wizard.page.set(Page::Admin)>"Back"</button>
                <span class="hint">"Nothing has been sent yet."</span>
            </div>
        </section>
    }
}
