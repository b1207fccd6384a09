//! When the token expires mid-work (401), this dialog asks for key and secret again over the page,
//! which stays mounted underneath: nothing typed into it is lost. It takes back only the identity
//! that was signed in, since the shell and pages behind it were built for that identity's role.

use crate::activity::ActivityLog;
use crate::api::session::{login, whoami};
use crate::components::field::TextField;
use crate::session::{Auth, Session};
use leptos::prelude::*;
use tenantry_core::sign_in::{same_identity, validate_sign_in, SignInField, SignInForm};
use tenantry_core::ApiError;

#[component]
pub fn ReauthDialog() -> impl IntoView {
    let auth = expect_context::<Auth>();
    let log = expect_context::<ActivityLog>();
    let key = RwSignal::new(String::new());
    let secret = RwSignal::new(String::new());
    let (key_field, secret_field) = (key, secret);
    let tried = RwSignal::new(false);
    let form = move || SignInForm { api_url: auth.api_url().unwrap_or_default(), key: key.get(), secret: secret.get() };
    let field_error = move |field| {
        move || tried.get().then(|| validate_sign_in(&form()).err()?.get(&field).map(|m| m.to_string())).flatten()
    };

    let renew = Action::new_local(move |(api_url, key, secret): &(String, String, String)| {
        let (api_url, key, secret) = (api_url.clone(), key.clone(), secret.clone());
        async move {
            let token = login(log, &api_url, &key, &secret).await?;
            let (user, server) = whoami(log, &api_url, &token).await?;
            if let Some(was) = auth.session_untracked() {
                same_identity(&was.user, &user).map_err(ApiError::Mismatch)?;
            }
            let kept_on_tab = auth.session_untracked().is_some_and(|s| s.kept_on_tab);
            key_field.set(String::new());
            secret_field.set(String::new());
            auth.signed_in(Session { api_url, token, user, server, kept_on_tab });
            Ok::<_, ApiError>(())
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if let Ok(s) = validate_sign_in(&form()) {
            renew.dispatch((s.api_url, s.key, s.secret));
        }
    };
    let server_error = move || renew.value().get().and_then(Result::err).map(|e| e.explained());

    view! {
        <Show when=move || auth.is_expired()>
            <div class="modal-backdrop">
                <form class="modal" role="dialog" aria-modal="true" aria-labelledby="reauth-title" on:submit=submit data-testid="reauth-dialog">
                    <h2 id="reauth-title">"Your session has ended"</h2>
                    <p>"Sign in again to continue. The page behind this dialog keeps everything you typed."</p>
                    {move || server_error().map(|m| view! { <div class="alert alert-error" role="alert">{m}</div> })}
                    <TextField id="reauth-key" label="Access key" value=key error=Signal::derive(field_error(SignInField::Key)) required=true autocomplete="username"/>
                    <TextField id="reauth-secret" label="Secret key" value=secret error=Signal::derive(field_error(SignInField::Secret)) required=true input_type="password" autocomplete="current-password"/>
                    <div class="form-actions">
                        <button class="btn btn-primary" type="submit" disabled=move || renew.pending().get()>
                            {move || if renew.pending().get() { "Signing in…" } else { "Sign in again" }}
                        </button>
                        <button class="btn" type="button" on:click=move |_| auth.sign_out()>"Sign out"</button>
                    </div>
                </form>
            </div>
        </Show>
    }
}
