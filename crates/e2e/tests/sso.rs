//! The SSO wizard in headless Chromium against a real OpenID provider (npm's oidc-provider,
//! mounted like a Keycloak realm): discovery from the browser, its failures explained, each step
//! checked, and the files read back: the apiserver's variables and the Keycloak client.

use serde_json::{json, Value};
use tenantry_e2e::browser::{by_test_id, Browser};
use tenantry_e2e::console::{console_server, sign_in, Sent};
use tenantry_e2e::exports::{self, env_text, helm_env};
use tenantry_e2e::oidc::OidcProvider;
use tenantry_e2e::Api;

fn helm_value(helm: &str, suffix: &str) -> String {
    env_text(exports::helm_value(&helm_env(helm), suffix))
}

async fn fetch_fails_with(b: &Browser, issuer: &str, message: &str) {
    b.fill("#sso-issuer", issuer).await;
    b.click(&by_test_id("fetch-endpoints")).await;
    b.wait_for_text(&by_test_id("discovery-error"), message).await;
}

#[tokio::test]
async fn discovery_from_a_real_provider_fills_the_endpoints_and_the_files_read_back() {
    let idp = OidcProvider::start();
    let server = console_server();
    let b = Browser::start().await;
    b.goto(&format!("{}/sso", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;

    b.fill("#sso-issuer", "sso.example.com/realms/x").await;
    b.click(&by_test_id("fetch-endpoints")).await;
    b.wait_for_text(&by_test_id("sso-issuer-error"), "The issuer URL must be an absolute URL starting with https://.")
        .await;
    fetch_fails_with(&b, &format!("{}/realms/no-cors", idp.base), "does not allow this console").await;
    b.screenshot("50-sso-discovery-cors").await;
    fetch_fails_with(&b, &format!("{}/realms/not-json", idp.base), "did not return an OpenID configuration").await;
    fetch_fails_with(&b, &format!("{}/realms/missing", idp.base), "answered HTTP 404").await;
    fetch_fails_with(&b, "http://127.0.0.1:9/realms/x", "Nothing answered at").await;

    b.fill("#sso-issuer", &idp.issuer()).await;
    b.wait_for_text(&by_test_id("sso-realm"), "Keycloak realm \u{201c}tenantry\u{201d}").await;
    b.click(&by_test_id("fetch-endpoints")).await;
    b.wait_for_text(&by_test_id("discovery-found"), "/.well-known/openid-configuration").await;
    let token = b.find("#sso-token").await.prop("value").await.unwrap().unwrap();
    assert_eq!(token, format!("{}/protocol/openid-connect/token", idp.issuer()));
    b.screenshot("51-sso-endpoints").await;
    b.click(&by_test_id("sso-next")).await;

    b.click(&by_test_id("sso-next")).await;
    b.wait_for_text(&by_test_id("sso-client-secret-error"), "Enter the client secret").await;
    b.fill("#sso-webapp", "https://app.example.com/").await;
    b.fill("#sso-client-secret", "kc-s3cr3t\"x").await;
    b.click(&by_test_id("sso-next")).await;
    b.wait_for_text(&by_test_id("sso-callback"), "https://app.example.com/callback_keycloak").await;
    b.click(&by_test_id("sso-groups")).await;
    b.click(&by_test_id("sso-next")).await;
    b.click(&by_test_id("admin-role-none")).await;
    b.click(&by_test_id("sso-idp-logout")).await;
    b.fill("#sso-admin-groups", "ClearML Admins").await;
    b.click(&by_test_id("sso-next")).await;

    let shown = b.wait_for_text(&by_test_id("sso-helm"), "keycloak__client_secret").await;
    assert!(!shown.contains("kc-s3cr3t"), "the secret is masked on screen");
    b.screenshot("52-sso-review").await;
    let helm = b.downloaded_text(&format!("{} [data-testid=\"download-export\"]", by_test_id("sso-helm"))).await;
    assert_eq!(helm_value(&helm, "keycloak__base_url"), idp.issuer());
    assert_eq!(helm_value(&helm, "keycloak__authorize_url"), format!("{}/protocol/openid-connect/auth", idp.issuer()));
    assert_eq!(helm_value(&helm, "keycloak__access_token_url"), token);
    assert_eq!(helm_value(&helm, "keycloak__client_secret"), "kc-s3cr3t\"x");
    assert_eq!(helm_value(&helm, "groups__enabled"), "true");
    assert_eq!(helm_value(&helm, "groups__admins"), "[\"ClearML Admins\"]");
    assert_eq!(helm_value(&helm, "keycloak__admin_role"), "");
    assert_eq!(helm_value(&helm, "keycloak__idp_logout"), "true");

    let client = b.downloaded_text(&format!("{} [data-testid=\"download-export\"]", by_test_id("sso-client"))).await;
    let client: Value = serde_json::from_str(&client).unwrap();
    assert_eq!(client["publicClient"], false);
    assert_eq!(client["directAccessGrantsEnabled"], false);
    assert_eq!(client["redirectUris"][0], "https://app.example.com/callback_keycloak");
    assert_eq!(client["attributes"]["post.logout.redirect.uris"], "https://app.example.com/login");
    assert_eq!(client["protocolMappers"][0]["config"]["full.path"], "false");
    assert!(client.get("secret").is_none(), "the secret only when asked for: {client}");

    // A reload keeps every step but the secret, and the review sends the user back for it.
    b.goto(&format!("{}/sso", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_text(&by_test_id("sso-unfinished"), "Client").await;
    let storage = b.client.execute("return JSON.stringify(sessionStorage)", vec![]).await.unwrap();
    assert!(!storage.as_str().unwrap().contains("kc-s3cr3t"), "{storage}");

    // Starting over from the review empties the wizard and returns to the first step.
    b.click(&by_test_id("sso-start-over")).await;
    assert_eq!(b.find("#sso-issuer").await.prop("value").await.unwrap().as_deref(), Some(""));
    b.close().await;
}

#[tokio::test]
async fn a_tenants_sso_is_checked_across_tenants_then_saved_and_read_back() {
    let idp = OidcProvider::start();
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let acme = api.create_company("Acme");
    api.create_user(&acme, "root@acme.io", "admin");
    let globex = api.create_company("Globex");
    api.call("system.update_company_sso_config", json!({"company": globex, "sso": {"tenant": "globex-ext"}})).ok();

    let b = Browser::start().await;
    b.goto(&format!("{}/tenants/{acme}/sso", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    let before = Sent::so_far(&server, &b).await;
    b.fill("#tsso-tenant", "globex-ext").await;
    b.click(&by_test_id("add-mapping")).await;
    b.fill("[data-testid=\"mapping-idp\"]", "AD Data").await;
    b.fill("[data-testid=\"mapping-clearml\"]", "ghosts").await;
    b.click(&by_test_id("save-tenant-sso")).await;
    b.wait_for_text(
        &by_test_id("tsso-tenant-error"),
        "The external tenant \"globex-ext\" is already associated with the tenant \"Globex\": only one tenant may be.",
    )
    .await;
    b.wait_for_text(
        &by_test_id("mapping-error"),
        "This tenant has no group \"ghosts\": create it in ClearML first, or pick one of: users, admins, queue_admins.",
    )
    .await;
    b.wait_for_text(&by_test_id("tsso-client-secret-error"), "Enter the client secret").await;
    b.screenshot("53-tenant-sso-errors").await;
    for endpoint in ["system.update_company_sso_config", "sso.save_provider_configuration"] {
        assert_eq!(before.since(&server, &b, endpoint).await, 0, "{endpoint} was sent");
    }
    assert!(
        b.client.find(fantoccini::Locator::Css(&by_test_id("page-success"))).await.is_err(),
        "nothing was sent, nothing is \"saved\""
    );

    b.fill("#tsso-tenant", "acme-ext").await;
    b.fill("[data-testid=\"mapping-clearml\"]", "admins").await;
    b.fill("#tsso-display-name", "Sign in with Acme").await;
    b.fill("#tsso-client-id", "acme-clearml").await;
    b.fill("#tsso-client-secret", "acme-s3cr3t").await;
    b.fill("#tsso-issuer", &idp.issuer()).await;
    b.click(&by_test_id("tsso-fetch")).await;
    b.wait_for_text(&by_test_id("tsso-discovered"), "Endpoints read from").await;
    b.fill("#tsso-webapp", "https://app.example.com").await;
    b.wait_for_text(&by_test_id("tenant-login-link"), "https://app.example.com/login/acme-ext").await;
    b.click(&by_test_id("save-tenant-sso")).await;
    b.wait_for_text(&by_test_id("page-success"), "SSO settings saved.").await;
    b.screenshot("54-tenant-sso-saved").await;
    let page = b.client.execute("return document.body.textContent", vec![]).await.unwrap();
    assert!(!page.as_str().unwrap().contains("acme-s3cr3t"), "the secret is never shown");

    let held = api.call("system.get_company_sso_config", json!({"company": acme})).ok();
    assert_eq!(held["sso"], json!({"tenant": "acme-ext", "group_mapping": {"AD Data": "admins"}, "admin_groups": []}));
    let config = &held["providers"][0]["configuration"];
    assert_eq!(held["providers"][0]["provider"], "keycloak");
    assert_eq!(config["id"], acme);
    assert_eq!(config["revocation_endpoint"], format!("{}/protocol/openid-connect/revoke", idp.issuer()));
    assert_eq!(config["end_session_endpoint"], format!("{}/protocol/openid-connect/logout", idp.issuer()));
    assert_eq!(config["claim_tenant"], "tenant_key");

    let client =
        b.downloaded_text(&format!("{} [data-testid=\"download-export\"]", by_test_id("tenant-sso-client"))).await;
    let client: Value = serde_json::from_str(&client).unwrap();
    assert_eq!(client["redirectUris"], json!(["https://app.example.com/callback_acme-clearml"]));
    assert_eq!(
        client["attributes"]["post.logout.redirect.uris"],
        "https://app.example.com/login##https://app.example.com/login/acme-ext"
    );
    assert_eq!(client["protocolMappers"][1]["config"]["claim.value"], "acme-ext");

    // The page reads the saved settings back; the secret has to be typed again.
    b.goto(&format!("{}/tenants/{acme}/sso", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    let tenant = b.find("#tsso-tenant").await.prop("value").await.unwrap();
    assert_eq!(tenant.as_deref(), Some("acme-ext"));
    assert_eq!(b.find("#tsso-client-secret").await.prop("value").await.unwrap().as_deref(), Some(""));
    b.close().await;
}
