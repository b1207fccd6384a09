//! The tenant onboarding wizard's model: what the supervisor typed and the plan of calls it
//! becomes, one record of the executor under bulk import and platform apply (which journals each
//! call, so an interrupted run looks before it sends again and never makes a second tenant or
//! admin).

use crate::bulk::file::Origin;
use crate::bulk::plan::{CallKind, PlannedCall, RecordPlan, Target, CREDENTIALS_LABEL, TENANT_ID};
use crate::clearml::tenant::TakenNames;
use crate::clearml::tenant_form::{validate_new_tenant, FieldErrors, TenantForm};
use crate::clearml::wire::{CreateCompany, CreateCredentials, IssuedCredentials};
use crate::names::readable_name::{NameMessages, NameRules};
use crate::{export::yaml, CompanyId, EmailAddress};
use serde::{Deserialize, Serialize};

pub const ADMIN_NAME_REQUIRED: &str = "Enter the admin's name.";
pub const USER_NAME_CONTROL: &str =
    "A user name cannot contain control characters (a line break, a tab, an escape code).";
pub const USER_NAME_BIDI: &str = "A user name cannot contain direction overrides (U+202A–U+202E, U+2066–U+2069): they make a name read differently from what it is.";
pub const USER_NAME_INVISIBLE: &str = "A user name needs visible characters.";
pub const USER_NAME_TOO_LONG: &str = "A user name has at most 100 characters.";

/// A person's name as a user of a tenant: the same readability rules as a tenant's name, from one
/// character up (the apiserver only requires a name).
pub const USER_NAME: NameRules = NameRules {
    min_chars: 1,
    max_chars: 100,
    messages: NameMessages {
        required: ADMIN_NAME_REQUIRED,
        control: USER_NAME_CONTROL,
        bidi: USER_NAME_BIDI,
        invisible: USER_NAME_INVISIBLE,
        too_short: ADMIN_NAME_REQUIRED,
        too_long: USER_NAME_TOO_LONG,
    },
};

/// The wizard's pages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Page {
    #[default]
    Tenant,
    Admin,
    Review,
    Run,
}

/// Everything the supervisor typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub tenant: TenantForm,
    pub admin_name: String,
    pub admin_email: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Admin {
    pub name: String,
    pub email: EmailAddress,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AdminErrors {
    pub name: Option<String>,
    pub email: Option<String>,
}

impl AdminErrors {
    pub fn summary(&self) -> Option<String> {
        let fields: Vec<&str> = [("Admin name", &self.name), ("Admin email", &self.email)]
            .into_iter()
            .filter_map(|(label, e)| e.as_ref().map(|_| label))
            .collect();
        (!fields.is_empty()).then(|| format!("Fix to continue: {}.", fields.join(", ")))
    }
}

pub fn validate_admin(name: &str, email: &str) -> Result<Admin, AdminErrors> {
    match (USER_NAME.check(name), EmailAddress::parse(email)) {
        (Ok(name), Ok(email)) => Ok(Admin { name: name.to_owned(), email }),
        (name, email) => Err(AdminErrors { name: name.err().map(str::to_owned), email: email.err() }),
    }
}

/// The calls the wizard will make, each from validated input.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub tenant: CreateCompany,
    pub admin: Admin,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanErrors {
    pub tenant: FieldErrors,
    pub admin: AdminErrors,
}

impl Draft {
    /// The plan, with the name checked against the tenants that exist. Once a run has started the
    /// tenant may be among them, so a resumed run passes no names.
    pub fn plan(&self, taken: &TakenNames) -> Result<Plan, PlanErrors> {
        let tenant = validate_new_tenant(&self.tenant, taken);
        let admin = validate_admin(&self.admin_name, &self.admin_email);
        match (tenant, admin) {
            (Ok(tenant), Ok(admin)) => Ok(Plan { tenant, admin }),
            (t, a) => Err(PlanErrors { tenant: t.err().unwrap_or_default(), admin: a.err().unwrap_or_default() }),
        }
    }
}

impl Plan {
    pub fn create_credentials() -> CreateCredentials {
        CreateCredentials { label: CREDENTIALS_LABEL.to_owned() }
    }

    /// The wizard's run as a record of the one executor: the tenant unless it exists, its admin,
    /// the admin's credentials.
    pub fn record(&self, existing: Option<&CompanyId>) -> RecordPlan {
        let mut calls = Vec::new();
        let (target, company) = match existing {
            Some(id) => (Target::Exists { id: id.to_string() }, id.to_string()),
            None => {
                calls.push(PlannedCall::new(
                    CallKind::CreateTenant,
                    serde_json::to_value(&self.tenant).unwrap_or_default(),
                ));
                (Target::New, TENANT_ID.to_owned())
            }
        };
        calls.push(PlannedCall::create_admin(&self.admin.name, self.admin.email.as_str(), &company));
        calls.push(PlannedCall::issue_credentials());
        RecordPlan {
            origin: Origin::Item(0),
            tenant: self.tenant.name.as_str().to_owned(),
            target,
            admin_email: Some(self.admin.email.as_str().to_owned()),
            act_as: None,
            calls,
            notes: Vec::new(),
        }
    }
}

/// The tenant's `clearml-agent-values.override.yaml` part: the admin's credentials for the Agent
/// (and the App Gateway, which takes the same) and the API it talks to.
pub fn agent_values(api_url: &str, credentials: &IssuedCredentials) -> String {
    yaml::dump(&yaml::map([
        (
            "clearml",
            yaml::map([
                ("agentk8sglueKey", yaml::string(&credentials.access_key)),
                ("agentk8sglueSecret", yaml::string(&credentials.secret_key)),
            ]),
        ),
        ("agentk8sglue", yaml::map([("apiServerUrlReference", yaml::string(api_url))])),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMPANY: &str = "0123456789abcdef0123456789abcdef";

    fn draft() -> Draft {
        Draft {
            tenant: TenantForm { name: "Acme".into(), ..Default::default() },
            admin_name: " Ana Lopez ".into(),
            admin_email: "Ana@Acme.io".into(),
        }
    }

    fn plan() -> Plan {
        draft().plan(&TakenNames::default()).unwrap()
    }

    #[test]
    fn a_valid_draft_becomes_the_plan() {
        let p = plan();
        assert_eq!(p.tenant.name.as_str(), "Acme");
        assert_eq!(p.admin, Admin { name: "Ana Lopez".into(), email: EmailAddress::parse("ana@acme.io").unwrap() });
    }

    #[test]
    fn every_page_reports_its_own_errors() {
        let bad = Draft { tenant: TenantForm::default(), admin_name: " ".into(), admin_email: "ana".into() };
        let errors = bad.plan(&TakenNames::default()).unwrap_err();
        assert_eq!(errors.tenant.get(crate::clearml::tenant_form::TenantField::Name), Some("Enter a tenant name."));
        assert_eq!(errors.admin.name.as_deref(), Some(ADMIN_NAME_REQUIRED));
        assert_eq!(errors.admin.email.as_deref(), Some(crate::names::email::EMAIL_NO_AT));
        assert_eq!(errors.admin.summary().as_deref(), Some("Fix to continue: Admin name, Admin email."));
    }

    #[test]
    fn an_admin_name_reads_as_it_is() {
        let name_error = |name: &str| validate_admin(name, "ana@acme.io").unwrap_err().name;
        assert_eq!(name_error("Ana\u{1b}[2J").as_deref(), Some(USER_NAME_CONTROL));
        assert_eq!(name_error("Ana\u{202E}zeD").as_deref(), Some(USER_NAME_BIDI));
        assert_eq!(name_error("\u{200B}\u{2060}").as_deref(), Some(USER_NAME_INVISIBLE));
        assert_eq!(name_error(&"a".repeat(101)).as_deref(), Some(USER_NAME_TOO_LONG));
        assert_eq!(validate_admin(" Ana ", "ana@acme.io").unwrap().name, "Ana");
    }

    #[test]
    fn a_taken_name_stops_the_plan() {
        let errors = draft().plan(&TakenNames::new(["ACME "])).unwrap_err();
        assert_eq!(
            errors.tenant.get(crate::clearml::tenant_form::TenantField::Name),
            Some("A tenant named \"Acme\" already exists.")
        );
    }

    #[test]
    fn the_wizard_runs_as_one_record_of_the_executor() {
        let record = plan().record(None);
        let kinds: Vec<CallKind> = record.calls.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [CallKind::CreateTenant, CallKind::CreateAdmin, CallKind::IssueCredentials]);
        assert_eq!(record.target, Target::New);
        assert_eq!(record.calls[0].body, serde_json::json!({"name": "Acme"}));
        assert_eq!(
            record.calls[1].body,
            serde_json::json!({"name": "Ana Lopez", "company": TENANT_ID, "email": "ana@acme.io",
                               "role": "admin", "internal": "true"})
        );
        assert_eq!(record.calls[2].body, serde_json::json!({"label": CREDENTIALS_LABEL}));
        assert!(record.calls.iter().all(|c| !c.look_first), "a new tenant has nothing to look for");
    }

    #[test]
    fn an_existing_tenant_gets_only_its_admin_and_credentials() {
        let company = CompanyId::parse(COMPANY).unwrap();
        let record = plan().record(Some(&company));
        let kinds: Vec<CallKind> = record.calls.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [CallKind::CreateAdmin, CallKind::IssueCredentials]);
        assert_eq!(record.calls[0].body["company"], COMPANY);
        assert_eq!(record.existing_id(), Some(company));
    }

    #[test]
    fn agent_values_survive_awkward_secrets() {
        let creds = IssuedCredentials {
            access_key: "K7QX0T2V9M3B8N1C4Z6L5R0P2W8Y1H".into(),
            secret_key: "x!X#ov_G-\"'$: *Y(h$Anm&DIc5Ou".into(),
            label: String::new(),
        };
        let text = agent_values("https://api.example.com", &creds);
        let back = &yaml_rust2::YamlLoader::load_from_str(&text).unwrap()[0];
        assert_eq!(back["clearml"]["agentk8sglueKey"].as_str(), Some(creds.access_key.as_str()));
        assert_eq!(back["clearml"]["agentk8sglueSecret"].as_str(), Some(creds.secret_key.as_str()));
        assert_eq!(back["agentk8sglue"]["apiServerUrlReference"].as_str(), Some("https://api.example.com"));
    }
}
