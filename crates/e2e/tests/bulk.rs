//! Bulk onboarding in headless Chromium against the reference server: a 50-record CSV with an
//! error of every kind (each shown, nothing sent), mended, the same content as YAML planning the
//! same calls, run, the answers lost mid-run, reloaded and resumed; then the server holds exactly
//! the file's content, once, and importing the file again plans nothing.

use serde_json::{json, Value};
use tenantry_e2e::api::Api;
use tenantry_e2e::browser::{by_test_id, Browser};
use tenantry_e2e::console::{confirm, console_server, sign_in, Sent};

const HEADER: &str = "name,allowed_users,features,exclude_features,domains,whitelist,whitelist_admins,admin_name,admin_email,admin_credentials";
const RECORDS: usize = 50;

/// The mended file: 49 new tenants and one that exists (Existing Co), which gains a domain.
fn good_rows() -> Vec<String> {
    let mut rows: Vec<String> = (1..RECORDS)
        .map(|i| {
            format!(
                "Tenant {i:02},{},reports,app_management,t{i:02}.example;mail.t{i:02}.example,guest{i:02}@gmail.com,boss{i:02}@holding.example,Admin {i:02},admin{i:02}@t{i:02}.example,{}",
                10 + i,
                if i % 2 == 0 { "yes" } else { "no" }
            )
        })
        .collect();
    rows.push("Existing Co,,,,existing.example;existing2.example,,,,,".into());
    rows
}

fn yaml_of(rows: &[String]) -> String {
    let mut out = String::from("tenants:\n");
    for row in rows {
        let c: Vec<&str> = row.split(',').collect();
        out.push_str(&format!("  - name: {}\n", c[0]));
        let list = |s: &str| format!("[{}]", s.replace(';', ", "));
        for (key, value) in [
            ("allowed_users", c[1].to_owned()),
            ("features", list(c[2])),
            ("exclude_features", list(c[3])),
            ("domains", list(c[4])),
            ("whitelist", list(c[5])),
            ("whitelist_admins", list(c[6])),
        ] {
            if !value.is_empty() && value != "[]" {
                out.push_str(&format!("    {key}: {value}\n"));
            }
        }
        if !c[7].is_empty() {
            out.push_str(&format!(
                "    admin:\n      name: {}\n      email: {}\n      credentials: {}\n",
                c[7], c[8], c[9]
            ));
        }
    }
    out
}

/// Every kind of mistake, each on its own line (line = row index + 2).
fn broken_rows() -> (Vec<String>, Vec<(&'static str, &'static str)>) {
    let mut rows = good_rows();
    let mut set = |i: usize, row: &str| rows[i] = row.to_owned();
    set(0, "X,,,,,,,,,");
    set(1, "TENANT 05,,,,,,,,,");
    set(2, "Tenant 03,many,,,,,,,,");
    set(3, "Tenant 04,,no_such_feature,,,,,,,");
    set(4, "Tenant 05,,reports,reports,,,,,,");
    set(5, "Tenant 06,,,,not_a_domain!,,,Admin 06,admin06@t06.example,");
    set(6, "Tenant 07,,,,t08.example,,,Admin 07,admin07@t07.example,");
    set(8, "Tenant 09,,,,existing.example,,,Admin 09,admin09@t09.example,");
    set(9, "Tenant 10,,,,,guest,,Admin 10,admin10@t10.example,");
    set(10, "Tenant 11,,,,,guest12@gmail.com,,Admin 11,admin11@t11.example,");
    set(12, "Tenant 13,,,,,same@gmail.com,same@gmail.com,Admin 13,admin13@t13.example,");
    set(13, "Tenant 14,,,,,,,Admin 14,admin14,");
    set(14, "Tenant 15,,,,,,,Admin 15,admin15@t15.example,maybe");
    set(15, "Tenant 16,,,,t16.example,,,,,");
    let expected = vec![
        ("line 2, name", "A tenant name has at least 3 characters."),
        ("line 6, name", "The tenant \u{201c}\u{2068}Tenant 05\u{2069}\u{201d} is also on line 3 (\u{201c}\u{2068}TENANT 05\u{2069}\u{201d})"),
        ("line 4, allowed_users", ""),
        ("line 5, features", "Unknown feature \"no_such_feature\""),
        ("line 6, exclude_features", "is both enabled and excluded"),
        ("line 7, domains", "Not a domain"),
        ("line 9, domains", "t08.example is also claimed on line 8 (\u{201c}\u{2068}Tenant 07\u{2069}\u{201d})"),
        ("line 10, domains", "existing.example is already routed to the tenant \u{201c}\u{2068}Existing Co\u{2069}\u{201d}"),
        ("line 11, whitelist", "@"),
        ("line 13, whitelist", "guest12@gmail.com is also whitelisted on line 12"),
        ("line 14, whitelist_admins", "in both whitelist and whitelist_admins"),
        ("line 15, admin_email", "@"),
        ("line 16, admin_credentials", "Write yes or no"),
        ("line 17, admin_email", "give this record an admin"),
        // Existing Co's own domain, claimed first by line 10.
        ("line 51, domains", "existing.example is also claimed on line 10"),
    ];
    (rows, expected)
}

fn csv_of(rows: &[String]) -> String {
    format!("{HEADER}\n{}\n", rows.join("\n"))
}

/// Puts a file's text into the records box as a paste does (one input event).
async fn paste(b: &Browser, text: &str) {
    let el = b.find("#bulk-text").await;
    let arg = serde_json::to_value(&el).unwrap();
    b.client
        .execute(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            vec![arg, json!(text)],
        )
        .await
        .expect("paste");
}

/// After the page's next `calls` fetches, every call still reaches the server, which does it, and
/// its answer is lost, as when the network drops on the way back.
async fn lose_answers_after(b: &Browser, calls: u32) {
    let script = "const real = window.fetch; let left = arguments[0];
        window.fetch = function (r, o) {
            const answer = real.call(this, r, o);
            return left-- > 0 ? answer : answer.then(() => { throw new TypeError('Failed to fetch'); });
        };";
    b.client.execute(script, vec![json!(calls)]).await.expect("override fetch");
}

/// Scrolls the part of the page a screenshot is about to the top of the window.
async fn show(b: &Browser, test_id: &str) {
    let el = serde_json::to_value(b.find_id(test_id).await).unwrap();
    b.client.execute("arguments[0].scrollIntoView({block: 'start'})", vec![el]).await.expect("scroll");
}

async fn plan_calls(b: &Browser) -> Vec<String> {
    let rows = b.client.find_all(fantoccini::Locator::Css(&by_test_id("bulk-plan-row"))).await.unwrap();
    let mut out = Vec::new();
    for row in rows {
        let cells = row.find_all(fantoccini::Locator::Css("td")).await.unwrap();
        out.push(format!("{} | {}", cells[1].text().await.unwrap(), cells[2].text().await.unwrap()));
    }
    out
}

fn as_admin(api: &Api, admin: &str, endpoint: &str) -> Value {
    api.call_with(endpoint, &[("X-Clearml-Act-As", admin)], "{}").ok()
}

#[tokio::test]
async fn a_file_of_fifty_tenants_is_checked_planned_run_interrupted_resumed_and_imported_once() {
    let mut server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let existing = api.create_company("Existing Co");
    let existing_admin = api.create_user(&existing, "owner@existing.example", "admin");
    api.call_with("login.set_domains", &[("X-Clearml-Act-As", &existing_admin)], r#"{"domains":["existing.example"]}"#)
        .ok();

    let b = Browser::start().await;
    b.goto(&format!("{}/tenants", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.click(&by_test_id("bulk-import")).await;
    b.wait_for_path("/tenants/import").await;

    // The broken file, picked as a file: every mistake named by line and field, nothing sent.
    let (broken, expected) = broken_rows();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("customers.csv");
    std::fs::write(&path, csv_of(&broken)).unwrap();
    b.find(&by_test_id("bulk-file")).await.send_keys(path.to_str().unwrap()).await.expect("pick the file");
    b.wait_for_text(&by_test_id("drop-zone"), "Read from customers.csv").await;
    let sent = Sent::so_far(&server, &b).await;
    b.click(&by_test_id("bulk-check")).await;
    let summary = b.wait_for_text(&by_test_id("bulk-summary"), "to fix before anything can be sent").await;
    let problems = b.text(&by_test_id("bulk-problems")).await;
    for (place, message) in &expected {
        let line = problems.lines().find(|l| l.contains(place) && l.contains(message));
        assert!(line.is_some(), "no problem at {place} saying {message:?} in:\n{problems}");
    }
    assert!(summary.starts_with("15 problems"), "{summary}\n{problems}");
    assert!(
        b.client.find(fantoccini::Locator::Css(&by_test_id("bulk-start"))).await.is_err(),
        "no Start while errors remain"
    );
    show(&b, "bulk-check-result").await;
    b.screenshot("80-bulk-errors").await;
    for endpoint in [
        "system.create_company",
        "auth.create_user",
        "login.set_domains",
        "login.add_whitelist_entries",
        "auth.create_credentials",
    ] {
        assert_eq!(sent.since(&server, &b, endpoint).await, 0, "{endpoint} was sent while the file had errors");
    }

    // YAML with the same content plans the same calls as the mended CSV.
    let good = good_rows();
    paste(&b, &yaml_of(&good)).await;
    b.click(&by_test_id("bulk-check")).await;
    b.wait_for_text(&by_test_id("bulk-counts"), "50 records: 49 new tenants, 1 existing").await;
    let from_yaml = plan_calls(&b).await;
    paste(&b, &csv_of(&good)).await;
    b.click(&by_test_id("bulk-check")).await;
    let counts =
        b.wait_for_text(&by_test_id("bulk-counts"), "50 records: 49 new tenants, 1 existing (0 unchanged)").await;
    assert_eq!(plan_calls(&b).await, from_yaml);
    assert!(counts.contains("49 × system.create_company"), "{counts}");
    show(&b, "bulk-plan").await;
    b.screenshot("81-bulk-plan").await;
    let script = b.downloaded_text(&by_test_id("bulk-script-download")).await;
    assert!(script.contains("TENANT_ID=$(call '.data.id' system.create_company"), "{script}");

    // The run: 40 calls answered, then every answer is lost (the server still does each call).
    lose_answers_after(&b, 40).await;
    b.click_enabled(&by_test_id("bulk-start")).await;
    b.wait_for_text(&by_test_id("bulk-run-heading"), "Finished with failures").await;
    b.screenshot("82-bulk-answers-lost").await;

    // A restart of the server and a reload later, the run is where it stopped and resumes.
    server.restart();
    b.client.refresh().await.unwrap();
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_path("/tenants/import").await;
    b.find_id("bulk-interrupted").await;
    b.click(&by_test_id("bulk-resume")).await;
    b.wait_for_text(&by_test_id("bulk-run-heading"), "Import finished").await;
    b.wait_for_text(&by_test_id("bulk-tally"), "Done 50 · Failed 0 · Remaining 0").await;
    b.wait_for_text(&by_test_id("bulk-found"), "Found on the server rather than sent again").await;
    b.screenshot("83-bulk-resumed").await;

    // Credentials issued before the reload cannot be shown again: new ones are issued on request.
    if b.client.find(fantoccini::Locator::Css(&by_test_id("bulk-lost-credentials"))).await.is_ok() {
        b.click(&by_test_id("bulk-reissue")).await;
        confirm(&b, "Revoke the lost credentials").await;
        b.wait_gone(&by_test_id("bulk-lost-credentials")).await;
    }
    let credentials = b.downloaded_text(&by_test_id("bulk-credentials-download")).await;
    assert_eq!(credentials.lines().count(), 1 + 24, "one line per admin with credentials: {credentials}");
    let report = b.downloaded_text(&by_test_id("bulk-report-csv")).await;
    assert_eq!(report.lines().filter(|l| l.contains(",created,")).count(), 49, "{report}");
    assert_eq!(report.lines().filter(|l| l.contains(",changed,")).count(), 1, "{report}");

    // The server holds exactly the file's content, once.
    let companies = api.call("system.get_companies", json!({})).ok()["companies"].as_array().unwrap().clone();
    assert_eq!(companies.len(), 1 + RECORDS, "the supervisor's own company, Existing Co and the 49 new tenants");
    for i in 1..RECORDS {
        let name = format!("Tenant {i:02}");
        let named: Vec<&Value> = companies.iter().filter(|c| c["name"] == name.as_str()).collect();
        assert_eq!(named.len(), 1, "{name} once");
        let company = named[0];
        let id = company["id"].as_str().unwrap();
        assert_eq!(company["defaults"]["allowed_users"].to_string().trim_matches('"'), (10 + i).to_string());
        let users = api.call("users.get_all", json!({ "company": id })).ok()["users"].as_array().unwrap().clone();
        assert_eq!(users.len(), 1, "{name}: one admin, {users:?}");
        assert_eq!(users[0]["email"], format!("admin{i:02}@t{i:02}.example").as_str());
        let admin = users[0]["id"].as_str().unwrap();
        let settings = as_admin(&api, admin, "login.get_settings");
        let mut domains: Vec<&str> =
            settings["domains"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
        domains.sort();
        assert_eq!(domains, [format!("mail.t{i:02}.example"), format!("t{i:02}.example")], "{name}");
        let listed: Vec<(String, bool)> = settings["whitelist_entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| (w["email"].as_str().unwrap().to_owned(), w["is_admin"].as_bool().unwrap()))
            .collect();
        assert_eq!(listed.len(), 2, "{name}: {listed:?}");
        assert!(
            listed.contains(&(format!("guest{i:02}@gmail.com"), false))
                && listed.contains(&(format!("boss{i:02}@holding.example"), true)),
            "{name}: {listed:?}"
        );
        let keys = api.call_with("auth.get_credentials", &[("X-Clearml-Impersonate-As", admin)], "{}").ok();
        assert_eq!(keys["credentials"].as_array().unwrap().len(), if i % 2 == 0 { 1 } else { 0 }, "{name}: {keys}");
    }
    let settings = as_admin(&api, &existing_admin, "login.get_settings");
    assert_eq!(settings["domains"], json!(["existing.example", "existing2.example"]));

    // The same file again plans nothing.
    b.click(&by_test_id("bulk-new")).await;
    b.click(&by_test_id("bulk-check")).await;
    b.wait_for_text(&by_test_id("bulk-counts"), "50 records: 0 new tenants, 50 existing (50 unchanged) · 0 calls")
        .await;
    assert!(b.find(&by_test_id("bulk-start")).await.attr("disabled").await.unwrap().is_some());
    show(&b, "bulk-plan").await;
    b.screenshot("84-bulk-again").await;

    // The tab kept the import (the text, the plan, each record's progress); signing out forgets it.
    let kept = "return Object.keys(sessionStorage).filter(k => k.startsWith('tenantry.kept.bulk.')).length";
    assert!(b.client.execute(kept, vec![]).await.unwrap().as_u64().unwrap() > 0);
    b.click(&by_test_id("sign-out")).await;
    b.find("#access-key").await;
    assert_eq!(b.client.execute(kept, vec![]).await.unwrap().as_u64(), Some(0), "signing out forgets the import");
    b.close().await;
}

#[tokio::test]
async fn a_yaml_file_dropped_on_the_page_is_read_checked_and_imported() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let b = Browser::start().await;
    b.goto(&format!("{}/tenants/import", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    let zone = b.find(&by_test_id("drop-zone")).await;
    let file = tenantry_core::bulk::file::YAML_TEMPLATE;
    // What a drag from the desktop delivers: a drop event whose DataTransfer holds the file.
    let drop = "const dt = new DataTransfer();
        dt.items.add(new File([arguments[1]], 'customers.yml', {type: 'application/yaml'}));
        arguments[0].dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
        arguments[0].dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));";
    b.client.execute(drop, vec![serde_json::to_value(&zone).unwrap(), json!(file)]).await.expect("drop the file");
    b.wait_for_text(&by_test_id("drop-zone"), "Read from customers.yml").await;
    b.wait_for_value("#bulk-text", file).await;
    b.wait_for_text(&by_test_id("bulk-format"), "From the file (YAML)").await;
    b.click(&by_test_id("bulk-check")).await;
    b.wait_for_text(&by_test_id("bulk-counts"), "2 records: 2 new tenants, 0 existing (0 unchanged) · 9 calls.").await;
    b.click_enabled(&by_test_id("bulk-start")).await;
    b.wait_for_text(&by_test_id("bulk-run-heading"), "Import finished").await;
    b.find_id("secret-warning").await;
    let credentials = b.downloaded_text(&by_test_id("bulk-credentials-download")).await;
    assert!(credentials.starts_with("tenant,tenant_id,admin_email,access_key,secret_key\nAcme Corp,"), "{credentials}");
    let report: Value = serde_json::from_str(&b.downloaded_text(&by_test_id("bulk-report-json")).await).unwrap();
    assert_eq!(
        report.as_array().unwrap().iter().map(|r| r["outcome"].as_str().unwrap()).collect::<Vec<_>>(),
        ["created", "created"]
    );
    let acme = report[0]["tenant_id"].as_str().unwrap();
    assert_eq!(api.call("system.get_companies", json!({"name": "Acme Corp"})).ok()["companies"][0]["id"], acme);
    b.screenshot("85-bulk-dropped-and-done").await;
    b.close().await;
}

#[tokio::test]
async fn a_paused_run_stops_after_the_calls_under_way_and_resumes() {
    let server = console_server();
    let b = Browser::start().await;
    b.goto(&format!("{}/tenants/import", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    let rows: Vec<String> = (1..=12)
        .map(|i| format!("Paused {i:02},,,,p{i:02}.example,,,Admin {i:02},admin{i:02}@p{i:02}.example,no"))
        .collect();
    paste(&b, &csv_of(&rows)).await;
    b.click(&by_test_id("bulk-check")).await;
    b.wait_for_text(&by_test_id("bulk-counts"), "12 records: 12 new tenants").await;
    // Answers to login.set_domains are held until the test lets them through, so the run is
    // certainly mid-way when Pause is pressed.
    let hold = "const real = window.fetch; window.__held = [];
        window.fetch = function (r, o) {
            const answer = real.call(this, r, o);
            const url = typeof r === 'string' ? r : r.url;
            if (!url.endsWith('/login.set_domains')) return answer;
            return new Promise(resolve => window.__held.push(() => resolve(answer)));
        };";
    b.client.execute(hold, vec![]).await.expect("hold answers");
    b.click_enabled(&by_test_id("bulk-start")).await;
    b.wait_for_text(&by_test_id("bulk-current"), "Now: ").await;
    let held = "return window.__held.length";
    while b.client.execute(held, vec![]).await.unwrap().as_u64().unwrap() < 3 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    b.click(&by_test_id("bulk-pause")).await;
    b.wait_for_text(&by_test_id("bulk-run-heading"), "Stopping after the calls under way").await;
    b.client
        .execute("window.fetch = window.fetch; window.__held.forEach(go => go()); window.__held = [];", vec![])
        .await
        .unwrap();
    b.wait_for_text(&by_test_id("bulk-run-heading"), "Paused").await;
    b.wait_for_text(&by_test_id("bulk-tally"), "Done 3 · Failed 0 · Remaining 9 of 12").await;
    b.screenshot("86-bulk-paused").await;
    // Let every later answer through at once, then resume.
    b.client
        .execute(
            "window.__release = setInterval(() => { window.__held.forEach(go => go()); window.__held = []; }, 10);",
            vec![],
        )
        .await
        .unwrap();
    b.click(&by_test_id("bulk-resume")).await;
    b.wait_for_text(&by_test_id("bulk-run-heading"), "Import finished").await;
    b.wait_for_text(&by_test_id("bulk-tally"), "Done 12 · Failed 0 · Remaining 0 of 12").await;
    b.close().await;
}

#[tokio::test]
async fn hostile_text_in_a_file_is_refused_or_shown_as_text() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let b = Browser::start().await;
    b.goto(&format!("{}/tenants/import", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    let markup = "<img src=x onerror=window.__pwned=1>";
    let long = "A".repeat(10_000);
    let rows = vec![
        format!("\"{markup}\",,,,,,,,,"),
        "Acme\u{202E}moc,,,,,,,,,".to_owned(),
        format!("{long},,,,,,,,,"),
        format!("Globex,,,,,,,Ana,{}@globex.example,", "a".repeat(10_000)),
    ];
    let sent = Sent::so_far(&server, &b).await;
    paste(&b, &format!("{HEADER},{long}\n{}\n", rows.join("\n"))).await;
    b.click(&by_test_id("bulk-check")).await;
    let summary = b.wait_for_text(&by_test_id("bulk-summary"), "to fix before anything can be sent").await;
    assert!(summary.starts_with("1 problem"), "the unknown 10,000-character column stops the file: {summary}");
    let problems = b.text(&by_test_id("bulk-problems")).await;
    assert!(problems.len() < 1_000, "the column is quoted short: {} characters", problems.len());
    paste(&b, &csv_of(&rows)).await;
    b.click(&by_test_id("bulk-check")).await;
    b.wait_for_text(&by_test_id("bulk-summary"), "3 problems").await;
    let problems = b.text(&by_test_id("bulk-problems")).await;
    for expected in ["direction overrides", "at most 100 characters", "at most 64 characters before the @"] {
        assert!(problems.contains(expected), "{expected} in {problems}");
    }
    assert_eq!(sent.since(&server, &b, "system.create_company").await, 0);
    paste(&b, &csv_of(&rows[..1])).await;
    b.click(&by_test_id("bulk-check")).await;
    b.wait_for_text(&by_test_id("bulk-plan-table"), markup).await;
    b.click_enabled(&by_test_id("bulk-start")).await;
    b.wait_for_text(&by_test_id("bulk-run-heading"), "Import finished").await;
    b.wait_for_text(&by_test_id("bulk-records"), markup).await;
    let ran = b
        .client
        .execute("return [document.querySelectorAll('main img').length, window.__pwned === undefined]", vec![])
        .await
        .unwrap();
    assert_eq!(ran, json!([0, true]), "the name is text, never markup");
    assert_eq!(api.call("system.get_companies", json!({ "name": markup })).ok()["companies"][0]["name"], markup);
    b.close().await;
}
