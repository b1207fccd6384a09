//! Wizard page 4: runs the plan step by step, saving progress before each call, and on a failure
//! shows what exists already and resumes from the failed step.

use super::result::ResultPanel;
use crate::api::{credentials, tenants, users, Client};
use crate::components::name_admin::NameTheAdmin;
use crate::components::tenants_store::TenantsStore;
use crate::onboarding::Wizard;
use crate::routes::AppRoute;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tenantry_core::clearml::onboarding::{
    find_tenant, leftover_credentials, Made, Outcome, Plan, Step, StepError, StepState,
};
use tenantry_core::clearml::tenant::TakenNames;
use tenantry_core::clearml::tenant_admin::{look_for_new_admin, AdminLookup};
use tenantry_core::clearml::wire::{Acting, IssuedCredentials};
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

async fn tenant(client: Client, plan: &Plan, look_first: bool) -> Result<Outcome, StepError> {
    if look_first {
        let same_name = tenants::named(client, plan.tenant.name.as_str()).await.map_err(StepError::Looking)?;
        if let Some(id) = find_tenant(&same_name, plan) {
            return Ok(Outcome::Tenant(Made { id, found: true }));
        }
    }
    let id = tenants::create(client, &plan.tenant).await.map_err(StepError::Sending)?;
    Ok(Outcome::Tenant(Made { id, found: false }))
}

/// A server that cannot show the tenant's users is never answered with a second `auth.create_user`:
/// the person says whether the admin is there.
async fn admin(client: Client, plan: &Plan, company: CompanyId, look_first: bool) -> Result<Outcome, StepError> {
    if look_first {
        let listed = users::listed_for(client, &company).await.map_err(StepError::Looking)?;
        match look_for_new_admin(listed, plan, &company) {
            AdminLookup::Made(id) => {
                users::remember_admin(client, &company, &id);
                return Ok(Outcome::Admin(Made { id, found: true }));
            }
            AdminLookup::NotMade => {}
            AdminLookup::CannotTell(why) => return Err(StepError::Looking(ApiError::Mismatch(why.to_owned()))),
        }
    }
    let id = users::create_admin(client, &plan.create_admin(company)).await.map_err(StepError::Sending)?;
    Ok(Outcome::Admin(Made { id, found: false }))
}

/// Credentials whose secret never reached the page are of no use to anyone: revoke them first.
async fn credentials(client: Client, user: &UserId, look_first: bool) -> Result<IssuedCredentials, StepError> {
    let acting = Some(Acting::ImpersonateAs(user.clone()));
    if look_first {
        let listed = credentials::list(client, acting.as_ref()).await.map_err(StepError::Looking)?;
        for key in leftover_credentials(&listed) {
            credentials::revoke(client, acting.as_ref(), &key).await.map_err(StepError::Looking)?;
        }
    }
    credentials::create(client, acting.as_ref(), &Plan::create_credentials()).await.map_err(StepError::Sending)
}

/// The plan as typed; the name is not checked against existing tenants again, since by now the
/// tenant may be one of them.
pub fn resume(wizard: Wizard) {
    if let Ok(plan) = wizard.draft.with_untracked(|d| d.plan(&TakenNames::default())) {
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
                have.push(format!("the tenant {} ({})", wizard.tenant_name(), c.id));
            }
            if let Some(a) = &p.admin {
                have.push(format!("its admin {} ({})", wizard.admin_email(), a.id));
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
                                let next = if f.cannot_tell { "Say below whether the admin exists" } else { "Retry continues from here" };
                                format!("Already exists: {}. {next}; nothing is created twice.", have.join("; "))
                            }
                        }}</p>
                    </div>
                    {(!f.cannot_tell).then(|| view! {
                        <button class="btn" type="button" data-testid="wizard-retry" on:click=move |_| resume(wizard)>"Retry"</button>
                    })}
                </div>
            })}
            {move || failure().filter(|f| f.cannot_tell && f.step == Step::Admin && !running.get()).map(|_| view! { <AdminChoice/> })}
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

/// The interrupted admin call may or may not have made the admin and the server cannot show it:
/// the person looks in ClearML and names the admin, or says it is not there.
#[component]
fn AdminChoice() -> impl IntoView {
    let wizard = Wizard::get();
    let company = wizard.progress.with_untracked(|p| p.company_id().cloned());
    let email = untrack(|| wizard.admin_email());
    let named = move |user: tenantry_core::clearml::wire::User| {
        if let Ok(id) = UserId::parse(&user.id) {
            wizard.progress.update(|p| p.succeeded(Outcome::Admin(Made { id, found: true })));
            wizard.save_now();
            resume(wizard);
        }
    };
    let not_there = move |_| {
        wizard.progress.update(|p| p.nothing_made(Step::Admin));
        wizard.save_now();
        resume(wizard);
    };
    view! {
        <section class="form" data-testid="admin-choice">
            <h3>{format!("Is {email} a user of the new tenant?")}</h3>
            {company.map(|company| view! {
                <NameTheAdmin company=company why="If it is, the interrupted call made it: enter its id to continue with that admin." on_named=named/>
            })}
            <div class="form-actions">
                <button class="btn" type="button" data-testid="admin-not-there" on:click=not_there>"It is not there: create the admin"</button>
            </div>
        </section>
    }
}

#[component]
fn RunStep(step: Step) -> impl IntoView {
    let wizard = Wizard::get();
    let state = move || wizard.progress.with(|p| p.state(step));
    let busy = move || wizard.running.get() && wizard.progress.with(|p| p.next() == Some(step));
    let cannot_tell =
        move || wizard.progress.with(|p| p.failure.as_ref().is_some_and(|f| f.cannot_tell && f.step == step));
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
        (_, StepState::Failed { unsure: true, .. }) if cannot_tell() => {
            "No answer: it may have happened anyway, and this server cannot show whether it did.".to_string()
        }
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
