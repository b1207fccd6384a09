//! The reference server over real HTTP: every endpoint's success, bad input and wrong role, with
//! the exact status, subcode and message a console has to handle.

use serde_json::{json, Value};
use std::path::Path;
use tenantry_e2e::{Api, RefServer};

fn server() -> RefServer {
    RefServer::launch(Path::new(env!("CARGO_BIN_EXE_tenantry-refserver")), None, &[])
}

fn supervisor(s: &RefServer) -> Api {
    Api::new(&s.api_url()).basic(&s.key, &s.secret)
}

fn assert_refused(answer: tenantry_e2e::api::Answer, status: u16, subcode: u64, msg: &str) {
    assert_eq!((answer.status, answer.subcode(), answer.msg()), (status, subcode, msg), "{}", answer.body);
    assert_eq!(answer.data(), &json!({}));
    assert_eq!(answer.body["meta"]["error_data"], json!({}));
    assert_eq!(answer.body["meta"]["error_stack"], Value::Null);
}

/// A tenant with an admin (and that admin's own credentials) and a plain user.
struct Tenant {
    id: String,
    admin: String,
    user: String,
    admin_api: Api,
    user_api: Api,
}

fn tenant(s: &RefServer, name: &str) -> Tenant {
    let sup = supervisor(s);
    let id = sup.create_company(name);
    let admin = sup.create_user(&id, &format!("admin@{name}.example"), "admin");
    let user = sup.create_user(&id, &format!("user@{name}.example"), "user");
    let (ak, sk) = sup.credentials_for(&admin);
    let (uk, usk) = sup.credentials_for(&user);
    Tenant {
        id,
        admin,
        user,
        admin_api: Api::new(&s.api_url()).basic(&ak, &sk),
        user_api: Api::new(&s.api_url()).basic(&uk, &usk),
    }
}

#[test]
fn login_exchanges_key_and_secret_for_a_token() {
    let s = server();
    let token = supervisor(&s).call("auth.login", json!({})).ok()["token"].as_str().unwrap().to_owned();
    let me = Api::new(&s.api_url()).bearer(&token).call("users.get_current_user", json!({})).ok();
    assert_eq!(me["user"]["role"], "system");
    assert_eq!(me["user"]["company"]["name"], "Default");
    assert_eq!(me["user"]["id"].as_str().unwrap().len(), 32);
}

#[test]
fn the_envelope_carries_ids_versions_and_the_endpoint() {
    let s = server();
    let answer = supervisor(&s).call("v999.0/users.get_current_user", json!({}));
    let meta = &answer.body["meta"];
    assert_eq!(answer.status, 200);
    assert_eq!(meta["endpoint"]["name"], "users.get_current_user");
    assert_eq!(meta["endpoint"]["requested_version"], "999.0");
    assert_eq!(meta["endpoint"]["actual_version"], "2.31");
    assert!(meta["id"].as_str().unwrap().chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_eq!((meta["result_code"].as_u64(), meta["result_msg"].as_str()), (Some(200), Some("OK")));
}

#[test]
fn credentials_are_checked() {
    let s = server();
    let anon = Api::new(&s.api_url());
    assert_refused(anon.call("users.get_current_user", json!({})), 401, 20, "Unauthorized (missing credentials)");
    assert_refused(
        anon.clone().basic(&s.key, "wrong").call("users.get_current_user", json!({})),
        401,
        22,
        "Unauthorized (invalid credentials) (failed to locate provided credentials)",
    );
    let malformed = anon.call_with("users.get_current_user", &[("Authorization", "Basic !!!")], "{}");
    assert_refused(malformed, 401, 21, "Unauthorized (malformed credentials) (not base64)");
    assert_refused(
        anon.bearer("not-a-jwt").call("users.get_current_user", json!({})),
        401,
        30,
        "Invalid token (malformed)",
    );
}

#[test]
fn unknown_endpoints_and_bad_bodies_are_refused_with_400_or_404_never_500() {
    let s = server();
    let sup = supervisor(&s);
    assert_refused(sup.call("foo.bar", json!({})), 404, 0, "Unable to find endpoint for name foo.bar and version 2.31");
    assert_refused(
        sup.call("v2.34/foo.bar", json!({})),
        404,
        0,
        "Unable to find endpoint for name foo.bar and version 2.34",
    );
    let bad_json = sup.call_with("system.create_company", &[], "{\"name\": ");
    assert_eq!((bad_json.status, bad_json.subcode()), (400, 0));
    assert!(
        bad_json.msg().starts_with("Invalid request path system.create_company (malformed JSON body"),
        "{}",
        bad_json.msg()
    );
    assert_refused(
        sup.call_with("system.create_company", &[], "[1]"),
        400,
        0,
        "Invalid request path system.create_company (the body must be a JSON object)",
    );
    assert_refused(sup.call("system.create_company", json!({})), 400, 11, "Missing required fields: missing=(name)");
    assert_refused(
        sup.call("system.create_company", json!({"name": 7})),
        400,
        12,
        "Validation error (error for field 'name'. expected a string)",
    );
    assert_refused(
        sup.call("system.create_company", json!({"name": "ab"})),
        400,
        12,
        "Validation error (error for field 'name'. length must be at least 3)",
    );
    assert_refused(
        sup.call("system.create_company", json!({"name": "Acme", "defaults": {"allowed_users": "zero"}})),
        400,
        12,
        "Validation error (error for field 'allowed_users'. expected a positive integer)",
    );
    assert_refused(
        sup.call("system.create_company", json!({"name": "Acme", "defaults": {"features": "reports"}})),
        400,
        12,
        "Validation error (error for field 'features'. expected a list of strings)",
    );
}

#[test]
fn companies_are_created_listed_and_unique_by_name() {
    let s = server();
    let sup = supervisor(&s);
    let body = json!({"name": "Acme", "defaults": {"allowed_users": "10", "features": ["experiments"],
                      "exclude_features": ["app_management", "applications", "user_management"]}});
    let id = sup.call("system.create_company", body).ok()["id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 32);
    assert_refused(
        sup.call("system.create_company", json!({"name": " acme "})),
        400,
        801,
        "Value combination already exists (unique field): name=acme",
    );
    // Cyrillic А and с: another name to the database, the same name to a reader.
    assert_refused(
        sup.call("system.create_company", json!({"name": "\u{410}\u{441}me"})),
        400,
        801,
        "Value combination already exists (unique field): name=\u{410}\u{441}me reads like the existing tenant Acme",
    );
    let listed = sup.call("system.get_companies", json!({})).ok();
    let acme = listed["companies"].as_array().unwrap().iter().find(|c| c["id"] == id.as_str()).unwrap().clone();
    assert_eq!(acme["name"], "Acme");
    assert_eq!(acme["active"], true);
    assert_eq!(acme["defaults"]["allowed_users"], "10");
    assert_eq!(acme["defaults"]["exclude_features"], json!(["app_management", "applications", "user_management"]));
    let by_pattern = sup.call("system.get_companies", json!({"name_pattern": "CM"})).ok();
    assert_eq!(by_pattern["companies"].as_array().unwrap().len(), 1);
    let by_name = sup.call("system.get_companies", json!({"name": "default"})).ok();
    assert_eq!(by_name["companies"][0]["name"], "Default");
}

#[test]
fn tenant_names_follow_the_consoles_rules() {
    let s = server();
    let sup = supervisor(&s);
    let field = |why: &str| format!("Validation error (error for field 'name'. {why})");
    for (name, why) in [
        ("x".repeat(101), tenantry_core::clearml::tenant::NAME_TOO_LONG),
        ("Acme\u{1b}[31m".to_owned(), tenantry_core::clearml::tenant::NAME_CONTROL),
        ("Acme\u{202E}gnp.exe".to_owned(), tenantry_core::clearml::tenant::NAME_BIDI),
        ("\u{200B}\u{200B}\u{200B}".to_owned(), tenantry_core::clearml::tenant::NAME_INVISIBLE),
    ] {
        assert_refused(sup.call("system.create_company", json!({ "name": name })), 400, 12, &field(why));
    }
    sup.create_company("Acme Corp");
    sup.create_company("Straße Labs");
    for variant in ["ACME\u{200B} corp", "ＡＣＭＥ Ｃｏｒｐ", "acme  CORP", "STRASSE LABS"] {
        let answer = sup.call("system.create_company", json!({ "name": variant }));
        assert_eq!(answer.subcode(), 801, "{variant:?}: {}", answer.body);
    }
}

#[test]
fn names_stored_under_an_older_comparison_are_compared_the_current_way_after_a_restart() {
    let mut s = server();
    supervisor(&s).create_company("Straße Labs");
    let db = rusqlite::Connection::open(s.data_dir().join("tenantry-refserver.sqlite")).unwrap();
    db.execute("UPDATE companies SET name_key = 'straße labs' WHERE name = 'Straße Labs'", []).unwrap();
    drop(db);
    s.restart();
    let answer = supervisor(&s).call("system.create_company", json!({"name": "STRASSE LABS"}));
    assert_eq!(answer.subcode(), 801, "{}", answer.body);
}

#[test]
fn unique_names_can_be_turned_off() {
    let s = RefServer::launch(Path::new(env!("CARGO_BIN_EXE_tenantry-refserver")), None, &["--unique-names", "false"]);
    let sup = supervisor(&s);
    let (first, second) = (sup.create_company("Twin"), sup.create_company("Twin"));
    assert_ne!(first, second);
    let listed = sup.call("system.get_companies", json!({"name": "Twin"})).ok();
    let ids: Vec<&str> = listed["companies"].as_array().unwrap().iter().filter_map(|c| c["id"].as_str()).collect();
    assert_eq!(ids.len(), 2, "two tenants named Twin: {listed}");
}

#[test]
fn company_settings_are_replaced_where_given() {
    let s = server();
    let sup = supervisor(&s);
    let id = sup.create_company("Acme");
    let answer = sup.call(
        "system.update_company_settings",
        json!({"company": id, "features": ["sso_management"], "allowed_users": 5}),
    );
    assert_eq!(answer.ok(), json!({"updated": 1}));
    let again =
        sup.call("system.update_company_settings", json!({"company": id, "exclude_features": ["reports"]})).ok();
    assert_eq!(again["updated"], 1);
    let listed = sup.call("system.get_companies", json!({"name": "Acme"})).ok();
    assert_eq!(
        listed["companies"][0]["defaults"],
        json!({"allowed_users": "5", "features": ["sso_management"], "exclude_features": ["reports"]})
    );
    assert_refused(
        sup.call("system.update_company_settings", json!({"company": "nope"})),
        400,
        10,
        "Invalid object id: company=nope",
    );
    let missing = "0123456789abcdef0123456789abcdef";
    assert_refused(
        sup.call("system.update_company_settings", json!({"company": missing})),
        400,
        10,
        &format!("Invalid object id: company={missing}"),
    );
    assert_refused(
        sup.call("system.update_company_settings", json!({})),
        400,
        11,
        "Missing required fields: missing=(company)",
    );
}

#[test]
fn system_endpoints_refuse_other_roles() {
    let s = server();
    let t = tenant(&s, "acme");
    let forbidden = "Forbidden (not allowed for role): role=admin, allowed=(system, root)";
    assert_refused(t.admin_api.call("system.get_companies", json!({})), 403, 20, forbidden);
    assert_refused(t.admin_api.call("system.create_company", json!({"name": "Mine"})), 403, 20, forbidden);
    assert_refused(t.admin_api.call("system.update_company_settings", json!({"company": t.id})), 403, 20, forbidden);
    assert_refused(
        t.user_api.call("system.get_companies", json!({})),
        403,
        20,
        "Forbidden (not allowed for role): role=user, allowed=(system, root)",
    );
}

#[test]
fn users_are_created_per_company_with_checked_fields() {
    let s = server();
    let sup = supervisor(&s);
    let acme = sup.create_company("Acme");
    let body =
        json!({"name": "Ann", "company": acme, "email": "ann@acme.example", "role": "admin", "internal": "true"});
    let id = sup.call("auth.create_user", body.clone()).ok()["id"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 32);
    assert_refused(
        sup.call("auth.create_user", body),
        400,
        801,
        "Value combination already exists (unique field): email=ann@acme.example",
    );
    assert_refused(
        sup.call("auth.create_user", json!({"name": "x"})),
        400,
        11,
        "Missing required fields: missing=(company, email, role)",
    );
    assert_refused(
        sup.call("auth.create_user", json!({"name": "B", "company": acme, "email": "b-at-acme", "role": "admin"})),
        400,
        12,
        "Validation error (error for field 'email'. not a valid email address)",
    );
    assert_refused(
        sup.call(
            "auth.create_user",
            json!({"name": "B", "company": acme, "email": "b@acme.example", "role": "system"}),
        ),
        400,
        12,
        "Validation error (error for field 'role'. must be one of admin, user, guest, annotator, consumer)",
    );
    for (name, why) in [
        ("Ann\u{1b}[2J", tenantry_core::clearml::onboarding::USER_NAME_CONTROL),
        ("nnA\u{202E}", tenantry_core::clearml::onboarding::USER_NAME_BIDI),
        ("\u{200B}\u{2060}", tenantry_core::clearml::onboarding::USER_NAME_INVISIBLE),
    ] {
        let body = json!({"name": name, "company": acme, "email": "c@acme.example", "role": "user"});
        assert_refused(
            sup.call("auth.create_user", body),
            400,
            12,
            &format!("Validation error (error for field 'name'. {why})"),
        );
    }
    sup.call(
        "auth.create_user",
        json!({"name": "S", "company": acme, "email": "STRASSE@acme.example", "role": "user"}),
    )
    .ok();
    for variant in ["straße@acme.example", "ＳＴＲＡＳＳＥ@ACME.example"] {
        let body = json!({"name": "S", "company": acme, "email": variant, "role": "user"});
        assert_eq!(sup.call("auth.create_user", body).subcode(), 801, "{variant}");
    }
    let ghost = "0123456789abcdef0123456789abcdef";
    assert_refused(
        sup.call("auth.create_user", json!({"name": "B", "company": ghost, "email": "b@acme.example", "role": "user"})),
        400,
        10,
        &format!("Invalid object id: company={ghost}"),
    );
}

#[test]
fn admins_manage_users_of_their_own_company_only() {
    let s = server();
    let acme = tenant(&s, "acme");
    let globex = tenant(&s, "globex");
    let own = json!({"name": "New", "company": acme.id, "email": "new@acme.example", "role": "user"});
    acme.admin_api.call("auth.create_user", own).ok();
    let other = json!({"name": "Spy", "company": globex.id, "email": "spy@acme.example", "role": "user"});
    assert_refused(
        acme.admin_api.call("auth.create_user", other),
        403,
        21,
        "Forbidden (not allowed for company): admins manage their own company only",
    );
    let user_try = json!({"name": "X", "company": acme.id, "email": "x@acme.example", "role": "user"});
    assert_refused(
        acme.user_api.call("auth.create_user", user_try),
        403,
        20,
        "Forbidden (not allowed for role): role=user, allowed=(system, root, admin)",
    );
    let users = acme.admin_api.call("users.get_all", json!({})).ok();
    let emails: Vec<&str> = users["users"].as_array().unwrap().iter().map(|u| u["email"].as_str().unwrap()).collect();
    assert_eq!(emails.len(), 3);
    assert!(emails.iter().all(|e| e.ends_with("@acme.example")), "{emails:?}");
}

#[test]
fn the_supervisor_lists_the_users_of_any_company_and_admins_only_their_own() {
    let s = server();
    let acme = tenant(&s, "acme");
    let globex = tenant(&s, "globex");
    let sup = supervisor(&s);
    let listed = sup.call("users.get_all", json!({"company": acme.id})).ok();
    let ids: Vec<&str> = listed["users"].as_array().unwrap().iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&acme.admin.as_str()));
    assert!(listed["users"].as_array().unwrap().iter().all(|u| u["company"]["id"] == acme.id.as_str()));
    assert_refused(
        acme.admin_api.call("users.get_all", json!({"company": globex.id})),
        403,
        21,
        "Forbidden (not allowed for company): admins manage their own company only",
    );
    let ghost = "0123456789abcdef0123456789abcdef";
    assert_refused(
        sup.call("users.get_all", json!({"company": ghost})),
        400,
        10,
        &format!("Invalid object id: company={ghost}"),
    );
}

#[test]
fn impersonated_credentials_belong_to_the_target_user() {
    let s = server();
    let sup = supervisor(&s);
    let company = sup.create_company("Acme");
    let admin = sup.create_user(&company, "ann@acme.example", "admin");
    let created = sup.call_with("auth.create_credentials", &[("X-Clearml-Impersonate-As", &admin)], "{}").ok();
    let key = created["credentials"]["access_key"].as_str().unwrap();
    let secret = created["credentials"]["secret_key"].as_str().unwrap();
    assert_eq!(key.len(), 30);
    assert!(key.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()), "{key}");
    let as_admin = Api::new(&s.api_url()).basic(key, secret);
    let me = as_admin.call("users.get_current_user", json!({})).ok();
    assert_eq!((me["user"]["id"].as_str(), me["user"]["role"].as_str()), (Some(admin.as_str()), Some("admin")));
    assert_eq!(me["user"]["company"]["id"], company.as_str());
    let listed = as_admin.call("auth.get_credentials", json!({})).ok();
    assert_eq!(listed["credentials"][0]["access_key"], key);
    assert!(listed["credentials"][0]["last_used"].is_string());
    assert!(listed["credentials"][0].get("secret_key").is_none());
}

#[test]
fn revoking_credentials_ends_their_tokens() {
    let s = server();
    let t = tenant(&s, "acme");
    let token = t.admin_api.call("auth.login", json!({})).ok()["token"].as_str().unwrap().to_owned();
    let listed = t.admin_api.call("auth.get_credentials", json!({})).ok();
    let key = listed["credentials"][0]["access_key"].as_str().unwrap().to_owned();
    assert_eq!(t.admin_api.call("auth.revoke_credentials", json!({"access_key": key})).ok(), json!({"revoked": 1}));
    let with_token = Api::new(&s.api_url()).bearer(&token).call("users.get_current_user", json!({}));
    assert_refused(with_token, 401, 30, "Invalid token (revoked)");
    assert_eq!(t.admin_api.call("users.get_current_user", json!({})).status, 401);
    assert_refused(
        supervisor(&s).call("auth.revoke_credentials", json!({})),
        400,
        11,
        "Missing required fields: missing=(access_key)",
    );
}

#[test]
fn acting_is_for_the_system_role_anywhere_and_admins_in_their_own_company() {
    let s = server();
    let sup = supervisor(&s);
    let t = tenant(&s, "acme");
    let other = tenant(&s, "globex");
    let both = sup.call_with(
        "users.get_current_user",
        &[("X-Clearml-Impersonate-As", &t.admin), ("X-Clearml-Act-As", &t.admin)],
        "{}",
    );
    assert_refused(both, 400, 5, "Impersonation error (both X-Clearml-Impersonate-As and X-Clearml-Act-As were given)");
    let ghost = "0123456789abcdef0123456789abcdef";
    assert_refused(
        sup.call_with("users.get_current_user", &[("X-Clearml-Act-As", ghost)], "{}"),
        400,
        6,
        &format!("Impersonation error (user not found: {ghost})"),
    );
    // SPEC "Acting for others": an admin acts for users of its own company only.
    let own = t.admin_api.call_with("users.get_current_user", &[("X-Clearml-Impersonate-As", &t.user)], "{}").ok();
    assert_eq!((own["user"]["id"].as_str(), own["user"]["role"].as_str()), (Some(t.user.as_str()), Some("user")));
    assert_refused(
        t.admin_api.call_with("login.get_settings", &[("X-Clearml-Act-As", &other.admin)], "{}"),
        400,
        6,
        &format!("Impersonation error (unknown user: id={}, company={})", other.admin, t.id),
    );
    let by_user = t.user_api.call_with("login.get_settings", &[("X-Clearml-Act-As", &t.admin)], "{}");
    assert_refused(by_user, 400, 6, "Impersonation error (not allowed for role: role=user)");
}

#[test]
fn act_as_takes_the_targets_company_but_keeps_the_callers_role() {
    let s = server();
    let sup = supervisor(&s);
    let t = tenant(&s, "acme");
    let me = sup.call_with("users.get_current_user", &[("X-Clearml-Act-As", &t.admin)], "{}").ok();
    assert_eq!(
        (me["user"]["role"].as_str(), me["user"]["company"]["id"].as_str()),
        (Some("system"), Some(t.id.as_str()))
    );
    let imp = sup.call_with("users.get_current_user", &[("X-Clearml-Impersonate-As", &t.admin)], "{}").ok();
    assert_eq!(imp["user"]["role"], "admin");
}

#[test]
fn login_routing_is_per_company() {
    let s = server();
    let sup = supervisor(&s);
    let acme = tenant(&s, "acme");
    let globex = tenant(&s, "globex");
    let act = [("X-Clearml-Act-As", acme.admin.as_str())];
    assert_eq!(
        sup.call_with("login.set_domains", &act, r#"{"domains": ["Acme.example", "acme.test"]}"#).ok(),
        json!({})
    );
    let added = sup
        .call_with("login.add_whitelist_entries", &act, r#"{"emails": ["Boss@acme.example"], "is_admin": true}"#)
        .ok();
    assert_eq!(added, json!({"added": 1}));
    sup.call_with(
        "login.add_whitelist_entries",
        &act,
        r#"{"emails": ["dev@acme.example", "admin@acme.example"], "is_admin": false}"#,
    )
    .ok();
    let settings = acme.admin_api.call("login.get_settings", json!({})).ok();
    assert_eq!(settings["domains"], json!(["acme.example", "acme.test"]));
    // One domain however spelled: decomposed, with a full-width dot, in Punycode.
    let spellings =
        json!({"domains": ["bu\u{308}cher.example", "bücher．example", "xn--bcher-kva.example", "acme.example"]});
    acme.admin_api.call("login.set_domains", spellings).ok();
    let settings = acme.admin_api.call("login.get_settings", json!({})).ok();
    assert_eq!(settings["domains"], json!(["acme.example", "bücher.example"]));
    acme.admin_api.call("login.set_domains", json!({"domains": ["acme.example", "acme.test"]})).ok();
    let settings = acme.admin_api.call("login.get_settings", json!({})).ok();
    let entries = settings["whitelist_entries"].as_array().unwrap();
    let entry = |email: &str| entries.iter().find(|e| e["email"] == email).unwrap().clone();
    assert_eq!(
        (entry("boss@acme.example")["is_admin"].as_bool(), entry("boss@acme.example")["status"].as_str()),
        (Some(true), Some("pending"))
    );
    assert_eq!(entry("admin@acme.example")["status"], "accepted");
    assert_eq!(
        globex.admin_api.call("login.get_settings", json!({})).ok(),
        json!({"domains": [], "whitelist_entries": []})
    );
    let removed = acme
        .admin_api
        .call("login.remove_whitelist_entries", json!({"emails": ["dev@acme.example", "nobody@acme.example"]}))
        .ok();
    assert_eq!(removed, json!({"removed": 1}));
    assert_refused(
        acme.admin_api.call("login.set_domains", json!({})),
        400,
        11,
        "Missing required fields: missing=(domains)",
    );
    assert_refused(
        acme.admin_api.call("login.set_domains", json!({"domains": [""]})),
        400,
        12,
        "Validation error (error for field 'domains'. empty strings are not allowed)",
    );
    assert_refused(
        acme.admin_api.call("login.add_whitelist_entries", json!({"emails": ["a@acme.example"], "role": "owner"})),
        400,
        12,
        "Validation error (error for field 'role'. must be one of admin, user, consumer)",
    );
    assert_refused(
        acme.user_api.call("login.get_settings", json!({})),
        403,
        20,
        "Forbidden (not allowed for role): role=user, allowed=(system, root, admin)",
    );
}

#[test]
fn a_tenants_sso_settings_and_provider_are_saved_and_read_back_without_the_secret() {
    let s = server();
    let sup = supervisor(&s);
    let acme = tenant(&s, "acme");
    let globex = tenant(&s, "globex");
    let sso = json!({"tenant": "acme-ext", "group_mapping": {"AD Data": "data"}, "admin_groups": ["AD Admins"]});
    assert_eq!(sup.call("system.update_company_sso_config", json!({"company": acme.id, "sso": sso})).ok(), json!({}));
    let config = json!({"id": acme.id, "display_name": "Acme SSO", "client_id": "acme", "client_secret": "s3cr3t",
        "authorization_endpoint": "https://kc/auth", "token_endpoint": "https://kc/token",
        "revocation_endpoint": "https://kc/revoke", "end_session_endpoint": "https://kc/logout",
        "logout_from_provider": true, "claim_tenant": "tenant_key", "claim_name": "name", "group_enabled": true,
        "claim_groups": "groups", "group_prohibit_user_login_if_not_in_group": false});
    let save = json!({"provider": "keycloak", "company": acme.id, "configuration": config});
    assert_eq!(sup.call("sso.save_provider_configuration", save.clone()).ok(), json!({}));
    sup.call("sso.save_provider_configuration", save).ok();

    let listed = sup.call("sso.get_provider_configurations", json!({"company": acme.id})).ok();
    assert_eq!(listed["configurations"].as_array().unwrap().len(), 1, "saving again replaces: {listed}");
    assert_eq!(listed["configurations"][0]["display_name"], "Acme SSO");
    let companies = sup.call("system.get_companies", json!({"name": "acme"})).ok();
    assert_eq!(companies["companies"][0]["sso"], sso, "tenants report their external tenant id");
    let groups = acme.admin_api.call("permissions.get_user_groups", json!({})).ok();
    let names: Vec<&str> = groups["groups"].as_array().unwrap().iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["users", "admins", "queue_admins"]);
    let back = acme.admin_api.call("system.get_company_sso_config", json!({})).ok();
    assert_eq!(back["sso"], sso);
    assert_eq!(back["providers"][0]["configuration"]["token_endpoint"], "https://kc/token");
    assert!(!back.to_string().contains("s3cr3t"), "{back}");

    let other = json!({"company": acme.id});
    assert_refused(
        globex.admin_api.call("system.get_company_sso_config", other),
        403,
        21,
        "Forbidden (not allowed for company): admins manage their own company only",
    );
    assert_refused(
        acme.admin_api.call("system.update_company_sso_config", json!({"company": acme.id, "sso": {"tenant": "x"}})),
        403,
        20,
        "Forbidden (not allowed for role): role=admin, allowed=(system, root)",
    );
    assert_refused(
        sup.call("system.update_company_sso_config", json!({"company": acme.id})),
        400,
        11,
        "Missing required fields: missing=(sso)",
    );
    let nobody = "0123456789abcdef0123456789abcdef";
    assert_refused(
        sup.call("system.update_company_sso_config", json!({"company": nobody, "sso": {"tenant": "x"}})),
        400,
        10,
        &format!("Invalid object id: company={nobody}"),
    );
}

#[test]
fn data_survives_a_kill() {
    let mut s = server();
    let sup = supervisor(&s);
    let id = sup.create_company("Durable");
    s.restart();
    let listed = supervisor(&s).call("system.get_companies", json!({"name": "Durable"})).ok();
    assert_eq!(listed["companies"][0]["id"], id.as_str());
}

fn preflight(s: &RefServer, origin: &str) -> ureq::Response {
    ureq::request("OPTIONS", &format!("{}/system.get_companies", s.api_url()))
        .set("Origin", origin)
        .set("Access-Control-Request-Method", "POST")
        .set("Access-Control-Request-Headers", "authorization,content-type,x-clearml-act-as")
        .call()
        .unwrap()
}

#[test]
fn cors_allows_pages_from_this_machine_by_default_and_never_credentials() {
    let s = server();
    let response = preflight(&s, "http://127.0.0.1:8080");
    assert_eq!(response.status(), 200);
    assert_eq!(response.header("access-control-allow-origin"), Some("http://127.0.0.1:8080"));
    assert_eq!(response.header("access-control-allow-credentials"), None);
    assert_eq!(response.header("access-control-allow-headers"), Some("authorization,content-type,x-clearml-act-as"));
    let elsewhere = preflight(&s, "http://console.example:8080");
    assert_eq!(elsewhere.header("access-control-allow-origin"), None);
    let call = ureq::post(&format!("{}/users.get_current_user", s.api_url()))
        .set("Origin", "http://console.example:8080")
        .send_string("{}")
        .unwrap_err();
    let ureq::Error::Status(401, answer) = call else { panic!("expected 401") };
    assert_eq!(answer.header("access-control-allow-origin"), None);
}

#[test]
fn cors_allows_exactly_the_origins_named() {
    let s = RefServer::launch(
        Path::new(env!("CARGO_BIN_EXE_tenantry-refserver")),
        None,
        &["--allowed-origin", "https://console.example", "--allowed-origin", "https://other.example"],
    );
    let named = preflight(&s, "https://console.example");
    assert_eq!(named.header("access-control-allow-origin"), Some("https://console.example"));
    assert_eq!(named.header("access-control-allow-credentials"), None);
    assert_eq!(preflight(&s, "http://127.0.0.1:8080").header("access-control-allow-origin"), None);
}

#[test]
fn console_paths_fall_back_to_index_html() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!DOCTYPE html><title>console</title>").unwrap();
    std::fs::write(dist.path().join("app.css"), "body{}").unwrap();
    let s = RefServer::launch(Path::new(env!("CARGO_BIN_EXE_tenantry-refserver")), Some(dist.path()), &[]);
    for path in ["/", "/tenants", "/tenants/0123456789abcdef0123456789abcdef"] {
        let page = ureq::get(&format!("{}{path}", s.base)).call().unwrap();
        assert_eq!(page.status(), 200, "{path}");
        assert!(page.into_string().unwrap().contains("<title>console</title>"), "{path}");
    }
    assert_eq!(ureq::get(&format!("{}/app.css", s.base)).call().unwrap().into_string().unwrap(), "body{}");
}
