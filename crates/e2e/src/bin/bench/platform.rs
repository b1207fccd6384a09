//! SPEC M16: a platform file of 1,000 tenants planned against 1,000 live tenants, natively, and
//! the same at 250 and 500 to show the plan grows linearly.

use std::time::Instant;
use tenantry_core::clearml::wire::{Company, CompanyRef, CompanySettings, LoginSettings, User, WhitelistEntry};
use tenantry_core::platform::live::{LiveState, LiveTenant};
use tenantry_core::platform::plan::plan;
use tenantry_core::platform::read::read;
use tenantry_core::platform::spec::GivenSecrets;

pub const TENANTS: usize = 1_000;

fn live(n: usize) -> LiveState {
    let tenants = (0..n)
        .map(|t| {
            let id = format!("{t:032x}");
            let admin = format!("{:032x}", t + 1_000_000);
            LiveTenant {
                company: Company {
                    id: id.clone(),
                    name: format!("Tenant {t}"),
                    active: true,
                    defaults: Some(CompanySettings {
                        allowed_users: Some("10".into()),
                        features: vec!["reports".into()],
                        exclude_features: vec![],
                    }),
                    sso: None,
                },
                users: Ok(vec![User {
                    id: admin.clone(),
                    name: format!("Admin {t}"),
                    company: CompanyRef { id, name: String::new() },
                    role: "admin".into(),
                    email: format!("admin@tenant-{t}.example"),
                }]),
                admin: Some(admin),
                routing: Some(LoginSettings {
                    domains: vec![format!("tenant-{t}.example"), format!("bücher-{t}.example")],
                    whitelist_entries: (0..10)
                        .map(|e| WhitelistEntry {
                            email: format!("user-{e}@partner-{t}.example"),
                            is_admin: Some(e == 0),
                            status: "pending".into(),
                        })
                        .collect(),
                }),
                providers: Some(vec![]),
            }
        })
        .collect();
    LiveState { tenants }
}

/// The same tenants as a file; every tenth gains a domain and changes its allowed users.
fn file(n: usize) -> String {
    let mut out = String::from("version: 1\ntenants:\n");
    for t in 0..n {
        let (users, extra) = if t % 10 == 0 { (20, format!(", extra-{t}.example")) } else { (10, String::new()) };
        out.push_str(&format!(
            "  - name: Tenant {t}\n    allowed_users: {users}\n    features: [reports]\n    domains: [tenant-{t}.example, bücher-{t}.example{extra}]\n    whitelist: [{}]\n    whitelist_admins: [user-0@partner-{t}.example]\n    admins:\n      - name: Admin {t}\n        email: admin@tenant-{t}.example\n",
            (1..10).map(|e| format!("user-{e}@partner-{t}.example")).collect::<Vec<_>>().join(", ")
        ));
    }
    out
}

fn median_plan_ms(n: usize, runs: usize) -> f64 {
    let (state, text) = (live(n), file(n));
    let parsed = read(&text).expect("the benchmark's file reads");
    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let p = plan(&parsed, &state, false, &GivenSecrets::default());
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!((p.errors(), p.summary().change), (0, n / 10), "{:?}", p.problems.first());
    }
    crate::median(times)
}

pub fn native(runs: usize) -> bool {
    println!(
        "\nPlatform file plan: {TENANTS} tenants in the file against {TENANTS} live (native, median of {runs} runs)"
    );
    let sizes = [TENANTS / 4, TENANTS / 2, TENANTS];
    let ms: Vec<f64> = sizes.iter().map(|n| median_plan_ms(*n, runs)).collect();
    for (n, t) in sizes.iter().zip(&ms) {
        println!("  {n:>5} tenants: {t:.1} ms ({:.1} µs a tenant)", t * 1000.0 / *n as f64);
    }
    // Linear: a tenant costs about the same at 1,000 as at 250 (a quadratic plan would cost 4×).
    let growth = (ms[2] / sizes[2] as f64) / (ms[0] / sizes[0] as f64);
    let ok = ms[2] < 100.0 && growth < 2.0;
    println!(
        "  budget: under 100 ms, and linear (cost a tenant at {TENANTS} ÷ at {}: {growth:.2}, under 2): {}",
        sizes[0],
        crate::verdict(ok)
    );
    ok
}
