//! `--answers open-source`: the reference server answering the endpoints it shares with the
//! open-source apiserver (allegroai/clearml-server, API 2.31) as that server does, over real HTTP.
//! Each check names the file of the open-source server it follows.

use serde_json::{json, Value};
use std::path::Path;
use tenantry_e2e::{Api, RefServer};

fn server() -> RefServer {
    RefServer::launch(Path::new(env!("CARGO_BIN_EXE_tenantry-refserver")), None, &["--answers", "open-source"])
}

#[test]
fn users_get_all_lists_the_callers_company_in_the_open_source_shape() {
    let s = server();
    let sup = Api::new(&s.api_url()).basic(&s.key, &s.secret);
    let acme = sup.create_company("Acme");
    sup.create_user(&acme, "ana@acme.io", "admin");
    let me = sup.call("users.get_current_user", json!({})).ok()["user"].clone();
    let own = me["company"]["id"].as_str().unwrap().to_owned();

    // apiserver/services/users.py `get_all`: the caller's company, whatever `company` says.
    let listed = sup.call("users.get_all", json!({ "company": acme })).ok()["users"].clone();
    let users = listed.as_array().unwrap();
    assert!(!users.is_empty());
    for u in users {
        // apiserver/database/model/user.py: company is the id; there is no role and no email.
        assert_eq!(u["company"], Value::from(own.as_str()), "{u}");
        assert!(u.get("role").is_none() && u.get("email").is_none(), "{u}");
    }
    // users.py `get_current_user`: company joined with its name, the caller's role, no email.
    assert_eq!((me["role"].as_str(), me.get("email")), (Some("system"), None));
    assert_eq!(me["company"]["name"], "Default");
}

#[test]
fn an_unknown_endpoint_has_no_actual_version() {
    let s = server();
    let answer = Api::new(&s.api_url()).basic(&s.key, &s.secret).call("sso.nothing_here", json!({}));
    // apiserver/service_repo/apicall.py: the actual version stays unset when nothing matched.
    assert_eq!(answer.status, 404);
    assert_eq!(answer.body["meta"]["endpoint"]["actual_version"], Value::Null);
    assert_eq!(answer.body["meta"]["endpoint"]["requested_version"], "2.31");
}

#[test]
fn only_root_acts_for_a_user_of_another_company() {
    let s = server();
    let sup = Api::new(&s.api_url()).basic(&s.key, &s.secret);
    let acme = sup.create_company("Acme");
    let ana = sup.create_user(&acme, "ana@acme.io", "admin");
    // apiserver/service_repo/validators.py `validate_impersonation`: 400/6 for another company's user.
    let refused = sup.call_with("login.get_settings", &[("X-Clearml-Act-As", ana.as_str())], "{}");
    assert_eq!((refused.status, refused.subcode()), (400, 6), "{}", refused.body);
    assert_eq!(refused.msg(), format!("Impersonation error (unknown user: id={ana}, company={})", own_company(&sup)));
}

#[test]
fn a_root_supervisor_acts_for_a_user_of_another_company() {
    let s = RefServer::launch(
        Path::new(env!("CARGO_BIN_EXE_tenantry-refserver")),
        None,
        &["--answers", "open-source", "--supervisor-role", "root"],
    );
    let sup = Api::new(&s.api_url()).basic(&s.key, &s.secret);
    assert_eq!(sup.call("users.get_current_user", json!({})).ok()["user"]["role"], "root");
    let acme = sup.create_company("Acme");
    let ana = sup.create_user(&acme, "ana@acme.io", "admin");
    // validators.py: root looks the user up by id alone; the call runs in the user's company.
    let me = sup.call_with("users.get_current_user", &[("X-Clearml-Act-As", ana.as_str())], "{}").ok();
    assert_eq!(
        (me["user"]["id"].as_str(), me["user"]["company"]["id"].as_str()),
        (Some(ana.as_str()), Some(acme.as_str()))
    );
    let listed = sup.call_with("users.get_all", &[("X-Clearml-Act-As", ana.as_str())], "{}").ok();
    assert_eq!(listed["users"].as_array().map(Vec::len), Some(1), "Acme's users: {listed}");
}

fn own_company(api: &Api) -> String {
    api.call("users.get_current_user", json!({})).ok()["user"]["company"]["id"].as_str().unwrap().to_owned()
}
