//! The run's result: the admin's key and secret, shown this once, and the values the tenant's
//! Agent and App Gateway need. Leaving the page drops the secret from memory for good.

use super::runner;
use crate::components::confirm::Confirm;
use crate::components::copy_button::CopyButton;
use crate::components::download_link::DownloadLink;
use crate::components::issued_credentials::IssuedCredentialsPanel;
use crate::onboarding::Wizard;
use crate::routes::AppRoute;
use crate::session::Auth;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use tenantry_core::clearml::onboarding::agent_values;
use tenantry_core::CompanyId;

#[component]
pub fn ResultPanel() -> impl IntoView {
    let wizard = Wizard::get();
    let confirm = Confirm::get();
    let auth = expect_context::<Auth>();
    let api_url = auth.api_url().unwrap_or_default();
    on_cleanup(move || {
        wizard.credentials.try_set(None);
    });
    let company = move || wizard.tenant_id().unwrap_or_default();
    let navigate = use_navigate();
    let finish = move |_| {
        let href = CompanyId::parse(&company()).map_or_else(|_| AppRoute::tenants(), |id| AppRoute::tenant(id).href());
        wizard.start_over();
        navigate(&href, Default::default());
    };
    let another = move |_| wizard.start_over();
    let redo = move |_| {
        confirm.ask(
            "Replace the admin's credentials?",
            "The key this run made is revoked and a new one issued: anything already set up with it (the tenant's Agent) stops working until it gets the new key.",
            "Replace",
            move || {
                if let Some(plan) = wizard.record() {
                    let mut again = wizard.run.get_untracked();
                    again.redo_credentials(&plan);
                    wizard.save(&again);
                    runner::start(wizard);
                }
            },
        );
    };
    view! {
        <div class="result" data-testid="onboarding-result">
            <dl class="facts">
                <div><dt>"Tenant"</dt><dd>{move || wizard.tenant_name()}<br/><code data-testid="result-tenant-id">{company}</code></dd></div>
                <div><dt>"Admin"</dt><dd>{move || wizard.admin_email()}<br/>
                    <code data-testid="result-admin-id">{move || wizard.run.with(|r| r.admin_id.clone())}</code></dd></div>
                <div><dt>"Access key"</dt><dd><code data-testid="result-access-key">{move || wizard.run.with(|r| r.access_key.clone())}</code></dd></div>
            </dl>
            {move || match wizard.credentials.get() {
                Some(issued) => {
                    let values = agent_values(&api_url, &issued);
                    view! {
                        <IssuedCredentialsPanel issued=issued/>
                        <h3>"Values for the tenant's Agent and App Gateway"</h3>
                        <p class="hint">"Add to " <code>"clearml-agent-values.override.yaml"</code> " (the App Gateway takes the same credentials)."</p>
                        <pre tabindex="0" data-testid="agent-values"><code>{values.clone()}</code></pre>
                        <div class="form-actions">
                            <CopyButton text=Signal::derive({ let v = values.clone(); move || v.clone() }) label="Copy values" test_id="copy-values"/>
                            <DownloadLink text=Signal::derive(move || values.clone()) filename="clearml-agent-values.override.yaml"
                                mime="application/yaml" label="Download" test_id="download-values"/>
                        </div>
                    }.into_any()
                }
                None => view! {
                    <div class="alert alert-info" role="note" data-testid="secret-gone">
                        <p>"The secret of these credentials was shown once and is gone. If it was not saved, replace the credentials: the old ones are revoked and new ones shown."</p>
                        <button class="btn" type="button" data-testid="replace-credentials" on:click=redo>"Replace credentials"</button>
                    </div>
                }.into_any(),
            }}
            <div class="form-actions">
                <button class="btn btn-primary" type="button" data-testid="wizard-done" on:click=finish>"Done: open the tenant"</button>
                <button class="btn" type="button" data-testid="wizard-another" on:click=another>"Onboard another tenant"</button>
            </div>
        </div>
    }
}
