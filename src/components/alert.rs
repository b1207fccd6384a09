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
            let shown = in_view();
            view! {
                <div class="alert alert-error" role="alert" data-testid="page-error" node_ref=shown>
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
        message.get().map(|m| {
            let shown = in_view();
            view! { <div class="alert alert-success" role="status" data-testid="page-success" node_ref=shown>{m}</div> }
        })
    }
}

/// An outcome may come while the person is at the other end of a long form: it is brought into
/// view, as little as needed.
pub fn in_view() -> NodeRef<leptos::html::Div> {
    let shown = NodeRef::<leptos::html::Div>::new();
    shown.on_load(|alert| {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        alert.scroll_into_view_with_scroll_into_view_options(&options);
    });
    shown
}
