//! When the token expires mid-work (401), this dialog asks for key and secret again over the page,
//! which stays mounted underneath: nothing typed into it is lost. It takes back only the identity
//! that was signed in, since the shell and pages behind it were built for that identity's role.

use crate::components::field::TextField;
use crate::components::sign_in_flow::SignInFlow;
use crate::session::Auth;
use leptos::prelude::*;
use tenantry_core::clearml::sign_in::SignInField;

#[component]
pub fn ReauthDialog() -> impl IntoView {
    let auth = expect_context::<Auth>();
    // A memo: the form is built once when the session ends, not again on each notification.
    let expired = Memo::new(move |_| auth.is_expired());
    move || expired.get().then(|| view! { <RenewForm auth=auth/> })
}

/// Built when the session ends, so it renews that session: its address, its identity.
#[component]
fn RenewForm(auth: Auth) -> impl IntoView {
    let flow = SignInFlow::renew(auth);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        flow.submit();
    };
    view! {
        <div class="modal-backdrop">
            <form class="modal" role="dialog" aria-modal="true" aria-labelledby="reauth-title" on:submit=submit data-testid="reauth-dialog">
                <h2 id="reauth-title">"Your session has ended"</h2>
                <p>"Sign in again to continue. The page behind this dialog keeps everything you typed."</p>
                {flow.failure_view()}
                <TextField id="reauth-key" label="Access key" value=flow.field(SignInField::Key) error=flow.error(SignInField::Key) required=true autocomplete="username"/>
                <TextField id="reauth-secret" label="Secret key" value=flow.field(SignInField::Secret) error=flow.error(SignInField::Secret) required=true input_type="password" autocomplete="current-password"/>
                <div class="form-actions">
                    <button class="btn btn-primary" type="submit" disabled=move || flow.pending()>
                        {move || if flow.pending() { "Signing in…" } else { "Sign in again" }}
                    </button>
                    <button class="btn" type="button" on:click=move |_| auth.sign_out()>"Sign out"</button>
                </div>
            </form>
        </div>
    }
}
