//! Planning on the page: the file read (its problems with their paths), the server read once
//! through the platform engine, and the plan made from both — again at once, without reading the
//! server, when removals are allowed or a secret is given. Apply reads the server again and
//! refuses a plan made against a state that has since changed.

use crate::api::Client;
use crate::bulk_import::BulkImport;
use crate::components::confirm::Confirm;
use crate::components::saving::Saving;
use crate::known_admins;
use crate::pages::bulk::runner;
use leptos::prelude::*;
use std::sync::Arc;
use tenantry_core::bulk::plan::RecordPlan;
use tenantry_core::platform::live::{self, KnownAdmins, LiveState};
use tenantry_core::platform::plan::{plan, PlatformPlan};
use tenantry_core::platform::spec::PlatformFile;
use tenantry_core::platform::{read, Problem};
use tenantry_core::words::counted;

/// The file as read and the server state it was planned against.
pub struct Basis {
    pub file: PlatformFile,
    pub live: LiveState,
}

#[derive(Clone, Copy)]
pub struct Planner {
    state: BulkImport,
    client: Client,
    basis: RwSignal<Option<Arc<Basis>>>,
    /// The file could not be read: nothing was asked of the server.
    pub invalid: RwSignal<Option<Vec<Problem>>>,
    pub allow_removals: RwSignal<bool>,
    /// Reading the server, to plan or to check the plan is not stale before applying.
    pub reading: Saving,
    /// The server changed between the plan and the apply.
    pub stale: RwSignal<Option<String>>,
    pub plan: Memo<Option<Arc<PlatformPlan>>>,
}

impl Planner {
    pub fn for_page(state: BulkImport) -> Self {
        let basis = RwSignal::new(None::<Arc<Basis>>);
        let allow_removals = RwSignal::new(false);
        let plan = Memo::new(move |_| {
            let basis = basis.get()?;
            let secrets = state.secrets.get();
            let allow_removals = allow_removals.get();
            let planned =
                crate::perf::timed("platform-plan", || plan(&basis.file, &basis.live, allow_removals, &secrets));
            Some(Arc::new(planned))
        });
        let this = Self {
            state,
            client: expect_context(),
            basis,
            invalid: RwSignal::new(None),
            allow_removals,
            reading: Saving::new(),
            stale: RwSignal::new(None),
            plan,
        };
        // A plan holds for the text it was made from: any edit, pick or export taken forgets it.
        Effect::watch(move || state.text.track(), move |_, _, _| this.forget(), false);
        this
    }

    pub fn get() -> Self {
        expect_context()
    }

    pub fn file(&self) -> Option<Arc<Basis>> {
        self.basis.get()
    }

    /// Whom to read each tenant as where the server cannot say: the file's admins with ids, then
    /// those this browser made or was told of.
    pub fn known_admins(&self, file: Option<&PlatformFile>) -> KnownAdmins {
        let mut known = file.map(PlatformFile::known_admins).unwrap_or_default();
        known_admins::add_recorded(self.client, &mut known);
        known
    }

    fn forget(&self) {
        self.basis.set(None);
        self.invalid.set(None);
        self.stale.set(None);
    }

    pub fn plan(&self) {
        let this = *self;
        this.forget();
        let file = match read::read(&this.state.text.get_untracked()) {
            Ok(file) => file,
            Err(problems) => return this.invalid.set(Some(problems)),
        };
        let known = this.known_admins(Some(&file));
        let client = this.client;
        this.reading.run(async move { live::read(&client, &known).await }, move |live| {
            this.basis.set(Some(Arc::new(Basis { file, live })));
            None
        });
    }

    /// Asks, then reads the server again: unchanged, the plan's calls run; changed, the plan is
    /// made again against what is there now and the person looks at it before applying.
    pub fn apply(&self) {
        let this = *self;
        let (Some(basis), Some(planned)) = (this.basis.get_untracked(), this.plan.get_untracked()) else { return };
        let records: Vec<RecordPlan> = planned.records().into_iter().filter(|r| !r.calls.is_empty()).collect();
        let calls: usize = records.iter().map(|r| r.calls.len()).sum();
        let withheld = planned.summary().withheld;
        let consequence = if withheld > 0 {
            format!(
                "The calls go out tenant by tenant, in order. {} not sent.",
                counted(withheld, "withheld removal is", "withheld removals are")
            )
        } else {
            "The calls go out tenant by tenant, in order.".to_owned()
        };
        let title =
            format!("Apply {} to {}?", counted(calls, "call", "calls"), counted(records.len(), "tenant", "tenants"));
        Confirm::get().ask(title, consequence, "Apply", move || {
            let known = this.known_admins(Some(&basis.file));
            let (client, basis, records, fingerprint) = (this.client, basis.clone(), records.clone(), planned.fingerprint.clone());
            this.reading.run(async move { live::read(&client, &known).await }, move |live| {
                if live.fingerprint() != fingerprint {
                    this.stale.set(Some(format!(
                        "The server changed since this plan was made (planned against {fingerprint}, it is now {}): nothing was sent. The plan below is made again against what is there now: look at it, then apply.",
                        live.fingerprint()
                    )));
                    this.basis.set(Some(Arc::new(Basis { file: basis.file.clone(), live })));
                    return None;
                }
                this.state.begin(records);
                runner::start(this.state, client);
                None
            });
        });
    }
}
