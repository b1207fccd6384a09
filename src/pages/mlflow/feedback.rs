//! What a page shows about a change: the server's message when it failed, a short note when it
//! worked, or why nothing was sent. One change at a time per page, so one place shows it.

use crate::api::mlflow::Mlflow;
use crate::components::alert::{ErrorAlert, SuccessNote};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tenantry_core::mlflow::MlflowCall;
use tenantry_core::ApiError;

#[derive(Clone, Copy)]
pub struct Feedback {
    error: RwSignal<Option<ApiError>>,
    note: RwSignal<Option<String>>,
    /// Why the console did not send anything.
    refused: RwSignal<Option<String>>,
    pub busy: RwSignal<bool>,
}

impl Feedback {
    pub fn new() -> Self {
        Self {
            error: RwSignal::new(None),
            note: RwSignal::new(None),
            refused: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }

    /// Sends the calls in order, stopping at the first failure; `done` runs only if all worked.
    pub fn run(self, calls: Vec<MlflowCall>, success: String, done: impl FnOnce() + 'static) {
        let mlflow = Mlflow::get();
        self.busy.set(true);
        self.clear();
        spawn_local(async move {
            for call in calls {
                if let Err(e) = mlflow.call(call).await {
                    self.error.set(Some(e));
                    self.busy.set(false);
                    return;
                }
            }
            self.busy.set(false);
            self.note.set(Some(success));
            done();
        });
    }

    pub fn clear(self) {
        self.note.set(None);
        self.error.set(None);
        self.refused.set(None);
    }

    pub fn refuse(self, message: String) {
        self.clear();
        self.refused.set(Some(message));
    }

    pub fn view(self, context: &'static str) -> impl IntoView {
        let refused = self.refused;
        view! {
            <ErrorAlert error=self.error context=context/>
            <SuccessNote message=self.note/>
            {move || refused.get().map(|why| view! {
                <div class="alert alert-warning" role="alert" data-testid="page-refused"><p><strong>"Nothing was sent. "</strong>{why}</p></div>
            })}
        }
    }
}
