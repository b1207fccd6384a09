//! One exported file: its text on screen (secrets masked), and copy and download buttons that
//! take the real text.

use crate::components::copy_button::CopyButton;
use crate::components::download_link::DownloadLink;
use leptos::prelude::*;

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
            <pre class="export-text"><code>{shown}</code></pre>
        </section>
    }
}
