//! Bulk onboarding (issue 16): reading, checking and planning 1,000 records against 1,000
//! existing tenants, natively (budget 100 ms, and linear: twice the records take about twice as
//! long) and in the browser (budget one second); then a run of 1,000 records against the
//! reference server through the console, with its throughput.

use serde_json::json;
use std::time::Instant;
use tenantry_core::bulk::check::{Existing, ExistingTenant};
use tenantry_core::bulk::file::Format;
use tenantry_core::bulk::import;
use tenantry_core::clearml::wire::{Company, CompanyRef, CompanySettings, User};
use tenantry_core::login_routing::{ListedEmail, RoutingIndex, TenantRules};
use tenantry_e2e::browser::{by_test_id, Browser};
use tenantry_e2e::console::sign_in;
use tenantry_e2e::{Api, RefServer};

pub const RECORDS: usize = 1_000;
const EXISTING: usize = 1_000;
const HEADER: &str = "name,allowed_users,features,exclude_features,domains,whitelist,whitelist_admins,admin_name,admin_email,admin_credentials";

fn id(i: usize) -> String {
    format!("{i:032x}")
}

/// Records `from..from + n`: every other one names an existing tenant (and adds a domain to it),
/// the rest are new; every tenth issues credentials.
fn csv(from: usize, n: usize) -> String {
    let mut out = format!("{HEADER}\n");
    for i in from..from + n {
        if i % 2 == 0 && i < EXISTING {
            out.push_str(&format!(
                "Existing {i:04},,,,existing-{i}.example;more-{i}.example,,,Owner {i},owner{i}@existing-{i}.example,\n"
            ));
        } else {
            let creds = if i % 10 == 1 { "yes" } else { "no" };
            out.push_str(&format!(
                "Import {i:04},{},reports,,import-{i}.example,guest-{i}@gmail.com,boss-{i}@holding.example,Admin {i},admin{i}@import-{i}.example,{creds}\n",
                10 + i % 50
            ));
        }
    }
    out
}

fn yaml(csv_text: &str) -> String {
    let mut out = String::from("tenants:\n");
    for line in csv_text.lines().skip(1) {
        let c: Vec<&str> = line.split(',').collect();
        out.push_str(&format!("  - name: {}\n", c[0]));
        for (k, v) in [
            ("allowed_users", c[1]),
            ("features", c[2]),
            ("domains", c[4]),
            ("whitelist", c[5]),
            ("whitelist_admins", c[6]),
        ] {
            if !v.is_empty() {
                out.push_str(&format!("    {k}: {}\n", v.replace(';', " ")));
            }
        }
        out.push_str(&format!(
            "    admin: {{name: {}, email: {}, credentials: {}}}\n",
            c[7],
            c[8],
            if c[9].is_empty() { "yes" } else { c[9] }
        ));
    }
    out
}

fn existing_tenants() -> (Vec<ExistingTenant>, RoutingIndex) {
    let tenants = (0..EXISTING)
        .map(|i| ExistingTenant {
            company: Company {
                id: id(i),
                name: format!("Existing {i:04}"),
                active: true,
                defaults: Some(CompanySettings::default()),
                sso: None,
            },
            users: Some(vec![User {
                id: id(EXISTING + i),
                name: format!("Owner {i}"),
                company: CompanyRef { id: id(i), name: String::new() },
                role: "admin".into(),
                email: format!("owner{i}@existing-{i}.example"),
            }]),
        })
        .collect();
    let rules = (0..EXISTING)
        .map(|i| TenantRules {
            id: id(i),
            name: format!("Existing {i:04}"),
            domains: vec![format!("existing-{i}.example")],
            whitelist: (0..100)
                .map(|e| ListedEmail { email: format!("user-{e}@existing-{i}.example"), is_admin: Some(false) })
                .collect(),
        })
        .collect();
    (tenants, RoutingIndex::new(rules))
}

fn time_check(format: Format, text: &str, existing: &Existing, runs: usize) -> (f64, usize) {
    let mut times = Vec::new();
    let mut calls = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let checked = import(format, text, existing);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(checked.errors(), 0, "{:?}", checked.problems.first());
        calls = checked.plans.iter().map(|p| p.calls.len()).sum();
    }
    (crate::median(times), calls)
}

pub fn native(runs: usize) -> bool {
    let (tenants, routing) = existing_tenants();
    let existing = Existing::new(tenants, &routing);
    let text = csv(0, RECORDS);
    let (csv_ms, calls) = time_check(Format::Csv, &text, &existing, runs);
    let (yaml_ms, _) = time_check(Format::Yaml, &yaml(&text), &existing, runs);
    let (half_ms, _) = time_check(Format::Csv, &csv(0, RECORDS / 2), &existing, runs);
    println!("\nBulk onboarding: {RECORDS} records against {EXISTING} existing tenants (100,000 whitelist entries; native, median of {runs} runs)");
    println!("  read + check + plan, CSV: {csv_ms:.1} ms; YAML: {yaml_ms:.1} ms ({calls} calls planned)");
    println!("  {} records: {half_ms:.1} ms; twice as many take {:.2}× as long", RECORDS / 2, csv_ms / half_ms);
    let ok = csv_ms < 100.0 && yaml_ms < 100.0;
    println!("  budget: under 100 ms: {}", crate::verdict(ok));
    ok
}

/// The reference server with 1,000 tenants, each with an admin and a routed domain.
fn seed(api: &Api) {
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let api = api.clone();
            std::thread::spawn(move || {
                for i in (t..EXISTING).step_by(4) {
                    let company = api.create_company(&format!("Existing {i:04}"));
                    let owner = api.create_user(&company, &format!("owner{i}@existing-{i}.example"), "admin");
                    let body = json!({ "domains": [format!("existing-{i}.example")] }).to_string();
                    api.call_with("login.set_domains", &[("X-Clearml-Act-As", &owner)], &body).ok();
                }
            })
        })
        .collect();
    threads.into_iter().for_each(|t| t.join().expect("seeding thread"));
}

/// Through the console: the check's own measure, then the run's wall time and throughput.
pub async fn in_the_browser(dist: &std::path::Path) -> bool {
    let server = RefServer::start(Some(dist));
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    seed(&api);
    let b = Browser::start().await;
    b.goto(&format!("{}/tenants/import", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    let field = b.find("#bulk-text").await;
    let arg = serde_json::to_value(&field).unwrap();
    b.client
        .execute(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            vec![arg, json!(csv(0, RECORDS))],
        )
        .await
        .expect("paste the records");
    b.click(&by_test_id("bulk-check")).await;
    let counts = b.wait_for_text(&by_test_id("bulk-counts"), &format!("{RECORDS} records")).await;
    let took = b.text(&by_test_id("check-time")).await;
    let check_ms: f64 = took.trim_start_matches("Checked in ").trim_end_matches(" ms.").parse().unwrap_or(f64::MAX);
    let calls: usize =
        counts.split(" · ").nth(1).and_then(|c| c.split(' ').next()).and_then(|n| n.parse().ok()).unwrap_or(0);
    let started = Instant::now();
    b.click_enabled(&by_test_id("bulk-start")).await;
    let deadline = Instant::now() + std::time::Duration::from_secs(600);
    while !b.text(&by_test_id("bulk-run-heading")).await.contains("Import finished") {
        assert!(Instant::now() < deadline, "the run of {RECORDS} records did not finish in 10 minutes");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let secs = started.elapsed().as_secs_f64();
    let tally = b.text(&by_test_id("bulk-tally")).await;
    b.close().await;
    drop(server);
    println!(
        "\nBulk onboarding in the browser: {RECORDS} records against {EXISTING} existing tenants (reference server)"
    );
    println!("  read + check + plan: {check_ms:.0} ms; {counts}");
    println!(
        "  the run: {secs:.1} s for {calls} calls ({:.0} calls/s, {:.1} records/s); {tally}",
        calls as f64 / secs,
        RECORDS as f64 / secs
    );
    let ok = check_ms < 1000.0 && tally.starts_with(&format!("Done {RECORDS} · Failed 0"));
    println!("  budget: check under one second, every record done: {}", crate::verdict(ok));
    ok
}
