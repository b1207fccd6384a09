//! Wizard page 4: runs the plan call by call through core's executor, saving progress before each
//! call, and on a failure shows what exists already and resumes from the failed call.

use super::result::ResultPanel;
use super::runner::start;
use crate::components::name_admin::NameTheAdmin;
use crate::onboarding::Wizard;
use crate::routes::AppRoute;
use leptos::prelude::*;
use tenantry_core::bulk::plan::{CallKind, RecordPlan};
use tenantry_core::bulk::run::{CallState, Status};
use tenantry_core::CompanyId;

#[component]
pub fn RunPage() -> impl IntoView {
    let wizard = Wizard::get();
    let run = wizard.run;
    let running = wizard.running;
    let plan = Memo::new(move |_| wizard.record());
    let failure = move || run.with(|r| r.failure.clone().map(|message| (message, r.cannot_tell)));
    let existing = move || {
        run.with(|r| {
            let mut have = Vec::new();
            if let Some(c) = &r.tenant_id {
                have.push(format!("the tenant {} ({c})", wizard.tenant_name()));
            }
            if let Some(a) = &r.admin_id {
                have.push(format!("its admin {} ({a})", wizard.admin_email()));
            }
            have
        })
    };
    let calls =
        move || plan.with(|p| p.iter().flat_map(|p| p.calls.iter().map(|c| c.kind)).enumerate().collect::<Vec<_>>());
    // The plan is made once per draft: the heading and the result read it, not the draft again.
    let finished = move || plan.with(|p| p.as_ref().is_some_and(|p| run.with(|r| r.status(p) == Status::Done)));
    let stopped_at = move || {
        plan.with(|p| {
            let p = p.as_ref()?;
            run.with(|r| r.next(p).map(|c| format!("Stopped at \u{201c}{}\u{201d}", c.kind.title())))
        })
    };
    view! {
        <section class="form" data-testid="wizard-run">
            <h2>{move || if finished() { "The tenant is ready" } else if running.get() { "Running the plan…" } else { "The plan" }}</h2>
            <ol class="run-steps" data-testid="run-steps">
                {move || calls().into_iter().map(|(index, kind)| view! { <RunStep index=index kind=kind plan=plan/> }).collect_view()}
            </ol>
            {move || failure().filter(|_| !running.get()).map(|(message, cannot_tell)| view! {
                <div class="alert alert-error" role="alert" data-testid="page-error">
                    <div>
                        <strong>{stopped_at}</strong>
                        <p>{message}</p>
                        <p data-testid="run-existing">{move || {
                            let have = existing();
                            if have.is_empty() {
                                "Nothing was created yet.".to_string()
                            } else {
                                let next = if cannot_tell { "Say below whether the admin exists" } else { "Retry continues from here" };
                                format!("Already exists: {}. {next}; nothing is created twice.", have.join("; "))
                            }
                        }}</p>
                    </div>
                    {(!cannot_tell).then(|| view! {
                        <button class="btn" type="button" data-testid="wizard-retry" on:click=move |_| start(wizard)>"Retry"</button>
                    })}
                </div>
            })}
            {move || (run.with(|r| r.cannot_tell) && !running.get()).then(|| view! { <AdminChoice/> })}
            {move || finished().then(|| view! { <ResultPanel/> })}
            {move || (!wizard.started() && !running.get()).then(|| view! {
                <div class="form-actions">
                    <button class="btn btn-primary" type="button" data-testid="wizard-retry" on:click=move |_| start(wizard)>"Run the plan"</button>
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
    let company = untrack(|| wizard.tenant_id()).and_then(|c| CompanyId::parse(&c).ok());
    let email = untrack(|| wizard.admin_email());
    let told = move |made: Option<String>| {
        let Some(plan) = wizard.record() else { return };
        let mut run = wizard.run.get_untracked();
        run.told(&plan, made);
        wizard.save(&run);
        start(wizard);
    };
    let named = move |user: tenantry_core::clearml::wire::User| told(Some(user.id));
    let not_there = move |_| told(None);
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
fn RunStep(index: usize, kind: CallKind, plan: Memo<Option<RecordPlan>>) -> impl IntoView {
    let wizard = Wizard::get();
    let state =
        move || plan.with(|p| p.as_ref().map_or(CallState::Waiting, |p| wizard.run.with(|r| r.state(p, index))));
    let busy = move || wizard.running.get() && wizard.run.with(|r| r.done == index);
    let cannot_tell = move || wizard.run.with(|r| r.cannot_tell && r.done == index);
    let class = move || match (busy(), state()) {
        (true, _) => "run-step running",
        (_, CallState::Done { .. }) => "run-step done",
        (_, CallState::Failed { .. }) => "run-step failed",
        (_, CallState::Waiting) => "run-step",
    };
    let detail = move || match (busy(), state()) {
        (true, _) => "Sending…".to_string(),
        (_, CallState::Waiting) => "Waiting".to_string(),
        (_, CallState::Done { made, found: false }) => format!("Done · {}", made.unwrap_or_default()),
        (_, CallState::Done { made, found: true }) => {
            format!("Found · {} (made by the interrupted attempt)", made.unwrap_or_default())
        }
        (_, CallState::Failed { unsure: true, .. }) if cannot_tell() => {
            "No answer: it may have happened anyway, and this server cannot show whether it did.".to_string()
        }
        (_, CallState::Failed { unsure: true, .. }) => {
            "No answer: it may have happened anyway. Retry looks before it sends again.".to_string()
        }
        (_, CallState::Failed { message, unsure: false }) => format!("Refused: {message}"),
    };
    view! {
        <li class=class data-testid=format!("run-step-{}", kind.endpoint())>
            <span class="run-step-title">{kind.title()}" "<code>{kind.endpoint()}</code></span>
            <span class="run-step-detail">{detail}</span>
        </li>
    }
}
