//! The tenant page as the place for everything about a tenant: its tabs, adding an admin (with its
//! first credentials) to a tenant made without one, its admins' keys, its features and its calls;
//! and the onboarding wizard started from an existing tenant that has no admin. Every change is
//! checked over the API, and what was refused is checked on the server's call counts.

use serde_json::{json, Value};
use tenantry_e2e::browser::{by_test_id, Browser};
use tenantry_e2e::console::{confirm, console_server_with, sign_in, sign_in_as};
use tenantry_e2e::{Api, RefServer};

fn users_of(api: &Api, company: &str) -> Vec<Value> {
    api.call("users.get_all", json!({ "company": company })).ok()["users"].as_array().unwrap().clone()
}

fn keys_of(api: &Api, user: &str) -> Vec<Value> {
    let answer = api.call_with("auth.get_credentials", &[("X-Clearml-Impersonate-As", user)], "{}");
    answer.ok()["credentials"].as_array().unwrap().clone()
}

fn calls_to(server: &RefServer, endpoint: &str) -> u64 {
    server.calls().get(endpoint).copied().unwrap_or(0)
}

#[tokio::test]
async fn a_tenant_without_an_admin_gets_one_and_everything_about_it_is_on_its_tabs() {
    let server = console_server_with(&["--count-calls"]);
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let hub = api.create_company("Hub Corp");
    api.create_user(&hub, "someone@hub.example", "user");

    let b = Browser::start().await;
    b.goto(&format!("{}/", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_text(&by_test_id("tenants-table"), "Hub Corp").await;
    // Made after the console read the list: its page reads the list again to find it.
    let late = api.create_company("Late Corp");
    b.follow(&format!("/tenants/{late}")).await;
    b.wait_for_text("h1", "Late Corp").await;
    b.follow(&format!("/tenants/{hub}")).await;
    b.wait_for_text("h1", "Hub Corp").await;
    for tab in ["overview", "users", "credentials", "login-routing", "sso", "features", "activity"] {
        b.find(&by_test_id(&format!("tab-{tab}"))).await;
    }

    b.click(&by_test_id("tab-credentials")).await;
    b.wait_for_path(&format!("/tenants/{hub}/credentials")).await;
    b.find_id("no-admin").await;
    b.click(&by_test_id("give-admin")).await;
    b.wait_for_path(&format!("/tenants/{hub}/users")).await;
    b.wait_for_text(&by_test_id("tenant-users"), "someone@hub.example").await;

    // Refused before sending: a bad email, then the email a user of the tenant already has.
    b.fill("#add-admin-name", "Hana Admin").await;
    b.fill("#add-admin-email", "hana.hub.example").await;
    b.click(&by_test_id("add-admin-submit")).await;
    b.wait_for_text(&by_test_id("add-admin-email-error"), "one @").await;
    b.fill("#add-admin-email", "SOMEONE@hub.example").await;
    b.click(&by_test_id("add-admin-submit")).await;
    b.wait_for_text(&by_test_id("add-admin-email-error"), "already has this email in this tenant").await;
    assert_eq!(calls_to(&server, "auth.create_user"), 1, "only the API's own call: the console sent nothing");

    b.fill("#add-admin-email", "Hana@Hub.example").await;
    b.wait_for_text(&by_test_id("add-admin-email-sent-as"), "hana@hub.example").await;
    b.click("[data-testid=\"add-admin\"] details:nth-of-type(1) summary").await;
    b.click("[data-testid=\"add-admin\"] details:nth-of-type(2) summary").await;
    let commands = b.text("[data-testid=\"add-admin\"]").await;
    assert!(
        commands.contains("auth.create_user") && commands.contains("X-Clearml-Impersonate-As: <USER_ID>"),
        "{commands}"
    );
    b.click(&by_test_id("add-admin-submit")).await;
    b.wait_for_text(&by_test_id("page-success"), "is an admin of this tenant").await;
    let secret = b.text(&by_test_id("secret-key")).await;
    b.wait_for_text(&by_test_id("tenant-users"), "hana@hub.example").await;
    b.screenshot("80-tenant-admin-added").await;

    let hana = users_of(&api, &hub).into_iter().find(|u| u["email"] == "hana@hub.example").expect("the admin exists");
    assert_eq!(hana["role"], "admin");
    let hana = hana["id"].as_str().unwrap().to_owned();
    let keys = keys_of(&api, &hana);
    assert_eq!(keys.len(), 1, "its first credentials, made as the admin");
    let key = keys[0]["access_key"].as_str().unwrap().to_owned();
    let signed_in = Api::new(&server.api_url()).basic(&key, &secret).call("users.get_current_user", json!({})).ok();
    assert_eq!(signed_in["user"]["id"], hana.as_str(), "the secret shown signs in as the new admin");

    // The next edit clears the note about the last addition, and the secret is not kept.
    b.fill("#add-admin-name", "B").await;
    b.wait_gone(&by_test_id("page-success")).await;

    b.click(&by_test_id("tab-credentials")).await;
    b.wait_for_text(&by_test_id("credentials-of"), "Hana Admin").await;
    b.wait_for_text(&by_test_id("credentials-table"), &key).await;
    b.fill("#credentials-label", "laptop").await;
    b.click(&by_test_id("create-credentials")).await;
    b.find_id("secret-key").await;
    b.wait_for_text(&by_test_id("credentials-table"), "laptop").await;
    assert_eq!(keys_of(&api, &hana).len(), 2);
    b.click("[data-testid=\"credentials-table\"] tbody tr:first-child [data-testid=\"revoke-credentials\"]").await;
    confirm(&b, "stops working").await;
    b.wait_gone("[data-testid=\"credentials-table\"] tbody tr:nth-child(2)").await;
    assert_eq!(keys_of(&api, &hana).len(), 1, "one key revoked, as the admin");

    b.click(&by_test_id("tab-login-routing")).await;
    b.wait_for_text(&by_test_id("acting-as"), "hana@hub.example").await;
    b.click(&by_test_id("tab-features")).await;
    b.find_id("explanation").await;
    b.click(&by_test_id("tab-activity")).await;
    let activity = b.wait_for_text(&by_test_id("activity-table"), "auth.create_user").await;
    assert!(activity.contains("auth.create_credentials") && activity.contains(&hana), "{activity}");
    assert!(!activity.contains("system.get_companies"), "only this tenant's calls: {activity}");
    let times = b
        .client
        .execute("return [...document.querySelectorAll('[data-testid=activity-table] tbody tr td:first-child')].map(td => td.textContent)", vec![])
        .await
        .unwrap();
    let times: Vec<&str> = times.as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first, each row its own call: {times:?}");
    b.screenshot("81-tenant-activity").await;
    b.close().await;
}

#[tokio::test]
async fn the_wizard_gives_an_existing_tenant_its_admin_without_making_a_second_tenant() {
    let server = console_server_with(&["--count-calls"]);
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let bare = api.create_company("Bare Corp");

    let b = Browser::start().await;
    b.goto(&format!("{}/", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.follow(&format!("/tenants/{bare}/login-routing")).await;
    b.find_id("no-admin").await;
    b.click(&by_test_id("onboard-admin")).await;
    b.wait_for_path("/tenants/onboard").await;
    b.find_id("wizard-admin").await;
    b.wait_for_text("[data-testid=\"wizard-admin\"] h2", "Bare Corp").await;
    b.fill("#admin-name", "Bea").await;
    b.fill("#admin-email", "bea@bare.example").await;
    b.click(&by_test_id("wizard-next")).await;
    b.wait_for_text(&by_test_id("review-tenant"), "Bare Corp (exists)").await;
    let plan = b.text(&by_test_id("plan-calls")).await;
    assert!(!plan.contains("system.create_company"), "the tenant exists: {plan}");
    b.screenshot("82-wizard-existing-tenant").await;
    b.click(&by_test_id("wizard-run")).await;
    b.find_id("secret-key").await;

    assert_eq!(calls_to(&server, "system.create_company"), 1, "only the API's own");
    let bea = users_of(&api, &bare).into_iter().find(|u| u["email"] == "bea@bare.example").expect("the admin");
    assert_eq!(bea["role"], "admin");
    assert_eq!(keys_of(&api, bea["id"].as_str().unwrap()).len(), 1);
    b.close().await;
}

#[tokio::test]
async fn a_tenant_admin_sees_its_groups_their_members_and_what_each_gives() {
    let server = console_server_with(&[]);
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let acme = api.create_company("Acme");
    let ann = api.create_user(&acme, "ann@acme.example", "admin");
    api.create_user(&acme, "bob@acme.example", "user");
    let (key, secret) = api.credentials_for(&ann);

    let b = Browser::start().await;
    b.goto(&format!("{}/", server.base)).await;
    sign_in_as(&b, &key, &secret, "ann@acme.example").await;
    b.click("#main-nav a[href='/my-tenant/groups']").await;
    b.wait_for_path("/my-tenant/groups").await;
    let admins = b.wait_for_text("[data-group=\"admins\"]", "ann@acme.example").await;
    assert!(admins.contains("administrative privileges") && !admins.contains("bob@"), "{admins}");
    let users = b.text("[data-group=\"users\"]").await;
    assert!(users.contains("ann@acme.example") && users.contains("bob@acme.example"), "{users}");
    b.screenshot("83-tenant-admin-groups").await;
    b.close().await;
}

/// Every tab of a tenant is drawn in one frame: one heading, one tab strip, whichever the tab. An
/// id that is not a tenant id is no page; a well-formed id no tenant has says so.
#[tokio::test]
async fn the_hub_is_one_frame_and_a_malformed_tenant_id_is_no_page() {
    let server = console_server_with(&[]);
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let frame = api.create_company("Frame Corp");
    let b = Browser::start().await;
    b.goto(&format!("{}/", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    // Each tab's own content, fetched in its chunk, is waited for before counting.
    for (tab, content) in [
        ("", "tenant-facts"),
        ("/users", "no-users"),
        ("/credentials", "no-admin"),
        ("/login-routing", "no-admin"),
        ("/sso", "tenant-sso-form"),
        ("/features", "granted-count"),
        ("/activity", "activity-table"),
    ] {
        b.follow(&format!("/tenants/{frame}{tab}")).await;
        b.wait_for_text("h1", "Frame Corp").await;
        b.find_id(content).await;
        assert_eq!(b.count("h1").await, 1, "one heading on {tab:?}");
        assert_eq!(b.count(&by_test_id("tenant-tabs")).await, 1, "one tab strip on {tab:?}");
        if tab == "/login-routing" {
            b.screenshot("37-tenant-hub-frame").await;
        }
    }
    b.follow("/tenants/not-a-tenant/users").await;
    b.find_id("not-found").await;
    assert_eq!(b.count(&by_test_id("tenant-tabs")).await, 0, "no tenant's frame for an id that is none");
    b.follow("/tenants/0123456789abcdef0123456789abcdef").await;
    b.wait_for_text("h1", "Tenant not found").await;
    b.find_id("tenant-not-found").await;
    assert_eq!(b.count(&by_test_id("tenant-tabs")).await, 0, "no tabs to a tenant that is not there");
    b.screenshot("38-tenant-not-found").await;
    b.close().await;
}
