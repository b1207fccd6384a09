//! How far each record's calls got, and the report made from it. Progress is written down before
//! each call goes out (the console keeps it in the tab's storage), so a run cut off by a reload or
//! a lost server knows which call may have happened and has the server looked at before that
//! call is sent again: nothing is created twice. Secrets are never part of it.

use super::plan::{CallKind, Caller, PlannedCall, RecordPlan, Target};
use crate::clearml::curl::CurlCall;
use crate::clearml::wire::{ACT_AS, IMPERSONATE_AS};
use crate::platform::spec::SecretRef;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRun {
    /// Calls of the plan that are done.
    pub done: usize,
    pub tenant_id: Option<String>,
    pub admin_id: Option<String>,
    pub access_key: Option<String>,
    /// The call after the done ones went out and got no answer: the server may have done it.
    pub unsure: bool,
    pub failure: Option<String>,
    /// Calls whose effect an interrupted attempt had made, found on the server rather than sent.
    pub found: Vec<CallKind>,
    /// Looking for what the unsure call made could not tell (a server that cannot list a new
    /// tenant's users): only the person can say, by naming what it made or saying it made nothing.
    #[serde(default)]
    pub cannot_tell: bool,
}

/// One call of a record as a run page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallState {
    Waiting,
    /// Done, with what it made (an id or an access key) and whether it was found rather than sent.
    Done {
        made: Option<String>,
        found: bool,
    },
    Failed {
        message: String,
        unsure: bool,
    },
}

/// What a call made, as the runner reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Made {
    Nothing,
    Tenant { id: String, found: bool },
    Admin { id: String, found: bool },
    Credentials { access_key: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Waiting,
    Done,
    Failed,
    /// Some calls done, stopped without a failure (a paused or cancelled run, a reload).
    Partial,
}

impl RecordRun {
    /// Before the first call: an existing tenant's id and the user the plan acts as are known.
    pub fn new(plan: &RecordPlan) -> Self {
        let tenant_id = match &plan.target {
            Target::Exists { id } => Some(id.clone()),
            Target::New => None,
        };
        Self { tenant_id, admin_id: plan.act_as.clone(), ..Self::default() }
    }

    pub fn next<'p>(&self, plan: &'p RecordPlan) -> Option<&'p PlannedCall> {
        plan.calls.get(self.done)
    }

    pub fn status(&self, plan: &RecordPlan) -> Status {
        if self.done >= plan.calls.len() {
            Status::Done
        } else if self.failure.is_some() {
            Status::Failed
        } else if self.done > 0 || self.unsure {
            Status::Partial
        } else {
            Status::Waiting
        }
    }

    /// Whether a call has gone out, so what the plan was made from is fixed.
    pub fn started(&self) -> bool {
        self.done > 0 || self.unsure || self.failure.is_some()
    }

    pub fn state(&self, plan: &RecordPlan, index: usize) -> CallState {
        if index < self.done {
            let kind = plan.calls[index].kind;
            let made = match kind {
                CallKind::CreateTenant => self.tenant_id.clone(),
                CallKind::CreateAdmin => self.admin_id.clone(),
                CallKind::IssueCredentials => self.access_key.clone(),
                _ => None,
            };
            return CallState::Done { made, found: self.found.contains(&kind) };
        }
        match &self.failure {
            Some(message) if index == self.done => CallState::Failed { message: message.clone(), unsure: self.unsure },
            _ => CallState::Waiting,
        }
    }

    /// The call as a curl command, with the ids known so far and the seeds' placeholders for the
    /// rest.
    pub fn curl(&self, call: &PlannedCall, api_url: &str) -> CurlCall {
        let tenant = self.tenant_id.as_deref().unwrap_or("<COMPANY_ID>");
        let mut curl = CurlCall::new(api_url, call.kind.endpoint(), &call.body_with(Some(tenant)));
        let admin = self.admin_id.as_deref().unwrap_or("<USER_ID>");
        let header = match call.caller() {
            Caller::Supervisor => None,
            Caller::ImpersonatingAdmin => Some(IMPERSONATE_AS),
            Caller::ActingAsAdmin => Some(ACT_AS),
        };
        if let Some(name) = header {
            curl.headers.push((name.to_owned(), admin.to_owned()));
        }
        curl
    }

    /// Must the server be asked whether this call is done before it is sent (again)?
    pub fn must_look_first(&self, call: &PlannedCall) -> bool {
        (self.unsure && !call.kind.repeatable()) || call.look_first
    }

    /// Called, and saved, right before the call goes out.
    pub fn sending(&mut self) {
        self.unsure = true;
        self.failure = None;
        self.cannot_tell = false;
    }

    pub fn succeeded(&mut self, kind: CallKind, made: Made) {
        match made {
            Made::Nothing => {}
            Made::Tenant { id, found } | Made::Admin { id, found } if found => {
                self.found.push(kind);
                self.set_id(kind, id);
            }
            Made::Tenant { id, .. } | Made::Admin { id, .. } => self.set_id(kind, id),
            Made::Credentials { access_key } => self.access_key = Some(access_key),
        }
        self.done += 1;
        self.unsure = false;
        self.failure = None;
    }

    fn set_id(&mut self, kind: CallKind, id: String) {
        if kind == CallKind::CreateTenant {
            self.tenant_id = Some(id);
        } else {
            self.admin_id = Some(id);
        }
    }

    /// A refusal means the server did not do it; no answer leaves the call unsure.
    pub fn failed(&mut self, message: String, answered: bool) {
        if answered {
            self.unsure = false;
        }
        self.failure = Some(message);
    }

    /// Another attempt: the failure is forgotten, an unsure call stays unsure (and is looked for).
    pub fn retry(&mut self) {
        self.failure = None;
    }

    /// The look could not tell and the person did: `made` names what the interrupted call made
    /// (so it counts as done, found), or `None` says it made nothing (so it is sent without looking).
    pub fn told(&mut self, plan: &RecordPlan, made: Option<String>) {
        let Some(kind) = self.next(plan).map(|c| c.kind) else { return };
        match made {
            Some(id) if kind == CallKind::CreateTenant => self.succeeded(kind, Made::Tenant { id, found: true }),
            Some(id) => self.succeeded(kind, Made::Admin { id, found: true }),
            None => {
                self.unsure = false;
                self.failure = None;
            }
        }
        self.cannot_tell = false;
    }

    /// The secret of the credentials issued last was shown once and is gone: the call is made
    /// again, looking first, which revokes the old key before a new one is issued. Only when the
    /// credentials are the last call done, so nothing after them runs twice.
    pub fn redo_credentials(&mut self, plan: &RecordPlan) {
        let last_done = self.done.checked_sub(1).and_then(|i| plan.calls.get(i));
        if last_done.is_some_and(|c| c.kind == CallKind::IssueCredentials) {
            self.done -= 1;
            self.access_key = None;
            self.unsure = true;
        }
    }
}

/// The secrets the calls not yet done still read, each once, with the record it is for: a page
/// keeps pasted secrets in memory only, so a run resumed after a reload asks for them again.
pub fn secrets_left(plans: &[RecordPlan], runs: &[RecordRun]) -> Vec<(String, SecretRef)> {
    let mut left: Vec<(String, SecretRef)> = Vec::new();
    for (plan, run) in plans.iter().zip(runs) {
        for secret in plan.calls.iter().skip(run.done).filter_map(|c| c.secret.as_ref()) {
            if *secret != SecretRef::Keep && !left.iter().any(|(_, s)| s == secret) {
                left.push((format!("{}.sso.provider.client_secret", plan.origin), secret.clone()));
            }
        }
    }
    left
}

/// Done, failed and remaining records, for the progress bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub done: usize,
    pub failed: usize,
    pub remaining: usize,
}

impl Tally {
    /// From each record's status: the run page reads them one signal at a time, without copying.
    pub fn of(statuses: impl IntoIterator<Item = Status>) -> Tally {
        let mut t = Tally::default();
        for status in statuses {
            match status {
                Status::Done => t.done += 1,
                Status::Failed => t.failed += 1,
                Status::Waiting | Status::Partial => t.remaining += 1,
            }
        }
        t
    }
}

/// One record's line of the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportRow {
    pub place: String,
    pub tenant: String,
    pub outcome: &'static str,
    pub tenant_id: String,
    pub admin_id: String,
    pub access_key: String,
    /// What was done, call by call, in the supervisor's words.
    pub done: Vec<String>,
    pub error: String,
}

pub fn report(plans: &[RecordPlan], runs: &[RecordRun]) -> Vec<ReportRow> {
    plans
        .iter()
        .zip(runs)
        .map(|(plan, run)| {
            let outcome = match (run.status(plan), &plan.target) {
                (_, _) if plan.calls.is_empty() => "unchanged",
                (Status::Done, Target::New) => "created",
                (Status::Done, Target::Exists { .. }) => "changed",
                (Status::Failed, _) => "failed",
                (Status::Partial, _) => "partly done",
                (Status::Waiting, _) => "not run",
            };
            let done = plan.calls[..run.done.min(plan.calls.len())]
                .iter()
                .map(|c| {
                    if run.found.contains(&c.kind) {
                        format!("{} (found, made by an interrupted attempt)", c.kind.title())
                    } else {
                        c.kind.title().to_owned()
                    }
                })
                .collect();
            ReportRow {
                place: plan.origin.to_string(),
                tenant: plan.tenant.clone(),
                outcome,
                tenant_id: run.tenant_id.clone().unwrap_or_default(),
                admin_id: run.admin_id.clone().unwrap_or_default(),
                access_key: run.access_key.clone().unwrap_or_default(),
                done,
                error: run.failure.clone().unwrap_or_default(),
            }
        })
        .collect()
}

pub fn report_json(rows: &[ReportRow]) -> String {
    serde_json::to_string_pretty(rows).unwrap_or_default()
}

pub fn report_csv(rows: &[ReportRow]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["place", "tenant", "outcome", "tenant_id", "admin_id", "access_key", "done", "error"]);
    for r in rows {
        let done = r.done.join("; ");
        let _ =
            w.write_record([&r.place, &r.tenant, r.outcome, &r.tenant_id, &r.admin_id, &r.access_key, &done, &r.error]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Credentials issued by this run, for the one download at its end.
pub struct IssuedFor<'a> {
    pub tenant: &'a str,
    pub tenant_id: &'a str,
    pub admin_email: &'a str,
    pub credentials: &'a crate::clearml::wire::IssuedCredentials,
}

pub fn credentials_csv(issued: &[IssuedFor]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["tenant", "tenant_id", "admin_email", "access_key", "secret_key"]);
    for i in issued {
        let _ = w.write_record([
            i.tenant,
            i.tenant_id,
            i.admin_email,
            &i.credentials.access_key,
            &i.credentials.secret_key,
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
