//! The console in headless Chromium, driving the release build (`dist/`) served by a freshly
//! started reference server; what the page shows is checked against what the server holds.

use serde_json::json;
use tenantry_e2e::browser::{by_test_id, Browser};
use tenantry_e2e::console::{company_named, console_server, sign_in, sign_in_as, submit_sign_in, Sent};
use tenantry_e2e::Api;

#[tokio::test]
async fn supervisor_creates_finds_reloads_and_edits_a_tenant() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let b = Browser::start().await;

    b.goto(&format!("{}/", server.base)).await;
    let api_field = b.find("#api-url").await;
    assert_eq!(api_field.prop("value").await.unwrap().as_deref(), Some(server.api_url().as_str()));
    b.screenshot("01-sign-in").await;
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_path("/tenants").await;
    b.wait_for_text(&by_test_id("tenant-count"), "1 tenant").await;
    assert_eq!(b.text(&by_test_id("tenant-count")).await, "1 tenant");
    b.wait_for_text(&by_test_id("whoami"), "tenantry-refserver").await;

    b.click(&by_test_id("new-tenant")).await;
    b.wait_for_path("/tenants/new").await;
    b.fill("#tenant-name", "Acme Research").await;
    b.fill("#allowed-users", "25").await;
    b.click("label[for=\"feature-pipelines-enable\"]").await;
    b.click("label[for=\"feature-applications-exclude\"]").await;
    b.wait_for_text(&by_test_id("feature-summary"), "1 enabled · 1 excluded").await;
    b.screenshot("02-new-tenant").await;
    b.click(&by_test_id("create-tenant")).await;
    b.wait_for_text(&by_test_id("page-success"), "Tenant created.").await;

    let held = company_named(&api, "Acme Research").await;
    let id = held["id"].as_str().expect("the server holds the new tenant").to_owned();
    assert_eq!(
        held["defaults"],
        json!({"allowed_users": "25", "features": ["pipelines"], "exclude_features": ["applications"]})
    );
    assert_eq!(b.text(&by_test_id("tenant-id")).await, id);
    b.screenshot("03-tenant-created").await;

    b.goto(&format!("{}/tenants?q=acme", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_path("/tenants?q=acme").await;
    let table = b.wait_for_text(&by_test_id("tenants-table"), "Acme Research").await;
    assert!(!table.contains("Default"), "the filter keeps only matching tenants: {table}");
    assert_eq!(b.text(&by_test_id("tenants-range")).await, "Showing 1–1 of 1 (filtered from 2)");
    b.screenshot("04-tenants-filtered").await;

    // Every column sorts, and the sort lives in the URL; the list counted the console's own change.
    api.call("system.create_company", json!({"name": "Zeta", "defaults": {"allowed_users": "3"}})).ok();
    b.click(&by_test_id("refresh-tenants")).await;
    b.wait_for_text(&by_test_id("tenant-count"), "3 tenants").await;
    b.fill("#tenant-filter", "").await;
    b.click(&by_test_id("sort-users")).await;
    b.wait_for_path("/tenants?sort=users").await;
    let first = b.wait_for_text("[data-testid=\"tenants-table\"] tbody tr:first-child", "Zeta").await;
    assert!(first.contains('3'), "{first}");
    b.click(&by_test_id("sort-users")).await;
    b.wait_for_path("/tenants?sort=users&dir=desc").await;
    b.wait_for_text("[data-testid=\"tenants-table\"] tbody tr:first-child", "Default").await;
    b.click(&by_test_id("sort-features")).await;
    b.wait_for_text("[data-testid=\"tenants-table\"] tbody tr:last-child", "Acme Research").await;
    b.click(&by_test_id("sort-status")).await;
    b.wait_for_path("/tenants?sort=status").await;

    // A reload of the tenant's own URL comes back to it after signing in again.
    b.goto(&format!("{}/tenants/{id}", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_path(&format!("/tenants/{id}")).await;
    b.wait_for_text(&by_test_id("tenant-features"), "pipelines").await;

    b.click("label[for=\"feature-reports-enable\"]").await;
    b.fill("#allowed-users", "30").await;
    b.click(&by_test_id("save-settings")).await;
    b.wait_for_text(&by_test_id("page-success"), "Settings saved.").await;
    let shown = (
        b.text(&by_test_id("tenant-allowed-users")).await,
        b.text(&by_test_id("tenant-features")).await,
        b.text(&by_test_id("tenant-excluded")).await,
    );
    b.screenshot("05-tenant-saved").await;
    let held = company_named(&api, "Acme Research").await;
    assert_eq!(
        held["defaults"],
        json!({"allowed_users": "30", "features": ["pipelines", "reports"], "exclude_features": ["applications"]})
    );
    assert_eq!(shown, ("30".to_string(), "pipelines, reports".to_string(), "applications".to_string()));
    b.close().await;
}

#[tokio::test]
async fn bad_input_shows_its_message_and_sends_nothing() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let b = Browser::start().await;
    b.goto(&format!("{}/tenants/new", server.base)).await;

    // A submit with a field missing puts the focus on that field.
    b.fill("#secret-key", "x").await;
    b.click("[data-testid=\"sign-in-form\"] button[type=submit]").await;
    b.wait_for_text(&by_test_id("access-key-error"), "Enter the access key.").await;
    let focused = b.client.execute("return document.activeElement.id", vec![]).await.unwrap();
    assert_eq!(focused, json!("access-key"), "the first invalid field has the focus");
    b.fill("#access-key", &server.key).await;
    b.fill("#secret-key", "not-the-secret").await;
    b.click("[data-testid=\"sign-in-form\"] button[type=submit]").await;
    b.wait_for_text(
        &by_test_id("sign-in-error"),
        "Unauthorized (invalid credentials) (failed to locate provided credentials)",
    )
    .await;
    b.fill("#api-url", "api.example.com").await;
    b.wait_for_text(&by_test_id("api-url-error"), "Enter the API address as an absolute http:// or https:// URL.")
        .await;
    b.screenshot("06-sign-in-errors").await;
    b.fill("#api-url", &server.api_url()).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_path("/tenants/new").await;
    let before = Sent::so_far(&server, &b).await;

    b.fill("#tenant-name", "ab").await;
    b.wait_for_text(&by_test_id("tenant-name-error"), "A tenant name has at least 3 characters.").await;
    // Cyrillic е: another name to the server's index, the same to a reader.
    b.fill("#tenant-name", "D\u{435}fault").await;
    let warned = b.wait_for_text(&by_test_id("tenant-name-warning"), "reads like the tenant").await;
    assert!(warned.contains("Default"), "{warned}");
    b.screenshot("07a-new-tenant-look-alike").await;
    b.fill("#tenant-name", " DEFAULT ").await;
    b.wait_for_text(&by_test_id("tenant-name-error"), "A tenant named \"DEFAULT\" already exists.").await;
    b.fill("#allowed-users", "0").await;
    b.wait_for_text(&by_test_id("allowed-users-error"), "Allowed users must be a whole number of 1 or more.").await;
    let create = b.find_id("create-tenant").await;
    assert_eq!(create.attr("disabled").await.unwrap().as_deref(), Some("true"));
    b.find("#allowed-users").await.send_keys("\u{E007}").await.unwrap();
    b.click("label[for=\"feature-experiments-enable\"]").await;
    b.wait_for_text(&by_test_id("feature-warning"), "\"experiments\" is deprecated and does nothing").await;
    b.screenshot("07-new-tenant-errors").await;

    b.click(&by_test_id("create-tenant")).await;
    assert_eq!(before.since(&server, &b, "system.create_company").await, 0);
    let companies = api.call("system.get_companies", json!({})).ok();
    assert_eq!(companies["companies"].as_array().unwrap().len(), 1);

    b.fill("#tenant-name", "Globex").await;
    b.fill("#allowed-users", "").await;
    let create = b.find_id("create-tenant").await;
    assert_eq!(create.attr("disabled").await.unwrap(), None);
    b.close().await;
}

#[tokio::test]
async fn an_expired_session_asks_to_sign_in_again_and_keeps_the_form() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let spare = api.call("auth.create_credentials", json!({"label": "browser"})).ok();
    let (key, secret) =
        (spare["credentials"]["access_key"].as_str().unwrap(), spare["credentials"]["secret_key"].as_str().unwrap());
    let b = Browser::start().await;
    b.goto(&format!("{}/tenants/new", server.base)).await;
    sign_in(&b, key, secret).await;
    b.fill("#tenant-name", "Initech").await;
    b.fill("#allowed-users", "7").await;

    api.call("auth.revoke_credentials", json!({"access_key": key})).ok();
    b.click(&by_test_id("create-tenant")).await;
    b.find_id("reauth-dialog").await;
    b.wait_for_text(&by_test_id("page-error"), "Invalid token (revoked)").await;
    b.screenshot("08-session-ended").await;
    // Another identity is not taken under a shell built for this one.
    let hooli = api.create_company("Hooli");
    let gavin = api.create_user(&hooli, "gavin@hooli.example", "admin");
    let (admin_key, admin_secret) = api.credentials_for(&gavin);
    b.fill("#reauth-key", &admin_key).await;
    b.fill("#reauth-secret", &admin_secret).await;
    b.click("[data-testid=\"reauth-dialog\"] button[type=submit]").await;
    b.wait_for_text(&by_test_id("reauth-dialog"), "but this console was signed in as Supervisor").await;
    b.wait_for_text(&by_test_id("whoami"), "system").await;
    b.fill("#reauth-key", &server.key).await;
    b.fill("#reauth-secret", &server.secret).await;
    b.click("[data-testid=\"reauth-dialog\"] button[type=submit]").await;
    b.wait_gone(&by_test_id("reauth-dialog")).await;

    let name = b.find("#tenant-name").await.prop("value").await.unwrap();
    let users = b.find("#allowed-users").await.prop("value").await.unwrap();
    assert_eq!((name.as_deref(), users.as_deref()), (Some("Initech"), Some("7")));
    b.click(&by_test_id("create-tenant")).await;
    b.wait_for_text(&by_test_id("page-success"), "Tenant created.").await;
    assert_eq!(company_named(&api, "Initech").await["defaults"]["allowed_users"], "7");
    b.close().await;
}

#[tokio::test]
async fn keep_me_signed_in_survives_a_reload_and_sign_out_forgets_it() {
    let server = console_server();
    let b = Browser::start().await;
    b.goto(&format!("{}/tenants", server.base)).await;
    b.click("#keep-signed-in").await;
    sign_in(&b, &server.key, &server.secret).await;
    let stored = b
        .client
        .execute(
            "return Object.keys(localStorage).length + ':' + (sessionStorage.getItem('tenantry.session') || '')",
            vec![],
        )
        .await
        .unwrap();
    let stored = stored.as_str().unwrap();
    assert!(stored.starts_with("0:{") && !stored.contains(&server.secret) && !stored.contains(&server.key), "{stored}");

    b.client.refresh().await.unwrap();
    b.wait_for_text(&by_test_id("whoami"), "Supervisor").await;
    b.wait_for_path("/tenants").await;
    b.click(&by_test_id("sign-out")).await;
    b.find("[data-testid=\"sign-in-form\"]").await;
    b.client.refresh().await.unwrap();
    b.find("[data-testid=\"sign-in-form\"]").await;
    b.close().await;
}

#[tokio::test]
async fn a_tenant_admin_gets_no_supervisor_pages() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let company = api.create_company("Acme");
    let admin = api.create_user(&company, "ann@acme.example", "admin");
    let (key, secret) = api.credentials_for(&admin);
    let b = Browser::start().await;
    b.goto(&format!("{}/tenants", server.base)).await;
    let before = Sent::so_far(&server, &b).await;
    sign_in_as(&b, &key, &secret, "ann@acme.example").await;
    b.wait_for_text(&by_test_id("not-available"), "You are signed in with the admin role.").await;
    assert_eq!(before.since(&server, &b, "system.get_companies").await, 0);
    b.screenshot("09-admin-not-available").await;
    b.close().await;
}

#[tokio::test]
async fn a_failed_load_shows_why_and_retry_recovers() {
    let mut server = console_server();
    let b = Browser::start().await;
    b.goto(&format!("{}/tenants", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_text(&by_test_id("tenants-table"), "Default").await;

    server.kill();
    b.click(&by_test_id("refresh-tenants")).await;
    b.wait_for_text(&by_test_id("page-error"), "Could not reach the server").await;
    b.screenshot("10-tenants-load-failed").await;
    server.restart();
    b.click("[data-testid=\"page-error\"] button").await;
    b.wait_for_text(&by_test_id("tenants-table"), "Default").await;
    b.wait_gone(&by_test_id("page-error")).await;

    // A refusal at the bottom of a long form is brought into view where the person is (to the
    // pixel: scrolling aligns its edge at a fraction of one).
    let id = Api::new(&server.api_url()).basic(&server.key, &server.secret).create_company("Initech");
    b.click(&by_test_id("refresh-tenants")).await;
    b.wait_for_text(&by_test_id("tenants-table"), "Initech").await;
    b.follow(&format!("/tenants/{id}")).await;
    b.fill("#allowed-users", "12").await;
    b.client.execute("window.scrollTo(0, document.body.scrollHeight)", vec![]).await.unwrap();
    server.kill();
    b.click(&by_test_id("save-settings")).await;
    b.wait_for_text(&by_test_id("page-error"), "Could not reach the server").await;
    let in_view = "const r = document.querySelector('[data-testid=page-error]').getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight + 1";
    assert_eq!(b.client.execute(in_view, vec![]).await.unwrap(), json!(true), "the refusal is out of view");
    b.close().await;
}

#[tokio::test]
async fn the_shown_curl_command_does_what_the_console_would_and_the_activity_log_lists_calls() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let b = Browser::start().await;
    b.goto(&format!("{}/tenants/new", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.fill("#tenant-name", "O'Brien \"Labs\" Zürich").await;
    b.fill("#allowed-users", "3").await;
    b.click("label[for=\"feature-reports-enable\"]").await;
    b.click("[data-testid=\"curl-preview\"] summary").await;
    let masked = b.text(&by_test_id("curl-text")).await;
    assert!(masked.contains("TOKEN='<token: press Reveal to show>'"), "{masked}");
    b.click(&by_test_id("curl-reveal")).await;
    b.wait_for_text(&by_test_id("curl-reveal"), "Hide token").await;
    let command = b.text(&by_test_id("curl-text")).await;
    b.screenshot("11-curl-preview").await;

    let output = std::process::Command::new("bash").arg("-c").arg(&command).output().expect("bash runs curl");
    let answer: serde_json::Value = serde_json::from_slice(&output.stdout).expect("curl prints the envelope");
    assert_eq!(answer["meta"]["result_code"], 200, "{answer}");
    let held = company_named(&api, "O'Brien \"Labs\" Zürich").await;
    assert_eq!(held["id"], answer["data"]["id"]);
    assert_eq!(held["defaults"], json!({"allowed_users": "3", "features": ["reports"], "exclude_features": []}));

    b.click("nav a[href=\"/activity\"]").await;
    b.wait_for_path("/activity").await;
    let table = b.wait_for_text(&by_test_id("activity-table"), "system.get_companies").await;
    for endpoint in ["auth.login", "users.get_current_user", "server.info"] {
        assert!(table.contains(endpoint), "{endpoint} missing from {table}");
    }
    assert!(table.contains("200/0"), "{table}");
    let exported = b.downloaded_text(&by_test_id("export-activity")).await;
    let exported: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(exported[0]["endpoint"], "auth.login");
    let text = exported.to_string();
    assert!(!text.contains(&server.secret) && !text.contains("Bearer"), "{text}");
    b.screenshot("12-activity").await;
    b.close().await;
}

#[tokio::test]
async fn sign_in_tells_no_answer_from_no_apiserver_from_a_refusal() {
    let server = console_server();
    let b = Browser::start().await;
    b.goto(&format!("{}/", server.base)).await;

    // Nothing listens on port 9 of this machine.
    b.fill("#api-url", "http://127.0.0.1:9/api").await;
    submit_sign_in(&b, &server.key, &server.secret).await;
    let shown = b.wait_for_text(&by_test_id("sign-in-error"), "No answer from the server").await;
    assert!(shown.contains("CORS"), "{shown}");

    // The console's own origin without /api: a web server, but no apiserver; with /api there is one.
    b.fill("#api-url", &server.base).await;
    b.click("[data-testid=\"sign-in-form\"] button[type=submit]").await;
    b.wait_for_text(&by_test_id("sign-in-error"), "No apiserver at this address").await;
    b.wait_for_text(&by_test_id("sign-in-error"), &format!("An apiserver answers at {}/api", server.base)).await;
    b.screenshot("09-sign-in-no-apiserver").await;
    b.click(&by_test_id("use-api-path")).await;
    b.wait_for_value("#api-url", &server.api_url()).await;

    b.fill("#secret-key", "wrong").await;
    b.click("[data-testid=\"sign-in-form\"] button[type=submit]").await;
    b.wait_for_text(&by_test_id("sign-in-error"), "The server refused the sign-in").await;
    b.fill("#secret-key", &server.secret).await;
    b.click("[data-testid=\"sign-in-form\"] button[type=submit]").await;
    b.wait_for_text(&by_test_id("whoami"), "Supervisor").await;
    b.close().await;
}

#[tokio::test]
async fn long_and_strange_names_are_refused_as_typed_and_long_ones_never_widen_the_page() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let long = "W".repeat(100);
    let id = api.create_company(&long);
    let b = Browser::start().await;
    b.goto(&format!("{}/tenants", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    let link = b.find(&format!("a[href=\"/tenants/{id}\"]")).await;
    assert_eq!(link.attr("title").await.unwrap().as_deref(), Some(long.as_str()), "the whole name on hover");
    let fits = "const t = document.querySelector('[data-testid=tenants-table]'); return t.scrollWidth <= t.parentElement.clientWidth";
    assert_eq!(b.client.execute(fits, vec![]).await.unwrap(), json!(true), "a 100-character name widened the table");
    b.screenshot("05-long-name-truncated").await;
    b.follow(&format!("/tenants/{id}")).await;
    b.wait_for_text("h1", &long).await;
    let wraps = "const h = document.querySelector('h1'); return h.scrollWidth <= h.clientWidth";
    assert_eq!(b.client.execute(wraps, vec![]).await.unwrap(), json!(true), "the heading overflows");

    // A hostile filter is text, isolated, and wraps: markup, a right-to-left override, 10,000 characters.
    let hostile = format!("<img src=x onerror=window.__pwned=1>\u{202E}{}", "y".repeat(10_000));
    b.follow("/tenants").await;
    b.fill("#tenant-filter", &hostile).await;
    let said = b.wait_for_text(&by_test_id("tenants-no-match"), "No tenant matches").await;
    assert!(
        said.contains("<img src=x onerror=window.__pwned=1>"),
        "the filter shown as typed: {}",
        said.chars().take(80).collect::<String>()
    );
    let isolated = "return document.querySelectorAll('[data-testid=tenants-no-match] bdi').length";
    assert_eq!(b.client.execute(isolated, vec![]).await.unwrap(), json!(1), "the filter is not isolated");
    let pwned = b.client.execute("return window.__pwned === undefined", vec![]).await.unwrap();
    assert_eq!(pwned, json!(true), "the filter's markup ran");
    let fits = "const m = document.querySelector('main'); return m.scrollWidth <= m.clientWidth";
    assert_eq!(
        b.client.execute(fits, vec![]).await.unwrap(),
        json!(true),
        "a 10,000-character filter widened the page"
    );
    b.screenshot("05b-hostile-filter").await;

    b.follow("/tenants/new").await;
    b.fill("#tenant-name", &"x".repeat(101)).await;
    b.wait_for_text(&by_test_id("tenant-name-error"), "at most 100 characters").await;
    b.fill("#tenant-name", "Acme\u{202E}gnp.exe").await;
    b.wait_for_text(&by_test_id("tenant-name-error"), "direction overrides").await;
    b.fill("#tenant-name", "\u{200B}\u{200B}\u{200B}").await;
    b.wait_for_text(&by_test_id("tenant-name-error"), "visible characters").await;
    b.close().await;
}
