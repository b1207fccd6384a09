//! A button that puts a text on the clipboard and says so.

use leptos::prelude::*;

#[component]
pub fn CopyButton(
    #[prop(into)] text: Signal<String>,
    #[prop(default = "Copy")] label: &'static str,
    #[prop(optional)] test_id: &'static str,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let _ = window().navigator().clipboard().write_text(&text.get_untracked());
        copied.set(true);
    };
    // A new text has not been copied yet.
    Effect::watch(move || text.track(), move |_, _, _| copied.set(false), false);
    view! {
        <button class="btn" type="button" data-testid=test_id on:click=copy>
            {move || if copied.get() { "Copied" } else { label }}
        </button>
    }
}
