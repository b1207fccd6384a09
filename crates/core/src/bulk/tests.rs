//! The whole import: each rule with its failing input and exact message, the plan for new and
//! existing tenants, the second import that plans nothing, CSV and YAML planning the same calls.

use super::check::*;
use super::file::{Field, Format};
use super::import;
use super::plan::{counts, script, CallKind, Target, TENANT_ID};
use super::run::{report, report_csv, Made, RecordRun, Status, Tally};
use crate::clearml::wire::{Company, CompanyRef, CompanySettings, User};
use crate::login_routing::{ListedEmail, RoutingIndex, TenantRules};

const GLOBEX: &str = "0123456789abcdef0123456789abcdef";
const HANK: &str = "fedcba9876543210fedcba9876543210";
const HEADER: &str = "name,allowed_users,features,exclude_features,domains,whitelist,whitelist_admins,admin_name,admin_email,admin_credentials\n";

fn globex_routing() -> RoutingIndex {
    RoutingIndex::new(vec![TenantRules {
        id: GLOBEX.into(),
        name: "Globex".into(),
        domains: vec!["globex.com".into()],
        whitelist: vec![ListedEmail { email: "boss@gmail.com".into(), is_admin: Some(true) }],
    }])
}

fn globex(users: Option<Vec<User>>) -> Vec<ExistingTenant> {
    vec![ExistingTenant {
        company: Company {
            id: GLOBEX.into(),
            name: "Globex".into(),
            active: true,
            defaults: Some(CompanySettings {
                allowed_users: Some("10".into()),
                features: vec!["reports".into()],
                exclude_features: vec![],
            }),
            sso: None,
        },
        users,
    }]
}

fn hank() -> User {
    User {
        id: HANK.into(),
        name: "Hank".into(),
        company: CompanyRef { id: GLOBEX.into(), name: "Globex".into() },
        role: "admin".into(),
        email: "hank@globex.com".into(),
    }
}

fn run(csv_rows: &str) -> Checked {
    let routing = globex_routing();
    let existing = Existing::new(globex(Some(vec![hank()])), &routing);
    import(Format::Csv, &format!("{HEADER}{csv_rows}"), &existing)
}

fn messages(c: &Checked) -> Vec<(String, String, bool)> {
    c.problems.iter().map(|p| (p.place.clone(), p.message.clone(), p.blocks)).collect()
}

fn only_error(rows: &str) -> (String, String) {
    let c = run(rows);
    let errors: Vec<_> = c.problems.iter().filter(|p| p.blocks).collect();
    assert_eq!(errors.len(), 1, "{:?}", messages(&c));
    assert!(c.plans.is_empty(), "an error plans nothing");
    (errors[0].place.clone(), errors[0].message.clone())
}

#[test]
fn a_new_tenant_plans_every_call_in_order() {
    let c = run("Acme,50,pipelines,app_management,acme.io;ACME.com,c@gmail.com,lead@acme-holding.com,Ana Lopez,Ana@Acme.io,yes\n");
    assert!(c.problems.is_empty(), "{:?}", messages(&c));
    let plan = &c.plans[0];
    assert_eq!(plan.target, Target::New);
    let kinds: Vec<CallKind> = plan.calls.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            CallKind::CreateTenant,
            CallKind::CreateAdmin,
            CallKind::IssueCredentials,
            CallKind::SetDomains,
            CallKind::AddWhitelist,
            CallKind::AddWhitelistAdmins
        ]
    );
    assert_eq!(
        plan.calls[0].body,
        serde_json::json!({"name": "Acme", "defaults": {"allowed_users": "50", "features": ["pipelines"], "exclude_features": ["app_management"]}})
    );
    assert_eq!(plan.calls[1].body["company"], TENANT_ID);
    assert_eq!(plan.calls[1].body["email"], "ana@acme.io");
    assert_eq!(plan.calls[3].body, serde_json::json!({"domains": ["acme.io", "acme.com"]}));
    assert_eq!(plan.calls[5].body, serde_json::json!({"emails": ["lead@acme-holding.com"], "is_admin": true}));
    assert!(c.can_run());
}

#[test]
fn each_field_is_checked_by_the_single_tenant_rules() {
    assert_eq!(
        only_error("A,,,,,,,Ana,ana@a.io,\n"),
        ("line 2, name".into(), "A tenant name has at least 3 characters.".into())
    );
    assert_eq!(only_error("Acme,ten,,,,,,Ana,ana@a.io,\n").0, "line 2, allowed_users");
    assert_eq!(only_error("Acme,,no-such-feature,,,,,Ana,ana@a.io,\n").0, "line 2, features");
    assert_eq!(
        only_error("Acme,,reports,reports,,,,Ana,ana@a.io,\n"),
        ("line 2, exclude_features".into(), "\"reports\" is both enabled and excluded: choose one.".into())
    );
    assert_eq!(only_error("Acme,,,,not_a_domain!,,,Ana,ana@a.io,\n").0, "line 2, domains");
    assert_eq!(
        only_error("Acme,,,,,ana,,Ana,ana@a.io,\n"),
        ("line 2, whitelist".into(), crate::names::email::EMAIL_NO_AT.into())
    );
    assert_eq!(
        only_error("Acme,,,,,,,,ana@a.io,\n"),
        ("line 2, admin_name".into(), crate::clearml::onboarding::ADMIN_NAME_REQUIRED.into())
    );
    assert_eq!(
        only_error("Acme,,,,,,,Ana,ana,\n"),
        ("line 2, admin_email".into(), crate::names::email::EMAIL_NO_AT.into())
    );
    assert_eq!(
        only_error("Acme,,,,,,,Ana,ana@a.io,maybe\n"),
        ("line 2, admin_credentials".into(), CREDENTIALS_YES_NO.into())
    );
    assert_eq!(
        only_error("Acme,,,,,,,,,yes\n"),
        ("line 2, admin_credentials".into(), CREDENTIALS_WITHOUT_ADMIN.into())
    );
}

#[test]
fn a_new_tenant_with_routing_needs_an_admin_to_act_as() {
    assert_eq!(only_error("Acme,,,,acme.io,,,,,\n"), ("line 2, admin_email".into(), NEEDS_ADMIN.into()));
    assert!(run("Acme,,,,,,,,,\n").can_run(), "a tenant alone needs no admin");
}

#[test]
fn records_are_checked_against_each_other() {
    assert_eq!(
        only_error("Acme,,,,,,,,,\n ＡＣＭＥ ,,,,,,,,,\n"),
        (
            "line 3, name".into(),
            "The tenant \u{201c}\u{2068}ＡＣＭＥ\u{2069}\u{201d} is also on line 2 (\u{201c}\u{2068}Acme\u{2069}\u{201d}): each tenant has one record."
                .into()
        )
    );
    assert_eq!(
        only_error("Acme,,,,acme.io,,,Ana,ana@acme.io,\nInitech,,,,ACME.IO,,,Bob,bob@initech.com,\n"),
        (
            "line 3, domains".into(),
            "acme.io is also claimed on line 2 (\u{201c}\u{2068}Acme\u{2069}\u{201d}): a domain routes to one tenant."
                .into()
        )
    );
    assert_eq!(
        only_error("Acme,,,,,c@gmail.com,,Ana,ana@acme.io,\nInitech,,,,,,C@Gmail.com,Bob,bob@initech.com,\n"),
        (
            "line 3, whitelist_admins".into(),
            "c@gmail.com is also whitelisted on line 2 (\u{201c}\u{2068}Acme\u{2069}\u{201d}): an email signs in to one tenant.".into()
        )
    );
    assert_eq!(
        only_error("Acme,,,,,c@gmail.com,c@gmail.com,Ana,ana@acme.io,\n"),
        ("line 2, whitelist_admins".into(), format!("c@gmail.com {IN_BOTH_WHITELISTS}"))
    );
}

#[test]
fn records_are_checked_against_the_tenants_that_exist() {
    assert_eq!(
        only_error("Acme,,,,GLOBEX.com,,,Ana,ana@acme.io,\n"),
        (
            "line 2, domains".into(),
            "globex.com is already routed to the tenant \u{201c}\u{2068}Globex\u{2069}\u{201d}.".into()
        )
    );
    assert_eq!(
        only_error("Acme,,,,,boss@gmail.com,,Ana,ana@acme.io,\n"),
        (
            "line 2, whitelist".into(),
            "boss@gmail.com is already in the whitelist of the tenant \u{201c}\u{2068}Globex\u{2069}\u{201d}.".into()
        )
    );
}

#[test]
fn warnings_do_not_block() {
    let c = run("Acme,,,,acme.io;acme.io,kim@globex.com,,Ana,ana@acme.io,\n");
    assert_eq!(
        messages(&c),
        [
            ("line 2, domains".into(), "acme.io is listed twice; it is sent once.".into(), false),
            ("line 2, whitelist".into(), "kim@globex.com: its domain globex.com routes to the tenant \u{201c}\u{2068}Globex\u{2069}\u{201d}; the whitelist entry sends it here instead.".into(), false),
        ]
    );
    assert!(c.can_run());
    assert_eq!(c.warnings(), 2);
}

#[test]
fn an_existing_tenant_is_planned_with_only_what_differs() {
    let c = run("globex,10,reports,,globex.com;globex.de,boss@gmail.com;new@gmail.com,,Hank,hank@globex.com,yes\n");
    assert!(c.problems.iter().all(|p| !p.blocks), "{:?}", messages(&c));
    let plan = &c.plans[0];
    assert_eq!(plan.target, Target::Exists { id: GLOBEX.into() });
    assert_eq!(plan.act_as.as_deref(), Some(HANK));
    let kinds: Vec<CallKind> = plan.calls.iter().map(|c| c.kind).collect();
    // boss@gmail.com is listed as an admin there and as a user here: that differs.
    assert_eq!(kinds, [CallKind::SetDomains, CallKind::AddWhitelist]);
    assert_eq!(plan.calls[0].body, serde_json::json!({"domains": ["globex.com", "globex.de"]}));
    assert_eq!(
        plan.calls[1].body,
        serde_json::json!({"emails": ["boss@gmail.com", "new@gmail.com"], "is_admin": false})
    );
    assert!(plan.notes.iter().any(|n| n == "Its admin hank@globex.com exists."));
}

#[test]
fn the_same_file_imported_again_plans_nothing() {
    let c = run("Globex,10,reports,,globex.com,,boss@gmail.com,Hank,hank@globex.com,yes\n");
    assert!(c.problems.is_empty(), "{:?}", messages(&c));
    assert!(c.plans[0].calls.is_empty());
    assert_eq!(counts(&c.plans).unchanged, 1);
    assert!(!c.can_run(), "nothing to send");
}

#[test]
fn changed_settings_of_an_existing_tenant_are_sent_whole() {
    let c = run("Globex,20,,,,,,,,\n");
    assert_eq!(c.plans[0].calls[0].kind, CallKind::UpdateSettings);
    assert_eq!(
        c.plans[0].calls[0].body,
        serde_json::json!({"company": GLOBEX, "features": ["reports"], "exclude_features": [], "allowed_users": "20"})
    );
}

#[test]
fn an_existing_tenant_whose_users_are_unknown_looks_for_its_admin_when_it_runs() {
    let routing = globex_routing();
    let existing = Existing::new(globex(None), &routing);
    let c = import(Format::Csv, &format!("{HEADER}Globex,,,,globex.de,,,Hank,hank@globex.com,no\n"), &existing);
    let plan = &c.plans[0];
    assert_eq!(plan.calls[0].kind, CallKind::CreateAdmin);
    assert!(plan.calls[0].look_first);
    assert_eq!(plan.calls[0].body["company"], GLOBEX);
    let c = import(Format::Csv, &format!("{HEADER}Globex,,,,globex.de,,,,,\n"), &existing);
    assert_eq!(c.problems[0].message, "The tenant \u{201c}\u{2068}Globex\u{2069}\u{201d} exists and the console found no user of it to act as for its login routing: name its admin in this record.");
}

#[test]
fn yaml_with_the_same_content_plans_the_same_calls() {
    let csv = run("Acme,50,pipelines,,acme.io,c@gmail.com,,Ana,ana@acme.io,no\nGlobex,,,,globex.de,,,,,\n");
    let yaml = "tenants:\n  - name: Acme\n    allowed_users: 50\n    features: [pipelines]\n    domains: acme.io\n    whitelist: [c@gmail.com]\n    admin: {name: Ana, email: ana@acme.io, credentials: no}\n  - name: Globex\n    domains: [globex.de]\n";
    let routing = globex_routing();
    let existing = Existing::new(globex(Some(vec![hank()])), &routing);
    let from_yaml = import(Format::Yaml, yaml, &existing);
    let calls = |c: &Checked| c.plans.iter().map(|p| p.calls.clone()).collect::<Vec<_>>();
    assert_eq!(calls(&csv), calls(&from_yaml));
    assert_eq!(from_yaml.plans[0].origin.field(Field::AdminEmail), "tenants[0].admin.email");
}

#[test]
fn the_script_takes_each_id_from_the_answer_that_made_it() {
    let c = run("O'Brien Ltd,,,,obrien.ie,,,Ana,ana@obrien.ie,yes\n");
    let s = script(&c.plans, "http://127.0.0.1:8008");
    let expected = [
        r#"TENANT_NAME='O'\''Brien Ltd'; export TENANT_NAME"#,
        r#"TENANT_ID=$(call '.data.id' system.create_company '{"name":"O'\''Brien Ltd"}')"#,
        r#"ADMIN_ID=$(call '.data.id' auth.create_user '{"company":"'"$TENANT_ID"'","#,
        r#"call '{tenant: env.TENANT_NAME, credentials: .data.credentials}' auth.create_credentials '{"label":"Agent and App Gateway (Tenantry onboarding)"}' -H 'X-Clearml-Impersonate-As: '"$ADMIN_ID""#,
        r#"call 'empty' login.set_domains '{"domains":["obrien.ie"]}' -H 'X-Clearml-Act-As: '"$ADMIN_ID""#,
    ];
    for line in expected {
        assert!(s.contains(line), "{line}\nnot in\n{s}");
    }
}

#[test]
fn a_run_resumes_where_it_stopped_and_looks_before_resending_what_creates() {
    let c = run("Acme,,,,acme.io,,,Ana,ana@acme.io,yes\n");
    let plan = &c.plans[0];
    let mut r = RecordRun::new(plan);
    assert_eq!(r.status(plan), Status::Waiting);
    r.sending();
    r.succeeded(CallKind::CreateTenant, Made::Tenant { id: GLOBEX.into(), found: false });
    r.sending();
    r.failed("no answer".into(), false);
    assert_eq!(r.status(plan), Status::Failed);
    r.retry();
    let next = r.next(plan).unwrap();
    assert_eq!(next.kind, CallKind::CreateAdmin);
    assert!(r.must_look_first(next), "the admin may exist");
    assert_eq!(next.body_with(r.tenant_id.as_deref())["company"], GLOBEX);
    r.succeeded(CallKind::CreateAdmin, Made::Admin { id: HANK.into(), found: true });
    r.sending();
    r.failed("Refused".into(), true);
    assert!(!r.must_look_first(r.next(plan).unwrap()), "a refused call did not happen");
    r.retry();
    r.succeeded(CallKind::IssueCredentials, Made::Credentials { access_key: "KEY".into() });
    r.sending();
    r.failed("no answer".into(), false);
    r.retry();
    assert!(!r.must_look_first(r.next(plan).unwrap()), "setting domains again changes nothing");
    r.succeeded(CallKind::SetDomains, Made::Nothing);
    assert_eq!(r.status(plan), Status::Done);
    let rows = report(&c.plans, &[r.clone()]);
    assert_eq!(rows[0].outcome, "created");
    assert_eq!(rows[0].done[1], "Create its admin (found, made by an interrupted attempt)");
    assert!(report_csv(&rows)
        .starts_with("place,tenant,outcome,tenant_id,admin_id,access_key,done,error\nline 2,Acme,created,"));
    assert_eq!(Tally::of([r.status(&c.plans[0])]).done, 1);
}

#[test]
fn unreadable_files_stop_before_any_check() {
    let routing = RoutingIndex::default();
    let existing = Existing::new(Vec::new(), &routing);
    let c = import(Format::Csv, "name,colour\nAcme,red\n", &existing);
    assert_eq!(c.errors(), 1);
    assert_eq!(c.problems[0].record, None);
}

#[test]
fn the_templates_pass_every_check() {
    let routing = RoutingIndex::default();
    let existing = Existing::new(Vec::new(), &routing);
    for (format, text) in [(Format::Csv, super::file::CSV_TEMPLATE), (Format::Yaml, super::file::YAML_TEMPLATE)] {
        let c = import(format, text, &existing);
        assert!(c.problems.is_empty(), "{format:?}: {:?}", messages(&c));
        assert_eq!(counts(&c.plans).new_tenants, 2);
    }
}

#[test]
fn hostile_text_is_refused_or_kept_as_text_and_never_swamps_a_message() {
    use crate::clearml::tenant::{NAME_BIDI, NAME_TOO_LONG};
    let markup = "<img src=x onerror=alert(1)>";
    let c = run(&format!("\"{markup}\",,,,,,,,,\n"));
    assert!(c.problems.is_empty(), "{:?}", messages(&c));
    assert_eq!(c.plans[0].calls[0].body["name"], markup, "sent as the text it is");
    assert_eq!(only_error("Acme\u{202E}moc,,,,,,,,,\n"), ("line 2, name".into(), NAME_BIDI.into()));
    assert_eq!(
        only_error(&format!("{},,,,,,,,,\n", "A".repeat(10_000))),
        ("line 2, name".into(), NAME_TOO_LONG.into())
    );
    assert_eq!(
        only_error("Acme,,,,,,,Ana\u{202E},ana@acme.io,\n"),
        ("line 2, admin_name".into(), crate::clearml::onboarding::USER_NAME_BIDI.into())
    );
    assert_eq!(only_error(&format!("Acme,,,,,,,Ana,{}@acme.io,\n", "a".repeat(10_000))).0, "line 2, admin_email");
    // A long or reordering value from the file is quoted short and isolated.
    let routing = RoutingIndex::default();
    let existing = Existing::new(Vec::new(), &routing);
    let long = format!("x{}", "\u{202E}y".repeat(5_000));
    let c = import(Format::Csv, &format!("name,{long}\nAcme,1\n"), &existing);
    let m = &c.problems[0].message;
    assert!(m.chars().count() < 250, "{} characters", m.chars().count());
    assert!(m.starts_with("Unknown column \"\u{2068}x\u{202E}y") && m.contains("…\u{2069}\""), "{m}");
}

#[test]
fn a_new_tenant_that_reads_like_an_existing_one_or_another_in_the_file_is_refused() {
    use crate::names::look_alike::looks_like_message;
    // "G1obex" (a digit one) reads like the existing Globex.
    assert_eq!(only_error("G1obex,,,,,,,,,\n"), ("line 2, name".to_owned(), looks_like_message("G1obex", "Globex")));
    // Latin "Acme" then Cyrillic "Асme" in the same file: the second reads like the first.
    let (place, message) = only_error("Acme,,,,,,,,,\n\u{410}\u{441}me,,,,,,,,,\n");
    assert_eq!((place.as_str(), message), ("line 3, name", looks_like_message("\u{410}\u{441}me", "Acme")));
    assert!(run("Globex,,,,,,,,,\nAcme,,,,,,,,,\n").problems.iter().all(|p| !p.blocks), "the same name is that tenant");
}
