//! The curl commands the console shows (M12) run as they are shown, with bash and curl, against
//! the reference server: the onboarding plan's three calls, each with the ids the one before
//! returned, end in the same tenant, admin and credentials the wizard would make.

use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;
use tenantry_core::bulk::run::RecordRun;
use tenantry_core::clearml::onboarding::Draft;
use tenantry_core::clearml::tenant::TakenNames;
use tenantry_core::clearml::tenant_form::TenantForm;
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
    let plan = draft.plan(&TakenNames::default()).unwrap().record(None);
    let mut run = RecordRun::new(&plan);
    let shown = |run: &RecordRun, i: usize| run.curl(&plan.calls[i], &s.api_url()).render(&token, true);

    let company = run_shown(&shown(&run, 0))["id"].as_str().unwrap().to_owned();
    run.tenant_id = Some(company.clone());
    let admin = run_shown(&shown(&run, 1))["id"].as_str().unwrap().to_owned();
    run.admin_id = Some(admin.clone());
    let issued = run_shown(&shown(&run, 2))["credentials"].clone();

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

/// The bulk import's shell script (curl and jq), run with `sh` as downloaded: each id taken from
/// the answer that made it, a quote in a name surviving, the tenants, admins, routing and
/// credentials as the plan says; and a refused call stops it with the server's message.
#[test]
fn the_bulk_import_script_runs_as_downloaded() {
    use tenantry_core::bulk::{check::Existing, file::Format, import, plan::script};
    let s = RefServer::launch(Path::new(env!("CARGO_BIN_EXE_tenantry-refserver")), None, &[]);
    let sup = Api::new(&s.api_url()).basic(&s.key, &s.secret);
    let token = sup.call("auth.login", json!({})).ok()["token"].as_str().unwrap().to_owned();
    let file = "name,domains,whitelist_admins,admin_name,admin_email,admin_credentials\n\
                O'Brien Ltd,obrien.ie,boss@gmail.com,Siobhán O'Brien,siobhan@obrien.ie,yes\n\
                Globex,globex.example,,Hank,hank@globex.example,no\n";
    let routing = tenantry_core::login_routing::RoutingIndex::default();
    let checked = import(Format::Csv, file, &Existing::new(Vec::new(), &routing));
    assert_eq!(checked.errors(), 0, "{:?}", checked.problems);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("import.sh");
    std::fs::write(&path, script(&checked.plans, &s.api_url())).unwrap();
    let out = Command::new("sh").arg(&path).env("TOKEN", &token).output().expect("sh runs the script");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed: Value = serde_json::from_slice(&out.stdout).expect("the credentials line");
    assert_eq!(printed["tenant"], "O'Brien Ltd");

    let company = sup.call("system.get_companies", json!({"name": "O'Brien Ltd"})).ok()["companies"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let users = sup.call("users.get_all", json!({"company": company})).ok()["users"].clone();
    assert_eq!(users.as_array().unwrap().len(), 1);
    let admin = users[0]["id"].as_str().unwrap();
    let settings = sup.call_with("login.get_settings", &[("X-Clearml-Act-As", admin)], "{}").ok();
    assert_eq!(settings["domains"], json!(["obrien.ie"]));
    assert_eq!(settings["whitelist_entries"][0]["email"], "boss@gmail.com");
    let as_admin = Api::new(&s.api_url()).basic(
        printed["credentials"]["access_key"].as_str().unwrap(),
        printed["credentials"]["secret_key"].as_str().unwrap(),
    );
    assert_eq!(as_admin.call("users.get_current_user", json!({})).ok()["user"]["id"], admin);

    // Run again: the tenants exist, the first call is refused and the script says why.
    let again = Command::new("sh").arg(&path).env("TOKEN", &token).output().unwrap();
    assert!(!again.status.success());
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(said.starts_with("system.create_company refused: Value combination already exists"), "{said}");
}
