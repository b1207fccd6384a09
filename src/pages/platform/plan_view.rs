//! The file (picked, dropped or pasted, and mended here), the secrets its references need, and the
//! plan: problems with their paths, "in sync", or each tenant's changes (before → after), removals
//! apart and withheld unless allowed, the tenants the file leaves alone, the calls as one script.

use super::planner::Planner;
use crate::bulk_import::BulkImport;
use crate::components::alert::in_view;
use crate::components::download_link::DownloadLink;
use crate::components::field::Checkbox;
use crate::components::problem_table::{ProblemRow, ProblemTable};
use crate::pages::bulk::secret_fields::SecretFields;
use crate::session::Auth;
use leptos::prelude::*;
use std::sync::Arc;
use tenantry_core::bulk::plan::script;
use tenantry_core::platform::plan::PlatformPlan;
use tenantry_core::platform::report::{change_line, IN_SYNC};
use tenantry_core::platform::Problem;
use tenantry_core::words::counted;

#[component]
pub fn FilePanel() -> impl IntoView {
    let state = BulkImport::get();
    let planner = Planner::get();
    let on_pick = move |ev: leptos::ev::Event| state.take_picked(&ev);
    view! {
        <section class="form" data-testid="platform-file">
            <h2>"Plan a file"</h2>
            <div class="form-actions">
                <label class="btn">
                    "Choose a file…"
                    <input class="visually-hidden" type="file" accept=".yaml,.yml,application/yaml,text/yaml" data-testid="platform-file-pick" on:change=on_pick/>
                </label>
                <span class="hint">{move || state.file_name.with(|n| if n.is_empty() { "or paste it below.".to_owned() } else { format!("From {n}; edit it below if you like.") })}</span>
            </div>
            <div class="field">
                <label for="platform-text">"Platform file (YAML)"</label>
                <textarea id="platform-text" class="bulk-text" rows="14" spellcheck="false" data-testid="platform-text"
                    prop:value=move || state.text.get()
                    on:input=move |ev| state.text.set(event_target_value(&ev))></textarea>
            </div>
            <div class="form-actions">
                <button class="btn btn-primary" type="button" data-testid="platform-plan"
                    disabled=move || state.text.with(|t| t.trim().is_empty()) || planner.reading.busy()
                    on:click=move |_| planner.plan()>
                    {move || planner.reading.label("Plan", "Reading the server…")}
                </button>
                <span class="hint">"Planning reads the server and sends nothing."</span>
            </div>
            {planner.reading.view("Could not read the server's tenants")}
        </section>
    }
}

#[component]
pub fn PlanPanel() -> impl IntoView {
    let planner = Planner::get();
    view! {
        {move || planner.invalid.get().map(|problems| view! {
            <section class="form" data-testid="platform-plan-result">
                <h2>"The file cannot be read"</h2>
                <p><strong>{format!("{}: nothing was planned or sent.", counted(problems.iter().filter(|p| p.blocks).count(), "error", "errors"))}</strong></p>
                <Problems problems/>
            </section>
        })}
        {move || planner.stale.get().map(|why| view! {
            <div class="alert alert-warning" role="alert" data-testid="platform-stale"><p>{why}</p></div>
        })}
        // Outside the plan's view: each secret typed re-plans, and the field must keep its focus.
        <FileSecrets/>
        {move || planner.plan.get().map(|plan| view! { <Planned plan/> })}
    }
}

#[component]
fn Problems(problems: Vec<Problem>) -> impl IntoView {
    let rows = problems
        .into_iter()
        .map(|p| ProblemRow { blocks: p.blocks, place: p.path, field: None, message: p.message })
        .collect();
    view! { <ProblemTable rows table_test_id="platform-problems" row_test_id="platform-problem"/> }
}

/// A field for each secret the file references: the browser has no environment and no files.
#[component]
fn FileSecrets() -> impl IntoView {
    let planner = Planner::get();
    let references = Signal::derive(move || planner.file().map(|b| b.file.secret_references()).unwrap_or_default());
    view! {
        <SecretFields references hint="The file names where each secret comes from; in a pipeline, tenantry apply reads it there. Here, paste it: it is kept in this page's memory only and sent only when the plan sends it (a new identity provider, or a higher rotation)."/>
    }
}

#[component]
fn Planned(plan: Arc<PlatformPlan>) -> impl IntoView {
    let planner = Planner::get();
    let api_url = expect_context::<Auth>().api_url().unwrap_or_default();
    let s = plan.summary();
    let errors = plan.errors();
    let removals = plan
        .tenants
        .iter()
        .flat_map(|t| &t.changes)
        .filter(|c| matches!(c.kind, tenantry_core::platform::plan::ChangeKind::Remove { .. }))
        .count();
    let records = plan.records();
    let script_text = script(&records, &api_url);
    let can_apply = errors == 0 && s.calls > 0;
    let headline = if errors > 0 {
        format!("{}: nothing is planned and nothing is sent.", counted(errors, "error", "errors"))
    } else if !plan.has_changes() {
        IN_SYNC.to_owned()
    } else {
        format!(
            "{} to create, {} to change, {} in sync · {}{}.",
            s.create,
            s.change,
            s.in_sync,
            counted(s.calls, "call", "calls"),
            if s.withheld > 0 {
                format!(" · {} (removals not allowed)", counted(s.withheld, "change withheld", "changes withheld"))
            } else {
                String::new()
            }
        )
    };
    let problems = plan.problems.clone();
    let not_in_file = plan.not_in_file.clone();
    view! {
        <section class="form" data-testid="platform-plan-result">
            <h2>"The plan"</h2>
            {if plan.has_changes() || errors > 0 {
                view! { <div class="plan-headline" data-testid="platform-summary" node_ref=in_view()><strong>{headline}</strong></div> }.into_any()
            } else {
                view! { <div class="alert alert-success" role="status" data-testid="platform-in-sync" node_ref=in_view()>{headline}</div> }.into_any()
            }}
            {(!problems.is_empty()).then(|| view! { <Problems problems/> })}
            {(errors == 0).then(|| view! {
                <div class="platform-tenants">
                    {plan.tenants.iter().filter(|t| !t.in_sync()).map(|t| view! {
                        <div class="platform-tenant" data-testid="platform-tenant">
                            <h3><code>{t.path.clone()}</code>" "<bdi>{t.name.clone()}</bdi>" "<span class="badge">{if t.exists { "change" } else { "create" }}</span></h3>
                            <ul class="change-list">
                                {t.changes.iter().map(|c| view! {
                                    <li class:withheld=c.withheld data-testid="platform-change"><bdi>{change_line(&c.field, &c.kind, c.withheld)}</bdi></li>
                                }).collect_view()}
                            </ul>
                        </div>
                    }).collect_view()}
                </div>
            })}
            {(!not_in_file.is_empty()).then(|| view! {
                <p class="hint" data-testid="platform-not-in-file">
                    {format!("Not in the file, so never changed: {}.", counted(not_in_file.len(), "tenant", "tenants"))}" "
                    {not_in_file.iter().map(|n| view! { <bdi class="tag">{n.clone()}</bdi>" " }).collect_view()}
                </p>
            })}
            {(errors == 0 && (removals > 0 || planner.allow_removals.get_untracked())).then(|| view! {
                <div class="field">
                    <Checkbox form=planner.allow_removals read=|b| *b write=|b, v| *b = v label="Allow removals" test_id="platform-allow-removals"/>
                    <p class="hint">{format!("The plan removes {} (a domain, a whitelist entry, a feature or an SSO group the server has and the file does not). Unless allowed, they are shown and not sent.", counted(removals, "entry", "entries"))}</p>
                </div>
            })}
            {(errors == 0 && plan.has_changes()).then(|| view! {
                <div class="form-actions">
                    <button class="btn btn-primary" type="button" data-testid="platform-apply" disabled=move || !can_apply || planner.reading.busy() on:click=move |_| planner.apply()>
                        {format!("Apply {}", counted(s.calls, "call", "calls"))}
                    </button>
                    <DownloadLink text=Signal::stored(script_text.clone()) filename="tenantry-apply.sh" mime="text/x-shellscript" label="Download the script" test_id="platform-script-download"/>
                    <span class="hint">{format!("Planned against the server state {}.", plan.fingerprint)}</span>
                </div>
                <details class="bulk-script">
                    <summary>"The same calls as one shell script (curl and jq)"</summary>
                    <pre class="curl" tabindex="0" data-testid="platform-script">{script_text.clone()}</pre>
                </details>
            })}
        </section>
    }
}
