//! The platform file page in headless Chromium against the reference server: export, plan the
//! export (in sync), upload an edited file (a new tenant with its admin and SSO, one more domain
//! for Acme, a domain dropped), see the plan with the removal withheld and the secret asked for,
//! refuse a stale plan, apply, get the admin's credentials once, and plan again: in sync; then a
//! secret rotation cut off and reloaded, resumed with the secret asked for again.

use serde_json::json;
use tenantry_core::platform::report::IN_SYNC;
use tenantry_e2e::api::Api;
use tenantry_e2e::browser::{by_test_id, Browser};
use tenantry_e2e::console::{console_server, cut_network_for, sign_in, Sent};

const INITECH: &str = r#"  - name: Initech
    allowed_users: 20
    domains: [initech.com]
    admins:
      - name: Bill Lumbergh
        email: bill@initech.com
    sso:
      tenant: initech
      provider:
        display_name: Initech SSO
        client_id: clearml
        client_secret: {env: INITECH_IDP_SECRET}
        authorization_endpoint: https://kc.example.com/realms/initech/protocol/openid-connect/auth
        token_endpoint: https://kc.example.com/realms/initech/protocol/openid-connect/token
"#;

/// Puts `text` into the page's file picker as a chosen file named `name`.
async fn upload(b: &Browser, name: &str, text: &str) {
    let input = b.find(&by_test_id("platform-file-pick")).await;
    let pick = "const dt = new DataTransfer();
        dt.items.add(new File([arguments[1]], arguments[2], {type: 'application/yaml'}));
        arguments[0].files = dt.files;
        arguments[0].dispatchEvent(new Event('change', {bubbles: true}));";
    b.client
        .execute(pick, vec![serde_json::to_value(&input).unwrap(), json!(text), json!(name)])
        .await
        .expect("choose the file");
}

#[tokio::test]
async fn export_upload_an_edit_plan_apply_and_see_it_in_sync() {
    let server = console_server();
    let sup = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let acme = sup.create_company("Acme");
    let ana = sup.create_user(&acme, "ana@acme.io", "admin");
    let act = [("X-Clearml-Act-As", ana.as_str())];
    sup.call_with("login.set_domains", &act, &json!({ "domains": ["acme.io", "acme.com"] }).to_string()).ok();

    let b = Browser::start().await;
    b.goto(&format!("{}/tenants/platform", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.click(&by_test_id("platform-export-read")).await;
    let exported = b.downloaded_text(&by_test_id("platform-export-download")).await;
    assert!(exported.starts_with("# Tenantry platform file"), "{exported}");
    assert!(
        exported.contains("name: Acme") && exported.contains("- acme.com") && exported.contains("ana@acme.io"),
        "{exported}"
    );
    let schema = b.downloaded_text(&by_test_id("platform-schema")).await;
    assert!(schema.contains("\"$schema\""), "{schema}");

    // Export then plan: nothing to change.
    b.click(&by_test_id("platform-export-edit")).await;
    b.wait_for_value("#platform-text", &exported).await;
    b.click_enabled(&by_test_id("platform-plan")).await;
    b.wait_for_text(&by_test_id("platform-in-sync"), IN_SYNC).await;
    b.screenshot("90-platform-in-sync").await;

    // A file that cannot be read: each problem with its path, hostile text shown as text, nothing sent.
    let long = "x".repeat(10_000);
    let hostile = format!("version: 2\ntenants:\n  - name: \"<img src=x onerror=window.hacked=1>\u{202e}evil\"\n    domains: 3.5\n    whitelst: [a@b.c]\n  - name: {long}\n");
    let sent = Sent::so_far(&server, &b).await;
    b.fill("#platform-text", &hostile).await;
    b.click_enabled(&by_test_id("platform-plan")).await;
    let problems = b.wait_for_text(&by_test_id("platform-problems"), "version").await;
    assert!(problems.contains("This reader knows version 1 only."), "{problems}");
    assert!(problems.contains("tenants[0].\u{2068}whitelst\u{2069}"), "{problems}");
    for endpoint in ["system.get_companies", "users.get_all", "login.get_settings", "system.create_company"] {
        assert_eq!(
            sent.since(&server, &b, endpoint).await,
            0,
            "an unreadable file reads and sends nothing: {endpoint}"
        );
    }
    let injected = b
        .client
        .execute("return [document.querySelectorAll('main img').length, window.hacked === undefined]", vec![])
        .await
        .unwrap();
    assert_eq!(injected, json!([0, true]), "markup in the file is text");
    b.client
        .execute("document.querySelector('[data-testid=platform-problems]').scrollIntoView()", vec![])
        .await
        .unwrap();
    b.screenshot("90b-platform-unreadable").await;

    // The edited file, chosen from disk: Initech is new, Acme gains acme.org and loses acme.io.
    let kept: Vec<&str> = exported.lines().filter(|l| l.trim() != "- acme.io").collect();
    let edited = format!("{}\n", kept.join("\n")).replace("- acme.com", "- acme.com\n      - acme.org") + INITECH;
    upload(&b, "tenantry.yaml", &edited).await;
    b.wait_for_value("#platform-text", &edited).await;
    b.click_enabled(&by_test_id("platform-plan")).await;
    // The secret the new identity provider needs is asked for; until it is given, nothing can be applied.
    b.wait_for_text(&by_test_id("platform-summary"), "1 error: nothing is planned and nothing is sent.").await;
    assert!(
        b.text(&by_test_id("platform-problems")).await.contains(
            "The secret cannot be read: the environment variable INITECH_IDP_SECRET was not given on this page."
        ),
        "an unread secret blocks the plan"
    );
    assert!(b.client.find_all(fantoccini::Locator::Css("[data-testid=platform-apply]")).await.unwrap().is_empty());
    // Typed key by key: each key re-plans, and the field keeps its focus and what was typed.
    b.type_each(&by_test_id("platform-secret"), "idp-s3cret").await;
    b.wait_for_value(&by_test_id("platform-secret"), "idp-s3cret").await;
    let summary = b.wait_for_text(&by_test_id("platform-summary"), "1 to create, 1 to change").await;
    assert!(summary.contains("1 change withheld (removals not allowed)"), "{summary}");
    let changes = b.text(".platform-tenants").await;
    for line in [
        "+ domains: acme.org",
        "- domains: acme.io (withheld: removals are applied only when allowed)",
        "+ name: Initech",
        "+ admins[0]: Bill Lumbergh <bill@initech.com> with API credentials",
    ] {
        assert!(changes.contains(line), "{line} in {changes}");
    }
    assert!(!b.text(&by_test_id("platform-script")).await.contains("idp-s3cret"), "the script never holds a secret");
    b.screenshot("91-platform-plan").await;

    // Changed elsewhere after the plan was made: the apply is refused as stale and planned again.
    sup.call_with("login.set_domains", &act, &json!({ "domains": ["acme.io", "acme.com", "acme.net"] }).to_string())
        .ok();
    let before_apply = Sent::so_far(&server, &b).await;
    b.click_enabled(&by_test_id("platform-apply")).await;
    b.click(&by_test_id("confirm-yes")).await;
    b.wait_for_text(&by_test_id("platform-stale"), "The server changed since this plan was made").await;
    for endpoint in
        ["system.create_company", "auth.create_user", "login.set_domains", "sso.save_provider_configuration"]
    {
        assert_eq!(before_apply.since(&server, &b, endpoint).await, 0, "a stale plan sends nothing: {endpoint}");
    }
    assert_eq!(
        sup.call("system.get_companies", json!({ "name": "Initech" })).ok()["companies"].as_array().map(Vec::len),
        Some(0)
    );
    let again = b.text(".platform-tenants").await;
    assert!(again.contains("- domains: acme.net (withheld"), "{again}");

    // Removals allowed, then applied.
    b.click(&by_test_id("platform-allow-removals")).await;
    b.wait_for_text(&by_test_id("platform-summary"), "1 to create, 1 to change").await;
    b.click_enabled(&by_test_id("platform-apply")).await;
    b.wait_for_text(&by_test_id("confirm-dialog"), "Apply ").await;
    b.click(&by_test_id("confirm-yes")).await;
    b.wait_for_text(&by_test_id("bulk-run-heading"), "Apply finished").await;
    b.find_id("secret-warning").await;
    let credentials = b.downloaded_text(&by_test_id("bulk-credentials-download")).await;
    assert!(credentials.contains("Initech,") && credentials.contains("bill@initech.com"), "{credentials}");
    b.screenshot("92-platform-applied").await;
    let routing = sup.call_with("login.get_settings", &act, "{}").ok();
    assert_eq!(routing["domains"], json!(["acme.com", "acme.org"]), "the allowed removals went out");

    // Back to the file: planned again at once, and in sync.
    b.click(&by_test_id("bulk-new")).await;
    b.wait_for_text(&by_test_id("platform-in-sync"), IN_SYNC).await;
    b.screenshot("93-platform-in-sync-after-apply").await;

    // A rotation whose call gets no answer, then a reload: pasted secrets are never kept, so the
    // resumed apply asks for the secret again before the provider is sent.
    let rotated = b.value("#platform-text").await.replace(
        "client_secret: {env: INITECH_IDP_SECRET}",
        "client_secret: {env: INITECH_IDP_SECRET}\n        rotation: 2",
    );
    upload(&b, "tenantry.yaml", &rotated).await;
    b.wait_for_value("#platform-text", &rotated).await;
    b.click_enabled(&by_test_id("platform-plan")).await;
    b.wait_for_text(&by_test_id("platform-summary"), "1 to change").await;
    cut_network_for(&b, "sso.save_provider_configuration").await;
    b.click_enabled(&by_test_id("platform-apply")).await;
    b.click(&by_test_id("confirm-yes")).await;
    b.wait_for_text(&by_test_id("bulk-run-heading"), "Finished with failures").await;
    b.client.refresh().await.unwrap();
    sign_in(&b, &server.key, &server.secret).await;
    b.find_id("bulk-interrupted").await;
    let asked = b.wait_for_text(&by_test_id("platform-secrets"), "INITECH_IDP_SECRET").await;
    assert!(asked.contains("tenants[2].sso.provider.client_secret"), "{asked}");
    assert_eq!(b.value(&by_test_id("platform-secret")).await, "", "a secret is never kept across a reload");
    let before_resume = Sent::so_far(&server, &b).await;
    b.type_each(&by_test_id("platform-secret"), "rotated-s3cret").await;
    b.screenshot("94-platform-resume-asks-for-the-secret").await;
    b.click(&by_test_id("bulk-resume")).await;
    b.wait_for_text(&by_test_id("bulk-run-heading"), "Apply finished").await;
    assert_eq!(before_resume.since(&server, &b, "sso.save_provider_configuration").await, 1);
    b.close().await;
}
