//! The numbered steps of a wizard, the current one marked and the ones before it ticked.

use leptos::prelude::*;

#[component]
pub fn Stepper(
    labels: Vec<&'static str>,
    #[prop(into)] current: Signal<usize>,
    test_id: &'static str,
) -> impl IntoView {
    view! {
        <ol class="stepper" data-testid=test_id>
            {labels.into_iter().enumerate().map(|(i, label)| view! {
                <li class:current=move || current.get() == i class:past=move || i < current.get()
                    aria-current=move || (current.get() == i).then_some("step")>
                    <span class="stepper-number">{i + 1}</span>{label}
                </li>
            }).collect_view()}
        </ol>
    }
}
