//! The bulk import of this tab: the file's text while it is being mended, then the plan and each
//! record's progress. All of it is kept for the tab (`Persisted`; each record's progress under its
//! own key, written before every call), so a reload or a lost server resumes the run. Issued secrets
//! live in memory only, for the one download at the end.

use crate::persisted::Persisted;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tenantry_core::bulk::check::Checked;
use tenantry_core::bulk::file::Format;
use tenantry_core::bulk::plan::RecordPlan;
use tenantry_core::bulk::run::RecordRun;
use tenantry_core::clearml::wire::IssuedCredentials;

const INPUT: Persisted<Input> = Persisted::new("bulk.input");
const PLAN: Persisted<Vec<RecordPlan>> = Persisted::new("bulk.plan");

const RUNS: &str = "bulk.run";

/// Each record's progress under its own key: a call's save writes one small value, not the run.
fn kept_record(record: usize) -> Persisted<RecordRun> {
    Persisted::numbered(RUNS, record)
}

#[derive(Default, Serialize, Deserialize)]
struct Input {
    file_name: String,
    /// `None`: taken from the file's name or its first line.
    format: Option<Format>,
    text: String,
}

/// A started import: its plan, fixed, and each record's progress.
#[derive(Clone)]
pub struct Run {
    pub plans: Arc<Vec<RecordPlan>>,
    /// Counted references rather than owned signals: a run is started from a click in a view that
    /// the run's own view replaces, and an owned signal would go with it.
    pub records: Vec<ArcRwSignal<RecordRun>>,
    /// Read back from the tab's storage rather than started on this page.
    pub resumed: bool,
}

/// How the person stopped a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Halt {
    Paused,
    Cancelled,
}

#[derive(Clone, Copy)]
pub struct BulkImport {
    pub file_name: RwSignal<String>,
    pub format: RwSignal<Option<Format>>,
    pub text: RwSignal<String>,
    /// The last check of the text; cleared by any edit.
    pub checked: RwSignal<Option<Arc<Checked>>>,
    pub run: RwSignal<Option<Run>>,
    pub running: RwSignal<bool>,
    pub halt: RwSignal<Option<Halt>>,
    /// Records being worked on now.
    pub current: RwSignal<Vec<usize>>,
    /// Credentials issued on this page, by record: never stored.
    pub issued: RwSignal<Vec<(usize, IssuedCredentials)>>,
}

impl BulkImport {
    /// The tab's import as it was left; made by the page, so leaving the page stops a run after
    /// its current calls (their progress is saved) and coming back offers to resume it.
    pub fn restore() -> Self {
        let input = INPUT.read().unwrap_or_default();
        let run = PLAN.read().map(|plans| Run {
            records: (0..plans.len())
                .map(|i| ArcRwSignal::new(kept_record(i).read().unwrap_or_else(|| RecordRun::new(&plans[i]))))
                .collect(),
            plans: Arc::new(plans),
            resumed: true,
        });
        let state = Self {
            file_name: RwSignal::new(input.file_name),
            format: RwSignal::new(input.format),
            text: RwSignal::new(input.text),
            checked: RwSignal::new(None),
            run: RwSignal::new(run),
            running: RwSignal::new(false),
            halt: RwSignal::new(None),
            current: RwSignal::new(Vec::new()),
            issued: RwSignal::new(Vec::new()),
        };
        INPUT.keep(move || Input {
            file_name: state.file_name.get(),
            format: state.format.get(),
            text: state.text.get(),
        });
        state
    }

    pub fn get() -> Self {
        expect_context()
    }

    pub fn format_used(&self) -> Format {
        self.format.get().unwrap_or_else(|| self.file_name.with(|n| self.text.with(|t| Format::detect(n, t))))
    }

    /// Fixes the plan and starts keeping each record's progress.
    pub fn begin(&self, plans: Vec<RecordPlan>) {
        PLAN.write(&plans);
        let records = plans
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let run = RecordRun::new(p);
                kept_record(i).write(&run);
                ArcRwSignal::new(run)
            })
            .collect();
        self.issued.set(Vec::new());
        self.run.set(Some(Run { plans: Arc::new(plans), records, resumed: false }));
    }

    /// Ends the import: the plan and progress are dropped, the text stays for another check.
    pub fn clear_run(&self) {
        PLAN.remove();
        Persisted::<RecordRun>::remove_series(RUNS);
        self.run.set(None);
        self.checked.set(None);
        self.halt.set(None);
        self.issued.set(Vec::new());
    }
}

/// Written before each call and after its answer, straight to storage: a page left mid-call
/// still records what the call did.
pub fn save_record(record: usize, run: &RecordRun) {
    kept_record(record).write(run);
}
