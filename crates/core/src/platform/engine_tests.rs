//! The engine against a server kept in memory: the executor's calls, in order, with the ids
//! earlier calls made, and what it does after a call that got no answer; the reader's calls per
//! tenant.

use super::execute::{run_record, Journal};
use super::live::KnownAdmins;
use super::spec::GivenSecrets;
use super::transport::Transport;
use crate::bulk::plan::{CallKind, RecordPlan, CREDENTIALS_LABEL};
use crate::bulk::run::{CallState, RecordRun};
use crate::clearml::onboarding::Draft;
use crate::clearml::tenant::TakenNames;
use crate::clearml::tenant_admin::{EMAILS_NOT_REPORTED, NEW_TENANT_NOT_LISTED};
use crate::clearml::tenant_form::TenantForm;
use crate::clearml::wire::{Acting, IssuedCredentials};
use crate::{ApiError, CompanyId, UserId};
use serde_json::value::RawValue;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

const ACME: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const SUPERVISORS: &str = "cccccccccccccccccccccccccccccccc";
const ANA: &str = "11111111111111111111111111111111";

/// Answers at once, so a future completes on its first poll.
fn now<F: Future>(f: F) -> F::Output {
    match pin!(f).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(out) => out,
        Poll::Pending => panic!("the fake server answers at once"),
    }
}

/// The apiserver as far as onboarding needs it. `lost` drops the answer of that endpoint once
/// (the call still takes effect, as when a connection breaks after the server acted).
#[derive(Default)]
struct Server {
    sent: RefCell<Vec<(String, Option<String>, Value)>>,
    companies: Vec<Value>,
    users: RefCell<Vec<Value>>,
    credentials: RefCell<Vec<(String, String)>>,
    lost: RefCell<Option<&'static str>>,
    /// Like the open-source apiserver: `users.get_all` lists the caller's company, without emails.
    lists_own_company: bool,
    reports_emails: bool,
}

impl Server {
    fn full() -> Self {
        Server { reports_emails: true, ..Server::default() }
    }

    fn sent(&self) -> Vec<String> {
        self.sent.borrow().iter().map(|(e, acting, _)| format!("{e}{}", acting.as_deref().unwrap_or(""))).collect()
    }

    /// Like the open-source apiserver: `users.get_all` lists the caller's own company.
    fn listing_own_company() -> Self {
        let supervisor = json!({ "id": "s", "company": SUPERVISORS, "email": "root@example.com" });
        Server { lists_own_company: true, users: RefCell::new(vec![supervisor]), ..Server::full() }
    }

    fn company_of(&self, user: &str) -> String {
        let users = self.users.borrow();
        let found = users.iter().find(|u| u["id"] == user);
        found.and_then(|u| u["company"].as_str()).unwrap_or_default().to_owned()
    }

    fn answer(&self, endpoint: &str, acting: Option<&Acting>, body: &Value) -> Value {
        match endpoint {
            "system.create_company" => json!({ "id": ACME }),
            "auth.create_user" => {
                let email = if self.reports_emails { body["email"].clone() } else { Value::Null };
                self.users.borrow_mut().push(json!({ "id": ANA, "company": ACME, "email": email }));
                json!({ "id": ANA })
            }
            "system.get_companies" => json!({ "companies": self.companies }),
            "users.get_all" => {
                let company = match acting {
                    Some(a) => self.company_of(a.header().1),
                    None if self.lists_own_company => SUPERVISORS.to_owned(),
                    None => body["company"].as_str().unwrap_or_default().to_owned(),
                };
                let users: Vec<Value> =
                    self.users.borrow().iter().filter(|u| u["company"] == company.as_str()).cloned().collect();
                json!({ "users": users })
            }
            "login.get_settings" => json!({ "domains": [], "whitelist_entries": [] }),
            "system.get_company_sso_config" => json!({ "providers": [] }),
            "auth.get_credentials" => {
                let listed: Vec<Value> =
                    self.credentials.borrow().iter().map(|(k, l)| json!({ "access_key": k, "label": l })).collect();
                json!({ "credentials": listed })
            }
            "auth.revoke_credentials" => {
                self.credentials.borrow_mut().retain(|(k, _)| k != body["access_key"].as_str().unwrap_or_default());
                json!({})
            }
            "auth.create_credentials" => {
                let key = format!("AK{}", self.credentials.borrow().len() + 1);
                self.credentials.borrow_mut().push((key.clone(), body["label"].as_str().unwrap_or_default().into()));
                json!({ "credentials": { "access_key": key, "secret_key": "shh", "label": body["label"] } })
            }
            _ => json!({}),
        }
    }
}

impl Transport for Server {
    fn send(
        &self,
        endpoint: &str,
        acting: Option<&Acting>,
        body: &Value,
    ) -> impl Future<Output = Result<Box<RawValue>, ApiError>> {
        let header = acting.map(|a| format!(" as {}", a.header().1));
        self.sent.borrow_mut().push((endpoint.to_owned(), header, body.clone()));
        let answer = self.answer(endpoint, acting, body);
        let lost = self.lost.borrow().is_some_and(|e| e == endpoint);
        if lost {
            self.lost.replace(None);
        }
        std::future::ready(if lost {
            Err(ApiError::Network("connection reset".into()))
        } else {
            Ok(serde_json::value::to_raw_value(&answer).expect("an answer is JSON"))
        })
    }
}

#[derive(Default)]
struct Kept {
    saved: Vec<RecordRun>,
    issued: Vec<(String, IssuedCredentials)>,
}

impl Journal for Kept {
    fn save(&mut self, run: &RecordRun) {
        self.saved.push(run.clone());
    }

    fn issued(&mut self, admin_email: String, credentials: IssuedCredentials) {
        self.issued.push((admin_email, credentials));
    }
}

fn wizard(email: &str) -> RecordPlan {
    let draft = Draft {
        tenant: TenantForm { name: "Acme".into(), ..TenantForm::default() },
        admin_name: "Ana".into(),
        admin_email: email.into(),
    };
    draft.plan(&TakenNames::default()).unwrap().record(None)
}

fn run(server: &Server, plan: &RecordPlan, run: &mut RecordRun) -> Kept {
    let mut kept = Kept::default();
    run.retry();
    now(run_record(server, plan, run, &GivenSecrets::default(), &mut kept));
    kept
}

#[test]
fn the_wizard_runs_its_three_calls_with_the_ids_each_made() {
    let server = Server::full();
    let plan = wizard("Ana@Acme.io");
    let mut r = RecordRun::new(&plan);
    let kept = run(&server, &plan, &mut r);
    assert_eq!(
        server.sent(),
        ["system.create_company", "auth.create_user", &format!("auth.create_credentials as {ANA}")]
    );
    assert_eq!(server.sent.borrow()[1].2["company"], ACME);
    assert_eq!(
        kept.issued.iter().map(|(e, c)| (e.as_str(), c.access_key.as_str())).collect::<Vec<_>>(),
        [("ana@acme.io", "AK1")]
    );
    assert_eq!(r.state(&plan, 1), CallState::Done { made: Some(ANA.into()), found: false });
    assert_eq!(r.state(&plan, 2), CallState::Done { made: Some("AK1".into()), found: false });
    // Saved before every call and after it: a reload at any point knows what may have happened.
    assert_eq!(kept.saved.len(), 6);
    assert!(kept.saved[0].unsure && kept.saved[0].done == 0);
}

#[test]
fn an_admin_made_without_an_answer_is_found_by_its_email_not_made_again() {
    let server = Server::full();
    server.lost.replace(Some("auth.create_user"));
    let plan = wizard("straße@acme.io");
    let mut r = RecordRun::new(&plan);
    run(&server, &plan, &mut r);
    assert!(matches!(r.state(&plan, 1), CallState::Failed { unsure: true, .. }));
    assert!(!r.cannot_tell, "no answer is retried, not asked about");
    // The server stored the email as another spelling of the same address.
    server.users.borrow_mut()[0]["email"] = json!("STRASSE@Acme.io");
    run(&server, &plan, &mut r);
    let creates = server.sent().iter().filter(|e| *e == "auth.create_user").count();
    assert_eq!(creates, 1, "{:?}", server.sent());
    assert_eq!(r.state(&plan, 1), CallState::Done { made: Some(ANA.into()), found: true });
    assert_eq!(r.state(&plan, 2), CallState::Done { made: Some("AK1".into()), found: false });
}

#[test]
fn a_server_that_cannot_show_the_new_admin_asks_the_person() {
    for (server, why) in
        [(Server::listing_own_company(), NEW_TENANT_NOT_LISTED), (Server::default(), EMAILS_NOT_REPORTED)]
    {
        server.lost.replace(Some("auth.create_user"));
        let plan = wizard("ana@acme.io");
        let mut r = RecordRun::new(&plan);
        run(&server, &plan, &mut r);
        run(&server, &plan, &mut r);
        assert!(r.cannot_tell);
        assert_eq!(
            r.failure.as_deref(),
            Some(format!("Could not see whether an interrupted attempt did this: {why}").as_str())
        );
        assert_eq!(server.sent().iter().filter(|e| *e == "auth.create_user").count(), 1);
        // "It is not there": sent once more, without looking.
        let mut not_there = r.clone();
        not_there.told(&plan, None);
        let before = server.sent().len();
        run(&server, &plan, &mut not_there);
        assert_eq!(server.sent()[before], "auth.create_user");
        assert_eq!(not_there.state(&plan, 1), CallState::Done { made: Some(ANA.into()), found: false });
        // The person names the admin: it counts as found and the run goes on from there.
        let mut named = r.clone();
        named.told(&plan, Some(ANA.into()));
        assert_eq!(named.state(&plan, 1), CallState::Done { made: Some(ANA.into()), found: true });
        assert!(!named.cannot_tell && named.failure.is_none());
    }
}

#[test]
fn a_refusal_is_not_looked_for_before_the_retry() {
    struct Refuses;
    impl Transport for Refuses {
        fn send(
            &self,
            _: &str,
            _: Option<&Acting>,
            _: &Value,
        ) -> impl Future<Output = Result<Box<RawValue>, ApiError>> {
            std::future::ready(Err(ApiError::Rejected { code: 400, subcode: 12, message: "Validation error".into() }))
        }
    }
    let plan = wizard("ana@acme.io");
    let mut r = RecordRun::new(&plan);
    now(run_record(&Refuses, &plan, &mut r, &GivenSecrets::default(), &mut Kept::default()));
    assert!(matches!(r.state(&plan, 0), CallState::Failed { unsure: false, .. }));
    assert!(!r.must_look_first(&plan.calls[0]));
    assert_eq!(r.state(&plan, 1), CallState::Waiting);
}

#[test]
fn lost_credentials_are_replaced_by_revoking_the_old_key_first() {
    let server = Server::full();
    server.credentials.borrow_mut().push(("LAPTOP".into(), "laptop".into()));
    let plan = wizard("ana@acme.io");
    let mut r = RecordRun::new(&plan);
    run(&server, &plan, &mut r);
    r.redo_credentials(&plan);
    assert_eq!(r.state(&plan, 2), CallState::Waiting);
    let kept = run(&server, &plan, &mut r);
    let keys: Vec<String> = server.credentials.borrow().iter().map(|(k, _)| k.clone()).collect();
    assert_eq!(keys, ["LAPTOP", "AK2"], "the wizard's old key is revoked, the person's own kept");
    assert_eq!(kept.issued[0].1.label, CREDENTIALS_LABEL);
    assert_eq!(r.state(&plan, 2), CallState::Done { made: Some("AK2".into()), found: false });
}

#[test]
fn the_calls_show_as_curl_with_the_ids_known_so_far() {
    let plan = wizard("ana@acme.io");
    let mut r = RecordRun::new(&plan);
    let shown = |r: &RecordRun, i: usize| r.curl(&plan.calls[i], "https://api.example.com");
    assert_eq!(shown(&r, 1).body["company"], "<COMPANY_ID>");
    assert_eq!(shown(&r, 2).headers, [("X-Clearml-Impersonate-As".to_string(), "<USER_ID>".to_string())]);
    r.tenant_id = Some(ACME.into());
    r.admin_id = Some(ANA.into());
    assert_eq!(shown(&r, 1).body["company"], ACME);
    assert_eq!(shown(&r, 2).headers[0].1, ANA);
    assert_eq!(shown(&r, 0).endpoint, CallKind::CreateTenant.endpoint());
}

#[test]
fn a_reload_mid_call_leaves_the_call_unsure() {
    let plan = wizard("ana@acme.io");
    let mut r = RecordRun::new(&plan);
    assert!(!r.started());
    r.sending();
    let reloaded: RecordRun = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert!(reloaded.started());
    assert!(reloaded.must_look_first(&plan.calls[0]));
}

/// Tenants and their admins, on a server of either flavour.
fn platform(tenants: usize, server: Server) -> (Server, KnownAdmins) {
    let mut server = server;
    let mut known = KnownAdmins::new();
    for i in 0..tenants {
        let (company, admin) = (format!("{i:032x}"), format!("{:032x}", i + 1_000_000));
        server.companies.push(json!({ "id": company, "name": format!("Tenant {i}") }));
        server
            .users
            .borrow_mut()
            .push(json!({ "id": admin, "company": company, "role": "admin", "email": format!("admin@t{i}.example") }));
        known.of_tenant(&CompanyId::parse(&company).unwrap(), &UserId::parse(&admin).unwrap());
    }
    (server, known)
}

#[test]
fn an_export_reads_each_tenant_a_constant_number_of_times() {
    for (flavour, per_tenant) in [("full", 3), ("open source", 4)] {
        let calls = |tenants: usize| {
            let base = if flavour == "full" { Server::full() } else { Server::listing_own_company() };
            let (server, known) = platform(tenants, base);
            let state = now(super::live::read(&server, &known)).unwrap();
            assert_eq!(state.tenants.len(), tenants);
            assert!(state.tenants.iter().all(|t| t.routing.is_some()), "{flavour}: every tenant read as its admin");
            let sent = server.sent();
            // Each tenant's own calls: its users, its routing as its admin, its SSO (and, where the
            // company filter is ignored, its users again as its admin).
            assert_eq!(sent.iter().filter(|e| *e == "system.get_companies").count(), 1);
            sent.len()
        };
        assert_eq!(calls(2), 1 + 2 * per_tenant, "{flavour}");
        assert_eq!(calls(60), 1 + 60 * per_tenant, "{flavour}");
    }
}
