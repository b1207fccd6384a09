//! The run: progress with done, failed and remaining, the records being worked on, pause and
//! cancel; after an interruption, what was found and Resume; once stopped the report (CSV, JSON)
//! and the credentials issued, shown once and offered as one file.

use super::runner;
use super::secret_fields::SecretFields;
use crate::api::Client;
use crate::bulk_import::{BulkImport, Halt, Run};
use crate::components::confirm::Confirm;
use crate::components::download_link::DownloadLink;
use crate::components::saving::Saving;
use leptos::prelude::*;
use tenantry_core::bulk::plan::CallKind;
use tenantry_core::bulk::run::{
    credentials_csv, report, report_csv, report_json, secrets_left, IssuedFor, RecordRun, Status, Tally,
};
use tenantry_core::UserId;

fn snapshot(run: &Run) -> Vec<RecordRun> {
    run.records.iter().map(|r| r.get()).collect()
}

#[component]
pub fn RunPanel() -> impl IntoView {
    let state = BulkImport::get();
    let client = expect_context::<Client>();
    let Some(run) = state.run.get_untracked() else { return ().into_any() };
    let plans = run.plans.clone();
    let total = plans.len();
    let words = state.of.words();
    // Each call changes one record: the counts read every record's signal in place, and the
    // report (a copy of all of them) is only made while the run is stopped.
    let counted = {
        let run = run.clone();
        Memo::new(move |_| Tally::of(run.records.iter().zip(run.plans.iter()).map(|(r, p)| r.with(|r| r.status(p)))))
    };
    let finished = move || counted.get().remaining == 0 && !state.running.get();
    let found = {
        let run = run.clone();
        Memo::new(move |_| run.records.iter().map(|r| r.with(|r| r.found.len())).sum::<usize>())
    };
    let now_working = {
        let plans = plans.clone();
        move || state.current.with(|c| c.iter().map(|i| plans[*i].tenant.clone()).collect::<Vec<_>>().join(", "))
    };
    let heading = move || {
        if state.running.get() {
            match state.halt.get() {
                Some(_) => "Stopping after the calls under way…",
                None => words.running,
            }
        } else if counted.get().remaining == 0 && counted.get().failed > 0 {
            "Finished with failures"
        } else if counted.get().remaining == 0 {
            words.finished
        } else {
            match state.halt.get() {
                Some(Halt::Paused) => "Paused",
                Some(Halt::Cancelled) => "Cancelled",
                None => words.interrupted,
            }
        }
    };
    let report_rows = {
        let run = run.clone();
        Memo::new(move |_| report(&run.plans, &snapshot(&run)))
    };
    let report_csv_text = Signal::derive(move || report_rows.with(|r| report_csv(r)));
    let report_json_text = Signal::derive(move || report_rows.with(|r| report_json(r)));
    let resume = move |_| runner::start(state, client);
    let secrets_left = {
        let run = run.clone();
        Signal::derive(move || secrets_left(&run.plans, &snapshot(&run)))
    };
    view! {
        <section class="form" data-testid="bulk-run">
            <h2 data-testid="bulk-run-heading">{heading}</h2>
            {move || { let t = counted.get(); (!state.running.get() && t.done < total && state.halt.get().is_none() && run.resumed).then(|| view! {
                <div class="alert alert-warning" role="alert" data-testid="bulk-interrupted">
                    <p>{format!("This {} stopped before it finished (the page was reloaded or left, or the server stopped answering): {} of {total} records are done, {} stopped on a failure, {} not finished.", words.noun, t.done, t.failed, t.remaining)}</p>
                    <p>"Resume looks at the server before it sends any call that may have happened already, so nothing is created twice."</p>
                </div>
            }) }}
            {move || (!state.running.get() && run.resumed).then(|| view! {
                <SecretFields references=secrets_left hint="This tab was reloaded, and pasted secrets are never kept: paste each again so the calls still to come can send it."/>
            })}
            <div class="read-progress bulk-progress" role="status" data-testid="bulk-progress">
                <progress max=total value=move || { let t = counted.get(); t.done + t.failed }></progress>
                <span data-testid="bulk-tally">{move || { let t = counted.get(); format!("Done {} · Failed {} · Remaining {} of {total}", t.done, t.failed, t.remaining) }}</span>
            </div>
            {move || { let now = now_working(); (!now.is_empty()).then(|| view! { <p class="hint" data-testid="bulk-current">"Now: "<bdi>{now}</bdi></p> }) }}
            {move || (found.get() > 0).then(|| view! {
                <p class="alert alert-info" data-testid="bulk-found">{format!("Found on the server rather than sent again: {} {} that an interrupted attempt had made.", found.get(), if found.get() == 1 { "object" } else { "objects" })}</p>
            })}
            <div class="form-actions">
                {move || if state.running.get() {
                    view! {
                        <button class="btn" type="button" data-testid="bulk-pause" disabled=move || state.halt.get().is_some() on:click=move |_| runner::halt(state, Halt::Paused)>"Pause"</button>
                        <button class="btn" type="button" data-testid="bulk-cancel" disabled=move || state.halt.get().is_some() on:click=move |_| runner::halt(state, Halt::Cancelled)>"Cancel"</button>
                    }.into_any()
                } else {
                    view! {
                        {(counted.get().remaining + counted.get().failed > 0).then(|| view! {
                            <button class="btn btn-primary" type="button" data-testid="bulk-resume" on:click=resume>
                                {if counted.get().failed > 0 && counted.get().remaining == 0 { "Retry the failed records" } else { "Resume" }}
                            </button>
                        })}
                        <button class="btn" type="button" data-testid="bulk-new" on:click=move |_| state.clear_run()>{words.restart}</button>
                        <DownloadLink text=report_csv_text filename=words.report_csv mime="text/csv" label="Report (CSV)" test_id="bulk-report-csv"/>
                        <DownloadLink text=report_json_text filename=words.report_json mime="application/json" label="Report (JSON)" test_id="bulk-report-json"/>
                    }.into_any()
                }}
            </div>
            {move || finished().then(|| {
                let t = counted.get();
                view! { <p data-testid="bulk-finished">{format!("{} records done, {} failed.", t.done, t.failed)}</p> }
            })}
            <IssuedPanel/>
            <LostCredentials/>
            <div class="table-scroll">
                <table class="table bulk-table" data-testid="bulk-records">
                    <thead><tr><th>"Where"</th><th>"Tenant"</th><th>"Status"</th><th>"Ids"</th><th>"What happened"</th></tr></thead>
                    <tbody>
                        {plans.iter().enumerate().map(|(i, plan)| {
                            let record = run.records[i].clone();
                            let (record2, record3) = (record.clone(), record.clone());
                            let plan = plan.clone();
                            let calls = plan.calls.len();
                            let status = {
                                let plan = plan.clone();
                                move || {
                                    let working = state.current.with(|c| c.contains(&i));
                                    record.with(|r| match (working, r.status(&plan)) {
                                        (_, Status::Done) if calls == 0 => "Unchanged".to_owned(),
                                        (_, Status::Done) => "Done".to_owned(),
                                        (true, _) => format!("Running · {} of {calls}", r.done + 1),
                                        (_, Status::Failed) if r.unsure => "No answer".to_owned(),
                                        (_, Status::Failed) => "Failed".to_owned(),
                                        (_, Status::Partial) => format!("{} of {calls} done", r.done),
                                        (_, Status::Waiting) => "Waiting".to_owned(),
                                    })
                                }
                            };
                            let ids = move || record2.with(|r| [r.tenant_id.as_deref().map(|t| format!("tenant {t}")), r.admin_id.as_deref().map(|a| format!("admin {a}"))].into_iter().flatten().collect::<Vec<_>>().join(" · "));
                            let happened = move || record3.with(|r| r.failure.clone().unwrap_or_else(|| if r.found.is_empty() { String::new() } else { format!("Found: {}", r.found.iter().map(|k| k.title()).collect::<Vec<_>>().join(", ")) }));
                            view! {
                                <tr data-testid="bulk-record">
                                    <td><code>{plan.origin.to_string()}</code></td>
                                    <td><bdi>{plan.tenant.clone()}</bdi></td>
                                    <td data-testid="bulk-record-status">{status}</td>
                                    <td class="hint">{ids}</td>
                                    <td><bdi>{happened}</bdi></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// Credentials issued on this page: each secret once, and all of them as one file.
#[component]
fn IssuedPanel() -> impl IntoView {
    let state = BulkImport::get();
    let Some(run) = state.run.get_untracked() else { return ().into_any() };
    let plans = run.plans.clone();
    let rows = {
        let run = run.clone();
        move || {
            state.issued.with(|issued| {
                issued
                    .iter()
                    .map(|x| {
                        let tenant_id = run.records[x.record].with(|r| r.tenant_id.clone().unwrap_or_default());
                        (plans[x.record].tenant.clone(), tenant_id, x.admin_email.clone(), x.credentials.clone())
                    })
                    .collect::<Vec<_>>()
            })
        }
    };
    let file = {
        let rows = rows.clone();
        Signal::derive(move || {
            let rows = rows();
            let issued: Vec<IssuedFor> = rows
                .iter()
                .map(|(t, id, e, c)| IssuedFor { tenant: t, tenant_id: id, admin_email: e, credentials: c })
                .collect();
            credentials_csv(&issued)
        })
    };
    view! {
        {move || { let rows = rows(); (!rows.is_empty()).then(|| view! {
            <div class="alert alert-warning" role="alert" data-testid="secret-warning">
                <p><strong>"Copy or download the secrets now."</strong>" Each is shown this once: Tenantry does not keep them and the server cannot show them again."</p>
                <DownloadLink text=file filename="tenantry-credentials.csv" mime="text/csv" label="Download every credential (CSV)" test_id="bulk-credentials-download"/>
            </div>
            <div class="table-scroll">
                <table class="table" data-testid="bulk-credentials">
                    <thead><tr><th>"Tenant"</th><th>"Admin"</th><th>"Access key"</th><th>"Secret key"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(t, _, e, c)| view! {
                            <tr><td><bdi>{t}</bdi></td><td>{e}</td><td><code>{c.access_key.clone()}</code></td><td><code>{c.secret_key.clone()}</code></td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }) }}
    }
    .into_any()
}

/// Credentials issued before a reload: their secrets cannot be shown again; new ones can be issued.
#[component]
fn LostCredentials() -> impl IntoView {
    let state = BulkImport::get();
    let client = expect_context::<Client>();
    let Some(run) = state.run.get_untracked() else { return ().into_any() };
    let confirm = Confirm::get();
    let reissuing = Saving::new();
    let lost = {
        let run = run.clone();
        move || {
            state.issued.with(|issued| {
                run.records
                    .iter()
                    .enumerate()
                    .filter_map(|(i, r)| {
                        r.with(|r| {
                            let key = r.access_key.clone()?;
                            let admin = UserId::parse(r.admin_id.as_deref()?).ok()?;
                            (!issued.iter().any(|x| x.record == i)
                                && run.plans[i].calls.iter().any(|c| c.kind == CallKind::IssueCredentials))
                            .then_some((i, admin, key))
                        })
                    })
                    .collect::<Vec<_>>()
            })
        }
    };
    let names = {
        let (lost, run) = (lost.clone(), run.clone());
        move || lost().iter().map(|(i, _, _)| run.plans[*i].tenant.clone()).collect::<Vec<_>>().join(", ")
    };
    let reissue = {
        let lost = lost.clone();
        move |_| {
            let todo = lost();
            let consequence = "The keys issued before the reload stop working at once: an Agent or App Gateway using them needs the new ones.";
            confirm.ask(
                "Revoke the lost credentials and issue new ones?",
                consequence,
                "Revoke and issue",
                move || {
                    let todo = todo.clone();
                    let each = async move {
                        for (i, admin, key) in todo {
                            runner::reissue(client, state, i, admin, key).await?;
                        }
                        Ok(())
                    };
                    reissuing.run(each, |()| None);
                },
            );
        }
    };
    view! {
        {move || (!lost().is_empty() && !state.running.get()).then(|| view! {
            <div class="alert alert-info" role="note" data-testid="bulk-lost-credentials">
                <p>{format!("Credentials were issued before this page was reloaded for: {}. Their secrets cannot be shown again.", names())}</p>
                <button class="btn" type="button" data-testid="bulk-reissue" disabled=move || reissuing.busy() on:click=reissue.clone()>
                    {move || reissuing.label("Revoke them and issue new ones", "Issuing…")}
                </button>
            </div>
        })}
        {reissuing.view("Could not issue new credentials")}
    }
    .into_any()
}
