//! The onboarding wizard's state for this tab: what was typed and how far the run got. It is
//! saved in sessionStorage on every change, so a reload or a new sign-in resumes it; the new
//! secret lives in memory only and is never saved.

use crate::persisted::Persisted;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tenantry_core::onboarding::{Draft, Page, Progress};
use tenantry_core::tenant_form::TenantForm;
use tenantry_core::wire::{Company, IssuedCredentials};
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
    pub name: RwSignal<String>,
    pub allowed_users: RwSignal<String>,
    /// The feature choices; its name and user limit fields are unused.
    pub features: RwSignal<TenantForm>,
    pub admin_name: RwSignal<String>,
    pub admin_email: RwSignal<String>,
    pub page: RwSignal<Page>,
    pub progress: RwSignal<Progress>,
    pub credentials: RwSignal<Option<IssuedCredentials>>,
    pub running: RwSignal<bool>,
}

impl Wizard {
    /// Restores the tab's wizard and keeps saving it for as long as the signed-in frame lives.
    pub fn provide() {
        let saved = KEPT.read().unwrap_or_default();
        let d = saved.draft;
        let wizard = Wizard {
            name: RwSignal::new(d.tenant.name.clone()),
            allowed_users: RwSignal::new(d.tenant.allowed_users.clone()),
            features: RwSignal::new(d.tenant),
            admin_name: RwSignal::new(d.admin_name),
            admin_email: RwSignal::new(d.admin_email),
            page: RwSignal::new(saved.page),
            progress: RwSignal::new(saved.progress),
            credentials: RwSignal::new(None),
            running: RwSignal::new(false),
        };
        provide_context(wizard);
        Effect::new(move || wizard.write(wizard.draft(), wizard.page.get(), wizard.progress.get()));
    }

    pub fn get() -> Self {
        expect_context()
    }

    pub fn draft(&self) -> Draft {
        Draft {
            tenant: TenantForm {
                name: self.name.get(),
                allowed_users: self.allowed_users.get(),
                ..self.features.get()
            },
            admin_name: self.admin_name.get(),
            admin_email: self.admin_email.get(),
        }
    }

    /// Writes now, not when the effect next runs: the runner saves right before a call goes out.
    pub fn save_now(&self) {
        let draft = untrack(|| self.draft());
        self.write(draft, self.page.get_untracked(), self.progress.get_untracked());
    }

    fn write(&self, draft: Draft, page: Page, progress: Progress) {
        KEPT.write(&Saved { draft, page, progress });
    }

    /// Starts the wizard on a tenant that exists and has no admin: its admin and credentials only.
    pub fn adopt(&self, company: &Company, id: CompanyId) {
        let settings = company.defaults.clone().unwrap_or_default();
        self.start_over();
        self.name.set(company.name.clone());
        self.allowed_users.set(settings.allowed_users.unwrap_or_default());
        self.features.set(TenantForm {
            features: settings.features,
            exclude_features: settings.exclude_features,
            ..TenantForm::default()
        });
        self.progress.set(Progress::for_existing(id));
        self.page.set(Page::Admin);
    }

    /// The tenant it works on existed before it, by that tenant's id.
    pub fn existing(&self) -> Option<CompanyId> {
        self.progress.with(|p| p.existing.then(|| p.company_id().cloned()).flatten())
    }

    pub fn start_over(&self) {
        self.name.set(String::new());
        self.allowed_users.set(String::new());
        self.features.set(TenantForm::default());
        self.admin_name.set(String::new());
        self.admin_email.set(String::new());
        self.page.set(Page::Tenant);
        self.progress.set(Progress::default());
        self.credentials.set(None);
    }
}
