//! One labelled form field: label, required marker, hint, and the field's error under it, tied to
//! the input with `aria-invalid` and `aria-describedby` so screen readers announce it.

use leptos::prelude::*;
use tenantry_core::EmailAddress;

#[component]
pub fn TextField(
    /// The input's id; the label, hint and error hang off it.
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(default = "")] input_mode: &'static str,
    /// Set once the user has typed in or left the field, so errors can wait until then.
    #[prop(optional)]
    touched: Option<RwSignal<bool>>,
    /// What will be sent when it differs from what was typed (lower-cased, trimmed): shown
    /// under the field, since the field itself never rewrites the person's text.
    #[prop(optional, into)]
    sent_as: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let touch = move || {
        if let Some(t) = touched {
            t.set(true);
        }
    };
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || match (error.get().is_some(), hint.is_some()) {
            (true, _) => error_id.clone(),
            (false, true) => hint_id.clone(),
            (false, false) => String::new(),
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>
                {label}
                {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
            </label>
            <input
                id=id
                name=id
                type=input_type
                placeholder=placeholder
                autocomplete=autocomplete
                inputmode=input_mode
                // Phones would capitalise and "correct" an address as the person types it.
                autocapitalize=(input_mode == "email").then_some("none")
                spellcheck=(input_mode == "email").then_some("false")
                required=required
                prop:value=move || value.get()
                on:input=move |ev| {
                    touch();
                    value.set(event_target_value(&ev));
                }
                on:blur=move |_| touch()
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=described_by
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {move || sent_as.and_then(|s| s.get()).map(|sent| view! {
                <p class="hint sent-as" data-testid=format!("{id}-sent-as")>"Will be sent as " <bdi><code>{sent}</code></bdi></p>
            })}
            {move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone() data-testid=format!("{id}-error")>{e}</p> })}
        </div>
    }
}

/// What an email field will send, for `TextField`'s `sent_as`. Email fields are plain text for
/// the browser: an `type="email"` input trims and IDNA-encodes what it reports while the person
/// types, which moved the caret and scrambled the text; `input_mode="email"` keeps the phone's
/// email keyboard.
pub fn email_sent_as(value: RwSignal<String>) -> Signal<Option<String>> {
    Signal::derive(move || value.with(|typed| EmailAddress::sent_instead_of(typed)))
}

/// A text field of a form held in one signal, as the signal `TextField` edits; kept equal both
/// ways, so that a reset of the form shows in the field.
pub fn bind_text<T: Send + Sync + 'static>(
    form: RwSignal<T>,
    read: fn(&T) -> &String,
    write: fn(&mut T) -> &mut String,
) -> RwSignal<String> {
    let value = RwSignal::new(form.with_untracked(|f| read(f).clone()));
    Effect::watch(
        move || value.get(),
        move |v, _, _| {
            if form.with_untracked(|f| read(f) != v) {
                form.update(|f| *write(f) = v.clone())
            }
        },
        false,
    );
    Effect::watch(
        move || form.with(|f| read(f).clone()),
        move |v, _, _| {
            if value.with_untracked(|x| x != v) {
                value.set(v.clone())
            }
        },
        false,
    );
    value
}

/// A labelled checkbox for one yes/no field of a form held in one signal.
#[component]
pub fn Checkbox<T: Send + Sync + 'static>(
    form: RwSignal<T>,
    read: fn(&T) -> bool,
    write: fn(&mut T, bool),
    label: &'static str,
    #[prop(optional)] test_id: &'static str,
) -> impl IntoView {
    view! {
        <label class="checkbox">
            <input type="checkbox" data-testid=test_id prop:checked=move || form.with(read)
                on:change=move |ev| form.update(|f| write(f, event_target_checked(&ev)))/>
            {label}
        </label>
    }
}
