//! The console in headless Chromium against the reference server answering as the open-source
//! apiserver does (`--answers open-source`): users with a company id and no role or email, a
//! `users.get_all` that ignores its company filter, a current user without email, and only root
//! acting for another company's users. Sign-in, onboarding (and its resume), a tenant's login
//! routing and the tenant admin's own pages must work on those shapes, and never make a second
//! admin because a filter was ignored.

use serde_json::{json, Value};
use tenantry_e2e::browser::{by_test_id, Browser};
use tenantry_e2e::console::{
    company_named, console_server_with, cut_network_for, fill_wizard, sign_in, sign_in_as, submit_sign_in,
};
use tenantry_e2e::{Api, RefServer};

const OPEN_SOURCE_AS_ROOT: [&str; 4] = ["--answers", "open-source", "--supervisor-role", "root"];

/// A tenant's users, read as one of them (the only way this flavour lists another company's).
fn users_as(api: &Api, member: &str) -> Vec<Value> {
    let listed = api.call_with("users.get_all", &[("X-Clearml-Act-As", member)], "{}").ok();
    listed["users"].as_array().unwrap().clone()
}

fn supervisor_api(server: &RefServer) -> Api {
    Api::new(&server.api_url()).basic(&server.key, &server.secret)
}

#[tokio::test]
async fn onboarding_resumes_by_asking_when_the_server_cannot_list_the_tenants_users() {
    let server = console_server_with(&OPEN_SOURCE_AS_ROOT);
    let api = supervisor_api(&server);
    let b = Browser::start().await;
    b.goto(&format!("{}/tenants/onboard", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_text(&by_test_id("whoami"), "root").await;

    // A whole run: the admin made is recorded, so its pages find it later.
    b.find_id("wizard-tenant").await;
    fill_wizard(&b, "Initech", "Bill Lumbergh", "bill@initech.example").await;
    b.click(&by_test_id("wizard-run")).await;
    b.find_id("secret-key").await;
    let bill = b.text(&by_test_id("result-admin-id")).await;
    assert_eq!(users_as(&api, &bill).len(), 1);

    // The admin's call is made but its answer is lost.
    b.click(&by_test_id("wizard-another")).await;
    fill_wizard(&b, "Hooli", "Gavin Belson", "gavin@hooli.example").await;
    cut_network_for(&b, "auth.create_user").await;
    b.click(&by_test_id("wizard-run")).await;
    b.wait_for_text(&by_test_id("run-step-auth.create_user"), "it may have happened anyway").await;
    let company = company_named(&api, "Hooli").await["id"].as_str().unwrap().to_owned();
    let gavin = api.create_user(&company, "gavin@hooli.example", "admin");

    // users.get_all answers with the supervisor's own company: the console asks instead of sending again.
    b.click(&by_test_id("wizard-retry")).await;
    b.wait_for_text(&by_test_id("page-error"), "cannot see whether the interrupted call created the admin").await;
    b.find_id("admin-choice").await;
    b.fill("#admin-id", "gavin").await;
    b.click(&by_test_id("admin-id-use")).await;
    b.wait_for_text("#admin-id-error", "Not a user id").await;
    b.screenshot("60-open-source-resume-asks").await;
    b.fill("#admin-id", &gavin).await;
    b.click(&by_test_id("admin-id-use")).await;
    b.find_id("secret-key").await;
    b.wait_for_text(&by_test_id("run-step-auth.create_user"), "Found").await;
    assert_eq!(b.text(&by_test_id("result-admin-id")).await, gavin);
    assert_eq!(users_as(&api, &gavin).len(), 1, "one admin in the tenant");
    let (key, secret) = (b.text(&by_test_id("access-key")).await, b.text(&by_test_id("secret-key")).await);
    let me = Api::new(&server.api_url()).basic(&key, &secret).call("users.get_current_user", json!({})).ok();
    assert_eq!(me["user"]["id"], gavin.as_str());

    // Nothing made this time: the person says so and the admin is created once.
    b.click(&by_test_id("wizard-another")).await;
    fill_wizard(&b, "Pied Piper", "Richard Hendricks", "richard@piedpiper.example").await;
    cut_network_for(&b, "auth.create_user").await;
    b.click(&by_test_id("wizard-run")).await;
    b.wait_for_text(&by_test_id("run-step-auth.create_user"), "it may have happened anyway").await;
    b.client.refresh().await.unwrap();
    sign_in(&b, &server.key, &server.secret).await;
    b.click(&by_test_id("wizard-retry")).await;
    b.find_id("admin-choice").await;
    b.click(&by_test_id("admin-not-there")).await;
    b.find_id("secret-key").await;
    let richard = b.text(&by_test_id("result-admin-id")).await;
    assert_eq!(users_as(&api, &richard).len(), 1);
    b.close().await;
}

#[tokio::test]
async fn login_routing_acts_as_a_named_admin_and_the_tenant_admin_pages_work() {
    let server = console_server_with(&OPEN_SOURCE_AS_ROOT);
    let api = supervisor_api(&server);
    let acme = api.create_company("Acme");
    let ann = api.create_user(&acme, "ann@acme.io", "admin");
    api.create_user(&acme, "bob@acme.io", "user");

    let b = Browser::start().await;
    b.goto(&format!("{}/tenants/{acme}/login-routing", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    // The server lists the supervisor's own users for Acme's and reports no roles: it cannot say.
    b.wait_for_text(&by_test_id("admin-unknown"), "lists only its caller's own users").await;
    b.fill("#admin-id", &api.create_company("Globex")).await;
    b.click(&by_test_id("admin-id-use")).await;
    b.wait_for_text(&by_test_id("page-error"), "Could not act as that user").await;
    b.screenshot("61-open-source-name-the-admin").await;
    b.fill("#admin-id", &ann).await;
    b.click(&by_test_id("admin-id-use")).await;
    let acting = b.wait_for_text(&by_test_id("acting-as"), &ann).await;
    assert!(acting.contains("email not reported by this server"), "{acting}");

    b.fill("#domains", "acme.io").await;
    b.click_enabled(&by_test_id("save-domains")).await;
    b.wait_for_text(&by_test_id("page-success"), "Domains saved.").await;
    let held = api.call_with("login.get_settings", &[("X-Clearml-Act-As", ann.as_str())], "{}").ok();
    assert_eq!(held["domains"], json!(["acme.io"]));
    b.wait_for_text(&by_test_id("unchecked-tenants"), "Default").await;
    b.screenshot("62-open-source-login-routing").await;

    // Ann is a known admin now: the tenant's users are read as her, so its users tab lists Acme's.
    b.follow(&format!("/tenants/{acme}/users")).await;
    let listed = b.wait_for_text(&by_test_id("tenant-users"), &ann).await;
    assert!(!listed.contains("Supervisor"), "the supervisor's own users are not Acme's: {listed}");
    assert_eq!(b.client.find_all(fantoccini::Locator::Css("[data-testid=users-not-filtered]")).await.unwrap().len(), 0);

    // The tenant admin, on the same server: own routing, users without roles or emails, credentials.
    let (key, secret) = api.credentials_for(&ann);
    b.click(&by_test_id("sign-out")).await;
    b.goto(&format!("{}/", server.base)).await;
    sign_in_as(&b, &key, &secret, "ann@acme.io").await;
    b.wait_for_path("/my-tenant/login-routing").await;
    b.find_id("self-service").await;
    b.click("nav a[href=\"/my-tenant/users\"]").await;
    let users = b.wait_for_text(&by_test_id("users-table"), "bob@acme.io").await;
    assert!(users.contains("not reported"), "{users}");
    b.screenshot("63-open-source-tenant-users").await;
    b.click("nav a[href=\"/my-tenant/credentials\"]").await;
    b.fill("#credentials-label", "laptop").await;
    b.click(&by_test_id("create-credentials")).await;
    b.find_id("secret-key").await;
    b.close().await;
}

#[tokio::test]
async fn a_system_supervisor_is_told_why_it_cannot_act_for_a_tenant() {
    let server = console_server_with(&["--answers", "open-source"]);
    let api = supervisor_api(&server);
    let acme = api.create_company("Acme");
    let ann = api.create_user(&acme, "ann@acme.io", "admin");
    let b = Browser::start().await;
    b.goto(&format!("{}/tenants/{acme}/login-routing", server.base)).await;
    submit_sign_in(&b, &server.key, &server.secret).await;
    b.fill("#admin-id", &ann).await;
    b.click(&by_test_id("admin-id-use")).await;
    b.wait_for_text(&by_test_id("page-error"), "on the open-source apiserver only root may").await;
    b.close().await;
}
