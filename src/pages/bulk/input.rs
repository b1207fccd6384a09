//! The file: picked, dropped or pasted into the text box, where it can also be mended; its format
//! taken from its name or first line unless chosen; the format documented, with templates.

use super::checker::Checker;
use crate::bulk_import::BulkImport;
use crate::components::download_link::DownloadLink;
use leptos::prelude::*;
use tenantry_core::bulk::file::{Field, Format, CSV_TEMPLATE, YAML_TEMPLATE};

fn what(field: Field) -> &'static str {
    match field {
        Field::Name => "The tenant's name (3–100 characters). A tenant that exists already is matched by name: only what differs is sent.",
        Field::AllowedUsers => "Optional: the most users it may have.",
        Field::Features => "Optional: features it gets, from the feature catalogue.",
        Field::ExcludeFeatures => "Optional: features it must not get.",
        Field::Domains => "Email domains whose users sign in to this tenant (IDNA: bücher.example is sent as xn--bcher-kva.example).",
        Field::Whitelist => "Emails that sign in to this tenant as users, whatever their domain.",
        Field::WhitelistAdmins => "Emails that sign in to this tenant as admins.",
        Field::AdminName => "The tenant admin's name. Needed when the record routes domains or emails of a new tenant.",
        Field::AdminEmail => "The tenant admin's email.",
        Field::AdminCredentials => "yes (the default) or no: issue the admin's API credentials, shown once at the end.",
    }
}

#[component]
pub fn InputPanel() -> impl IntoView {
    let state = BulkImport::get();
    let checker = Checker::get();
    let dragging = RwSignal::new(false);
    let on_pick = move |ev: leptos::ev::Event| state.take_picked(&ev);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            state.take_file(file);
        }
    };
    let detected = move || state.file_name.with(|n| state.text.with(|t| Format::detect(n, t))).label();
    let on_format = move |ev: leptos::ev::Event| {
        state.format.set(match event_target_value(&ev).as_str() {
            "csv" => Some(Format::Csv),
            "yaml" => Some(Format::Yaml),
            _ => None,
        });
        state.checked.set(None);
    };
    view! {
        <section class="form bulk-input" data-testid="bulk-input">
            <h2>"The file"</h2>
            <div class="drop-zone" class:dragging=move || dragging.get() data-testid="drop-zone"
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <p>"Drop a .csv or .yaml file here, or "</p>
                <label class="btn">
                    "Choose a file…"
                    <input class="visually-hidden" type="file" accept=".csv,.tsv,.yaml,.yml,.txt,text/csv,application/yaml" data-testid="bulk-file" on:change=on_pick/>
                </label>
                <p class="hint">{move || state.file_name.with(|n| if n.is_empty() { "or paste it below.".to_owned() } else { format!("Read from {n}; mend it below if the check finds problems.") })}</p>
            </div>
            <div class="field">
                <label for="bulk-text">"Records"</label>
                <textarea id="bulk-text" class="bulk-text" rows="12" spellcheck="false" data-testid="bulk-text"
                    prop:value=move || state.text.get()
                    on:input=move |ev| { state.text.set(event_target_value(&ev)); state.checked.set(None); }></textarea>
            </div>
            <div class="form-actions">
                <label class="inline-field">
                    "Format "
                    <select data-testid="bulk-format" on:change=on_format>
                        <option value="" selected=move || state.format.get().is_none()>{move || format!("From the file ({})", detected())}</option>
                        <option value="csv" selected=move || state.format.get() == Some(Format::Csv)>"CSV"</option>
                        <option value="yaml" selected=move || state.format.get() == Some(Format::Yaml)>"YAML"</option>
                    </select>
                </label>
                <button class="btn btn-primary" type="button" data-testid="bulk-check"
                    disabled=move || state.text.with(|t| t.trim().is_empty()) || checker.busy()
                    on:click=move |_| checker.check(state)>
                    {move || if checker.busy() { "Checking…" } else { "Check the file" }}
                </button>
            </div>
            <details class="bulk-format-help" data-testid="bulk-format-help">
                <summary>"The format, and templates"</summary>
                <p>"CSV: a header row, then one row per tenant; a list inside a cell has its entries separated by semicolons or spaces; lines starting with # are ignored. YAML: a list under "<code>"tenants:"</code>" with the same fields, the admin's grouped under "<code>"admin:"</code>" (name, email, credentials)."</p>
                <div class="table-scroll">
                    <table class="table">
                        <thead><tr><th>"CSV column"</th><th>"YAML"</th><th>"What it is"</th></tr></thead>
                        <tbody>
                            {Field::ALL.into_iter().map(|f| view! {
                                <tr><td><code>{f.column()}</code></td><td><code>{f.yaml_path()}</code></td><td>{what(f)}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <div class="form-actions">
                    <DownloadLink text=Signal::stored(CSV_TEMPLATE.to_owned()) filename="tenants-template.csv" mime="text/csv" label="CSV template" test_id="csv-template"/>
                    <DownloadLink text=Signal::stored(YAML_TEMPLATE.to_owned()) filename="tenants-template.yaml" mime="application/yaml" label="YAML template" test_id="yaml-template"/>
                    <button class="btn" type="button" data-testid="use-example"
                        on:click=move |_| { state.file_name.set(String::new()); state.format.set(None); state.text.set(CSV_TEMPLATE.to_owned()); state.checked.set(None); }>
                        "Put the example in the box"
                    </button>
                </div>
            </details>
        </section>
    }
}
