//! Destructive actions ask first, as Keycloak's admin console does: a dialog names the object and
//! what will happen, the safe choice (Cancel) has the focus, and Escape or Cancel changes nothing.

use leptos::html;
use leptos::prelude::*;

#[derive(Clone)]
pub struct Question {
    /// What is about to happen to what, e.g. "Revoke the key K7Q2…?".
    pub title: String,
    /// What follows, e.g. "The Agent using this key stops working."
    pub consequence: String,
    /// The confirming button's label, e.g. "Revoke".
    pub confirm: &'static str,
    pub then: Callback<()>,
}

#[derive(Clone, Copy)]
pub struct Confirm(RwSignal<Option<Question>>);

impl Confirm {
    pub fn provide() {
        provide_context(Confirm(RwSignal::new(None)));
    }

    pub fn get() -> Self {
        expect_context()
    }

    /// Shows the question; `then` runs only if the person confirms.
    pub fn ask(
        &self,
        title: impl Into<String>,
        consequence: impl Into<String>,
        confirm: &'static str,
        then: impl Fn() + Send + Sync + 'static,
    ) {
        self.0.set(Some(Question {
            title: title.into(),
            consequence: consequence.into(),
            confirm,
            then: Callback::new(move |()| then()),
        }));
    }
}

#[component]
pub fn ConfirmDialog() -> impl IntoView {
    let asked = Confirm::get().0;
    let close = move || asked.set(None);
    move || {
        asked.get().map(|q| {
            let cancel = NodeRef::<html::Button>::new();
            cancel.on_load(|button| {
                let _ = button.focus();
            });
            let escape = move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" {
                    close();
                }
            };
            view! {
                <div class="modal-backdrop" on:keydown=escape>
                    <div class="modal" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title"
                        aria-describedby="confirm-consequence" data-testid="confirm-dialog">
                        <h2 id="confirm-title">{q.title}</h2>
                        <p id="confirm-consequence">{q.consequence}</p>
                        <div class="form-actions">
                            <button class="btn" type="button" node_ref=cancel data-testid="confirm-no" on:click=move |_| close()>"Cancel"</button>
                            <button class="btn btn-danger" type="button" data-testid="confirm-yes"
                                on:click=move |_| { close(); q.then.run(()); }>{q.confirm}</button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
