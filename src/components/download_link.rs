//! A link that saves a text the page made as a file, without a round trip to any server.

use leptos::prelude::*;

#[component]
pub fn DownloadLink(
    #[prop(into)] text: Signal<String>,
    filename: &'static str,
    mime: &'static str,
    label: &'static str,
    #[prop(optional)] test_id: &'static str,
) -> impl IntoView {
    let href = move || format!("data:{mime};charset=utf-8,{}", js_sys::encode_uri_component(&text.get()));
    view! { <a class="btn" href=href download=filename data-testid=test_id>{label}</a> }
}
