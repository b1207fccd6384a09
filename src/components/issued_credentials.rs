//! New credentials, shown the one time they can be: key and secret with copy buttons and the
//! warning that the secret will not be shown again.

use crate::components::copy_button::CopyButton;
use leptos::prelude::*;
use tenantry_core::clearml::wire::IssuedCredentials;

#[component]
pub fn IssuedCredentialsPanel(issued: IssuedCredentials) -> impl IntoView {
    let (key, secret) = (issued.access_key, issued.secret_key);
    view! {
        <div class="alert alert-warning" role="alert" data-testid="secret-warning">
            <p><strong>"Copy the secret now."</strong>" It is shown this once: Tenantry does not keep it and the server cannot show it again."</p>
        </div>
        <div class="secret-rows">
            <div class="secret-row">
                <span class="secret-label">"Access key"</span>
                <code data-testid="access-key">{key.clone()}</code>
                <CopyButton text=Signal::derive(move || key.clone()) test_id="copy-access-key"/>
            </div>
            <div class="secret-row">
                <span class="secret-label">"Secret key"</span>
                <code data-testid="secret-key">{secret.clone()}</code>
                <CopyButton text=Signal::derive(move || secret.clone()) test_id="copy-secret-key"/>
            </div>
        </div>
    }
}
