//! Each page's title, breadcrumbs and actions; it also names the browser tab.

use leptos::prelude::*;

#[derive(Clone)]
pub struct Crumb {
    pub label: String,
    pub href: Option<String>,
}

impl Crumb {
    pub fn link(label: impl Into<String>, href: impl Into<String>) -> Self {
        Self { label: label.into(), href: Some(href.into()) }
    }
}

#[component]
pub fn PageHeader(
    #[prop(into)] title: Signal<String>,
    #[prop(optional)] crumbs: Vec<Crumb>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    Effect::new(move || document().set_title(&format!("{} · Tenantry", title.get())));
    view! {
        <header class="page-header">
            <nav aria-label="Breadcrumb" class="breadcrumbs">
                <ol>
                    {crumbs
                        .into_iter()
                        .map(|c| view! {
                            <li>
                                {match c.href {
                                    Some(href) => view! { <a href=href>{c.label}</a> }.into_any(),
                                    None => view! { <span>{c.label}</span> }.into_any(),
                                }}
                            </li>
                        })
                        .collect_view()}
                    <li aria-current="page"><bdi>{move || title.get()}</bdi></li>
                </ol>
            </nav>
            <div class="page-title-row">
                // A server's name may carry direction controls: isolated, they cannot reorder the page.
                <h1><bdi>{move || title.get()}</bdi></h1>
                <div class="page-actions">{children.map(|c| c())}</div>
            </div>
        </header>
    }
}
