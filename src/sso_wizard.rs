//! The SSO wizard's state for this tab: the form and the step, saved in sessionStorage on every
//! change (the client secret never is), so a reload or a new sign-in resumes it.

use crate::tab_storage;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tenantry_core::sso_config::{SsoForm, Step};

const STORAGE_KEY: &str = "tenantry.sso";

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
    pub fn provide() {
        let saved: Saved = tab_storage::read(STORAGE_KEY).unwrap_or_default();
        let wizard = SsoWizard {
            form: RwSignal::new(saved.form),
            step: RwSignal::new(saved.step),
            discovered: RwSignal::new(None),
        };
        provide_context(wizard);
        Effect::new(move || {
            let saved = Saved { form: wizard.form.get(), step: wizard.step.get() };
            tab_storage::write(STORAGE_KEY, &saved)
        });
    }

    pub fn get() -> Self {
        expect_context()
    }
}

pub fn forget() {
    tab_storage::remove(STORAGE_KEY);
}
