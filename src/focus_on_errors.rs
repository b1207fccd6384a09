//! On a submit that the page refuses, the first field it marks invalid gets the focus, whichever
//! form it is: one listener for the whole console, run after the page has shown its errors.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub fn install() {
    let handle = window_event_listener(leptos::ev::submit, |ev| {
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) else {
            return;
        };
        // The errors render after this event's handlers have run: look on the next frame.
        request_animation_frame(move || {
            if let Ok(Some(field)) = form.query_selector("[aria-invalid=\"true\"]") {
                if let Ok(field) = field.dyn_into::<web_sys::HtmlElement>() {
                    let _ = field.focus();
                }
            }
        });
    });
    // For the life of the page.
    std::mem::forget(handle);
}
