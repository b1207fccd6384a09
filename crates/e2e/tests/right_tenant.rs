//! Moving between two tenants' pages by router links and by history (Back, Forward) shows, and
//! acts on, the tenant in the URL: the heading, the fields, and what a save changes on the server.

use serde_json::json;
use tenantry_e2e::browser::{by_test_id, Browser};
use tenantry_e2e::console::{console_server, sign_in};
use tenantry_e2e::Api;

fn domains_of(api: &Api, admin: &str) -> serde_json::Value {
    api.call_with("login.get_settings", &[("X-Clearml-Act-As", admin)], "{}").ok()["domains"].clone()
}

#[tokio::test]
async fn history_and_links_between_two_tenants_show_and_change_the_tenant_in_the_url() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let acme = api.create_company("Acme");
    let ann = api.create_user(&acme, "ann@acme.io", "admin");
    let globex = api.create_company("Globex");
    let gina = api.create_user(&globex, "gina@globex.com", "admin");
    for (admin, domain) in [(&ann, "acme.io"), (&gina, "globex.com")] {
        api.call_with("login.set_domains", &[("X-Clearml-Act-As", admin)], &json!({ "domains": [domain] }).to_string())
            .ok();
    }
    for (company, external) in [(&acme, "acme-idp"), (&globex, "globex-idp")] {
        api.call("system.update_company_sso_config", json!({"company": company, "sso": {"tenant": external}})).ok();
    }

    let b = Browser::start().await;
    b.goto(&format!("{}/tenants/{acme}/login-routing", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_text("h1", "Login routing · Acme").await;
    b.wait_for_value("#domains", "acme.io").await;
    b.fill("#domains", "acme.io\nacme.dev").await;

    b.follow(&format!("/tenants/{globex}/login-routing")).await;
    b.wait_for_text("h1", "Login routing · Globex").await;
    b.wait_for_value("#domains", "globex.com").await;
    b.wait_for_text(&by_test_id("acting-as"), &gina).await;

    b.client.back().await.unwrap();
    b.wait_for_text("h1", "Login routing · Acme").await;
    b.wait_for_value("#domains", "acme.io").await;
    b.wait_for_text(&by_test_id("acting-as"), &ann).await;

    b.client.forward().await.unwrap();
    b.wait_for_text("h1", "Login routing · Globex").await;
    b.wait_for_value("#domains", "globex.com").await;
    b.fill("#domains", "globex.com\nglobex.org").await;
    b.click_enabled(&by_test_id("save-domains")).await;
    b.wait_for_text(&by_test_id("page-success"), "Domains saved.").await;
    assert_eq!(domains_of(&api, &gina), json!(["globex.com", "globex.org"]));
    assert_eq!(domains_of(&api, &ann), json!(["acme.io"]), "Acme's routing is untouched");

    b.follow(&format!("/tenants/{acme}/sso")).await;
    b.wait_for_text("h1", "Single sign-on · Acme").await;
    b.wait_for_value("#tsso-tenant", "acme-idp").await;
    b.follow(&format!("/tenants/{globex}/sso")).await;
    b.wait_for_text("h1", "Single sign-on · Globex").await;
    b.wait_for_value("#tsso-tenant", "globex-idp").await;
    b.client.back().await.unwrap();
    b.wait_for_text("h1", "Single sign-on · Acme").await;
    b.wait_for_value("#tsso-tenant", "acme-idp").await;
    b.screenshot("64-right-tenant-after-back").await;
    b.close().await;
}
