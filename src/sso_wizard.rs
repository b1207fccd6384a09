//! The SSO wizard's state for this tab: the form and the step, saved in sessionStorage on every
//! change (the client secret never is), so a reload or a new sign-in resumes it.

use crate::page_store::PageStore;
use crate::persisted::Persisted;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tenantry_core::sso::sso_config::{SsoForm, Step};

const KEPT: Persisted<Saved> = Persisted::new("sso");

#[derive(Default, Serialize, Deserialize)]
struct Saved {
    form: SsoForm,
    step: Step,
}

/// What the last discovery found: the document's URL, or the problem.
#[derive(Clone, Debug, PartialEq)]
pub enum Discovered {
    Found(String),
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct SsoWizard {
    pub form: RwSignal<SsoForm>,
    pub step: RwSignal<Step>,
    pub discovered: RwSignal<Option<Discovered>>,
}

impl SsoWizard {
    /// The tab's SSO wizard, restored on first use and saved on every change until sign-out.
    pub fn get() -> Self {
        PageStore::get(|| {
            let saved = KEPT.read().unwrap_or_default();
            let wizard = SsoWizard {
                form: RwSignal::new(saved.form),
                step: RwSignal::new(saved.step),
                discovered: RwSignal::new(None),
            };
            KEPT.keep(move || Saved { form: wizard.form.get(), step: wizard.step.get() });
            wizard
        })
    }
}
