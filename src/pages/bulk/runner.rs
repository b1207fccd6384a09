//! Runs an import: a few records at a time, each record's calls in order. Progress is saved
//! before and after every call; a call that got no answer is looked for on the server before it
//! is sent again (as the onboarding wizard does), so a reload or a lost server creates nothing
//! twice. A refusal stops that record only.

use crate::api::{credentials, tenants, users, Client};
use crate::bulk_import::{save_record, BulkImport, Halt};
use crate::components::routing_store::RoutingStore;
use crate::components::tenants_store::TenantsStore;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use tenantry_core::bulk::plan::{CallKind, PlannedCall, RecordPlan};
use tenantry_core::bulk::run::{Made, RecordRun, Status};
use tenantry_core::clearml::onboarding::{leftover_credentials, StepError};
use tenantry_core::clearml::tenant::name_key;
use tenantry_core::clearml::tenant_admin::NEW_TENANT_NOT_LISTED;
use tenantry_core::clearml::wire::{Acting, CreateCredentialsResponse, IdResponse, IssuedCredentials};
use tenantry_core::{ApiError, CompanyId, EmailAddress, UserId};

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

async fn run_record(
    client: Client,
    state: BulkImport,
    i: usize,
    plan: &RecordPlan,
    record: &mut RecordRun,
    shown: &ArcRwSignal<RecordRun>,
) {
    while let Some(call) = record.next(plan) {
        if stopped(state) {
            break;
        }
        let look_first = record.must_look_first(call);
        record.sending();
        save_record(i, record);
        shown.try_set(record.clone());
        match perform(client, plan, record, call, look_first).await {
            Ok((made, issued)) => {
                if let Some(issued) = issued {
                    state.issued.try_update(|v| v.push((i, issued)));
                }
                record.succeeded(call.kind, made);
            }
            Err(StepError::Looking(e)) => record
                .failed(format!("Could not see whether an interrupted attempt did this: {}", e.explained()), false),
            Err(StepError::Sending(e)) => record.failed(e.explained(), !matches!(e, ApiError::Network(_))),
        }
        save_record(i, record);
        shown.try_set(record.clone());
        if record.failure.is_some() {
            break;
        }
    }
}

type Performed = (Made, Option<IssuedCredentials>);

async fn perform(
    client: Client,
    plan: &RecordPlan,
    record: &RecordRun,
    call: &PlannedCall,
    look_first: bool,
) -> Result<Performed, StepError> {
    let body = call.body_with(record.tenant_id.as_deref());
    let admin = record.admin_id.as_deref().and_then(|a| UserId::parse(a).ok());
    let company = record.tenant_id.as_deref().and_then(|c| CompanyId::parse(c).ok());
    let sending = StepError::Sending;
    match call.kind {
        CallKind::CreateTenant => {
            if look_first {
                let same = tenants::named(client, &plan.tenant).await.map_err(StepError::Looking)?;
                let key = name_key(&plan.tenant);
                if let Some(found) = same.into_iter().find(|c| name_key(&c.name) == key) {
                    return Ok((Made::Tenant { id: found.id, found: true }, None));
                }
            }
            let made: IdResponse = client.call(call.kind.endpoint(), &body).await.map_err(sending)?;
            Ok((Made::Tenant { id: made.id, found: false }, None))
        }
        CallKind::CreateAdmin => {
            let company = company.ok_or_else(|| sending(ApiError::Mismatch("the tenant's id is not known".into())))?;
            if look_first {
                if let Some(id) = find_admin(client, plan, &company).await? {
                    users::remember_admin(client, &company, &id);
                    return Ok((Made::Admin { id: id.to_string(), found: true }, None));
                }
            }
            let made: IdResponse = client.call(call.kind.endpoint(), &body).await.map_err(sending)?;
            if let Ok(id) = UserId::parse(&made.id) {
                users::remember_admin(client, &company, &id);
            }
            Ok((Made::Admin { id: made.id, found: false }, None))
        }
        CallKind::IssueCredentials => {
            let acting = admin.as_ref().and_then(|a| call.acting(a));
            if look_first {
                // Credentials whose secret never reached the page are of no use: revoke them.
                let listed = credentials::list(client, acting.as_ref()).await.map_err(StepError::Looking)?;
                for key in leftover_credentials(&listed) {
                    credentials::revoke(client, acting.as_ref(), &key).await.map_err(StepError::Looking)?;
                }
            }
            let made: CreateCredentialsResponse =
                client.call_as(acting.as_ref(), call.kind.endpoint(), &body).await.map_err(sending)?;
            Ok((Made::Credentials { access_key: made.credentials.access_key.clone() }, Some(made.credentials)))
        }
        _ => {
            let acting: Option<Acting> = admin.as_ref().and_then(|a| call.acting(a));
            client
                .call_as::<_, serde_json::Value>(acting.as_ref(), call.kind.endpoint(), &body)
                .await
                .map_err(sending)?;
            Ok((Made::Nothing, None))
        }
    }
}

/// The admin an interrupted `auth.create_user` made, among the tenant's users; a server that
/// lists other companies' users cannot say, and the record stops rather than risk a second admin.
async fn find_admin(client: Client, plan: &RecordPlan, company: &CompanyId) -> Result<Option<UserId>, StepError> {
    let Some(email) = plan.admin_email.as_deref().and_then(|e| EmailAddress::parse(e).ok()) else { return Ok(None) };
    let listed = users::of_tenant(client, company).await.map_err(StepError::Looking)?;
    let listed = listed.map_err(|_| StepError::Looking(ApiError::Mismatch(NEW_TENANT_NOT_LISTED.into())))?;
    Ok(listed
        .iter()
        .find(|u| EmailAddress::parse(&u.email).is_ok_and(|e| e.key() == email.key()))
        .and_then(|u| UserId::parse(&u.id).ok()))
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
    let signal = &run.records[i];
    let mut record = signal.get_untracked();
    record.access_key = Some(issued.access_key.clone());
    save_record(i, &record);
    signal.try_set(record);
    state.issued.try_update(|v| v.push((i, issued)));
    Ok(())
}
