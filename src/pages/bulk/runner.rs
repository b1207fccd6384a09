//! Runs an import: a few records at a time, each record's calls in order by the platform engine's
//! executor (the same as `tenantry apply`). Progress is saved before and after every call; a call
//! that got no answer is looked for on the server before it is sent again, so a reload or a lost
//! server creates nothing twice. A refusal stops that record only.

use crate::api::{credentials, Client};
use crate::bulk_import::{BulkImport, Halt};
use crate::components::routing_store::RoutingStore;
use crate::components::tenants_store::TenantsStore;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use tenantry_core::bulk::plan::RecordPlan;
use tenantry_core::bulk::run::{RecordRun, Status};
use tenantry_core::clearml::wire::{Acting, IssuedCredentials};
use tenantry_core::platform::execute::{self, Issued, Journal};
use tenantry_core::{ApiError, UserId};

/// Records worked on at once: a few tenants, well inside the browser's six connections per host.
const AT_ONCE: usize = 3;

/// Starts (or resumes) the run: every record not done, failed ones included, looked at first
/// where a call of theirs may have happened.
pub fn start(state: BulkImport, client: Client) {
    let Some(run) = state.run.get_untracked() else { return };
    if state.running.get_untracked() {
        return;
    }
    let queue: VecDeque<usize> = run
        .records
        .iter()
        .enumerate()
        .filter(|(i, r)| r.with_untracked(|r| r.status(&run.plans[*i]) != Status::Done))
        .map(|(i, _)| i)
        .collect();
    let queue = Rc::new(RefCell::new(queue));
    let workers = Rc::new(RefCell::new(AT_ONCE));
    state.halt.set(None);
    state.running.set(true);
    let tenants_store = use_context::<TenantsStore>();
    let routing = use_context::<RoutingStore>();
    for _ in 0..AT_ONCE {
        let (queue, workers, run) = (queue.clone(), workers.clone(), run.clone());
        spawn_local(async move {
            loop {
                if stopped(state) {
                    break;
                }
                let Some(i) = queue.borrow_mut().pop_front() else { break };
                let Some(mut record) = run.records[i].try_get_untracked() else { break };
                state.current.try_update(|c| c.push(i));
                record.retry();
                run_record(client, state, i, &run.plans[i], &mut record, &run.records[i]).await;
                state.current.try_update(|c| c.retain(|x| *x != i));
            }
            let last = {
                let mut w = workers.borrow_mut();
                *w -= 1;
                *w == 0
            };
            if last {
                state.running.try_set(false);
                if let Some(store) = tenants_store {
                    store.reload();
                }
                if let Some(routing) = routing {
                    routing.forget();
                }
            }
        });
    }
}

pub fn halt(state: BulkImport, how: Halt) {
    state.halt.set(Some(how));
}

/// Paused, cancelled, or the page was left (its state is gone).
fn stopped(state: BulkImport) -> bool {
    !matches!(state.halt.try_get_untracked(), Some(None))
}

/// Where the core executor's progress goes: the tab's storage, the record's row, the one-time
/// credentials list.
struct PageJournal<'a> {
    state: BulkImport,
    i: usize,
    shown: &'a ArcRwSignal<RecordRun>,
}

impl Journal for PageJournal<'_> {
    fn save(&mut self, run: &RecordRun) {
        self.state.save_record(self.i, run);
        self.shown.try_set(run.clone());
    }

    fn issued(&mut self, admin_email: String, credentials: IssuedCredentials) {
        let record = self.i;
        self.state.issued.try_update(|v| v.push(Issued { record, admin_email, credentials }));
    }

    fn stopped(&self) -> bool {
        stopped(self.state)
    }
}

async fn run_record(
    client: Client,
    state: BulkImport,
    i: usize,
    plan: &RecordPlan,
    record: &mut RecordRun,
    shown: &ArcRwSignal<RecordRun>,
) {
    let secrets = state.secrets.get_untracked();
    crate::record_run::run(client, plan, record, &secrets, &mut PageJournal { state, i, shown }).await;
}

/// Credentials issued before a reload cannot be shown again: revoke each and issue new ones.
pub async fn reissue(
    client: Client,
    state: BulkImport,
    i: usize,
    admin: UserId,
    old_key: String,
) -> Result<(), ApiError> {
    let acting = Some(Acting::ImpersonateAs(admin));
    credentials::revoke(client, acting.as_ref(), &old_key).await?;
    let issued =
        credentials::create(client, acting.as_ref(), &tenantry_core::clearml::onboarding::Plan::create_credentials())
            .await?;
    let Some(run) = state.run.get_untracked() else { return Ok(()) };
    let admin_email = execute::admin_email_for(&run.plans[i], run.plans[i].calls.len());
    let signal = &run.records[i];
    let mut record = signal.get_untracked();
    record.access_key = Some(issued.access_key.clone());
    state.save_record(i, &record);
    signal.try_set(record);
    state.issued.try_update(|v| v.push(Issued { record: i, admin_email, credentials: issued }));
    Ok(())
}
