//! Runs a record's calls in order, the one executor under the bulk import and the platform apply,
//! in the console and on the command line. Progress is handed out to be saved before every call
//! and after it; a call that may have happened without an answer is looked for on the server
//! before it is sent again, so nothing is created twice.

use super::live::users_of;
use super::spec::Secrets;
use super::transport::{call, Transport};
use crate::bulk::plan::{CallKind, PlannedCall, RecordPlan, CREDENTIALS_LABEL};
use crate::bulk::run::{Made, RecordRun};
use crate::clearml::tenant::name_key;
use crate::clearml::tenant_admin::{EMAILS_NOT_REPORTED, NEW_TENANT_NOT_LISTED};
use crate::clearml::wire::{
    CreateCredentialsResponse, CredentialInfo, GetCompaniesResponse, GetCredentialsResponse, IdResponse,
    IssuedCredentials,
};
use crate::{ApiError, CompanyId, EmailAddress, UserId};
use serde_json::{json, Value};

/// Why a call stopped: while looking for what an interrupted attempt made, or sending its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepError {
    Looking(ApiError),
    /// The look worked but the server cannot show what the interrupted attempt made.
    CannotTell(String),
    Sending(ApiError),
}

/// Credentials a run issued, with the admin they were issued to.
#[derive(Clone, Debug, PartialEq)]
pub struct Issued {
    pub record: usize,
    pub admin_email: String,
    pub credentials: IssuedCredentials,
}

/// The admin an `auth.create_credentials` call issues to: the one the record's last
/// `auth.create_user` before it names.
pub fn admin_email_for(plan: &RecordPlan, call_index: usize) -> String {
    plan.calls[..call_index]
        .iter()
        .rev()
        .find(|c| c.kind == CallKind::CreateAdmin)
        .and_then(|c| c.body["email"].as_str())
        .unwrap_or_default()
        .to_owned()
}

/// What the runner around the executor provides: where progress is saved, where issued
/// credentials go, and whether to stop before the next call.
pub trait Journal {
    fn save(&mut self, run: &RecordRun);
    fn issued(&mut self, admin_email: String, credentials: IssuedCredentials);
    fn stopped(&self) -> bool {
        false
    }
}

/// Runs what is left of one record; stops at its first failure (which `run.failure` holds).
pub async fn run_record<T: Transport>(
    t: &T,
    plan: &RecordPlan,
    run: &mut RecordRun,
    secrets: &dyn Secrets,
    journal: &mut impl Journal,
) {
    while let Some(c) = run.next(plan) {
        if journal.stopped() {
            break;
        }
        let look_first = run.must_look_first(c);
        run.sending();
        journal.save(run);
        match perform(t, plan, run, c, look_first, secrets).await {
            Ok((made, issued)) => {
                if let Some(credentials) = issued {
                    journal.issued(admin_email_for(plan, run.done), credentials);
                }
                run.succeeded(c.kind, made);
            }
            Err(StepError::Looking(e)) => {
                run.failed(format!("Could not see whether an interrupted attempt did this: {}", e.explained()), false)
            }
            Err(StepError::CannotTell(why)) => {
                run.failed(format!("Could not see whether an interrupted attempt did this: {why}"), false);
                run.cannot_tell = true;
            }
            Err(StepError::Sending(e)) => run.failed(e.explained(), !matches!(e, ApiError::Network(_))),
        }
        journal.save(run);
        if run.failure.is_some() {
            break;
        }
    }
}

type Performed = (Made, Option<IssuedCredentials>);

/// One call, looked for first where an earlier attempt may have made it.
pub async fn perform<T: Transport>(
    t: &T,
    plan: &RecordPlan,
    run: &RecordRun,
    c: &PlannedCall,
    look_first: bool,
    secrets: &dyn Secrets,
) -> Result<Performed, StepError> {
    let mut body = c.body_with(run.tenant_id.as_deref());
    let admin = run.admin_id.as_deref().and_then(|a| UserId::parse(a).ok());
    let acting = admin.as_ref().and_then(|a| c.acting(a));
    let sending = StepError::Sending;
    match c.kind {
        CallKind::CreateTenant => {
            if look_first {
                let same: GetCompaniesResponse = call(t, None, "system.get_companies", json!({ "name": plan.tenant }))
                    .await
                    .map_err(StepError::Looking)?;
                let key = name_key(&plan.tenant);
                if let Some(found) = same.companies.into_iter().find(|co| name_key(&co.name) == key) {
                    return Ok((Made::Tenant { id: found.id, found: true }, None));
                }
            }
            let made: IdResponse = call(t, None, c.kind.endpoint(), body).await.map_err(sending)?;
            Ok((Made::Tenant { id: made.id, found: false }, None))
        }
        CallKind::CreateAdmin => {
            let company = run.tenant_id.as_deref().and_then(|id| CompanyId::parse(id).ok());
            let company = company.ok_or_else(|| sending(ApiError::Mismatch("the tenant's id is not known".into())))?;
            if look_first {
                if let Some(id) = find_admin(t, &body, &company, admin.as_ref()).await? {
                    return Ok((Made::Admin { id: id.to_string(), found: true }, None));
                }
            }
            let made: IdResponse = call(t, None, c.kind.endpoint(), body).await.map_err(sending)?;
            Ok((Made::Admin { id: made.id, found: false }, None))
        }
        CallKind::IssueCredentials => {
            if look_first {
                // Credentials whose secret never reached anyone are of no use: revoke them.
                let listed: GetCredentialsResponse =
                    call(t, acting.as_ref(), "auth.get_credentials", json!({})).await.map_err(StepError::Looking)?;
                for key in leftover_credentials(&listed.credentials) {
                    call::<_, Value>(t, acting.as_ref(), "auth.revoke_credentials", json!({ "access_key": key }))
                        .await
                        .map_err(StepError::Looking)?;
                }
            }
            let made: CreateCredentialsResponse =
                call(t, acting.as_ref(), c.kind.endpoint(), body).await.map_err(sending)?;
            Ok((Made::Credentials { access_key: made.credentials.access_key.clone() }, Some(made.credentials)))
        }
        _ => {
            if let Some(secret) = &c.secret {
                let value = secrets
                    .resolve(secret)
                    .map_err(|why| sending(ApiError::Mismatch(format!("The client secret cannot be read: {why}."))))?;
                body["configuration"]["client_secret"] = Value::String(value);
            }
            call::<_, Value>(t, acting.as_ref(), c.kind.endpoint(), body).await.map_err(sending)?;
            Ok((Made::Nothing, None))
        }
    }
}

/// Credentials an interrupted run issued: their secret was never seen, so they are revoked.
pub fn leftover_credentials(credentials: &[CredentialInfo]) -> Vec<String> {
    credentials.iter().filter(|c| c.label == CREDENTIALS_LABEL).map(|c| c.access_key.clone()).collect()
}

/// The admin an interrupted `auth.create_user` made, among the tenant's users. A server that lists
/// only its caller's company is asked as the tenant's known admin; one that cannot show it at all
/// stops the record rather than risk a second admin.
async fn find_admin<T: Transport>(
    t: &T,
    body: &Value,
    company: &CompanyId,
    known: Option<&UserId>,
) -> Result<Option<UserId>, StepError> {
    let Some(email) = body["email"].as_str().and_then(|e| EmailAddress::parse(e).ok()) else { return Ok(None) };
    let users = match users_of(t, company, known).await.map_err(StepError::Looking)? {
        Ok(users) => users,
        Err(_) if known.is_none() => return Err(StepError::CannotTell(NEW_TENANT_NOT_LISTED.into())),
        Err(why) => return Err(StepError::CannotTell(why)),
    };
    if let Some(u) = users.iter().find(|u| EmailAddress::parse(&u.email).is_ok_and(|e| e.key() == email.key())) {
        return Ok(UserId::parse(&u.id).ok());
    }
    if users.iter().any(|u| u.email.is_empty()) {
        return Err(StepError::CannotTell(EMAILS_NOT_REPORTED.into()));
    }
    Ok(None)
}
