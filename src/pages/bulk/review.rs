//! The check's answer: every problem with its place and field (errors block, warnings do not),
//! then the plan — counts, each record's calls, the shell script — and the button that starts it.

use super::checker::Checker;
use super::runner;
use crate::api::Client;
use crate::bulk_import::BulkImport;
use crate::components::alert::ErrorAlert;
use crate::components::download_link::DownloadLink;
use crate::components::problem_table::{ProblemRow, ProblemTable};
use crate::components::routing_progress::RoutingProgress;
use crate::components::tenants_store::TenantsStore;
use crate::session::Auth;
use leptos::prelude::*;
use std::sync::Arc;
use tenantry_core::bulk::check::{Checked, Problem};
use tenantry_core::bulk::plan::{counts, script, RecordPlan, Target};
use tenantry_core::words::counted;

#[component]
pub fn Review() -> impl IntoView {
    let state = BulkImport::get();
    let checker = Checker::get();
    let tenants = TenantsStore::get();
    let list_error = Signal::derive(move || tenants.loaded().and_then(Result::err));
    view! {
        <ErrorAlert error=list_error context="Could not list the tenants that exist" on_retry=Callback::new(move |_| tenants.reload())/>
        {move || checker.busy().then(|| view! {
            <RoutingProgress every=checker.every on_retry=Callback::new(move |_| checker.check(state))
                why="The file is checked against every tenant's domains and whitelist."/>
        })}
        <ErrorAlert error=checker.error context="Could not list the users of the tenants the file names" on_retry=Callback::new(move |_| checker.check(state))/>
        {move || state.checked.get().map(|checked| view! { <Checked checked/> })}
    }
}

#[component]
fn Checked(checked: Arc<Checked>) -> impl IntoView {
    let checker = Checker::get();
    // Whole milliseconds, as an integer: formatting a float would bring its formatter into the chunk.
    let took =
        move || checker.took_ms.get().map(|ms| format!("Checked in {} ms.", ms.round() as u64)).unwrap_or_default();
    let (errors, warnings) = (checked.errors(), checked.warnings());
    let summary = if errors > 0 {
        format!(
            "{} to fix before anything can be sent{}.",
            counted(errors, "problem", "problems"),
            if warnings > 0 { format!(", and {}", counted(warnings, "warning", "warnings")) } else { String::new() }
        )
    } else if warnings > 0 {
        format!("No errors; {} to read before you start.", counted(warnings, "warning", "warnings"))
    } else {
        "No problems found.".to_owned()
    };
    let summary_class = if errors > 0 { "alert alert-error" } else { "alert alert-info" };
    let problems = checked.problems.clone();
    let plans = checked.plans.clone();
    let can_run = checked.can_run();
    view! {
        <section class="form" data-testid="bulk-check-result">
            <h2>"The check"</h2>
            <p class=summary_class role="status" data-testid="bulk-summary">
                {summary}" "<span class="hint" data-testid="check-time">{took}</span>
            </p>
            {(!problems.is_empty()).then(|| view! { <Problems problems/> })}
        </section>
        {(errors == 0).then(|| view! { <PlanView plans can_run/> })}
    }
}

#[component]
fn Problems(problems: Vec<Problem>) -> impl IntoView {
    let mut sorted = problems;
    sorted.sort_by_key(|p| (!p.blocks, p.record));
    let rows = sorted
        .into_iter()
        .map(|p| ProblemRow { blocks: p.blocks, place: p.place, field: p.field.map(|f| f.label()), message: p.message })
        .collect();
    view! { <ProblemTable rows with_field=true table_test_id="bulk-problems" row_test_id="bulk-problem"/> }
}

#[component]
fn PlanView(plans: Vec<RecordPlan>, can_run: bool) -> impl IntoView {
    let state = BulkImport::get();
    let client = expect_context::<Client>();
    let api_url = expect_context::<Auth>().api_url().unwrap_or_default();
    let c = counts(&plans);
    let by_endpoint = c.by_endpoint.iter().map(|(e, n)| format!("{n} × {e}")).collect::<Vec<_>>().join(", ");
    let script_text = script(&plans, &api_url);
    let start_plans = plans.clone();
    let start = move |_| {
        state.begin(start_plans.clone());
        runner::start(state, client);
    };
    view! {
        <section class="form" data-testid="bulk-plan">
            <h2>"The plan"</h2>
            <p data-testid="bulk-counts">
                <strong>{format!("{}: {} new {}, {} existing ({} unchanged) · {}.", counted(c.records, "record", "records"), c.new_tenants, if c.new_tenants == 1 { "tenant" } else { "tenants" }, c.existing, c.unchanged, counted(c.calls, "call", "calls"))}</strong>
                " "{by_endpoint}
            </p>
            <div class="form-actions">
                <button class="btn btn-primary" type="button" data-testid="bulk-start" disabled=!can_run on:click=start>
                    "Start the import"
                </button>
                <DownloadLink text=Signal::stored(script_text.clone()) filename="tenantry-import.sh" mime="text/x-shellscript" label="Download the script" test_id="bulk-script-download"/>
                <span class="hint">{if can_run { "Nothing has been sent yet." } else { "Nothing to send: every tenant is as the file says." }}</span>
            </div>
            <div class="table-scroll">
                <table class="table bulk-table" data-testid="bulk-plan-table">
                    <thead><tr><th>"Where"</th><th>"Tenant"</th><th>"Calls, in order"</th></tr></thead>
                    <tbody>
                        {plans.into_iter().map(|p| view! {
                            <tr data-testid="bulk-plan-row">
                                <td><code>{p.origin.to_string()}</code></td>
                                <td>
                                    <bdi>{p.tenant.clone()}</bdi>
                                    <div class="hint">{match &p.target { Target::New => "New".to_owned(), Target::Exists { id } => format!("Exists · {id}") }}</div>
                                </td>
                                <td>
                                    {if p.calls.is_empty() { None } else { Some(view! {
                                        <ol class="call-list">
                                            {p.calls.iter().map(|call| view! {
                                                <li><span>{call.kind.title()}</span>" "<code>{call.kind.endpoint()}</code></li>
                                            }).collect_view()}
                                        </ol>
                                    }) }}
                                    {p.notes.iter().map(|n| view! { <div class="hint">{n.clone()}</div> }).collect_view()}
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <details class="bulk-script">
                <summary>"The same calls as one shell script (curl and jq)"</summary>
                <pre class="curl" tabindex="0" data-testid="bulk-script">{script_text}</pre>
            </details>
        </section>
    }
}
