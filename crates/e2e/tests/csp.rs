//! The console under its Content-Security-Policy: it works (sign-in, pages in their own chunks,
//! styles) with no violation, an injected inline script is refused, and a tenant named like markup
//! is shown as text on every page that shows it, running nothing.

use serde_json::{json, Value};
use tenantry_e2e::browser::{by_test_id, Browser};
use tenantry_e2e::console::{console_server, console_server_with, sign_in, submit_sign_in};
use tenantry_e2e::Api;
use tenantry_e2e::RefServer;

const HOSTILE: &str = "<img src=x onerror=\"window.__x=1\">";

async fn watch_violations(b: &Browser) {
    let script = "window.__violations = [];
        document.addEventListener('securitypolicyviolation',
            e => window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI));";
    b.client.execute(script, vec![]).await.expect("listen for CSP violations");
}

async fn violations(b: &Browser) -> Value {
    b.client.execute("return window.__violations", vec![]).await.expect("read violations")
}

async fn ran(b: &Browser) -> Value {
    b.client.execute("return window.__x === undefined ? null : window.__x", vec![]).await.expect("read __x")
}

#[tokio::test]
async fn the_console_runs_under_its_policy_which_refuses_inline_script_and_markup_in_names() {
    let server = console_server();
    let index = ureq::get(&format!("{}/", server.base)).call().unwrap();
    let policy = index.header("content-security-policy").expect("a CSP header").to_owned();
    for directive in
        ["script-src 'self' 'wasm-unsafe-eval';", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'"]
    {
        assert!(policy.contains(directive), "{directive} in {policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(index.header("x-content-type-options"), Some("nosniff"));
    assert!(!index.into_string().unwrap().contains("<script type=\"module\">"), "no inline script in index.html");

    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let company = api.call("system.create_company", json!({ "name": HOSTILE })).ok()["id"].as_str().unwrap().to_owned();
    api.create_user(&company, "ann@acme.io", "admin");

    let b = Browser::start().await;
    b.goto(&format!("{}/", server.base)).await;
    watch_violations(&b).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_text(&by_test_id("tenants-table"), HOSTILE).await;
    for path in [
        format!("/tenants/{company}"),
        format!("/tenants/{company}/login-routing"),
        format!("/tenants/{company}/sso"),
        "/activity".to_owned(),
        "/features".to_owned(),
    ] {
        b.follow(&path).await;
        b.wait_for_path(&path).await;
        b.find("h1").await;
    }
    b.wait_for_text("h1", "Feature catalogue").await;
    b.follow(&format!("/tenants/{company}")).await;
    b.wait_for_text("h1", HOSTILE).await;
    assert_eq!(ran(&b).await, Value::Null, "markup in a tenant name ran");
    assert_eq!(violations(&b).await, json!([]), "the console itself broke its policy");

    b.client
        .execute("const s = document.createElement('script'); s.textContent = 'window.__x = 2'; document.head.appendChild(s);", vec![])
        .await
        .unwrap();
    b.client.execute("return new Promise(r => setTimeout(r, 0))", vec![]).await.unwrap();
    assert_eq!(ran(&b).await, Value::Null, "an injected inline script ran");
    let seen = violations(&b).await;
    assert!(
        seen.as_array()
            .is_some_and(|v| v.iter().any(|e| e.as_str().is_some_and(|e| e.starts_with("script-src-elem inline")))),
        "{seen}"
    );
    b.screenshot("65-hostile-name-as-text").await;
    b.close().await;
}

#[tokio::test]
async fn a_deployment_that_names_its_addresses_lets_the_console_call_only_those() {
    let elsewhere = RefServer::start(None);
    let named = "http://127.0.0.1:9";
    let server = console_server_with(&["--connect-src", named]);
    let index = ureq::get(&format!("{}/", server.base)).call().unwrap();
    let policy = index.header("content-security-policy").unwrap().to_owned();
    assert!(policy.contains(&format!("connect-src 'self' {named};")), "{policy}");

    let b = Browser::start().await;
    b.goto(&format!("{}/", server.base)).await;
    watch_violations(&b).await;
    b.fill("#api-url", &elsewhere.api_url()).await;
    submit_sign_in(&b, &elsewhere.key, &elsewhere.secret).await;
    b.wait_for_text(&by_test_id("sign-in-error"), "Content-Security-Policy").await;
    let seen = violations(&b).await;
    let blocked = format!("connect-src {}", elsewhere.api_url());
    assert!(
        seen.as_array().is_some_and(|v| v.iter().any(|e| e.as_str().is_some_and(|e| e.starts_with(&blocked)))),
        "{seen}"
    );
    b.fill("#api-url", &server.api_url()).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.close().await;
}
