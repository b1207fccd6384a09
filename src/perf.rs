//! User Timing marks for the benchmark: how long a render takes, from the start of the view's
//! work to the first task after it (when Leptos has applied every DOM change). Devtools shows them too.

use leptos::prelude::*;
use std::time::Duration;

pub fn measure_render(name: &'static str) {
    let Some(performance) = window().performance() else { return };
    let start = format!("{name}-start");
    if performance.mark(&start).is_err() {
        return;
    }
    set_timeout(
        move || {
            let _ = performance.measure_with_start_mark(name, &start);
        },
        Duration::ZERO,
    );
}
