//! The curl commands the console shows (M12) run as they are shown, with bash and curl, against
//! the reference server: the onboarding plan's three calls, each with the ids the one before
//! returned, end in the same tenant, admin and credentials the wizard would make.

use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use tenantry_core::onboarding::{Draft, Made, Outcome, Progress};
use tenantry_core::tenant::TakenNames;
use tenantry_core::tenant_form::TenantForm;
use tenantry_core::{CompanyId, UserId};
use tenantry_e2e::{Api, RefServer};

fn run_shown(command: &str) -> Value {
    let out = Command::new("bash").arg("-c").arg(command).output().expect("bash runs curl");
    let answer: Value = serde_json::from_slice(&out.stdout).expect("curl prints the envelope");
    assert_eq!(answer["meta"]["result_code"], 200, "{command}\n{answer}");
    answer["data"].clone()
}

#[test]
fn the_onboarding_plan_runs_as_shown() {
    let s = RefServer::launch(Path::new(env!("CARGO_BIN_EXE_tenantry-refserver")), None, &[]);
    let sup = Api::new(&s.api_url()).basic(&s.key, &s.secret);
    let token = sup.call("auth.login", json!({})).ok()["token"].as_str().unwrap().to_owned();
    let draft = Draft {
        tenant: TenantForm { name: "O'Hara & Sons".into(), allowed_users: "5".into(), ..Default::default() },
        admin_name: "Siobhán O'Hara".into(),
        admin_email: "siobhan@ohara.example".into(),
    };
    let plan = draft.plan(&TakenNames::default()).unwrap();
    let mut progress = Progress::default();
    let shown = |progress: &Progress, i: usize| plan.commands(progress, &s.api_url())[i].1.render(&token, true);

    let company = run_shown(&shown(&progress, 0))["id"].as_str().unwrap().to_owned();
    progress.succeeded(Outcome::Tenant(Made { id: CompanyId::parse(&company).unwrap(), found: false }));
    let admin = run_shown(&shown(&progress, 1))["id"].as_str().unwrap().to_owned();
    progress.succeeded(Outcome::Admin(Made { id: UserId::parse(&admin).unwrap(), found: false }));
    let issued = run_shown(&shown(&progress, 2))["credentials"].clone();

    let held = sup.call("system.get_companies", json!({"name": "O'Hara & Sons"})).ok();
    assert_eq!(held["companies"][0]["id"], company.as_str());
    assert_eq!(held["companies"][0]["defaults"]["allowed_users"], "5");
    let as_admin =
        Api::new(&s.api_url()).basic(issued["access_key"].as_str().unwrap(), issued["secret_key"].as_str().unwrap());
    let me = as_admin.call("users.get_current_user", json!({})).ok()["user"].clone();
    assert_eq!(
        (me["id"].as_str(), me["name"].as_str(), me["role"].as_str(), me["company"]["id"].as_str()),
        (Some(admin.as_str()), Some("Siobhán O'Hara"), Some("admin"), Some(company.as_str()))
    );
}
