//! What an import will send: per record, the calls in the order they run, each body as it goes on
//! the wire with placeholders for the ids that only earlier calls make. The same plan is what
//! the console runs, what its table shows and what the downloadable shell script sends.

use super::file::Origin;
use crate::clearml::curl::shell_quote;
use crate::clearml::wire::Acting;
use crate::{CompanyId, UserId};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The label of the credentials onboarding issues; it also tells leftovers of an interrupted run.
pub const CREDENTIALS_LABEL: &str = "Agent and App Gateway (Tenantry onboarding)";

/// Stands for the id of the tenant a record creates, until it exists.
pub const TENANT_ID: &str = "<TENANT_ID>";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CallKind {
    CreateTenant,
    UpdateSettings,
    CreateAdmin,
    IssueCredentials,
    SetDomains,
    AddWhitelist,
    AddWhitelistAdmins,
    RemoveWhitelist,
    SetSso,
    SaveProvider,
}

impl CallKind {
    pub const ALL: [CallKind; 10] = [
        CallKind::CreateTenant,
        CallKind::UpdateSettings,
        CallKind::CreateAdmin,
        CallKind::IssueCredentials,
        CallKind::SetDomains,
        CallKind::AddWhitelist,
        CallKind::AddWhitelistAdmins,
        CallKind::RemoveWhitelist,
        CallKind::SetSso,
        CallKind::SaveProvider,
    ];

    pub fn endpoint(self) -> &'static str {
        match self {
            CallKind::CreateTenant => "system.create_company",
            CallKind::UpdateSettings => "system.update_company_settings",
            CallKind::CreateAdmin => "auth.create_user",
            CallKind::IssueCredentials => "auth.create_credentials",
            CallKind::SetDomains => "login.set_domains",
            CallKind::AddWhitelist | CallKind::AddWhitelistAdmins => "login.add_whitelist_entries",
            CallKind::RemoveWhitelist => "login.remove_whitelist_entries",
            CallKind::SetSso => "system.update_company_sso_config",
            CallKind::SaveProvider => "sso.save_provider_configuration",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            CallKind::CreateTenant => "Create the tenant",
            CallKind::UpdateSettings => "Change its settings",
            CallKind::CreateAdmin => "Create its admin",
            CallKind::IssueCredentials => "Issue the admin's credentials",
            CallKind::SetDomains => "Route its email domains",
            CallKind::AddWhitelist => "Whitelist emails",
            CallKind::AddWhitelistAdmins => "Whitelist admins' emails",
            CallKind::RemoveWhitelist => "Remove whitelist entries",
            CallKind::SetSso => "Set its single sign-on",
            CallKind::SaveProvider => "Save its identity provider",
        }
    }

    /// Calls that change nothing when sent twice: after no answer they are simply sent again.
    pub fn repeatable(self) -> bool {
        !matches!(self, CallKind::CreateTenant | CallKind::CreateAdmin | CallKind::IssueCredentials)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedCall {
    pub kind: CallKind,
    /// The body, with [`TENANT_ID`] where the id of a tenant made by this run goes.
    pub body: Value,
    /// The server must be asked first whether it is done already (an existing tenant whose users
    /// could not be listed when the plan was made).
    #[serde(default)]
    pub look_first: bool,
    /// Where the identity provider's client secret is read from when the call goes out: never
    /// the secret itself, so a plan can be shown, saved and scripted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<crate::platform::spec::SecretRef>,
}

fn put_tenant_id(value: &mut Value, id: &str) {
    match value {
        Value::String(s) if s == TENANT_ID => *s = id.to_owned(),
        Value::Object(map) => map.values_mut().for_each(|v| put_tenant_id(v, id)),
        Value::Array(items) => items.iter_mut().for_each(|v| put_tenant_id(v, id)),
        _ => {}
    }
}

/// Whose call it is: the supervisor's own, or made as the tenant's admin (the seeds' way to set
/// another tenant's login routing and to issue a user's credentials).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caller {
    Supervisor,
    ImpersonatingAdmin,
    ActingAsAdmin,
}

impl PlannedCall {
    pub fn new(kind: CallKind, body: Value) -> Self {
        Self { kind, body, look_first: false, secret: None }
    }

    /// The tenant's admin as every way of onboarding makes it: role admin, internal. `company` may
    /// be [`TENANT_ID`], for a tenant the same run creates.
    pub fn create_admin(name: &str, email: &str, company: &str) -> Self {
        let body = serde_json::json!({ "name": name, "company": company, "email": email, "role": crate::Role::Admin.as_str(), "internal": "true" });
        Self::new(CallKind::CreateAdmin, body)
    }

    /// The admin's first credentials, under the label that tells leftovers of an interrupted run.
    pub fn issue_credentials() -> Self {
        Self::new(CallKind::IssueCredentials, serde_json::json!({ "label": CREDENTIALS_LABEL }))
    }

    pub fn caller(&self) -> Caller {
        match self.kind {
            CallKind::CreateTenant
            | CallKind::UpdateSettings
            | CallKind::CreateAdmin
            | CallKind::SetSso
            | CallKind::SaveProvider => Caller::Supervisor,
            CallKind::IssueCredentials => Caller::ImpersonatingAdmin,
            _ => Caller::ActingAsAdmin,
        }
    }

    /// The body with the ids known so far put in, wherever the placeholder stands.
    pub fn body_with(&self, tenant: Option<&str>) -> Value {
        let mut body = self.body.clone();
        if let Some(id) = tenant {
            put_tenant_id(&mut body, id);
        }
        body
    }

    pub fn acting(&self, admin: &UserId) -> Option<Acting> {
        match self.caller() {
            Caller::Supervisor => None,
            Caller::ImpersonatingAdmin => Some(Acting::ImpersonateAs(admin.clone())),
            Caller::ActingAsAdmin => Some(Acting::ActAs(admin.clone())),
        }
    }
}

/// What the record's tenant is before the run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Target {
    New,
    Exists { id: String },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordPlan {
    pub origin: Origin,
    pub tenant: String,
    pub target: Target,
    /// The admin the file names, lower-cased as it is sent.
    pub admin_email: Option<String>,
    /// A user of an existing tenant the login calls act as, when the record creates no admin.
    pub act_as: Option<String>,
    pub calls: Vec<PlannedCall>,
    /// What the plan found already in place, in the supervisor's words.
    pub notes: Vec<String>,
}

impl RecordPlan {
    pub fn existing_id(&self) -> Option<CompanyId> {
        match &self.target {
            Target::Exists { id } => CompanyId::parse(id).ok(),
            Target::New => None,
        }
    }
}

/// The plan's size, for the counts above its table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub records: usize,
    pub new_tenants: usize,
    pub existing: usize,
    pub unchanged: usize,
    pub calls: usize,
    /// Calls per endpoint, in the order they first run (both whitelist calls are one endpoint).
    pub by_endpoint: Vec<(&'static str, usize)>,
}

pub fn counts(plans: &[RecordPlan]) -> Counts {
    let mut by_endpoint: Vec<(&'static str, usize)> = Vec::new();
    for kind in CallKind::ALL {
        if !by_endpoint.iter().any(|(e, _)| *e == kind.endpoint()) {
            by_endpoint.push((kind.endpoint(), 0));
        }
    }
    for call in plans.iter().flat_map(|p| &p.calls) {
        if let Some(entry) = by_endpoint.iter_mut().find(|(e, _)| *e == call.kind.endpoint()) {
            entry.1 += 1;
        }
    }
    by_endpoint.retain(|(_, n)| *n > 0);
    Counts {
        records: plans.len(),
        new_tenants: plans.iter().filter(|p| p.target == Target::New).count(),
        existing: plans.iter().filter(|p| p.target != Target::New).count(),
        unchanged: plans.iter().filter(|p| p.calls.is_empty()).count(),
        calls: by_endpoint.iter().map(|(_, n)| n).sum(),
        by_endpoint,
    }
}

/// Ends single quotes, expands the variable, starts them again: ids are hex, so no JSON escaping.
fn spliced(quoted: String) -> String {
    quoted.replace(TENANT_ID, "'\"$TENANT_ID\"'")
}

/// The plan as one POSIX shell script (curl and jq): the same calls in the same order, each id
/// taken from the answer that made it, stopping at the first refusal with the server's message.
pub fn script(plans: &[RecordPlan], api_url: &str) -> String {
    let mut out = format!(
        "#!/bin/sh\n# Tenantry bulk onboarding: {} records, {} calls. Needs curl and jq.\n# Run with TOKEN set to a supervisor's token: TOKEN=... sh this-file.sh\nset -eu\nAPISERVER_URL={}\n: \"${{TOKEN:?set TOKEN to a supervisor token}}\"\n\n{}\n",
        plans.len(),
        counts(plans).calls,
        shell_quote(api_url),
        CALL_FUNCTION
    );
    for plan in plans.iter().filter(|p| !p.calls.is_empty()) {
        out.push_str(&format!("\n# {}: {}\n", plan.origin, plan.tenant.replace('\n', " ")));
        let tenant = plan.existing_id().map(|id| id.to_string());
        out.push_str(&format!("TENANT_ID={}\n", shell_quote(tenant.as_deref().unwrap_or(""))));
        out.push_str(&format!("ADMIN_ID={}\n", shell_quote(plan.act_as.as_deref().unwrap_or(""))));
        out.push_str(&format!("TENANT_NAME={}; export TENANT_NAME\n", shell_quote(&plan.tenant)));
        for call in &plan.calls {
            let body = spliced(shell_quote(&call.body.to_string()));
            let header = match call.caller() {
                Caller::Supervisor => String::new(),
                Caller::ImpersonatingAdmin => " -H 'X-Clearml-Impersonate-As: '\"$ADMIN_ID\"".into(),
                Caller::ActingAsAdmin => " -H 'X-Clearml-Act-As: '\"$ADMIN_ID\"".into(),
            };
            let (assign, filter) = match call.kind {
                CallKind::CreateTenant => ("TENANT_ID=$(", ".data.id"),
                CallKind::CreateAdmin => ("ADMIN_ID=$(", ".data.id"),
                CallKind::IssueCredentials => ("", "{tenant: env.TENANT_NAME, credentials: .data.credentials}"),
                _ => ("", "empty"),
            };
            let close = if assign.is_empty() { "" } else { ")" };
            // The secret is read where the script runs, as `tenantry apply` reads it: never written here.
            let body = match &call.secret {
                Some(secret) => format!(
                    "\"$(printf '%s' {body} | jq -c --arg s \"{}\" '.configuration.client_secret = $s')\"",
                    secret_in_shell(secret)
                ),
                None => body,
            };
            let line = format!("{assign}call {} {} {body}{header}{close}", shell_quote(filter), call.kind.endpoint());
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// A secret reference as the shell reads it: the variable (stopping when unset), or the file.
fn secret_in_shell(secret: &crate::platform::spec::SecretRef) -> String {
    use crate::platform::spec::SecretRef;
    match secret {
        SecretRef::Env(name) => format!("${{{name}:?set {name} to the client secret}}"),
        SecretRef::File(path) => format!("$(cat {})", shell_quote(path)),
        SecretRef::Keep => String::new(),
    }
}

/// `set -e` stops the script when a call fails: an assignment from `$(call …)` takes its status,
/// which a pipe into jq would hide.
const CALL_FUNCTION: &str = r#"# One call: prints what the jq filter takes from the answer, or the server's message and stops.
call() {
  filter=$1 endpoint=$2 body=$3
  shift 3
  answer=$(curl -sS "$APISERVER_URL/$endpoint" -H "Content-Type: application/json" -H "Authorization: Bearer $TOKEN" "$@" -d "$body")
  if [ "$(printf '%s' "$answer" | jq -r .meta.result_code)" != 200 ]; then
    printf '%s refused: %s\n' "$endpoint" "$(printf '%s' "$answer" | jq -r .meta.result_msg)" >&2
    exit 1
  fi
  printf '%s' "$answer" | jq -c -r "$filter"
}"#;
