//! User Timing marks and measures for the benchmark: the work of a render, from the start of the
//! view's code until Leptos has mounted the DOM and the browser has recomputed style and layout
//! (paint is left out, as it is in the benchmark's keystroke measure); and marks for moments a
//! user waits for (the sign-in form answering, a sign-in sent). Devtools shows them too.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

pub fn measure_render(name: &'static str) {
    let Some(performance) = window().performance() else { return };
    let start = format!("{name}-start");
    if performance.mark(&start).is_err() {
        return;
    }
    // Queued now, so it runs right after the microtask in which Leptos mounts this view.
    let end = Closure::once_into_js(move || {
        if let Some(body) = document().body() {
            let _ = body.offset_height();
        }
        let _ = performance.measure_with_start_mark(name, &start);
    });
    window().queue_microtask(end.unchecked_ref());
}

/// Marks this moment under `name`.
pub fn mark(name: &str) {
    if let Some(performance) = window().performance() {
        let _ = performance.mark(name);
    }
}

/// Runs `work` between two marks and measures it under `name`: computation alone, no render.
pub fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let start = format!("{name}-start");
    mark(&start);
    let out = work();
    if let Some(performance) = window().performance() {
        let _ = performance.measure_with_start_mark(name, &start);
    }
    out
}
