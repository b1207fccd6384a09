//! What this console did in this session, call by call, exportable as JSON. Bodies are never
//! recorded, so no secret can appear here.

use crate::activity::ActivityLog;
use crate::components::download_link::DownloadLink;
use crate::components::page_header::PageHeader;
use leptos::prelude::*;
use tenantry_core::clearml::activity::{export, Activity};

#[component]
pub fn ActivityPage() -> impl IntoView {
    let log = expect_context::<ActivityLog>();
    view! {
        <PageHeader title="Activity".to_string()>
            <DownloadLink text=Signal::derive(move || export(&log.entries())) filename="tenantry-activity.json"
                mime="application/json" label="Export JSON" test_id="export-activity"/>
        </PageHeader>
        <p class="hint page-lede">"Every call this console made since you signed in, newest first. Signing out clears it."</p>
        <ActivityTable entries=Signal::derive(move || log.entries().into_iter().enumerate().collect())/>
    }
}

/// Calls with their positions in the log, newest first. Keyed by that position, which never
/// changes (the log only grows), so a new call adds one row and a filter never shows stale ones.
#[component]
pub fn ActivityTable(#[prop(into)] entries: Signal<Vec<(usize, Activity)>>) -> impl IntoView {
    view! {
        <table class="table" data-testid="activity-table">
            <thead>
                <tr>
                    <th scope="col">"Time"</th>
                    <th scope="col">"Endpoint"</th>
                    <th scope="col">"Acting as"</th>
                    <th scope="col" class="num">"Result"</th>
                    <th scope="col">"Message"</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || entries.get().into_iter().rev() key=|(n, _)| *n children=move |(_, a)| view! {
                    <tr>
                        <td class="nowrap">{a.time}</td>
                        <td><code>{a.endpoint}</code></td>
                        <td>{a.acting_as.unwrap_or_else(|| "—".into())}</td>
                        <td class="num">
                            <span class="status" class:status-ok=a.result_code == 200>{format!("{}/{}", a.result_code, a.result_subcode)}</span>
                        </td>
                        <td>{a.message}</td>
                    </tr>
                }/>
            </tbody>
        </table>
    }
}
