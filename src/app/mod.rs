//! The root: session and API client in context, the router, and the sign-in gate. Deep links
//! survive sign-in: the gate renders in place of the page and the URL stays as it was.

mod shell;

use crate::activity::ActivityLog;
use crate::api::Client;
use crate::deployment::Deployment;
use crate::pages::sign_in::SignInPage;
use crate::session::Auth;
use leptos::prelude::*;
use leptos_router::components::Router;
use shell::Shell;

#[component]
pub fn App() -> impl IntoView {
    let auth = Auth::new();
    let log = ActivityLog::new();
    provide_context(auth);
    provide_context(log);
    provide_context(Client::new(auth, log));
    crate::api::session::restore_kept(auth, log);
    Deployment::provide();
    crate::focus_on_errors::install();

    // Memos, so that each part is built again only when its condition turns (as `<Show>` would;
    // its generic machinery is not in the first load).
    let signed_in = Memo::new(move |_| auth.is_signed_in());
    let restoring = Memo::new(move |_| auth.is_restoring());
    view! {
        <Router>
            {move || if signed_in.get() {
                view! { <Shell/> }.into_any()
            } else {
                (move || if restoring.get() {
                    view! { <p class="restoring" role="status">"Restoring your session…"</p> }.into_any()
                } else {
                    view! { <SignInPage/> }.into_any()
                }).into_any()
            }}
        </Router>
    }
}
