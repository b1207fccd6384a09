//! Wizard page 4: runs the plan step by step, saving progress before each call, and on a failure
//! shows what exists already and resumes from the failed step.

use super::result::ResultPanel;
use crate::api::{credentials, tenants, users, Client};
use crate::components::tenants_store::TenantsStore;
use crate::onboarding::Wizard;
use crate::routes::AppRoute;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tenantry_core::onboarding::{find_admin, find_tenant, leftover_credentials, Made, Outcome, Plan, Step, StepState};
use tenantry_core::tenant::TakenNames;
use tenantry_core::wire::{Acting, IssuedCredentials};
use tenantry_core::{ApiError, CompanyId, UserId};

/// Runs what is left of the plan. A step whose call may have happened without an answer is
/// looked up on the server before it is sent again.
pub fn start(wizard: Wizard, plan: Plan) {
    if wizard.running.get_untracked() {
        return;
    }
    let client = expect_context::<Client>();
    let store = use_context::<TenantsStore>();
    wizard.running.set(true);
    spawn_local(async move {
        while let Some(step) = wizard.progress.try_with_untracked(|p| p.next()).flatten() {
            let look_first = wizard.progress.with_untracked(|p| p.must_look_first(step));
            wizard.progress.update(|p| p.sending(step));
            wizard.save_now();
            let outcome = match step {
                Step::Tenant => tenant(client, &plan, look_first).await,
                Step::Admin => {
                    let company = wizard.progress.with_untracked(|p| p.company_id().cloned()).expect("tenant first");
                    admin(client, &plan, company, look_first).await
                }
                Step::Credentials => {
                    let user = wizard.progress.with_untracked(|p| p.admin_id().cloned()).expect("admin first");
                    credentials(client, &user, look_first).await.map(|issued| {
                        let key = issued.access_key.clone();
                        wizard.credentials.try_set(Some(issued));
                        Outcome::Credentials(key)
                    })
                }
            };
            let failed = outcome.is_err();
            let recorded = wizard.progress.try_update(|p| match outcome {
                Ok(o) => p.succeeded(o),
                Err(e) => p.failed(step, &e),
            });
            if recorded.is_none() {
                return;
            }
            wizard.save_now();
            if failed {
                break;
            }
        }
        wizard.running.try_set(false);
        if let Some(store) = store {
            store.reload();
        }
    });
}

async fn tenant(client: Client, plan: &Plan, look_first: bool) -> Result<Outcome, ApiError> {
    if look_first {
        let same_name = tenants::named(client, plan.tenant.name.as_str()).await?;
        if let Some(id) = find_tenant(&same_name, plan) {
            return Ok(Outcome::Tenant(Made { id, found: true }));
        }
    }
    let id = tenants::create(client, &plan.tenant).await?;
    Ok(Outcome::Tenant(Made { id, found: false }))
}

async fn admin(client: Client, plan: &Plan, company: CompanyId, look_first: bool) -> Result<Outcome, ApiError> {
    if look_first {
        let people = users::of_tenant(client, &company).await?;
        if let Some(id) = find_admin(&people, plan, &company) {
            return Ok(Outcome::Admin(Made { id, found: true }));
        }
    }
    let id = users::create_admin(client, &plan.create_admin(company)).await?;
    Ok(Outcome::Admin(Made { id, found: false }))
}

/// Credentials whose secret never reached the page are of no use to anyone: revoke them first.
async fn credentials(client: Client, user: &UserId, look_first: bool) -> Result<IssuedCredentials, ApiError> {
    let acting = Some(Acting::ImpersonateAs(user.clone()));
    if look_first {
        for key in leftover_credentials(&credentials::list(client, acting.as_ref()).await?) {
            credentials::revoke(client, acting.as_ref(), &key).await?;
        }
    }
    credentials::create(client, acting.as_ref(), &Plan::create_credentials()).await
}

/// The plan as typed; the name is not checked against existing tenants again, since by now the
/// tenant may be one of them.
pub fn resume(wizard: Wizard) {
    if let Ok(plan) = untrack(|| wizard.draft()).plan(&TakenNames::default()) {
        start(wizard, plan);
    }
}

#[component]
pub fn RunPage() -> impl IntoView {
    let wizard = Wizard::get();
    let progress = wizard.progress;
    let running = wizard.running;
    let failure = move || progress.with(|p| p.failure.clone());
    let existing = move || {
        progress.with(|p| {
            let mut have = Vec::new();
            if let Some(c) = &p.company {
                have.push(format!("the tenant {} ({})", wizard.name.get().trim(), c.id));
            }
            if let Some(a) = &p.admin {
                have.push(format!("its admin {} ({})", wizard.admin_email.get().trim().to_lowercase(), a.id));
            }
            have
        })
    };
    view! {
        <section class="form" data-testid="wizard-run">
            <h2>{move || if progress.with(|p| p.finished()) { "The tenant is ready" } else if running.get() { "Running the plan…" } else { "The plan" }}</h2>
            <ol class="run-steps" data-testid="run-steps">
                {Step::ALL.into_iter().map(|step| view! { <RunStep step=step/> }).collect_view()}
            </ol>
            {move || failure().filter(|_| !running.get()).map(|f| view! {
                <div class="alert alert-error" role="alert" data-testid="page-error">
                    <div>
                        <strong>{format!("Stopped at \u{201c}{}\u{201d}", f.step.title())}</strong>
                        <p>{f.message}</p>
                        <p data-testid="run-existing">{move || {
                            let have = existing();
                            if have.is_empty() {
                                "Nothing was created yet.".to_string()
                            } else {
                                format!("Already exists: {}. Retry continues from here; nothing is created twice.", have.join("; "))
                            }
                        }}</p>
                    </div>
                    <button class="btn" type="button" data-testid="wizard-retry" on:click=move |_| resume(wizard)>"Retry"</button>
                </div>
            })}
            {move || progress.with(|p| p.finished()).then(|| view! { <ResultPanel/> })}
            {move || (!progress.with(|p| p.started()) && !running.get()).then(|| view! {
                <div class="form-actions">
                    <button class="btn btn-primary" type="button" data-testid="wizard-retry" on:click=move |_| resume(wizard)>"Run the plan"</button>
                    <a class="btn" href=AppRoute::tenants()>"Later"</a>
                </div>
            })}
        </section>
    }
}

#[component]
fn RunStep(step: Step) -> impl IntoView {
    let wizard = Wizard::get();
    let state = move || wizard.progress.with(|p| p.state(step));
    let busy = move || wizard.running.get() && wizard.progress.with(|p| p.next() == Some(step));
    let class = move || match (busy(), state()) {
        (true, _) => "run-step running",
        (_, StepState::Done { .. }) => "run-step done",
        (_, StepState::Failed { .. }) => "run-step failed",
        (_, StepState::Waiting) => "run-step",
    };
    let detail = move || match (busy(), state()) {
        (true, _) => "Sending…".to_string(),
        (_, StepState::Waiting) => "Waiting".to_string(),
        (_, StepState::Done { id, found: false }) => format!("Done · {id}"),
        (_, StepState::Done { id, found: true }) => format!("Found · {id} (made by the interrupted attempt)"),
        (_, StepState::Failed { unsure: true, .. }) => {
            "No answer: it may have happened anyway. Retry looks before it sends again.".to_string()
        }
        (_, StepState::Failed { message, unsure: false }) => format!("Refused: {message}"),
    };
    view! {
        <li class=class data-testid=format!("run-step-{}", step.endpoint())>
            <span class="run-step-title">{step.title()}" "<code>{step.endpoint()}</code></span>
            <span class="run-step-detail">{detail}</span>
        </li>
    }
}
