//! "Equivalent curl command": what the console is about to send, as a command that does the same
//! from a terminal. The token stays masked until the user reveals it.

use crate::components::copy_button::CopyButton;
use crate::session::Auth;
use leptos::prelude::*;
use tenantry_core::clearml::curl::CurlCall;

#[component]
pub fn CurlPreview(
    #[prop(into)] call: Signal<Option<CurlCall>>,
    #[prop(default = "Equivalent curl command")] title: &'static str,
) -> impl IntoView {
    let auth = expect_context::<Auth>();
    let reveal = RwSignal::new(false);
    let text = move || {
        let token = auth.credentials().map(|(_, t)| t).unwrap_or_default();
        call.get().map(|c| c.render(&token, reveal.get()))
    };
    view! {
        <details class="curl" data-testid="curl-preview">
            <summary>{title}</summary>
            {move || match text() {
                None => view! { <p class="hint">"Complete the form to see the command."</p> }.into_any(),
                Some(t) => view! {
                    <div class="curl-actions">
                        <button class="btn" type="button" data-testid="curl-reveal" on:click=move |_| reveal.update(|r| *r = !*r)>
                            {move || if reveal.get() { "Hide token" } else { "Reveal token" }}
                        </button>
                        <CopyButton text=Signal::derive(move || text().unwrap_or_default())/>
                    </div>
                    <pre tabindex="0" data-testid="curl-text"><code>{t}</code></pre>
                }.into_any(),
            }}
        </details>
    }
}
