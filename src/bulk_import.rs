//! A run of planned records in this tab — a bulk import, or a platform file's apply: the file's
//! text while it is being mended, then the plan and each record's progress. All of it is kept for
//! the tab (`Persisted`; each record's progress under its own key, written before every call), so
//! a reload or a lost server resumes the run. Issued secrets, and the client secrets pasted for an
//! apply, live in memory only.

use crate::persisted::Persisted;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tenantry_core::bulk::check::Checked;
use tenantry_core::bulk::file::Format;
use tenantry_core::bulk::plan::RecordPlan;
use tenantry_core::bulk::run::RecordRun;
use tenantry_core::platform::execute::Issued;
use tenantry_core::platform::spec::GivenSecrets;
use wasm_bindgen_futures::JsFuture;

/// Which run: each keeps its own state for the tab, and its page names it in its own words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunOf {
    Import,
    Apply,
}

impl RunOf {
    fn input(self) -> Persisted<Input> {
        Persisted::new(match self {
            RunOf::Import => "bulk.input",
            RunOf::Apply => "platform.input",
        })
    }

    fn plan(self) -> Persisted<Vec<RecordPlan>> {
        Persisted::new(match self {
            RunOf::Import => "bulk.plan",
            RunOf::Apply => "platform.plan",
        })
    }

    fn runs(self) -> &'static str {
        match self {
            RunOf::Import => "bulk.run",
            RunOf::Apply => "platform.run",
        }
    }

    /// Each record's progress under its own key: a call's save writes one small value, not the run.
    fn kept_record(self, record: usize) -> Persisted<RecordRun> {
        Persisted::numbered(self.runs(), record)
    }

    pub fn words(self) -> Words {
        match self {
            RunOf::Import => Words {
                noun: "import",
                running: "Importing…",
                finished: "Import finished",
                interrupted: "Import interrupted",
                restart: "New import",
                report_csv: "tenantry-import-report.csv",
                report_json: "tenantry-import-report.json",
            },
            RunOf::Apply => Words {
                noun: "apply",
                running: "Applying…",
                finished: "Apply finished",
                interrupted: "Apply interrupted",
                restart: "Back to the file",
                report_csv: "tenantry-apply-report.csv",
                report_json: "tenantry-apply-report.json",
            },
        }
    }
}

/// How the run's page names it.
#[derive(Clone, Copy)]
pub struct Words {
    pub noun: &'static str,
    pub running: &'static str,
    pub finished: &'static str,
    pub interrupted: &'static str,
    /// The button that ends a stopped run and goes back to the file.
    pub restart: &'static str,
    pub report_csv: &'static str,
    pub report_json: &'static str,
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
    pub of: RunOf,
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
    pub issued: RwSignal<Vec<Issued>>,
    /// Client secrets given on this page for the run's references: never stored.
    pub secrets: RwSignal<GivenSecrets>,
}

impl BulkImport {
    /// The tab's import as it was left; made by the page, so leaving the page stops a run after
    /// its current calls (their progress is saved) and coming back offers to resume it.
    pub fn restore(of: RunOf) -> Self {
        let input = of.input().read().unwrap_or_default();
        let run = of.plan().read().map(|plans| Run {
            records: (0..plans.len())
                .map(|i| ArcRwSignal::new(of.kept_record(i).read().unwrap_or_else(|| RecordRun::new(&plans[i]))))
                .collect(),
            plans: Arc::new(plans),
            resumed: true,
        });
        let state = Self {
            of,
            file_name: RwSignal::new(input.file_name),
            format: RwSignal::new(input.format),
            text: RwSignal::new(input.text),
            checked: RwSignal::new(None),
            run: RwSignal::new(run),
            running: RwSignal::new(false),
            halt: RwSignal::new(None),
            current: RwSignal::new(Vec::new()),
            issued: RwSignal::new(Vec::new()),
            secrets: RwSignal::new(GivenSecrets::default()),
        };
        of.input().keep(move || Input {
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
        self.of.plan().write(&plans);
        let records = plans
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let run = RecordRun::new(p);
                self.of.kept_record(i).write(&run);
                ArcRwSignal::new(run)
            })
            .collect();
        self.issued.set(Vec::new());
        self.run.set(Some(Run { plans: Arc::new(plans), records, resumed: false }));
    }

    /// Ends the import: the plan and progress are dropped, the text stays for another check.
    pub fn clear_run(&self) {
        self.of.plan().remove();
        Persisted::<RecordRun>::remove_series(self.of.runs());
        self.run.set(None);
        self.checked.set(None);
        self.halt.set(None);
        self.issued.set(Vec::new());
    }

    /// Takes a file's text into the box, as if it had been pasted.
    pub fn take_file(self, file: web_sys::File) {
        spawn_local(async move {
            if let Ok(text) = JsFuture::from(file.text()).await {
                self.file_name.set(file.name());
                self.format.set(None);
                self.text.set(text.as_string().unwrap_or_default());
                self.checked.set(None);
            }
        });
    }

    /// Takes the file chosen in a file input; the input is emptied, so choosing the same file
    /// again (after editing it on disk) reads it again.
    pub fn take_picked(self, ev: &leptos::ev::Event) {
        let input: web_sys::HtmlInputElement = event_target(ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            self.take_file(file);
        }
        input.set_value("");
    }

    /// Written before each call and after its answer, straight to storage: a page left mid-call
    /// still records what the call did.
    pub fn save_record(&self, record: usize, run: &RecordRun) {
        self.of.kept_record(record).write(run);
    }
}
