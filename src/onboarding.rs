//! The onboarding wizard's state for this tab: what was typed and how far the run got. It is
//! saved in sessionStorage on every change, so a reload or a new sign-in resumes it; the new
//! secret lives in memory only and is never saved.

use crate::persisted::Persisted;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tenantry_core::clearml::onboarding::{Draft, Page, Progress};
use tenantry_core::clearml::tenant_form::TenantForm;
use tenantry_core::clearml::wire::{Company, IssuedCredentials};
use tenantry_core::CompanyId;

const KEPT: Persisted<Saved> = Persisted::new("onboarding");

#[derive(Default, Serialize, Deserialize)]
struct Saved {
    draft: Draft,
    page: Page,
    progress: Progress,
}

#[derive(Clone, Copy)]
pub struct Wizard {
    /// Everything typed: the tenant's form and its admin, edited in place by the pages' fields.
    pub draft: RwSignal<Draft>,
    pub page: RwSignal<Page>,
    pub progress: RwSignal<Progress>,
    pub credentials: RwSignal<Option<IssuedCredentials>>,
    pub running: RwSignal<bool>,
}

impl Wizard {
    /// Restores the tab's wizard and keeps saving it for as long as the signed-in frame lives.
    pub fn provide() {
        let saved = KEPT.read().unwrap_or_default();
        let wizard = Wizard {
            draft: RwSignal::new(saved.draft),
            page: RwSignal::new(saved.page),
            progress: RwSignal::new(saved.progress),
            credentials: RwSignal::new(None),
            running: RwSignal::new(false),
        };
        provide_context(wizard);
        Effect::new(move || wizard.write(wizard.draft.get(), wizard.page.get(), wizard.progress.get()));
    }

    pub fn get() -> Self {
        expect_context()
    }

    /// The tenant's name as typed, for the pages that mention it.
    pub fn tenant_name(&self) -> String {
        self.draft.with(|d| d.tenant.name.trim().to_owned())
    }

    /// The admin's email as it is sent.
    pub fn admin_email(&self) -> String {
        self.draft.with(|d| d.admin_email.trim().to_lowercase())
    }

    /// Writes now, not when the effect next runs: the runner saves right before a call goes out.
    pub fn save_now(&self) {
        self.write(self.draft.get_untracked(), self.page.get_untracked(), self.progress.get_untracked());
    }

    fn write(&self, draft: Draft, page: Page, progress: Progress) {
        KEPT.write(&Saved { draft, page, progress });
    }

    /// Starts the wizard on a tenant that exists and has no admin: its admin and credentials only.
    pub fn adopt(&self, company: &Company, id: CompanyId) {
        let settings = company.defaults.clone().unwrap_or_default();
        self.start_over();
        self.draft.set(Draft {
            tenant: TenantForm {
                name: company.name.clone(),
                allowed_users: settings.allowed_users.unwrap_or_default(),
                features: settings.features,
                exclude_features: settings.exclude_features,
            },
            ..Draft::default()
        });
        self.progress.set(Progress::for_existing(id));
        self.page.set(Page::Admin);
    }

    /// The tenant it works on existed before it, by that tenant's id.
    pub fn existing(&self) -> Option<CompanyId> {
        self.progress.with(|p| p.existing.then(|| p.company_id().cloned()).flatten())
    }

    pub fn start_over(&self) {
        self.draft.set(Draft::default());
        self.page.set(Page::Tenant);
        self.progress.set(Progress::default());
        self.credentials.set(None);
    }
}
