//! The onboarding wizard in headless Chromium against the reference server: bad input at every
//! page, the whole run, the one-time secret, and a run interrupted by a lost answer and a stopped
//! server that resumes without creating anything twice.

use serde_json::{json, Value};
use tenantry_core::clearml::onboarding::agent_values;
use tenantry_core::clearml::wire::IssuedCredentials;
use tenantry_e2e::browser::{by_test_id, Browser};
use tenantry_e2e::console::{company_named, console_server, cut_network_for, fill_wizard, sign_in, Sent};
use tenantry_e2e::Api;

/// Companies with exactly this name, as the server holds them.
fn companies_named(api: &Api, name: &str) -> Vec<Value> {
    let all = api.call("system.get_companies", json!({ "name": name })).ok();
    all["companies"].as_array().unwrap().iter().filter(|c| c["name"] == name).cloned().collect()
}

fn users_of(api: &Api, company: &str) -> Vec<Value> {
    api.call("users.get_all", json!({ "company": company })).ok()["users"].as_array().unwrap().clone()
}

async fn session_storage(b: &Browser) -> String {
    b.client.execute("return JSON.stringify(sessionStorage)", vec![]).await.unwrap().as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_wizard_checks_every_page_runs_the_plan_and_shows_the_secret_once() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let b = Browser::start().await;
    b.goto(&format!("{}/tenants", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_text(&by_test_id("tenants-table"), "Default").await;
    let before = Sent::so_far(&server, &b).await;
    b.click(&by_test_id("onboard-tenant")).await;
    b.wait_for_path("/tenants/onboard").await;

    // Page 1: nothing typed, a taken name, a bad user limit.
    b.click(&by_test_id("wizard-next")).await;
    b.wait_for_text(&by_test_id("tenant-name-error"), "Enter a tenant name.").await;
    b.fill("#tenant-name", "default").await;
    b.wait_for_text(&by_test_id("tenant-name-error"), "A tenant named \"default\" already exists.").await;
    // The wizard's tenant page warns of a look-alike name as the New tenant page does.
    b.fill("#tenant-name", "D\u{435}fault").await;
    b.wait_for_text(&by_test_id("tenant-name-warning"), "reads like the tenant").await;
    b.fill("#tenant-name", "default").await;
    b.wait_for_text(&by_test_id("tenant-name-error"), "already exists").await;
    b.fill("#allowed-users", "twelve").await;
    b.wait_for_text(&by_test_id("allowed-users-error"), "Allowed users must be a whole number of 1 or more.").await;
    b.click(&by_test_id("wizard-next")).await;
    b.wait_for_text(&by_test_id("form-status"), "Fix to continue: Tenant name, Allowed users.").await;
    b.screenshot("20-wizard-tenant-errors").await;
    b.fill("#tenant-name", "Umbrella Labs").await;
    b.fill("#allowed-users", "12").await;
    b.click("label[for=\"feature-pipelines-enable\"]").await;
    b.click(&by_test_id("wizard-next")).await;

    // Page 2: nothing typed, then an address without @.
    b.find_id("wizard-admin").await;
    b.click(&by_test_id("wizard-next")).await;
    b.wait_for_text(&by_test_id("admin-name-error"), "Enter the admin's name.").await;
    b.wait_for_text(&by_test_id("admin-email-error"), "Enter an email address.").await;
    b.fill("#admin-email", "alice.umbrella.example").await;
    b.wait_for_text(&by_test_id("admin-email-error"), "An email address has one @ between the name and the domain")
        .await;
    b.screenshot("21-wizard-admin-errors").await;
    b.fill("#admin-name", "Alice Admin").await;
    b.fill("#admin-email", "Alice@Umbrella.example").await;
    b.click(&by_test_id("wizard-next")).await;

    // Page 3: the plan, in order, before anything is sent.
    let plan = b.wait_for_text(&by_test_id("plan-calls"), "auth.create_credentials").await;
    let at = |s: &str| plan.find(s).unwrap_or_else(|| panic!("{s} missing from {plan}"));
    assert!(
        at("system.create_company") < at("auth.create_user") && at("auth.create_user") < at("auth.create_credentials")
    );
    b.click("[data-testid=\"plan-calls\"] li:nth-child(2) summary").await;
    b.click("[data-testid=\"plan-calls\"] li:nth-child(3) summary").await;
    let commands = b.text(&by_test_id("plan-calls")).await;
    assert!(commands.contains(r#""company":"<COMPANY_ID>""#), "{commands}");
    assert!(commands.contains(r#""role":"admin""#) && commands.contains(r#""internal":"true""#), "{commands}");
    assert!(commands.contains("X-Clearml-Impersonate-As: <USER_ID>"), "{commands}");
    assert_eq!(b.text(&by_test_id("review-admin")).await, "Alice Admin <alice@umbrella.example>");
    b.screenshot("22-wizard-review").await;
    for endpoint in ["system.create_company", "auth.create_user", "auth.create_credentials"] {
        assert_eq!(before.since(&server, &b, endpoint).await, 0, "{endpoint} was sent before Run");
    }

    // Page 4: the run and the one-time secret.
    b.click(&by_test_id("wizard-run")).await;
    let key = b.text(&by_test_id("access-key")).await;
    let secret = b.text(&by_test_id("secret-key")).await;
    let values = b.text(&by_test_id("agent-values")).await;
    let issued = IssuedCredentials { access_key: key.clone(), secret_key: secret.clone(), label: String::new() };
    assert_eq!(values.trim(), agent_values(&server.api_url(), &issued).trim());
    assert!(values.contains(&format!("agentk8sglueKey: {key}")), "{values}");
    b.find_id("secret-warning").await;
    b.screenshot("23-wizard-result").await;

    let held = companies_named(&api, "Umbrella Labs");
    assert_eq!(held.len(), 1);
    let company = held[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(held[0]["defaults"], json!({"allowed_users": "12", "features": ["pipelines"], "exclude_features": []}));
    assert_eq!(b.text(&by_test_id("result-tenant-id")).await, company);
    let admins = users_of(&api, &company);
    assert_eq!(admins.len(), 1);
    assert_eq!(
        (admins[0]["email"].as_str(), admins[0]["role"].as_str()),
        (Some("alice@umbrella.example"), Some("admin"))
    );
    // The credentials are the admin's own and reach that tenant only.
    let as_admin = Api::new(&server.api_url()).basic(&key, &secret);
    let me = as_admin.call("users.get_current_user", json!({})).ok();
    assert_eq!(
        (me["user"]["id"].clone(), me["user"]["company"]["id"].clone()),
        (admins[0]["id"].clone(), json!(company))
    );
    assert_eq!(as_admin.call("system.get_companies", json!({})).status, 403);
    assert!(!session_storage(&b).await.contains(&secret), "the secret must never be saved");

    // Every call is in the activity log, the impersonated one with whom it acted as; no secret.
    b.click("nav a[href=\"/activity\"]").await;
    let log = b.wait_for_text(&by_test_id("activity-table"), "auth.create_credentials").await;
    assert!(log.contains(&format!("Impersonate-As {}", admins[0]["id"].as_str().unwrap())), "{log}");
    let href = b.find_id("export-activity").await.attr("href").await.unwrap().unwrap();
    assert!(!href.contains(&secret), "the export holds no secret");

    // Back to the wizard: the secret is not shown again.
    b.click("nav a[href^=\"/tenants\"]").await;
    b.click(&by_test_id("onboard-tenant")).await;
    b.find_id("secret-gone").await;
    let page = b.text("main").await;
    assert!(!page.contains(&secret) && page.contains(&key), "{page}");
    b.screenshot("24-wizard-secret-gone").await;
    b.click(&by_test_id("wizard-done")).await;
    b.wait_for_path(&format!("/tenants/{company}")).await;
    b.close().await;
}

#[tokio::test]
async fn an_interrupted_run_resumes_after_a_restart_and_reload_without_creating_anything_twice() {
    let mut server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let b = Browser::start().await;
    b.goto(&format!("{}/tenants/onboard", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.find_id("wizard-tenant").await;
    fill_wizard(&b, "Hooli", "Gavin Belson", "gavin@hooli.example").await;

    // The tenant is made, then the network drops as the admin's call goes out.
    cut_network_for(&b, "auth.create_user").await;
    b.click(&by_test_id("wizard-run")).await;
    let existing = b.wait_for_text(&by_test_id("run-existing"), "Already exists: the tenant Hooli").await;
    let company = companies_named(&api, "Hooli")[0]["id"].as_str().unwrap().to_owned();
    assert!(existing.contains(&company), "{existing}");
    b.wait_for_text(&by_test_id("run-step-auth.create_user"), "it may have happened anyway").await;
    b.wait_for_text(&by_test_id("run-step-system.create_company"), &company).await;
    b.screenshot("25-wizard-interrupted").await;

    // The server stops; a retry meanwhile fails and loses nothing.
    server.kill();
    b.click(&by_test_id("wizard-retry")).await;
    b.wait_for_text(&by_test_id("page-error"), "Could not reach the server").await;

    // It comes back having done the admin's call after all (the answer was what got lost).
    server.restart();
    let gavin = api.create_user(&company, "gavin@hooli.example", "admin");

    // A reload and a new sign-in later, the wizard is where it stopped.
    b.client.refresh().await.unwrap();
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_path("/tenants/onboard").await;
    b.wait_for_text(&by_test_id("run-existing"), "Already exists: the tenant Hooli").await;
    b.click(&by_test_id("wizard-retry")).await;
    b.find_id("secret-key").await;
    b.wait_for_text(&by_test_id("run-step-auth.create_user"), "Found").await;
    b.screenshot("26-wizard-resumed").await;

    assert_eq!(companies_named(&api, "Hooli").len(), 1, "one tenant");
    let people = users_of(&api, &company);
    assert_eq!(people.len(), 1, "one admin: {people:?}");
    assert_eq!(b.text(&by_test_id("result-admin-id")).await, gavin);
    let key = b.text(&by_test_id("access-key")).await;
    let secret = b.text(&by_test_id("secret-key")).await;
    let me = Api::new(&server.api_url()).basic(&key, &secret).call("users.get_current_user", json!({})).ok();
    assert_eq!(me["user"]["id"], gavin.as_str());
    assert_eq!(company_named(&api, "Hooli").await["id"], company.as_str());
    b.close().await;
}
