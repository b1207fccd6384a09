//! The tenant onboarding wizard's model: what the supervisor typed, the plan of calls it becomes,
//! and how far the run got. Progress is written down before each call goes out, so a run that
//! was cut off (server gone, page reloaded) knows which step may have happened and looks before
//! it sends again: it never creates a second tenant or a second admin.

use crate::clearml::curl::CurlCall;
use crate::clearml::tenant::{name_key, TakenNames};
use crate::clearml::tenant_form::{validate_new_tenant, FieldErrors, TenantForm};
use crate::clearml::wire::{
    Company, CreateAdminUser, CreateCompany, CreateCredentials, CredentialInfo, IssuedCredentials,
};
use crate::names::readable_name::{NameMessages, NameRules};
use crate::{export::yaml, ApiError, CompanyId, EmailAddress, UserId};
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
/// The label of the credentials the wizard creates; it also tells leftovers of an interrupted run.
pub const CREDENTIALS_LABEL: &str = "Agent and App Gateway (Tenantry onboarding)";

/// The calls, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Step {
    Tenant,
    Admin,
    Credentials,
}

impl Step {
    pub const ALL: [Step; 3] = [Step::Tenant, Step::Admin, Step::Credentials];

    pub fn endpoint(self) -> &'static str {
        match self {
            Step::Tenant => "system.create_company",
            Step::Admin => "auth.create_user",
            Step::Credentials => "auth.create_credentials",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Step::Tenant => "Create the tenant",
            Step::Admin => "Create the tenant's admin",
            Step::Credentials => "Create the admin's credentials",
        }
    }
}

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
    pub fn create_admin(&self, company: CompanyId) -> CreateAdminUser {
        CreateAdminUser::new(self.admin.name.clone(), company, self.admin.email.clone())
    }

    pub fn create_credentials() -> CreateCredentials {
        CreateCredentials { label: CREDENTIALS_LABEL.to_owned() }
    }

    /// Each call as a curl command, with the ids that are known so far and placeholders for the
    /// rest, as the seed writes them.
    pub fn commands(&self, progress: &Progress, api_url: &str) -> Vec<(Step, CurlCall)> {
        Step::ALL
            .into_iter()
            .filter(|step| *step != Step::Tenant || !progress.existing)
            .map(|step| {
                let call = match step {
                    Step::Tenant => CurlCall::new(api_url, step.endpoint(), &self.tenant),
                    Step::Admin => {
                        let placeholder = CompanyId::parse(&"0".repeat(32)).expect("32 zeros are an id");
                        let company = progress.company_id().cloned();
                        let mut call = CurlCall::new(api_url, step.endpoint(), &self.create_admin(placeholder));
                        call.body["company"] = company.map_or("<COMPANY_ID>".into(), |c| c.to_string()).into();
                        call
                    }
                    Step::Credentials => {
                        let mut call = CurlCall::new(api_url, step.endpoint(), &Plan::create_credentials());
                        let user = progress.admin_id().map_or("<USER_ID>".to_owned(), |u| u.to_string());
                        call.headers.push(("X-Clearml-Impersonate-As".into(), user));
                        call
                    }
                };
                (step, call)
            })
            .collect()
    }
}

/// An object the run has: created by it, or found after an interruption.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Made<T> {
    pub id: T,
    /// Found on the server after an interrupted attempt rather than created by the last call.
    pub found: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepFailure {
    pub step: Step,
    pub message: String,
    /// Looking for what an interrupted call made could not tell: the person must say.
    #[serde(default)]
    pub cannot_tell: bool,
}

/// Why a step stopped: while looking for what an interrupted call made, or sending its own call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepError {
    Looking(ApiError),
    Sending(ApiError),
}

/// How far the run got. Secrets are never part of it: it is saved in the tab's storage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub company: Option<Made<CompanyId>>,
    pub admin: Option<Made<UserId>>,
    pub access_key: Option<String>,
    /// A call that went out and got no answer: the server may have done it.
    pub unsure: Option<Step>,
    pub failure: Option<StepFailure>,
    /// The tenant existed before the wizard: it was picked to get an admin, not created.
    #[serde(default)]
    pub existing: bool,
}

/// What the run page shows for one step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepState {
    Waiting,
    Done { id: String, found: bool },
    Failed { message: String, unsure: bool },
}

/// What a step produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Tenant(Made<CompanyId>),
    Admin(Made<UserId>),
    Credentials(String),
}

impl Progress {
    pub fn company_id(&self) -> Option<&CompanyId> {
        self.company.as_ref().map(|m| &m.id)
    }

    pub fn admin_id(&self) -> Option<&UserId> {
        self.admin.as_ref().map(|m| &m.id)
    }

    /// A run for a tenant that exists and has no admin: only the admin and its credentials remain.
    pub fn for_existing(company: CompanyId) -> Self {
        Self { company: Some(Made { id: company, found: true }), existing: true, ..Self::default() }
    }

    /// Whether a call has gone out, so the inputs are fixed.
    pub fn started(&self) -> bool {
        (self.company.is_some() && !self.existing)
            || self.admin.is_some()
            || self.unsure.is_some()
            || self.failure.is_some()
    }

    pub fn finished(&self) -> bool {
        self.next().is_none()
    }

    /// The first step that has not happened yet.
    pub fn next(&self) -> Option<Step> {
        if self.company.is_none() {
            Some(Step::Tenant)
        } else if self.admin.is_none() {
            Some(Step::Admin)
        } else if self.access_key.is_none() {
            Some(Step::Credentials)
        } else {
            None
        }
    }

    /// Must the server be asked whether `step` already happened before it is sent again?
    pub fn must_look_first(&self, step: Step) -> bool {
        self.unsure == Some(step)
    }

    /// Called, and saved, right before the step's call goes out.
    pub fn sending(&mut self, step: Step) {
        self.unsure = Some(step);
        self.failure = None;
    }

    pub fn succeeded(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Tenant(made) => self.company = Some(made),
            Outcome::Admin(made) => self.admin = Some(made),
            Outcome::Credentials(key) => self.access_key = Some(key),
        }
        self.unsure = None;
        self.failure = None;
    }

    /// The secret of the credentials made is gone (shown once, then the page was left): the next
    /// run revokes them and makes new ones.
    pub fn redo_credentials(&mut self) {
        if self.access_key.take().is_some() {
            self.unsure = Some(Step::Credentials);
        }
    }

    /// A refusal of the step's own call means the server did not do it; no answer at all, or a
    /// failed look for what an earlier call made, leaves the step unsure.
    pub fn failed(&mut self, step: Step, error: &StepError) {
        let (e, cannot_tell) = match error {
            StepError::Looking(e) => (e, matches!(e, ApiError::Mismatch(_))),
            StepError::Sending(e) => {
                if !matches!(e, ApiError::Network(_)) {
                    self.unsure = None;
                }
                (e, false)
            }
        };
        self.failure = Some(StepFailure { step, message: e.explained(), cannot_tell });
    }

    /// The person found nothing made by the interrupted call: the step is sent without looking.
    pub fn nothing_made(&mut self, step: Step) {
        if self.unsure == Some(step) {
            self.unsure = None;
        }
        self.failure = None;
    }

    pub fn state(&self, step: Step) -> StepState {
        let done = match step {
            Step::Tenant => self.company.as_ref().map(|m| (m.id.to_string(), m.found)),
            Step::Admin => self.admin.as_ref().map(|m| (m.id.to_string(), m.found)),
            Step::Credentials => self.access_key.clone().map(|k| (k, false)),
        };
        match (done, &self.failure) {
            (Some((id, found)), _) => StepState::Done { id, found },
            (None, Some(f)) if f.step == step => {
                StepState::Failed { message: f.message.clone(), unsure: self.unsure == Some(step) }
            }
            _ => StepState::Waiting,
        }
    }
}

/// The tenant an interrupted `system.create_company` made, among the companies of that name.
pub fn find_tenant(companies: &[Company], plan: &Plan) -> Option<CompanyId> {
    let key = name_key(plan.tenant.name.as_str());
    companies.iter().filter(|c| name_key(&c.name) == key).find_map(|c| CompanyId::parse(&c.id).ok())
}

/// Credentials an interrupted run created: their secret was never seen, so they are revoked.
pub fn leftover_credentials(credentials: &[CredentialInfo]) -> Vec<String> {
    credentials.iter().filter(|c| c.label == CREDENTIALS_LABEL).map(|c| c.access_key.clone()).collect()
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
    const USER: &str = "fedcba9876543210fedcba9876543210";

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

    fn network() -> ApiError {
        ApiError::Network("no answer".into())
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
    fn an_existing_tenant_gets_only_its_admin_and_credentials() {
        let company = CompanyId::parse(COMPANY).unwrap();
        let mut p = Progress::for_existing(company.clone());
        assert!(!p.started(), "nothing was sent yet: the admin's fields can still change");
        assert_eq!(p.next(), Some(Step::Admin));
        let steps: Vec<Step> = plan().commands(&p, "http://x/api").into_iter().map(|(s, _)| s).collect();
        assert_eq!(steps, vec![Step::Admin, Step::Credentials]);
        p.succeeded(Outcome::Admin(Made { id: UserId::parse(USER).unwrap(), found: false }));
        assert!(p.started());
        assert_eq!(p.company_id(), Some(&company));
    }

    #[test]
    fn steps_run_in_order_and_each_success_moves_on() {
        let mut p = Progress::default();
        assert_eq!(p.next(), Some(Step::Tenant));
        assert!(!p.started());
        p.sending(Step::Tenant);
        p.succeeded(Outcome::Tenant(Made { id: CompanyId::parse(COMPANY).unwrap(), found: false }));
        assert_eq!(p.next(), Some(Step::Admin));
        p.sending(Step::Admin);
        p.succeeded(Outcome::Admin(Made { id: UserId::parse(USER).unwrap(), found: false }));
        p.sending(Step::Credentials);
        p.succeeded(Outcome::Credentials("AK".into()));
        assert!(p.finished());
        assert_eq!(p.state(Step::Admin), StepState::Done { id: USER.into(), found: false });
    }

    #[test]
    fn a_refusal_resumes_at_the_failed_step_without_looking() {
        let mut p = Progress::default();
        p.sending(Step::Tenant);
        p.succeeded(Outcome::Tenant(Made { id: CompanyId::parse(COMPANY).unwrap(), found: false }));
        p.sending(Step::Admin);
        let refused = ApiError::Rejected { code: 400, subcode: 12, message: "Validation error".into() };
        p.failed(Step::Admin, &StepError::Sending(refused));
        assert_eq!(p.next(), Some(Step::Admin));
        assert!(!p.must_look_first(Step::Admin));
        assert_eq!(p.state(Step::Tenant), StepState::Done { id: COMPANY.into(), found: false });
        assert_eq!(
            p.state(Step::Admin),
            StepState::Failed {
                message: "Validation error — The server did not accept a value in the request (or found a required field missing).".into(),
                unsure: false
            }
        );
        assert_eq!(p.state(Step::Credentials), StepState::Waiting);
    }

    #[test]
    fn no_answer_makes_the_step_unsure_until_the_server_was_asked() {
        let mut p = Progress::default();
        p.sending(Step::Tenant);
        p.failed(Step::Tenant, &StepError::Sending(network()));
        assert!(p.must_look_first(Step::Tenant));
        assert!(matches!(p.state(Step::Tenant), StepState::Failed { unsure: true, .. }));
        // Retrying clears the failure but keeps the doubt until an answer comes.
        p.sending(Step::Tenant);
        assert!(p.must_look_first(Step::Tenant));
        p.succeeded(Outcome::Tenant(Made { id: CompanyId::parse(COMPANY).unwrap(), found: true }));
        assert!(!p.must_look_first(Step::Admin));
    }

    #[test]
    fn a_look_that_fails_or_cannot_tell_keeps_the_step_unsure() {
        let mut p = Progress::default();
        p.succeeded(Outcome::Tenant(Made { id: CompanyId::parse(COMPANY).unwrap(), found: false }));
        p.sending(Step::Admin);
        p.failed(Step::Admin, &StepError::Looking(ApiError::Forbidden { subcode: 20, message: "no".into() }));
        assert!(p.must_look_first(Step::Admin), "a refused look says nothing about the earlier call");
        assert!(!p.failure.as_ref().unwrap().cannot_tell);
        p.sending(Step::Admin);
        p.failed(Step::Admin, &StepError::Looking(ApiError::Mismatch("cannot list".into())));
        assert!(p.must_look_first(Step::Admin));
        assert_eq!(p.failure.as_ref().map(|f| (f.message.as_str(), f.cannot_tell)), Some(("cannot list", true)));
        // The person checked and found nothing: the next run sends without looking.
        p.nothing_made(Step::Admin);
        assert!(!p.must_look_first(Step::Admin));
        assert_eq!(p.failure, None);
    }

    #[test]
    fn a_reload_mid_call_leaves_the_step_unsure() {
        let mut p = Progress::default();
        p.sending(Step::Tenant);
        let saved = serde_json::to_string(&p).unwrap();
        let reloaded: Progress = serde_json::from_str(&saved).unwrap();
        assert!(reloaded.must_look_first(Step::Tenant));
        assert!(reloaded.started());
    }

    #[test]
    fn lost_credentials_are_redone_by_revoking_first() {
        let mut p = Progress::default();
        p.redo_credentials();
        assert_eq!(p.unsure, None, "nothing to redo before credentials exist");
        p.succeeded(Outcome::Tenant(Made { id: CompanyId::parse(COMPANY).unwrap(), found: false }));
        p.succeeded(Outcome::Admin(Made { id: UserId::parse(USER).unwrap(), found: false }));
        p.succeeded(Outcome::Credentials("AK".into()));
        p.redo_credentials();
        assert_eq!(p.next(), Some(Step::Credentials));
        assert!(p.must_look_first(Step::Credentials));
    }

    #[test]
    fn the_interrupted_tenant_is_found_by_its_name() {
        let companies = [
            Company { id: "1".repeat(32), name: "Acme Labs".into(), active: true, defaults: None, sso: None },
            Company { id: COMPANY.into(), name: " acme".into(), active: true, defaults: None, sso: None },
        ];
        assert_eq!(find_tenant(&companies, &plan()), Some(CompanyId::parse(COMPANY).unwrap()));
        assert_eq!(find_tenant(&companies[..1], &plan()), None);
    }

    #[test]
    fn only_the_wizards_own_credentials_are_leftovers() {
        let creds = [
            CredentialInfo { access_key: "A1".into(), label: CREDENTIALS_LABEL.into(), last_used: None },
            CredentialInfo { access_key: "A2".into(), label: "laptop".into(), last_used: None },
        ];
        assert_eq!(leftover_credentials(&creds), ["A1"]);
    }

    #[test]
    fn the_plan_shows_placeholders_until_ids_are_known() {
        let p = plan();
        let mut progress = Progress::default();
        let calls = p.commands(&progress, "https://api.example.com");
        assert_eq!(calls.iter().map(|(s, _)| *s).collect::<Vec<_>>(), Step::ALL);
        assert_eq!(calls[0].1.body, serde_json::json!({"name": "Acme"}));
        assert_eq!(
            calls[1].1.body,
            serde_json::json!({"name": "Ana Lopez", "company": "<COMPANY_ID>", "email": "ana@acme.io",
                               "role": "admin", "internal": "true"})
        );
        assert_eq!(calls[2].1.headers, [("X-Clearml-Impersonate-As".to_string(), "<USER_ID>".to_string())]);
        assert_eq!(calls[2].1.body, serde_json::json!({"label": CREDENTIALS_LABEL}));
        progress.succeeded(Outcome::Tenant(Made { id: CompanyId::parse(COMPANY).unwrap(), found: false }));
        progress.succeeded(Outcome::Admin(Made { id: UserId::parse(USER).unwrap(), found: false }));
        let calls = p.commands(&progress, "https://api.example.com");
        assert_eq!(calls[1].1.body["company"], COMPANY);
        assert_eq!(calls[2].1.headers[0].1, USER);
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
