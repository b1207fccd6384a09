//! The page alert: server and network errors in the server's own words, with a retry where one helps.

use leptos::prelude::*;
use tenantry_core::ApiError;

#[component]
pub fn ErrorAlert(
    #[prop(into)] error: Signal<Option<ApiError>>,
    /// What the user was doing, e.g. "Could not load tenants".
    #[prop(into)]
    context: String,
    #[prop(optional)] on_retry: Option<Callback<()>>,
) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let context = context.clone();
            view! {
                <div class="alert alert-error" role="alert" data-testid="page-error">
                    <div>
                        <strong>{context}</strong>
                        <p>{e.explained()}</p>
                    </div>
                    {on_retry.map(|retry| view! {
                        <button class="btn" type="button" on:click=move |_| retry.run(())>"Retry"</button>
                    })}
                </div>
            }
        })
    }
}

#[component]
pub fn SuccessNote(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || {
        message
            .get()
            .map(|m| view! { <div class="alert alert-success" role="status" data-testid="page-success">{m}</div> })
    }
}
