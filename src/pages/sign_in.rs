//! Sign in with the API address, key and secret. The pair is exchanged for a token (`auth.login`)
//! and forgotten. A failure says whether nothing answered, something that is no apiserver answered
//! (then the same address with `/api` is tried and offered), or the apiserver refused, with the
//! server's own message.

use crate::activity::ActivityLog;
use crate::api::session::{apiserver_answers, login, whoami};
use crate::components::field::TextField;
use crate::deployment::Deployment;
use crate::perf;
use crate::session::{Auth, Session};
use leptos::prelude::*;
use tenantry_core::sign_in::{validate_sign_in, with_api_path, SignIn, SignInFailure, SignInField, SignInForm};
use tenantry_core::ApiError;

fn default_api_url() -> String {
    window().location().origin().map(|o| format!("{o}/api")).unwrap_or_default()
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let log = expect_context::<ActivityLog>();
    let api_url = RwSignal::new(default_api_url());
    // A deployment's config.json may name the API; it replaces the default until the user types.
    let deployment = Deployment::defaults();
    Effect::new(move || {
        if let Some(url) = deployment.get().and_then(|d| d.api_url) {
            if api_url.get_untracked() == default_api_url() {
                api_url.set(url);
            }
        }
    });
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
            let signed_in = async {
                let token = login(log, &s.api_url, &s.key, &s.secret).await?;
                let (user, server) = whoami(log, &s.api_url, &token).await?;
                auth.signed_in(Session {
                    api_url: s.api_url.clone(),
                    token,
                    user,
                    server,
                    kept_on_tab: keep.get_untracked(),
                });
                Ok::<_, ApiError>(())
            };
            match signed_in.await {
                Ok(()) => Ok(()),
                Err(e) => {
                    let failure = SignInFailure::of(&e);
                    let elsewhere = match with_api_path(&s.api_url) {
                        Some(alt) if failure == SignInFailure::NotAnApiserver && apiserver_answers(log, &alt).await => {
                            Some(alt)
                        }
                        _ => None,
                    };
                    Err((failure, e, elsewhere))
                }
            }
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
    let failed = move || sign_in.value().get().and_then(Result::err);

    view! {
        <main class="sign-in-page">
            <form class="card sign-in-card" on:submit=submit novalidate=true data-testid="sign-in-form">
                <h1>"Tenantry"</h1>
                <p class="lede">"Sign in to your ClearML apiserver with an API key and secret."</p>
                {move || failed().map(|(failure, error, elsewhere)| view! {
                    <div class="alert alert-error" role="alert" data-testid="sign-in-error">
                        <div class="stacked">
                            <strong>{failure.title()}</strong>
                            <p>{failure.detail(&error)}</p>
                            {elsewhere.map(|alt| view! {
                                <p>"An apiserver answers at " <code>{alt.clone()}</code> "."</p>
                                <button class="btn" type="button" data-testid="use-api-path" on:click=move |_| api_url.set(alt.clone())>"Use that address"</button>
                            })}
                        </div>
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
