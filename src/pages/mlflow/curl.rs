//! "Equivalent curl command" for an MLflow call about to be sent.

use crate::api::mlflow::Mlflow;
use crate::components::copy_button::CopyButton;
use leptos::prelude::*;
use tenantry_core::mlflow::MlflowCall;

#[component]
pub fn MlflowCurl(#[prop(into)] call: Signal<Option<MlflowCall>>) -> impl IntoView {
    let mlflow = Mlflow::get();
    let text = Signal::derive(move || {
        let c = mlflow.connection()?;
        call.with(|call| call.as_ref().map(|call| call.curl(&c.base, &c.username)))
    });
    view! {
        <details class="curl" data-testid="curl-preview">
            <summary>"Equivalent curl command"</summary>
            {move || match text.get() {
                None => view! { <p class="hint">"Complete the form to see the command."</p> }.into_any(),
                Some(t) => view! {
                    <div class="curl-actions"><CopyButton text=Signal::derive(move || text.get().unwrap_or_default())/></div>
                    <pre tabindex="0" data-testid="curl-text"><code>{t}</code></pre>
                }.into_any(),
            }}
        </details>
    }
}
