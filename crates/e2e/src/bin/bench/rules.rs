//! SPEC: the login routing rules over 1,000 tenants and 100,000 whitelist emails, natively.

use std::time::Instant;
use tenantry_core::login_routing::{Landing, ListedEmail, RoutingIndex, TenantRules};

pub fn report(runs: usize) -> bool {
    const RULE_TENANTS: usize = 1_000;
    const EMAILS_EACH: usize = 100;
    let tenants: Vec<TenantRules> = (0..RULE_TENANTS)
        .map(|t| TenantRules {
            id: format!("{t:032x}"),
            name: format!("Tenant {t}"),
            domains: vec![format!("tenant-{t}.example"), format!("bücher-{t}.example")],
            whitelist: (0..EMAILS_EACH)
                .map(|e| ListedEmail { email: format!("user-{e}@tenant-{t}.example"), is_admin: Some(e == 0) })
                .collect(),
        })
        .collect();
    let paste: String = (0..1_000).map(|e| format!("new-{e}@tenant-{}.example\n", e % RULE_TENANTS)).collect();
    let domains: String = (0..1_000).map(|d| format!("extra-{d}.example, ")).collect();
    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let index = RoutingIndex::new(tenants.clone());
        let conflicts = index.conflicts();
        let (checked, warnings) = index.check_whitelist(&tenants[0].id, &paste);
        let domain_check = index.check_domains(&tenants[0].id, &domains);
        let landing = index.route(&tenantry_core::EmailAddress::parse("user-5@tenant-999.example").unwrap());
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(conflicts.is_empty() && checked.entries.len() == 1_000 && warnings.len() == 999);
        assert!(!domain_check.has_errors() && matches!(landing, Landing::Whitelist { .. }));
    }
    let ms = crate::median(times);
    println!(
        "\nLogin routing rules: {RULE_TENANTS} tenants × {} whitelist emails (native, median of {runs} runs)",
        RULE_TENANTS * EMAILS_EACH
    );
    println!("  index + conflicts + a 1,000-email paste + 1,000 domains + one route: {ms:.1} ms");
    let ok = ms < 100.0;
    println!("  budget: under 100 ms: {}", crate::verdict(ok));
    ok
}
