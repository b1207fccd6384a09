//! Sign in with the API address, key and secret. The pair is exchanged for a token (`auth.login`)
//! and forgotten. A failure says whether nothing answered, something that is no apiserver answered
//! (then the same address with `/api` is tried and offered), or the apiserver refused, with the
//! server's own message.

use crate::components::field::{Checkbox, TextField};
use crate::components::sign_in_flow::SignInFlow;
use crate::deployment::Deployment;
use crate::perf;
use leptos::prelude::*;
use tenantry_core::clearml::sign_in::SignInField;

fn default_api_url() -> String {
    window().location().origin().map(|o| format!("{o}/api")).unwrap_or_default()
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let flow = SignInFlow::sign_in(default_api_url());
    // A deployment's config.json may name the API; it replaces the default until the user types.
    let deployment = Deployment::defaults();
    let api_url = flow.field(SignInField::ApiUrl);
    Effect::new(move || {
        if let Some(url) = deployment.get().and_then(|d| d.api_url) {
            if api_url.get_untracked() == default_api_url() {
                api_url.set(url);
            }
        }
    });
    Effect::new(|| document().set_title("Sign in · Tenantry"));
    // Effects run once the form is mounted and its handlers attached: from here it answers.
    Effect::new(|| perf::mark("sign-in-interactive"));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if flow.submit() {
            perf::mark("sign-in-sent");
        }
    };
    let keep = flow.keep;

    view! {
        <main class="sign-in-page">
            <form class="card sign-in-card" on:submit=submit novalidate=true data-testid="sign-in-form">
                <h1>"Tenantry"</h1>
                <p class="lede">"Sign in to your ClearML apiserver with an API key and secret."</p>
                {flow.failure_view()}
                <TextField id="api-url" label="API address" value=api_url error=flow.error(SignInField::ApiUrl) required=true
                    input_type="url" hint="The apiserver's base URL, e.g. https://api.example.com or this server's /api." autocomplete="url"/>
                <TextField id="access-key" label="Access key" value=flow.field(SignInField::Key) error=flow.error(SignInField::Key) required=true autocomplete="username"/>
                <TextField id="secret-key" label="Secret key" value=flow.field(SignInField::Secret) error=flow.error(SignInField::Secret) required=true
                    input_type="password" autocomplete="current-password"/>
                <Checkbox form=keep read=|k| *k write=|k, on| *k = on label="Keep me signed in on this tab" id="keep-signed-in"/>
                <p class="hint">"Only the session token is kept, in this tab's storage, until the tab closes. The key and secret are never stored."</p>
                <button class="btn btn-primary btn-block" type="submit" disabled=move || flow.pending()>
                    {move || if flow.pending() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
        </main>
    }
}
