//! The onboarding wizard's state for this tab: what was typed and how far the run got. It is
//! saved in sessionStorage on every change, so a reload or a new sign-in resumes it; the new
//! secret lives in memory only and is never saved.

use crate::page_store::PageStore;
use crate::persisted::Persisted;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tenantry_core::bulk::plan::RecordPlan;
use tenantry_core::bulk::run::RecordRun;
use tenantry_core::clearml::onboarding::{Draft, Page, Plan, PlanErrors};
use tenantry_core::clearml::tenant::TakenNames;
use tenantry_core::clearml::tenant_form::TenantForm;
use tenantry_core::clearml::wire::{Company, IssuedCredentials};
use tenantry_core::names::unicode::lowercase;
use tenantry_core::CompanyId;

const KEPT: Persisted<Saved> = Persisted::new("onboarding");

#[derive(Default, Serialize, Deserialize)]
struct Saved {
    draft: Draft,
    page: Page,
    run: RecordRun,
    existing: Option<CompanyId>,
}

#[derive(Clone, Copy)]
pub struct Wizard {
    /// Everything typed: the tenant's form and its admin, edited in place by the pages' fields.
    pub draft: RwSignal<Draft>,
    pub page: RwSignal<Page>,
    /// How far the run of the plan got, as core's executor journals it.
    pub run: RwSignal<RecordRun>,
    /// The tenant existed before the wizard: it was picked to get an admin, not created.
    pub adopted: RwSignal<Option<CompanyId>>,
    pub credentials: RwSignal<Option<IssuedCredentials>>,
    pub running: RwSignal<bool>,
}

impl Wizard {
    /// The tab's wizard, restored on first use and saved on every change until sign-out.
    pub fn get() -> Self {
        PageStore::get(Self::restore)
    }

    fn restore() -> Self {
        let saved = KEPT.read().unwrap_or_default();
        let wizard = Wizard {
            draft: RwSignal::new(saved.draft),
            page: RwSignal::new(saved.page),
            run: RwSignal::new(saved.run),
            adopted: RwSignal::new(saved.existing),
            credentials: RwSignal::new(None),
            running: RwSignal::new(false),
        };
        Effect::new(move || {
            let saved = Saved {
                draft: wizard.draft.get(),
                page: wizard.page.get(),
                run: wizard.run.get(),
                existing: wizard.adopted.get(),
            };
            KEPT.write(&saved);
        });
        wizard
    }

    /// The tenant's name as typed, for the pages that mention it.
    pub fn tenant_name(&self) -> String {
        self.draft.with(|d| d.tenant.name.trim().to_owned())
    }

    /// The admin's email as it is sent.
    pub fn admin_email(&self) -> String {
        self.draft.with(|d| lowercase(d.admin_email.trim()))
    }

    /// Records `run` and writes now, not when the effect next runs: the runner saves right before
    /// a call goes out.
    pub fn save(&self, run: &RecordRun) {
        self.run.try_set(run.clone());
        KEPT.write(&Saved {
            draft: self.draft.get_untracked(),
            page: self.page.get_untracked(),
            run: run.clone(),
            existing: self.adopted.get_untracked(),
        });
    }

    /// The plan as typed, its name checked against `taken` (an existing tenant's name is its own).
    pub fn plan(&self, taken: &TakenNames) -> Result<Plan, PlanErrors> {
        let none = TakenNames::default();
        let taken = if self.adopted.with(Option::is_some) { &none } else { taken };
        self.draft.with(|d| d.plan(taken))
    }

    /// What the run sends: once a call has gone out the tenant may exist, so no names are checked.
    pub fn record(&self) -> Option<RecordPlan> {
        let plan = self.plan(&TakenNames::default()).ok()?;
        Some(self.adopted.with(|e| plan.record(e.as_ref())))
    }

    pub fn started(&self) -> bool {
        self.run.with(RecordRun::started)
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
        self.adopted.set(Some(id));
        self.page.set(Page::Admin);
    }

    /// The tenant it works on existed before it, by that tenant's id.
    pub fn existing(&self) -> Option<CompanyId> {
        self.adopted.get()
    }

    /// The tenant's id, once it exists.
    pub fn tenant_id(&self) -> Option<String> {
        self.run.with(|r| r.tenant_id.clone()).or_else(|| self.adopted.with(|e| e.as_ref().map(ToString::to_string)))
    }

    pub fn start_over(&self) {
        self.draft.set(Draft::default());
        self.page.set(Page::Tenant);
        self.run.set(RecordRun::default());
        self.adopted.set(None);
        self.credentials.set(None);
    }
}
