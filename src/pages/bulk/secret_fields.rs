//! A password field for each client secret a platform file references: a browser has no
//! environment and no files to read them from. Values live in the page's memory only
//! (`BulkImport::secrets`), never in the tab's storage.

use crate::bulk_import::BulkImport;
use leptos::prelude::*;
use tenantry_core::platform::spec::SecretRef;

#[component]
pub fn SecretFields(
    /// Each reference with the path it is given at.
    #[prop(into)]
    references: Signal<Vec<(String, SecretRef)>>,
    hint: &'static str,
) -> impl IntoView {
    let state = BulkImport::get();
    move || {
        let refs = references.get();
        (!refs.is_empty()).then(|| view! {
            <fieldset class="secret-fields" data-testid="platform-secrets">
                <legend>"Client secrets"</legend>
                <p class="hint">{hint}</p>
                {refs.into_iter().enumerate().map(|(i, (path, reference))| {
                    let id = format!("platform-secret-{i}");
                    let label = format!("Value of {}", reference.describe());
                    let kept = reference.clone();
                    let value = move || state.secrets.with_untracked(|s| s.0.iter().find(|(r, _)| *r == reference).map(|(_, v)| v.clone()).unwrap_or_default());
                    let on_input = move |ev| {
                        let value = event_target_value(&ev);
                        let reference = kept.clone();
                        state.secrets.update(|s| {
                            s.0.retain(|(r, _)| *r != reference);
                            s.0.push((reference, value));
                        });
                    };
                    view! {
                        <div class="field">
                            <label for=id.clone()>{label}</label>
                            <input id=id type="password" autocomplete="off" data-testid="platform-secret" prop:value=value() on:input=on_input/>
                            <p class="hint"><code>{path}</code></p>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        })
    }
}
