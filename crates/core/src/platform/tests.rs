use super::export::export;
use super::live::KnownAdmins;
use super::live::{LiveProvider, LiveState, LiveTenant};
use super::plan::{
    plan, ChangeKind, PlatformPlan, NEEDS_ADMIN, NO_ONE_TO_ACT_AS, ROTATION_NEEDS_SECRET, SECRET_NEEDED,
};
use super::read::{read, SECRET_SHAPE};
use super::report::{text, IN_SYNC};
use super::spec::{GivenSecrets, SecretRef, Secrets};
use crate::bulk::plan::CallKind;
use crate::clearml::wire::{Company, CompanyRef, CompanySettings, CompanySso, LoginSettings, User, WhitelistEntry};
use crate::sso::tenant_sso::ProviderConfiguration;
use crate::{CompanyId, UserId};
use serde_json::json;

const ACME: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const GLOBEX: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const ANA: &str = "11111111111111111111111111111111";
const HANK: &str = "22222222222222222222222222222222";

/// `{env: GOOD}` reads "s3cret"; anything else is not set.
struct TestSecrets;

impl Secrets for TestSecrets {
    fn resolve(&self, secret: &SecretRef) -> Result<String, String> {
        match secret {
            SecretRef::Env(n) if n == "GOOD" => Ok("s3cret".into()),
            SecretRef::Env(n) => Err(format!("the environment variable {n} is not set")),
            other => Err(format!("{other:?} is not set")),
        }
    }
}

fn user(id: &str, company: &str, email: &str, role: &str) -> User {
    User {
        id: id.into(),
        name: email.split('@').next().unwrap_or_default().into(),
        company: CompanyRef { id: company.into(), name: String::new() },
        role: role.into(),
        email: email.into(),
    }
}

fn entry(email: &str, admin: bool) -> WhitelistEntry {
    WhitelistEntry { email: email.into(), is_admin: Some(admin), status: "pending".into() }
}

fn tenant(id: &str, name: &str, admin: &str, email: &str) -> LiveTenant {
    LiveTenant {
        company: Company {
            id: id.into(),
            name: name.into(),
            active: true,
            defaults: Some(CompanySettings {
                allowed_users: Some("10".into()),
                features: vec!["reports".into()],
                exclude_features: vec![],
            }),
            sso: None,
        },
        users: Ok(vec![user(admin, id, email, "admin")]),
        admin: Some(admin.into()),
        routing: Some(LoginSettings::default()),
        providers: Some(vec![]),
    }
}

/// Acme with routing, Globex bare.
fn live() -> LiveState {
    let mut acme = tenant(ACME, "Acme", ANA, "ana@acme.io");
    acme.routing = Some(LoginSettings {
        domains: vec!["acme.io".into(), "acme.com".into()],
        whitelist_entries: vec![entry("Contractor@Gmail.com", false), entry("lead@holding.com", true)],
    });
    LiveState { tenants: vec![acme, tenant(GLOBEX, "Globex", HANK, "hank@globex.com")] }
}

fn planned(file: &str, live: &LiveState, allow_removals: bool) -> PlatformPlan {
    let file = read(file).unwrap_or_else(|e| panic!("{e:?}"));
    plan(&file, live, allow_removals, &TestSecrets)
}

fn errors(p: &PlatformPlan) -> Vec<(String, String)> {
    p.problems.iter().filter(|p| p.blocks).map(|p| (p.path.clone(), p.message.clone())).collect()
}

fn kinds(p: &PlatformPlan, tenant: usize) -> Vec<CallKind> {
    p.tenants[tenant].record.calls.iter().map(|c| c.kind).collect()
}

#[test]
fn reordered_and_recased_lists_plan_nothing() {
    let p = planned(
        "version: 1\ntenants:\n  - name: ACME\n    domains: [ACME.COM, acme.io]\n    whitelist: [contractor@gmail.com]\n    whitelist_admins: [LEAD@holding.com]\n    features: [reports]\n",
        &live(),
        false,
    );
    assert!(errors(&p).is_empty(), "{:?}", p.problems);
    assert!(!p.has_changes(), "{}", text(&p));
    assert!(
        text(&p).ends_with(&format!(
            "Not in the file (never changed): \u{201c}\u{2068}Globex\u{2069}\u{201d}\n\n{IN_SYNC}\n"
        )),
        "{}",
        text(&p)
    );
}

#[test]
fn an_omitted_field_is_never_touched() {
    // Acme's features, users, whitelists and admins differ from nothing the file says.
    let p =
        planned("version: 1\ntenants:\n  - name: Acme\n    domains: [acme.io, acme.com, acme.org]\n", &live(), true);
    assert_eq!(kinds(&p, 0), [CallKind::SetDomains]);
    assert_eq!(p.tenants[0].record.calls[0].body, json!({ "domains": ["acme.io", "acme.com", "acme.org"] }));
    assert_eq!(p.tenants[0].changes.len(), 1);
}

#[test]
fn removals_are_withheld_unless_allowed() {
    let file = "version: 1\ntenants:\n  - name: Acme\n    features: []\n    domains: [acme.io]\n    whitelist: []\n";
    let withheld = planned(file, &live(), false);
    let lines: Vec<String> =
        withheld.tenants[0].changes.iter().map(|c| super::report::change_line(&c.field, &c.kind, c.withheld)).collect();
    assert_eq!(
        lines,
        [
            "- features: reports (withheld: removals are applied only when allowed)",
            "- domains: acme.com (withheld: removals are applied only when allowed)",
            "- whitelist: Contractor@Gmail.com (withheld: removals are applied only when allowed)",
        ]
    );
    assert!(withheld.tenants[0].record.calls.is_empty());
    assert!(withheld.has_changes(), "withheld removals are still drift");
    assert_eq!(withheld.summary().withheld, 3);

    let allowed = planned(file, &live(), true);
    assert_eq!(kinds(&allowed, 0), [CallKind::UpdateSettings, CallKind::SetDomains, CallKind::RemoveWhitelist]);
    let calls = &allowed.tenants[0].record.calls;
    assert_eq!(
        calls[0].body,
        json!({ "company": ACME, "features": [], "exclude_features": [], "allowed_users": "10" })
    );
    assert_eq!(calls[1].body, json!({ "domains": ["acme.io"] }));
    assert_eq!(calls[2].body, json!({ "emails": ["Contractor@Gmail.com"] }));
}

#[test]
fn a_new_tenant_is_planned_in_dependency_order_and_its_secret_stays_a_reference() {
    let file = r#"version: 1
tenants:
  - name: Initech
    allowed_users: 5
    features: [reports]
    domains: [initech.com]
    whitelist: [bill@gmail.com]
    admins:
      - {name: Bill, email: bill@initech.com}
      - {name: Peter, email: peter@initech.com, credentials: false}
    sso:
      tenant: initech
      group_mapping: {AD Devs: devs}
      provider:
        client_id: clearml
        client_secret: {env: GOOD}
        authorization_endpoint: https://kc.example.com/auth
        token_endpoint: https://kc.example.com/token
"#;
    let p = planned(file, &live(), false);
    assert!(errors(&p).is_empty(), "{:?}", p.problems);
    assert_eq!(
        kinds(&p, 0),
        [
            CallKind::CreateTenant,
            CallKind::CreateAdmin,
            CallKind::IssueCredentials,
            CallKind::CreateAdmin,
            CallKind::SetDomains,
            CallKind::AddWhitelist,
            CallKind::SetSso,
            CallKind::SaveProvider,
        ]
    );
    let calls = &p.tenants[0].record.calls;
    assert_eq!(
        calls[0].body,
        json!({ "name": "Initech", "defaults": { "allowed_users": "5", "features": ["reports"] } })
    );
    let provider = &calls[7];
    assert_eq!(provider.secret, Some(SecretRef::Env("GOOD".into())));
    assert!(provider.body["configuration"].get("client_secret").is_none(), "{}", provider.body);
    assert_eq!(provider.body_with(Some(GLOBEX))["configuration"]["id"], GLOBEX);
    assert_eq!(provider.body_with(Some(GLOBEX))["company"], GLOBEX);
    assert!(!serde_json::to_string(&p).unwrap().contains("s3cret"));
}

#[test]
fn a_resumed_run_asks_again_only_for_the_secrets_its_calls_still_read() {
    use crate::bulk::run::{secrets_left, RecordRun};
    let file = "version: 1\ntenants:\n  - name: Initech\n    sso:\n      tenant: initech\n      provider: {client_id: c, client_secret: {env: GOOD}, authorization_endpoint: https://kc.example.com/auth, token_endpoint: https://kc.example.com/token}\n";
    let p = planned(file, &live(), false);
    let plans = vec![p.tenants[0].record.clone()];
    let mut run = RecordRun::new(&plans[0]);
    assert_eq!(
        secrets_left(&plans, std::slice::from_ref(&run)),
        [("tenants[0].sso.provider.client_secret".to_string(), SecretRef::Env("GOOD".into()))]
    );
    run.done = plans[0].calls.len();
    assert_eq!(secrets_left(&plans, &[run]), [], "the provider was saved: nothing left to read");
}

#[test]
fn values_other_tenants_hold_are_refused_with_their_path() {
    let file = "version: 1\ntenants:\n  - name: Globex\n    domains: [globex.com, ACME.io]\n    whitelist: [lead@holding.com]\n  - name: Initech\n    domains: [globex.com]\n    admins: [{name: Bill, email: bill@initech.com}]\n  - name: globex\n";
    let p = planned(file, &live(), false);
    let expected = [
        (
            "tenants[2].name",
            "The tenant \u{201c}\u{2068}globex\u{2069}\u{201d} is also tenants[0]: each tenant has one entry.",
        ),
        ("tenants[0].domains[1]", "acme.io is already routed to the tenant \u{201c}\u{2068}Acme\u{2069}\u{201d}."),
        (
            "tenants[0].whitelist[0]",
            "lead@holding.com is already in the whitelist of the tenant \u{201c}\u{2068}Acme\u{2069}\u{201d}.",
        ),
        ("tenants[1].domains[0]", "globex.com is also claimed by tenants[0]: a domain routes to one tenant."),
    ];
    assert_eq!(errors(&p), expected.map(|(a, b)| (a.to_string(), b.to_string())));
    assert_eq!(errors(&p).len(), 4, "{:?}", errors(&p));
    assert!(p.tenants.is_empty(), "nothing is planned while the file has errors");
}

#[test]
fn a_domain_moves_between_tenants_only_with_removals_allowed() {
    let file =
        "version: 1\ntenants:\n  - name: Acme\n    domains: [acme.io]\n  - name: Globex\n    domains: [acme.com]\n";
    assert_eq!(
        errors(&planned(file, &live(), false)),
        [(
            "tenants[1].domains[0]".to_string(),
            "acme.com is routed to the tenant \u{201c}\u{2068}Acme\u{2069}\u{201d}: the file moves it here, which removes it there, and removals are not allowed.".to_string()
        )]
    );
    let moved = planned(file, &live(), true);
    assert_eq!((kinds(&moved, 0), kinds(&moved, 1)), (vec![CallKind::SetDomains], vec![CallKind::SetDomains]));
}

#[test]
fn routing_needs_someone_to_act_as() {
    let mut state = live();
    state.tenants[1].admin = None;
    state.tenants[1].users = Ok(vec![]);
    let p = planned("version: 1\ntenants:\n  - name: Globex\n    domains: [globex.com]\n", &state, false);
    assert_eq!(errors(&p), [("tenants[0].admins".to_string(), NO_ONE_TO_ACT_AS.to_string())]);
    let p = planned("version: 1\ntenants:\n  - name: Initech\n    domains: [initech.com]\n", &state, false);
    assert_eq!(errors(&p), [("tenants[0].admins".to_string(), NEEDS_ADMIN.to_string())]);
}

#[test]
fn an_admin_the_server_cannot_show_is_looked_for_not_counted_as_created() {
    let mut state = live();
    state.tenants[1].users = Err("This server lists only its caller's own users".into());
    state.tenants[1].admin = None;
    let p = planned(
        "version: 1\ntenants:\n  - name: Globex\n    admins: [{name: Hank, email: hank@globex.com}]\n",
        &state,
        false,
    );
    assert_eq!(
        p.tenants[0].changes[0].kind,
        ChangeKind::LookFirst { value: "Hank <hank@globex.com> with API credentials".into() }
    );
    assert!(p.tenants[0].record.calls[0].look_first);
    assert_eq!(p.summary().look_first, 1);
    assert!(text(&p).contains("(1 looked for first)"), "{}", text(&p));
    let known = planned(
        "version: 1\ntenants:\n  - name: Globex\n    admins: [{name: Hank, email: hank@globex.com}]\n",
        &live(),
        false,
    );
    assert!(!known.has_changes());
}

#[test]
fn secrets_are_references_checked_at_plan_time() {
    let provider = |secret: &str, rotation: u64| {
        format!("version: 1\ntenants:\n  - name: Acme\n    sso:\n      tenant: acme\n      provider:\n        client_id: c\n        client_secret: {secret}\n        rotation: {rotation}\n        authorization_endpoint: https://kc.example.com/a\n        token_endpoint: https://kc.example.com/t\n")
    };
    let path = "tenants[0].sso.provider.client_secret".to_string();
    assert_eq!(
        errors(&planned(&provider("{keep: true}", 0), &live(), false)),
        [(path.clone(), SECRET_NEEDED.to_string())]
    );
    assert_eq!(
        errors(&planned(&provider("{env: MISSING}", 0), &live(), false)),
        [(path.clone(), "The secret cannot be read: the environment variable MISSING is not set.".to_string())]
    );
    assert_eq!(read(&provider("s3cret", 0)).unwrap_err()[0].message, SECRET_SHAPE);

    // Saved once under rotation 1: the same file plans nothing, a higher rotation sends again.
    let mut state = live();
    state.tenants[0].company.sso = Some(CompanySso { tenant: "acme".into(), ..CompanySso::default() });
    let saved = ProviderConfiguration {
        id: ACME.into(),
        client_id: "c".into(),
        authorization_endpoint: "https://kc.example.com/a".into(),
        token_endpoint: "https://kc.example.com/t".into(),
        rotation: 1,
        ..ProviderConfiguration::default()
    };
    state.tenants[0].providers = Some(vec![LiveProvider { configuration: saved, rotation: 1 }]);
    assert!(!planned(&provider("{keep: true}", 1), &state, false).has_changes());
    assert!(!planned(&provider("{env: GOOD}", 1), &state, false).has_changes());
    let rotated = planned(&provider("{env: GOOD}", 2), &state, false);
    assert_eq!(kinds(&rotated, 0), [CallKind::SaveProvider]);
    assert_eq!(rotated.tenants[0].record.calls[0].body["configuration"]["tenantry_secret_rotation"], 2);
    assert_eq!(
        errors(&planned(&provider("{keep: true}", 2), &state, false)),
        [(path, ROTATION_NEEDS_SECRET.to_string())]
    );
}

#[test]
fn an_export_plans_nothing_and_holds_no_secret() {
    let mut state = live();
    state.tenants[0].company.sso = Some(CompanySso {
        tenant: "acme".into(),
        group_mapping: [("AD Devs".to_string(), "devs".to_string())].into(),
        admin_groups: vec!["AD Admins".into()],
    });
    let saved = ProviderConfiguration {
        id: ACME.into(),
        display_name: "Acme SSO".into(),
        client_id: "clearml".into(),
        client_secret: "s3cret".into(),
        authorization_endpoint: "https://kc.example.com/a".into(),
        token_endpoint: "https://kc.example.com/t".into(),
        group_enabled: true,
        ..ProviderConfiguration::default()
    };
    state.tenants[0].providers = Some(vec![LiveProvider { configuration: saved, rotation: 0 }]);
    let exported = export(&state);
    assert!(!exported.text.contains("s3cret"), "{}", exported.text);
    assert!(exported.text.contains("keep: true"), "{}", exported.text);
    let p = planned(&exported.text, &state, false);
    assert!(errors(&p).is_empty(), "{:?}", p.problems);
    assert!(!p.has_changes(), "{}\n{}", exported.text, text(&p));
    assert!(p.not_in_file.is_empty());
}

#[test]
fn a_plan_carries_the_state_it_read() {
    let before = live().fingerprint();
    let mut changed = live();
    changed.tenants[1].routing.as_mut().unwrap().domains.push("globex.com".into());
    assert_ne!(before, changed.fingerprint());
    assert_eq!(before, live().fingerprint());
    assert_eq!(planned("version: 1\ntenants: []\n", &live(), false).fingerprint, before);
}

#[test]
fn the_reader_names_the_path_of_each_problem() {
    let e = read("version: 2\ntenants:\n  - name: A\n    domain: a.io\n    domains: [[a]]\n    admins:\n      - {name: B, mail: x}\n  - 3\n").unwrap_err();
    let got: Vec<(&str, &str)> = e.iter().map(|p| (p.path.as_str(), p.message.as_str())).collect();
    assert_eq!(
        got,
        [
            ("version", "This reader knows version 1 only."),
            ("tenants[0].\u{2068}domain\u{2069}", "Unknown field \"\u{2068}domain\u{2069}\": the fields here are name, allowed_users, features, exclude_features, domains, whitelist, whitelist_admins, admins and sso."),
            ("tenants[0].domains[0]", "Each entry of this list is one value."),
            ("tenants[0].admins[0].\u{2068}mail\u{2069}", "Unknown field \"\u{2068}mail\u{2069}\": the fields here are id, name, email and credentials."),
            ("tenants[1]", "Each tenant is a mapping of its fields (name: …, domains: …)."),
        ]
    );
}

#[test]
fn invalid_values_are_refused_with_the_index_of_the_entry() {
    let p = planned(
        "version: 1\ntenants:\n  - name: Acme\n    features: [reports, flying]\n    domains: [acme.io, 'not a domain']\n    whitelist: [nobody]\n    admins: [{name: '', email: x@acme.io}]\n",
        &live(),
        false,
    );
    let paths: Vec<String> = errors(&p).into_iter().map(|(path, _)| path).collect();
    assert_eq!(
        paths,
        ["tenants[0].features[1]", "tenants[0].admins[0].name", "tenants[0].domains[1]", "tenants[0].whitelist[0]"]
    );
}

#[test]
fn hostile_text_is_refused_with_its_path_and_quoted_as_text() {
    use crate::clearml::onboarding::{USER_NAME_BIDI, USER_NAME_TOO_LONG};
    use crate::clearml::tenant::{NAME_BIDI, NAME_TOO_LONG};
    let long = "x".repeat(10_000);
    let file = format!(
        "version: 1\ntenants:\n  - name: \"Acme\u{202e}moc\"\n  - name: \"{long}\"\n  - name: Initech\n    admins: [{{name: \"Bill\u{202e}\", email: bill@initech.com}}, {{name: \"{long}\", email: b@initech.com}}]\n"
    );
    let p = planned(&file, &live(), false);
    assert_eq!(
        errors(&p),
        [
            ("tenants[0].name".to_string(), NAME_BIDI.to_string()),
            ("tenants[1].name".to_string(), NAME_TOO_LONG.to_string()),
            ("tenants[2].admins[0].name".to_string(), USER_NAME_BIDI.to_string()),
            ("tenants[2].admins[1].name".to_string(), USER_NAME_TOO_LONG.to_string()),
        ]
    );
    // Markup is a name like any other, and the report shows it isolated, as text.
    let p = planned("version: 1\ntenants:\n  - name: \"<img src=x onerror=alert(1)>\"\n", &live(), false);
    assert!(
        text(&p).contains("tenants[0] \u{201c}\u{2068}<img src=x onerror=alert(1)>\u{2069}\u{201d} (create):"),
        "{}",
        text(&p)
    );
}

#[test]
fn secrets_given_on_a_page_are_the_only_ones_it_can_send() {
    let file = read("version: 1\ntenants:\n  - name: Acme\n    sso:\n      tenant: acme\n      provider:\n        client_id: c\n        client_secret: {env: KC_SECRET}\n        authorization_endpoint: https://kc.example.com/a\n        token_endpoint: https://kc.example.com/t\n  - name: Globex\n    sso:\n      tenant: globex\n      provider:\n        client_id: c\n        client_secret: {env: KC_SECRET}\n        authorization_endpoint: https://kc.example.com/a\n        token_endpoint: https://kc.example.com/t\n").unwrap();
    let wanted = SecretRef::Env("KC_SECRET".into());
    assert_eq!(file.secret_references(), [("tenants[0].sso.provider.client_secret".to_string(), wanted.clone())]);
    let none = GivenSecrets::default();
    assert_eq!(none.resolve(&wanted), Err("the environment variable KC_SECRET was not given on this page".to_string()));
    let given = GivenSecrets(vec![(wanted.clone(), "s3cret".into())]);
    assert_eq!(given.resolve(&wanted), Ok("s3cret".to_string()));
    let p = plan(&file, &live(), false, &none);
    assert_eq!(
        errors(&p)[0],
        (
            "tenants[0].sso.provider.client_secret".to_string(),
            "The secret cannot be read: the environment variable KC_SECRET was not given on this page.".to_string()
        )
    );
    assert!(errors(&plan(&file, &live(), false, &given)).is_empty());
}

#[test]
fn a_secret_variable_is_a_name_a_shell_can_set() {
    let with = |name: &str| {
        format!("version: 1\ntenants:\n  - name: Acme\n    sso:\n      tenant: acme\n      provider:\n        client_id: c\n        client_secret: {{env: '{name}'}}\n        authorization_endpoint: https://kc.example.com/a\n        token_endpoint: https://kc.example.com/t\n")
    };
    assert!(read(&with("KC_SECRET_2")).is_ok());
    for bad in ["A B", "1ST", "X;rm -rf /", "$(id)"] {
        let problems = read(&with(bad)).unwrap_err();
        assert_eq!(
            (problems[0].path.as_str(), problems[0].message.as_str()),
            ("tenants[0].sso.provider.client_secret", SECRET_SHAPE),
            "{bad}"
        );
    }
}

#[test]
fn the_script_reads_each_secret_where_it_runs_and_never_holds_it() {
    let file = "version: 1\ntenants:\n  - name: Acme\n    sso:\n      tenant: acme\n      provider:\n        client_id: c\n        client_secret: {env: GOOD}\n        authorization_endpoint: https://kc.example.com/a\n        token_endpoint: https://kc.example.com/t\n  - name: Globex\n    sso:\n      tenant: globex\n      provider:\n        client_id: c\n        client_secret: {file: /run/secrets/kc}\n        authorization_endpoint: https://kc.example.com/a\n        token_endpoint: https://kc.example.com/t\n";
    struct Both;
    impl Secrets for Both {
        fn resolve(&self, _: &SecretRef) -> Result<String, String> {
            Ok("s3cret".into())
        }
    }
    let p = plan(&read(file).unwrap(), &live(), false, &Both);
    let s = crate::bulk::plan::script(&p.records(), "http://127.0.0.1:8008");
    assert!(!s.contains("s3cret"), "{s}");
    assert!(
        s.contains("jq -c --arg s \"${GOOD:?set GOOD to the client secret}\" '.configuration.client_secret = $s'"),
        "{s}"
    );
    assert!(s.contains("jq -c --arg s \"$(cat '/run/secrets/kc')\" '.configuration.client_secret = $s'"), "{s}");
}

#[test]
fn an_admin_the_console_knows_by_tenant_id_is_whom_it_reads_the_tenant_as() {
    let mut known = KnownAdmins::new();
    known.of_tenant(&CompanyId::parse(ACME).unwrap(), &UserId::parse(ANA).unwrap());
    known.named("GLOBEX", HANK.into());
    let state = live();
    assert_eq!(known.of(&state.tenants[0].company), UserId::parse(ANA).ok());
    assert_eq!(known.of(&state.tenants[1].company), UserId::parse(HANK).ok());
}

#[test]
fn a_new_tenant_that_reads_like_another_is_refused_with_its_path() {
    use crate::names::look_alike::looks_like_message;
    let cyrillic = "\u{410}\u{441}me";
    let file = format!("version: 1\ntenants:\n  - name: Acme\n  - name: G1obex\n  - name: Initech\n  - name: {cyrillic} Labs\n  - name: Acme Labs\n");
    let p = planned(&file, &live(), false);
    assert_eq!(
        errors(&p),
        [
            ("tenants[1].name".to_owned(), looks_like_message("G1obex", "Globex")),
            ("tenants[4].name".to_owned(), looks_like_message("Acme Labs", &format!("{cyrillic} Labs"))),
        ]
    );
}
