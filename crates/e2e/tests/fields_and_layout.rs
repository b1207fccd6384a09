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

/// How far the page itself is wider than the window (0 when only tables and code scroll inside
/// themselves), and the first element sticking out past the right edge.
async fn overflow(b: &Browser) -> (i64, String) {
    let script = "const w = document.documentElement.clientWidth;
        const over = document.documentElement.scrollWidth - w;
        const culprit = [...document.querySelectorAll('body *')].find(e => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.right > w + 1 && !(e.parentElement && e.parentElement.closest('.table, pre, .export-text'));
        });
        return [over, culprit ? culprit.tagName + '.' + culprit.className + ' ' + (culprit.dataset.testid || '') : ''];";
    let answer = b.client.execute(script, vec![]).await.expect("measure the page");
    (answer[0].as_i64().unwrap(), answer[1].as_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn every_page_fits_a_phone_a_tablet_and_a_wide_screen() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let company = api.create_company("Northwind Traders International Holdings");
    api.create_user(&company, "admin@northwind.example", "admin");
    api.create_company("Acme");

    let b = Browser::start().await;
    b.goto(&format!("{}/", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    let pages = [
        ("tenants", "/tenants".to_owned()),
        ("tenant", format!("/tenants/{company}")),
        ("routing", format!("/tenants/{company}/login-routing")),
        ("tenant-sso", format!("/tenants/{company}/sso")),
        ("onboard", "/tenants/onboard".to_owned()),
        ("new-tenant", "/tenants/new".to_owned()),
        ("import", "/tenants/import".to_owned()),
        ("routing-overview", "/login-routing".to_owned()),
        ("sso", "/sso".to_owned()),
        ("features", "/features".to_owned()),
        ("effective", "/effective-features".to_owned()),
        ("groups", "/groups".to_owned()),
        ("server-config", "/server-config".to_owned()),
        ("mlflow", "/mlflow".to_owned()),
        ("activity", "/activity".to_owned()),
    ];
    // On a phone the navigation is a menu: closed, opened from the top bar, closed by a link.
    b.client.set_window_size(375, 812).await.expect("resize the window");
    b.follow("/tenants").await;
    let nav = b.find("#main-nav").await;
    assert!(!nav.is_displayed().await.unwrap(), "the navigation starts closed on a phone");
    b.click(&by_test_id("menu-toggle")).await;
    assert!(b.find("#main-nav").await.is_displayed().await.unwrap(), "the menu opens");
    b.screenshot("75-375-menu-open").await;
    b.click("#main-nav a[href='/activity']").await;
    b.wait_for_path("/activity").await;
    assert!(!b.find("#main-nav").await.is_displayed().await.unwrap(), "following a link closes the menu");

    for (width, height) in [(375, 812), (768, 1024), (1400, 900)] {
        b.client.set_window_size(width, height).await.expect("resize the window");
        for (name, path) in &pages {
            b.follow(path).await;
            b.wait_for_path(path).await;
            b.find("h1").await;
            let (over, culprit) = overflow(&b).await;
            if over > 0 {
                b.screenshot(&format!("failure-{width}-{name}")).await;
            }
            assert_eq!(over, 0, "{path} at {width} px is {over} px wider than the window: {culprit}");
            if matches!(*name, "tenants" | "routing" | "onboard" | "server-config" | "import") {
                b.screenshot(&format!("75-{width}-{name}")).await;
            }
        }
    }
    b.close().await;
}
