//! Export: the live state read through the platform engine and written as a platform file (no
//! secret in it), to download or to plan; and the file's JSON Schema, for editors.

use super::planner::Planner;
use crate::api::Client;
use crate::bulk_import::BulkImport;
use crate::components::download_link::DownloadLink;
use crate::components::saving::Saving;
use leptos::prelude::*;
use tenantry_core::platform::export::{export, Exported};
use tenantry_core::platform::{live, schema};

#[component]
pub fn ExportPanel() -> impl IntoView {
    let client = expect_context::<Client>();
    let state = BulkImport::get();
    let planner = Planner::get();
    let saving = Saving::new();
    let exported = RwSignal::new(None::<(String, Vec<String>)>);
    let read = move |_| {
        let known = planner.known_admins(None);
        saving.run(async move { live::read(&client, &known).await }, move |state| {
            let Exported { text, notes } = export(&state);
            exported.set(Some((text, notes)));
            None
        });
    };
    let text = Signal::derive(move || exported.with(|e| e.as_ref().map(|(t, _)| t.clone()).unwrap_or_default()));
    let schema_text = Signal::derive(|| serde_json::to_string_pretty(&schema::schema()).unwrap_or_default());
    let edit = move |_| {
        state.file_name.set("tenantry.yaml".into());
        state.text.set(text.get_untracked());
    };
    view! {
        <section class="form" data-testid="platform-export">
            <h2>"Export"</h2>
            <p class="hint">"What the server has now, as a platform file: each tenant with its settings, admins, login routing and single sign-on. A client secret is written as "<code>"{keep: true}"</code>" (leave the server's): secrets are never exported."</p>
            <div class="form-actions">
                <button class="btn btn-primary" type="button" data-testid="platform-export-read" disabled=move || saving.busy() on:click=read>
                    {move || saving.label("Export the live state", "Reading every tenant…")}
                </button>
                <DownloadLink text=schema_text filename="tenantry-platform.schema.json" mime="application/schema+json" label="JSON Schema" test_id="platform-schema"/>
            </div>
            {saving.view("Could not read the server's tenants")}
            {move || exported.get().map(|(_, notes)| view! {
                <ul class="hint" data-testid="platform-export-notes">
                    {notes.into_iter().map(|n| view! { <li><bdi>{n}</bdi></li> }).collect_view()}
                </ul>
                <div class="form-actions">
                    <DownloadLink text filename="tenantry.yaml" mime="application/yaml" label="Download tenantry.yaml" test_id="platform-export-download"/>
                    <button class="btn" type="button" data-testid="platform-export-edit" on:click=edit>"Edit it below"</button>
                </div>
                <details>
                    <summary>"The exported file"</summary>
                    <pre class="curl" tabindex="0" data-testid="platform-export-text">{move || text.get()}</pre>
                </details>
            })}
        </section>
    }
}
