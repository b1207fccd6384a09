//! Sign in with the API address, key and secret. The pair is exchanged for a token (`auth.login`)
//! and forgotten; the server's own message is shown when it refuses.

use crate::activity::ActivityLog;
use crate::api::session::{login, whoami};
use crate::components::field::TextField;
use crate::perf;
use crate::session::{Auth, Session};
use leptos::prelude::*;
use tenantry_core::sign_in::{validate_sign_in, SignIn, SignInField, SignInForm};
use tenantry_core::ApiError;

fn default_api_url() -> String {
    window().location().origin().map(|o| format!("{o}/api")).unwrap_or_default()
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let log = expect_context::<ActivityLog>();
    let api_url = RwSignal::new(default_api_url());
    let key = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let keep = RwSignal::new(false);
    let tried = RwSignal::new(false);
    Effect::new(|| document().set_title("Sign in · Tenantry"));
    // Effects run once the form is mounted and its handlers attached: from here it answers.
    Effect::new(|| perf::mark("sign-in-interactive"));

    let form = move || SignInForm { api_url: api_url.get(), key: key.get(), secret: secret.get() };
    let field_error = move |field| {
        Signal::derive(move || {
            tried.get().then(|| validate_sign_in(&form()).err()?.get(&field).map(|m| m.to_string())).flatten()
        })
    };

    let sign_in = Action::new_local(move |s: &SignIn| {
        let s = s.clone();
        async move {
            let token = login(log, &s.api_url, &s.key, &s.secret).await?;
            let (user, server) = whoami(log, &s.api_url, &token).await?;
            auth.signed_in(Session { api_url: s.api_url, token, user, server, kept_on_tab: keep.get_untracked() });
            Ok::<_, ApiError>(())
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if let Ok(s) = validate_sign_in(&form()) {
            perf::mark("sign-in-sent");
            sign_in.dispatch(s);
        }
    };
    let server_error = move || sign_in.value().get().and_then(Result::err).map(|e| e.explained());

    view! {
        <main class="sign-in-page">
            <form class="card sign-in-card" on:submit=submit novalidate=true data-testid="sign-in-form">
                <h1>"Tenantry"</h1>
                <p class="lede">"Sign in to your ClearML apiserver with an API key and secret."</p>
                {move || server_error().map(|m| view! {
                    <div class="alert alert-error" role="alert" data-testid="sign-in-error">
                        <strong>"The server refused the sign-in"</strong>
                        <p>{m}</p>
                    </div>
                })}
                <TextField id="api-url" label="API address" value=api_url error=field_error(SignInField::ApiUrl) required=true
                    input_type="url" hint="The apiserver's base URL, e.g. https://api.example.com or this server's /api." autocomplete="url"/>
                <TextField id="access-key" label="Access key" value=key error=field_error(SignInField::Key) required=true autocomplete="username"/>
                <TextField id="secret-key" label="Secret key" value=secret error=field_error(SignInField::Secret) required=true
                    input_type="password" autocomplete="current-password"/>
                <label class="checkbox">
                    <input type="checkbox" id="keep-signed-in" prop:checked=move || keep.get() on:change=move |ev| keep.set(event_target_checked(&ev))/>
                    "Keep me signed in on this tab"
                </label>
                <p class="hint">"Only the session token is kept, in this tab's storage, until the tab closes. The key and secret are never stored."</p>
                <button class="btn btn-primary btn-block" type="submit" disabled=move || sign_in.pending().get()>
                    {move || if sign_in.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
        </main>
    }
}
