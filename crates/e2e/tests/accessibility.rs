//! Every page audited with axe-core (npm `axe-core`, installed by scripts/test into .tools/) in
//! headless Chromium, signed in as the supervisor and as a tenant admin: any WCAG 2.1 A or AA
//! violation fails, listed by page, rule and element.

use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tenantry_e2e::browser::{Browser, WAIT};
use tenantry_e2e::console::{
    console_server, for_tenant, sign_in, sign_in_as, SUPERVISOR_SPLIT_PAGES, TENANT_ADMIN_SPLIT_PAGES,
};
use tenantry_e2e::{workspace_root, Api};

fn axe_source() -> String {
    let path = workspace_root().join(".tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (scripts/test installs axe-core)", path.display()))
}

/// The page once its heading is shown and nothing on it says it is still loading.
async fn settled(b: &Browser, path: &str) {
    b.find("main h1").await;
    let deadline = Instant::now() + WAIT;
    let loading = "return document.querySelectorAll('[data-testid=loading], .loading').length";
    while b.client.execute(loading, vec![]).await.expect("count loading lines").as_u64() != Some(0) {
        assert!(Instant::now() < deadline, "{path} kept loading");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// axe-core's WCAG 2.1 A and AA rules on the page as it is: each violation as "rule: help (elements)".
async fn audit(b: &Browser, axe: &str) -> Vec<String> {
    // The source travels with the script, which the browser runs outside the page's CSP.
    let script = format!(
        "{axe}
        const done = arguments[arguments.length - 1];
        axe.run(document, {{ runOnly: {{ type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }} }})
            .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')))
            .catch(e => done(['axe-core failed: ' + e]));"
    );
    let found = b.client.execute_async(&script, vec![]).await.expect("run axe-core");
    found.as_array().map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect()).unwrap_or_default()
}

#[tokio::test]
async fn every_page_passes_wcag_2_1_aa_for_the_supervisor_and_a_tenant_admin() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let acme = api.create_company("Acme Research");
    let admin = api.create_user(&acme, "ana@acme.example", "admin");
    let act = [("X-Clearml-Act-As", admin.as_str())];
    api.call_with("login.set_domains", &act, &json!({ "domains": ["acme.example"] }).to_string()).ok();
    let (admin_key, admin_secret) = api.credentials_for(&admin);
    let axe = axe_source();
    let base = server.base.as_str();
    let mut found: Vec<String> = Vec::new();

    let b = Browser::start().await;
    b.goto(&format!("{base}/tenants")).await;
    b.find("#access-key").await;
    found.extend(audit(&b, &axe).await.into_iter().map(|v| format!("sign-in page: {v}")));
    b.click("#keep-signed-in").await;
    sign_in(&b, &server.key, &server.secret).await;

    let mut pages: Vec<String> = vec!["/tenants".to_owned()];
    pages.extend(SUPERVISOR_SPLIT_PAGES.iter().map(|p| for_tenant(*p, &acme, "Acme Research").0));
    for path in &pages {
        b.goto(&format!("{base}{path}")).await;
        settled(&b, path).await;
        found.extend(audit(&b, &axe).await.into_iter().map(|v| format!("{path} (supervisor): {v}")));
    }

    b.click("[data-testid=sign-out]").await;
    b.click("#keep-signed-in").await;
    sign_in_as(&b, &admin_key, &admin_secret, "ana@acme.example").await;
    let mut own: Vec<String> = TENANT_ADMIN_SPLIT_PAGES.iter().map(|p| p.0.to_owned()).collect();
    own.push("/tenants".to_owned());
    for path in &own {
        b.goto(&format!("{base}{path}")).await;
        settled(&b, path).await;
        found.extend(audit(&b, &axe).await.into_iter().map(|v| format!("{path} (tenant admin): {v}")));
    }
    b.close().await;
    assert!(found.is_empty(), "{} WCAG 2.1 A/AA violations:\n{}", found.len(), found.join("\n"));
}
