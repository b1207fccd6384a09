//! One labelled form field: label, required marker, hint, and the field's error under it, tied to
//! the input with `aria-invalid` and `aria-describedby` so screen readers announce it.

use leptos::prelude::*;
use tenantry_core::EmailAddress;

#[component]
pub fn TextField(
    /// The input's id; the label, hint and error hang off it.
    id: &'static str,
    label: &'static str,
    #[prop(into)] value: TextValue,
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
    /// Something to heed that does not stop the form (a name that reads like another's).
    #[prop(optional, into)]
    warning: Option<Signal<Option<String>>>,
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
            {move || warning.and_then(|w| w.get()).map(|w| view! {
                <p class="field-warning" role="status" data-testid=format!("{id}-warning")>{w}</p>
            })}
            {move || error.get().map(|e| view! { <p class="field-error" id=error_id.clone() data-testid=format!("{id}-error")>{e}</p> })}
        </div>
    }
}

/// What an email field will send, for `TextField`'s `sent_as`. Email fields are plain text for
/// the browser: an `type="email"` input trims and IDNA-encodes what it reports while the person
/// types, which moved the caret and scrambled the text; `input_mode="email"` keeps the phone's
/// email keyboard.
pub fn email_sent_as(value: impl Into<TextValue>) -> Signal<Option<String>> {
    let value = value.into();
    Signal::derive(move || value.read.with(|typed| EmailAddress::sent_instead_of(typed)))
}

/// A part of a form held whole in one signal, read and written in place: the form stays the
/// only copy, so a reset or a restore shows at once in every field and nothing is kept in step by
/// effects. Reading goes through a memo, so typing in one field does not re-render the others.
pub struct Lens<V: Send + Sync + 'static> {
    read: Signal<V>,
    write: SignalSetter<V>,
}

impl<V: Send + Sync> Clone for Lens<V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<V: Send + Sync> Copy for Lens<V> {}

/// What a `TextField` shows and edits.
pub type TextValue = Lens<String>;

impl<V: Clone + PartialEq + Send + Sync + 'static> Lens<V> {
    /// One part of `form`, by where it lives in the form.
    pub fn of<T: Clone + PartialEq + Send + Sync + 'static>(
        form: impl Into<Lens<T>>,
        read: impl Fn(&T) -> &V + Copy + Send + Sync + 'static,
        write: impl Fn(&mut T) -> &mut V + Copy + Send + Sync + 'static,
    ) -> Self {
        let form = form.into();
        Lens {
            read: Memo::new(move |_| form.read.with(|f| read(f).clone())).into(),
            write: SignalSetter::map(move |v| form.update(|f| *write(f) = v)),
        }
    }

    pub fn get(&self) -> V {
        self.read.get()
    }

    pub fn get_untracked(&self) -> V {
        self.read.get_untracked()
    }

    pub fn with<R>(&self, f: impl FnOnce(&V) -> R) -> R {
        self.read.with(f)
    }

    pub fn set(&self, value: V) {
        self.write.set(value)
    }

    pub fn update(&self, change: impl FnOnce(&mut V)) {
        let mut value = self.read.get_untracked();
        change(&mut value);
        self.write.set(value)
    }
}

impl<V: Send + Sync + 'static> From<Lens<V>> for Signal<V> {
    fn from(value: Lens<V>) -> Self {
        value.read
    }
}

impl<V: Send + Sync + 'static> From<RwSignal<V>> for Lens<V> {
    fn from(value: RwSignal<V>) -> Self {
        Self { read: value.into(), write: value.into() }
    }
}

/// A labelled checkbox for one yes/no field of a form held in one signal.
#[component]
pub fn Checkbox<T: Send + Sync + 'static>(
    form: RwSignal<T>,
    read: fn(&T) -> bool,
    write: fn(&mut T, bool),
    label: &'static str,
    #[prop(optional)] test_id: &'static str,
    #[prop(optional)] id: &'static str,
) -> impl IntoView {
    view! {
        <label class="checkbox">
            <input type="checkbox" id=(!id.is_empty()).then_some(id) data-testid=test_id prop:checked=move || form.with(read)
                on:change=move |ev| form.update(|f| write(f, event_target_checked(&ev)))/>
            {label}
        </label>
    }
}
