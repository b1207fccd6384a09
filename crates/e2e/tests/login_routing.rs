//! Login routing in headless Chromium against the reference server: two tenants, conflicting
//! domains and whitelist entries refused with nothing sent, then valid ones saved, checked over
//! the API, and the "who lands where" tester.

use serde_json::json;
use tenantry_e2e::browser::{by_test_id, Browser};
use tenantry_e2e::console::{confirm, console_server, sign_in, sign_in_as, Sent};
use tenantry_e2e::Api;

#[tokio::test]
async fn routing_is_checked_across_tenants_before_anything_is_sent() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let acme = api.create_company("Acme");
    let acme_admin = api.create_user(&acme, "root@acme.io", "admin");
    let globex = api.create_company("Globex");
    let globex_admin = api.create_user(&globex, "root@globex.com", "admin");
    let initech = api.create_company("Initech");

    let b = Browser::start().await;
    b.goto(&format!("{}/tenants/{acme}/login-routing", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_text(&by_test_id("acting-as"), &acme_admin).await;
    b.fill("#domains", "Acme.io").await;
    b.click_enabled(&by_test_id("save-domains")).await;
    b.wait_for_text(&by_test_id("page-success"), "Domains saved.").await;
    b.fill("#whitelist-emails", "boss@globex.com").await;
    b.click("label[for=\"as-admin\"]").await;
    b.click_enabled(&by_test_id("add-emails")).await;
    b.wait_for_text(&by_test_id("whitelist-admins"), "boss@globex.com").await;
    let as_acme = [("X-Clearml-Act-As", acme_admin.as_str())];
    let held = api.call_with("login.get_settings", &as_acme, "{}").ok();
    assert_eq!(held["domains"], json!(["acme.io"]));
    assert_eq!(held["whitelist_entries"][0]["is_admin"], true);

    b.goto(&format!("{}/tenants/{globex}", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.click(&by_test_id("tab-login-routing")).await;
    b.wait_for_path(&format!("/tenants/{globex}/login-routing")).await;
    b.wait_for_text(&by_test_id("acting-as"), &globex_admin).await;

    let before = Sent::so_far(&server, &b).await;
    // Domains: one routed by Acme, one with a scheme, one repeated.
    b.fill("#domains", "globex.com\nACME.io, https://globex.net\nglobex.com").await;
    let errors =
        b.wait_for_text(&by_test_id("domain-errors"), "acme.io is already routed to the tenant \"Acme\".").await;
    assert!(errors.contains("https://globex.net Write the domain without http:// or https://"), "{errors}");
    b.wait_for_text(&by_test_id("domain-errors-folded"), "globex.com was listed more than once; it is added once.")
        .await;
    assert_eq!(b.find_id("save-domains").await.attr("disabled").await.unwrap().as_deref(), Some("true"));

    // Whitelist: an email on Acme's list, and one whose domain Acme routes.
    b.fill("#whitelist-emails", "boss@globex.com\nnew@acme.io kim@globex.com").await;
    b.wait_for_text(&by_test_id("email-errors"), "boss@globex.com is already in the whitelist of the tenant \"Acme\".")
        .await;
    b.wait_for_text(&by_test_id("email-warnings"), "new@acme.io: its domain acme.io routes to the tenant \"Acme\"")
        .await;
    b.screenshot("30-routing-conflicts").await;
    // Pressed as a person would, refused buttons send nothing.
    b.click(&by_test_id("save-domains")).await;
    b.click(&by_test_id("add-emails")).await;
    for endpoint in ["login.set_domains", "login.add_whitelist_entries"] {
        assert_eq!(before.since(&server, &b, endpoint).await, 0, "{endpoint} was sent");
    }

    // Pasted from macOS (a decomposed "ü") with a full-width dot: the domain it spells, once.
    b.fill("#domains", "globex.com\nglobex.net\nbu\u{308}cher\u{FF0E}globex\nbücher.globex").await;
    b.click_enabled(&by_test_id("save-domains")).await;
    b.wait_for_text(&by_test_id("page-success"), "Domains saved.").await;
    b.fill("#whitelist-emails", "kim@globex.com, lee@globex.net").await;
    b.wait_gone("[data-testid=\"email-errors\"] li").await;
    b.click("label[for=\"as-admin\"]").await;
    b.click_enabled(&by_test_id("add-emails")).await;
    b.wait_for_text(&by_test_id("whitelist-admins"), "lee@globex.net").await;

    let as_globex = [("X-Clearml-Act-As", globex_admin.as_str())];
    let held = api.call_with("login.get_settings", &as_globex, "{}").ok();
    assert_eq!(held["domains"], json!(["bücher.globex", "globex.com", "globex.net"]));
    let listed: Vec<(String, bool)> = held["whitelist_entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| (w["email"].as_str().unwrap().to_owned(), w["is_admin"].as_bool().unwrap()))
        .collect();
    assert_eq!(listed, [("kim@globex.com".to_string(), true), ("lee@globex.net".to_string(), true)]);

    // Who lands where.
    b.fill("#tester-email", "Kim@Globex.com").await;
    b.wait_for_text(&by_test_id("tester-answer"), "Lands in Globex, by its whitelist entry, as an admin.").await;
    b.fill("#tester-email", "someone@acme.io").await;
    b.wait_for_text(&by_test_id("tester-answer"), "Lands in Acme, by the domain acme.io, as a non-admin.").await;
    b.fill("#tester-email", "boss@globex.com").await;
    b.wait_for_text(&by_test_id("tester-answer"), "Lands in Acme, by its whitelist entry, as an admin.").await;
    b.screenshot("31-routing-saved").await;

    // Removing an entry asks first, with Cancel focused; Escape keeps it.
    b.click("[data-testid=\"whitelist-admins\"] tr:first-child button").await;
    b.wait_for_text(&by_test_id("confirm-dialog"), "whitelist?").await;
    let focused = b.client.execute("return document.activeElement.dataset.testid", vec![]).await.unwrap();
    assert_eq!(focused, json!("confirm-no"), "the safe choice has the focus");
    b.screenshot("31b-confirm-remove").await;
    b.find(&by_test_id("confirm-no")).await.send_keys("\u{E00C}").await.unwrap();
    b.wait_gone(&by_test_id("confirm-dialog")).await;
    let held = api.call_with("login.get_settings", &as_globex, "{}").ok();
    assert_eq!(held["whitelist_entries"].as_array().unwrap().len(), 2, "Escape removed nothing");
    b.click("[data-testid=\"whitelist-admins\"] tr:first-child button").await;
    confirm(&b, "whitelist?").await;
    b.wait_gone("[data-testid=\"whitelist-admins\"] tr:nth-child(2)").await;
    let held = api.call_with("login.get_settings", &as_globex, "{}").ok();
    assert_eq!(held["whitelist_entries"].as_array().unwrap().len(), 1);

    // A tenant without an admin says so and offers nothing to send.
    b.goto(&format!("{}/tenants/{initech}/login-routing", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_text(&by_test_id("no-admin"), "This tenant has no admin.").await;
    assert_eq!(b.find_id("save-domains").await.attr("disabled").await.unwrap().as_deref(), Some("true"));
    b.close().await;
}

#[tokio::test]
async fn conflicts_made_over_the_api_are_listed_and_fixed_in_one_click() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let mut admins = Vec::new();
    for (name, email) in [("Acme", "root@acme.io"), ("Globex", "root@globex.com")] {
        let company = api.create_company(name);
        let admin = api.create_user(&company, email, "admin");
        let acting = [("X-Clearml-Act-As", admin.as_str())];
        let domains = format!(r#"{{"domains":["shared.io","{}"]}}"#, email.split('@').nth(1).unwrap());
        api.call_with("login.set_domains", &acting, &domains).ok();
        api.call_with("login.add_whitelist_entries", &acting, r#"{"emails":["pat@partner.org"]}"#).ok();
        admins.push(admin);
    }
    let settings = |admin: &str| api.call_with("login.get_settings", &[("X-Clearml-Act-As", admin)], "{}").ok();

    let b = Browser::start().await;
    b.goto(&format!("{}/tenants", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.click("nav a[href=\"/login-routing\"]").await;
    let table = b.wait_for_text(&by_test_id("conflicts-table"), "shared.io").await;
    assert!(table.contains("pat@partner.org") && table.contains("Keep in Globex"), "{table}");
    b.fill("#tester-email", "kim@shared.io").await;
    b.wait_for_text(&by_test_id("tester-answer"), "Claimed by Acme and Globex").await;
    b.screenshot("32-routing-conflicts-overview").await;
    // Each one-click fix shows its call: here, Globex's list without the domain, as Globex's admin.
    b.click("[data-testid=\"conflicts-table\"] tr:first-child li:first-child summary").await;
    let command =
        b.text("[data-testid=\"conflicts-table\"] tr:first-child li:first-child [data-testid=\"curl-text\"]").await;
    for part in ["login.set_domains", &format!("X-Clearml-Act-As: {}", admins[1]), r#"{"domains":["globex.com"]}"#] {
        assert!(command.contains(part), "{part} in {command}");
    }

    // Keep the domain with Acme, the email with Globex.
    b.click("[data-testid=\"conflicts-table\"] tr:first-child li:first-child button").await;
    confirm(&b, "only?").await;
    b.wait_for_text(&by_test_id("conflicts"), "Whitelist email").await;
    b.wait_gone("[data-testid=\"conflicts-table\"] tr:nth-child(2)").await;
    b.click("[data-testid=\"conflicts-table\"] tr:first-child li:nth-child(2) button").await;
    confirm(&b, "only?").await;
    b.wait_for_text(&by_test_id("no-conflicts"), "No domain or email is routed by more than one tenant.").await;
    b.fill("#tester-email", "kim@shared.io").await;
    b.wait_for_text(&by_test_id("tester-answer"), "Lands in Acme, by the domain shared.io").await;

    let (acme, globex) = (settings(&admins[0]), settings(&admins[1]));
    assert_eq!(acme["domains"], json!(["acme.io", "shared.io"]));
    assert_eq!(globex["domains"], json!(["globex.com"]));
    assert_eq!(acme["whitelist_entries"].as_array().unwrap().len(), 0);
    assert_eq!(globex["whitelist_entries"][0]["email"], "pat@partner.org");
    b.close().await;
}

#[tokio::test]
async fn a_tenant_admin_sees_only_their_own_tenant() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let acme = api.create_company("Acme");
    let ann = api.create_user(&acme, "ann@acme.io", "admin");
    api.create_user(&acme, "bob@acme.io", "user");
    let globex = api.create_company("Globex");
    api.create_user(&globex, "gina@globex.com", "admin");
    let (key, secret) = api.credentials_for(&ann);
    let b = Browser::start().await;
    b.goto(&format!("{}/", server.base)).await;
    let before = Sent::so_far(&server, &b).await;
    sign_in_as(&b, &key, &secret, "ann@acme.io").await;
    b.wait_for_path("/my-tenant/login-routing").await;
    b.find_id("self-service").await;
    b.wait_for_text(&by_test_id("own-tenant-nav"), "ACME").await;
    b.fill("#domains", "acme.io\nacme.io, https://acme.dev").await;
    b.wait_for_text(&by_test_id("domain-errors"), "Write the domain without http:// or https://").await;
    b.fill("#domains", "acme.io").await;
    b.click(&by_test_id("save-domains")).await;
    b.wait_for_text(&by_test_id("page-success"), "Domains saved.").await;
    let held = api.call_with("login.get_settings", &[("X-Clearml-Act-As", ann.as_str())], "{}").ok();
    assert_eq!(held["domains"], json!(["acme.io"]));
    b.screenshot("33-admin-login-routing").await;

    b.click("nav a[href=\"/my-tenant/users\"]").await;
    let users = b.wait_for_text(&by_test_id("users-table"), "bob@acme.io").await;
    assert!(users.contains("ann@acme.io") && !users.contains("globex"), "{users}");

    b.click("nav a[href=\"/my-tenant/credentials\"]").await;
    b.fill("#credentials-label", "laptop").await;
    b.click(&by_test_id("create-credentials")).await;
    let new_key = b.text(&by_test_id("access-key")).await;
    b.wait_for_text(&by_test_id("credentials-table"), "laptop").await;
    b.screenshot("34-admin-credentials").await;
    let own = || {
        api.call_with("auth.get_credentials", &[("X-Clearml-Impersonate-As", ann.as_str())], "{}").ok()["credentials"]
            .to_string()
    };
    assert!(own().contains(&new_key));
    b.click("[data-testid=\"credentials-table\"] tr:last-child button").await;
    confirm(&b, "Revoke the key").await;
    b.wait_gone(&by_test_id("secret-key")).await;
    b.wait_gone("[data-testid=\"credentials-table\"] tr:nth-child(2)").await;
    assert!(!own().contains(&new_key), "revoked keys are not listed");

    // Supervisor pages say so, and nothing of other tenants was ever asked for.
    assert_eq!(before.since(&server, &b, "system.get_companies").await, 0);
    b.goto(&format!("{}/login-routing", server.base)).await;
    let before = Sent::so_far(&server, &b).await;
    sign_in_as(&b, &key, &secret, "ann@acme.io").await;
    b.wait_for_text(&by_test_id("not-available"), "This page is for the supervisor (system role).").await;
    assert_eq!(before.since(&server, &b, "system.get_companies").await, 0);
    b.close().await;
}
