//! How every page sends a change and says how it went: busy while it is under way (a second press
//! sends nothing), the server's own message when it refused — also under the field the refusal
//! names, matched by the envelope's subcode and field — a short note when it worked and only when
//! something was sent, or why nothing was sent. One change at a time per form, so one place shows it.

use crate::components::alert::{ErrorAlert, SuccessNote};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;
use tenantry_core::ApiError;

/// What to do with a change's answer, and what to tell the person then.
type Answered = Box<dyn FnOnce() -> Option<String>>;

#[derive(Clone, Copy)]
pub struct Saving {
    error: RwSignal<Option<ApiError>>,
    note: RwSignal<Option<String>>,
    /// Why the console did not send anything.
    refused: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
    /// Whether the call changes something, so that a lost answer may have changed it.
    changes: bool,
}

impl Default for Saving {
    fn default() -> Self {
        Self::new()
    }
}

impl Saving {
    pub fn new() -> Self {
        Self {
            error: RwSignal::new(None),
            note: RwSignal::new(None),
            refused: RwSignal::new(None),
            busy: RwSignal::new(false),
            changes: true,
        }
    }

    /// For a call that changes nothing (a check, a connection, a discovery): one at a time and
    /// said the same way, but a lost answer is only a failure.
    pub fn checking() -> Self {
        Self { changes: false, ..Self::new() }
    }

    /// Sends `change` unless one is under way. `done` gets its answer and returns what to tell the
    /// person, or `None` when there is nothing to say (nothing needed sending).
    pub fn run<T: 'static>(
        self,
        change: impl Future<Output = Result<T, ApiError>> + 'static,
        done: impl FnOnce(T) -> Option<String> + 'static,
    ) {
        // Only this wrapper is made anew for each kind of change; the sending is `send`'s, once.
        self.send(Box::pin(async move { change.await.map(|value| Box::new(move || done(value)) as Answered) }));
    }

    fn send(self, change: Pin<Box<dyn Future<Output = Result<Answered, ApiError>>>>) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        self.clear();
        // `done` runs as part of the page that sent the change, so that it finds what the page
        // finds in context.
        let owner = Owner::current();
        spawn_local(async move {
            let answer = change.await;
            // The page may be gone by the time the answer comes; then there is no one to tell.
            if self.busy.try_set(false).is_some() {
                return;
            }
            // `done` may move the page on, taking this form with it: then the note has no place.
            match answer {
                Ok(done) => {
                    let note = match &owner {
                        Some(owner) => owner.with(done),
                        None => done(),
                    };
                    _ = self.note.try_set(note);
                }
                Err(e) => _ = self.error.try_set(Some(e)),
            }
        });
    }

    pub fn busy(self) -> bool {
        self.busy.get()
    }

    /// The button's words: `idle`, or `working` while the change is under way.
    pub fn label(self, idle: &'static str, working: &'static str) -> &'static str {
        if self.busy() {
            working
        } else {
            idle
        }
    }

    /// Forgets the note about the last change, for when the form has moved on from it.
    pub fn clear_note(self) {
        self.note.set(None);
    }

    pub fn clear(self) {
        self.note.set(None);
        self.error.set(None);
        self.refused.set(None);
    }

    /// Nothing is sent, and the page says why.
    pub fn refuse(self, why: String) {
        self.clear();
        self.refused.set(Some(why));
    }

    /// The server's message when its refusal names `field` of the request, for under that field.
    pub fn refused_field(self, field: &'static str) -> Signal<Option<String>> {
        let error = self.error;
        Signal::derive(move || {
            error.with(|e| e.as_ref().filter(|e| e.refused_field() == Some(field)).map(ApiError::message))
        })
    }

    /// The outcome: the refusal under `refused` (what the page was doing, e.g. "The server did
    /// not create the tenant"), the note, or why nothing was sent. A lost answer is not worded as
    /// a refusal: the change may have been made.
    pub fn view(self, refused: &'static str) -> impl IntoView {
        let (error, why_not_sent, changes) = (self.error, self.refused, self.changes);
        let context = move || match error.get() {
            Some(ApiError::Network(_)) if changes => {
                "No answer came: the change may or may not have been made. Look before sending it again"
            }
            _ => refused,
        };
        view! {
            {move || view! { <ErrorAlert error=error context=context()/> }}
            <SuccessNote message=self.note/>
            {move || why_not_sent.get().map(|why| view! {
                <div class="alert alert-warning" role="alert" data-testid="page-refused"><p><strong>"Nothing was sent. "</strong>{why}</p></div>
            })}
        }
    }
}
