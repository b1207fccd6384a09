//! One exported file: its text on screen (secrets masked), and copy and download buttons that
//! take the real text.

use crate::components::copy_button::CopyButton;
use crate::components::download_link::DownloadLink;
use leptos::prelude::*;

/// The files as saved (`make(false)`) and as shown (`make(true)`, secrets masked) while `reveal` is
/// off; revealed, the screen shows the saved ones and nothing is computed twice.
pub fn saved_and_shown<T>(
    reveal: Signal<bool>,
    make: impl Fn(bool) -> T + Copy + Send + Sync + 'static,
) -> (Memo<T>, Memo<T>)
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let saved = Memo::new(move |_| make(false));
    let shown = Memo::new(move |_| if reveal.get() { saved.get() } else { make(true) });
    (saved, shown)
}

#[component]
pub fn ExportPanel(
    title: &'static str,
    filename: &'static str,
    /// The file as it will be saved.
    #[prop(into)]
    text: Signal<String>,
    /// What the page shows; the same as `text` but with secrets masked.
    #[prop(into)]
    shown: Signal<String>,
    #[prop(optional)] note: Option<&'static str>,
    #[prop(default = "application/yaml")] mime: &'static str,
    test_id: &'static str,
) -> impl IntoView {
    view! {
        <section class="export" data-testid=test_id>
            <header class="export-head">
                <h3>{title}</h3>
                <code class="filename">{filename}</code>
                <div class="export-actions">
                    <CopyButton text=text test_id="copy-export"/>
                    <DownloadLink text=text filename=filename mime=mime label="Download" test_id="download-export"/>
                </div>
            </header>
            {note.map(|n| view! { <p class="hint">{n}</p> })}
            <pre class="export-text" tabindex="0"><code>{shown}</code></pre>
        </section>
    }
}
