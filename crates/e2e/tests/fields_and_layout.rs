//! Forms never fight the person typing, and every page is usable from a phone to a wide screen.

use tenantry_e2e::browser::{by_test_id, Browser};
use tenantry_e2e::console::{console_server, sign_in};
use tenantry_e2e::Api;

/// Mixed case, a space where none belongs, non-ASCII, padding: each must stay exactly as typed.
const TYPED: [&str; 4] =
    ["ana maria@example.com", "bob@Müller.de", "  Ana.Lopez@Example.COM ", "ÄNA@xn--Bcher-kva.EXAMPLE"];

async fn keeps_each_typed_text(b: &Browser, css: &str) {
    for typed in TYPED {
        b.type_each(css, typed).await;
        b.wait_for_value(css, typed).await;
    }
}

#[tokio::test]
async fn email_and_domain_fields_keep_exactly_what_was_typed() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let company = api.create_company("Typing Corp");
    api.create_user(&company, "admin@typing.example", "admin");

    let b = Browser::start().await;
    b.goto(&format!("{}/", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;

    b.follow(&format!("/tenants/{company}/login-routing")).await;
    for field in ["#tester-email", "#domains", "#whitelist-emails"] {
        keeps_each_typed_text(&b, field).await;
    }
    b.type_each("#tester-email", "Bob@Müller.DE").await;
    b.wait_for_text(&by_test_id("tester-email-sent-as"), "Checked as bob@müller.de").await;

    b.follow("/server-config").await;
    keeps_each_typed_text(&b, "#supervisor-email").await;

    b.follow("/tenants/onboard").await;
    b.fill("#tenant-name", "Typed Tenant").await;
    b.click(&by_test_id("wizard-next")).await;
    b.find_id("wizard-admin").await;
    keeps_each_typed_text(&b, "#admin-email").await;
    b.type_each("#admin-email", " Bob@Müller.de").await;
    b.wait_for_text(&by_test_id("admin-email-sent-as"), "Will be sent as bob@müller.de").await;
    b.screenshot("70-email-will-be-sent-as").await;
    b.close().await;
}
