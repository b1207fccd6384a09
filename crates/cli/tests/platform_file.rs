//! `tenantry` run as a pipeline runs it, against the reference server over real HTTP: export, edit,
//! plan (exit codes and JSON), apply, plan again, drift made through the API, removals, a stale
//! plan, resume after the server is killed mid-apply, and the open-source flavour.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use tenantry_e2e::{Api, RefServer};

const TENANTRY: &str = env!("CARGO_BIN_EXE_tenantry");

fn tenantry(s: &RefServer, args: &[&str]) -> Output {
    Command::new(TENANTRY)
        .args(args)
        .env("CLEARML_API_HOST", s.api_url())
        .env("CLEARML_API_ACCESS_KEY", &s.key)
        .env("CLEARML_API_SECRET_KEY", &s.secret)
        .env("ACME_IDP_SECRET", "idp-s3cret")
        .output()
        .expect("tenantry runs")
}

fn text(o: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn supervisor(s: &RefServer) -> Api {
    Api::new(&s.api_url()).basic(&s.key, &s.secret)
}

/// Acme with its admin, two domains and a whitelist, made through the API as the seeds make it.
fn acme(sup: &Api) -> (String, String) {
    let acme = sup.create_company("Acme");
    let ana = sup.create_user(&acme, "ana@acme.io", "admin");
    let act = [("X-Clearml-Act-As", ana.as_str())];
    sup.call_with("login.set_domains", &act, &json!({ "domains": ["acme.io", "acme.com"] }).to_string()).ok();
    sup.call_with(
        "login.add_whitelist_entries",
        &act,
        &json!({ "emails": ["contractor@gmail.com"], "is_admin": false }).to_string(),
    )
    .ok();
    (acme, ana)
}

fn companies(sup: &Api) -> Vec<String> {
    let listed = sup.call("system.get_companies", json!({})).ok();
    listed["companies"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect()
}

const INITECH: &str = r#"  - name: Initech
    allowed_users: 20
    features: [reports]
    domains: [initech.com]
    whitelist: [bill@gmail.com]
    admins:
      - name: Bill Lumbergh
        email: bill@initech.com
    sso:
      tenant: initech
      group_mapping: {AD Devs: users}
      provider:
        display_name: Initech SSO
        client_id: clearml
        client_secret: {env: ACME_IDP_SECRET}
        authorization_endpoint: https://kc.example.com/realms/initech/protocol/openid-connect/auth
        token_endpoint: https://kc.example.com/realms/initech/protocol/openid-connect/token
"#;

#[test]
fn export_edit_plan_apply_and_drift() {
    let s = RefServer::start(None);
    let sup = supervisor(&s);
    let (_, ana) = acme(&sup);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("platform.yaml");
    let file_arg = file.to_str().unwrap();

    let exported = tenantry(&s, &["export", "--out", file_arg]);
    assert_eq!(code(&exported), 0, "{}", text(&exported));
    let yaml = std::fs::read_to_string(&file).unwrap();
    assert!(yaml.contains("name: Acme") && yaml.contains("acme.com") && yaml.contains("ana@acme.io"), "{yaml}");

    let in_sync = tenantry(&s, &["plan", file_arg]);
    assert_eq!(code(&in_sync), 0, "export then plan gives no change: {}\n{yaml}", text(&in_sync));
    assert!(stdout(&in_sync).contains("In sync"), "{}", text(&in_sync));

    // A new tenant with its admin and SSO, and Acme gets one more domain.
    let edited = yaml.replace("- acme.com", "- acme.com\n      - acme.org") + INITECH;
    std::fs::write(&file, &edited).unwrap();
    let planned = tenantry(&s, &["plan", file_arg, "--json"]);
    assert_eq!(code(&planned), 2, "{}", text(&planned));
    let json: Value = serde_json::from_slice(&planned.stdout).unwrap();
    assert_eq!(
        (json["in_sync"].as_bool(), json["summary"]["create"].as_u64(), json["summary"]["change"].as_u64()),
        (Some(false), Some(1), Some(1)),
        "{json}"
    );
    assert!(!stdout(&planned).contains("idp-s3cret"), "a plan never holds a secret");

    let no_file = tenantry(&s, &["apply", file_arg, "--yes"]);
    assert_eq!(code(&no_file), 1, "{}", text(&no_file));
    assert!(text(&no_file).contains("name a file for their secrets with --credentials-out FILE"), "{}", text(&no_file));
    assert_eq!(companies(&sup).len(), 2, "a refused apply sends nothing");

    let creds = dir.path().join("credentials.csv");
    let applied = tenantry(&s, &["apply", file_arg, "--yes", "--credentials-out", creds.to_str().unwrap()]);
    assert_eq!(code(&applied), 0, "{}", text(&applied));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&creds).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let lines: Vec<String> = std::fs::read_to_string(&creds).unwrap().lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    let cells: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(&cells[..2], ["Initech", "bill@initech.com"]);
    let bill = Api::new(&s.api_url()).basic(cells[2], cells[3]);
    let me = bill.call("users.get_current_user", json!({})).ok();
    assert_eq!(
        (me["user"]["email"].as_str(), me["user"]["company"]["name"].as_str()),
        (Some("bill@initech.com"), Some("Initech"))
    );
    assert!(!std::fs::read_to_string(&file).unwrap().contains(cells[3]), "secrets never go into the platform file");

    let again = tenantry(&s, &["plan", file_arg]);
    assert_eq!(code(&again), 0, "apply then plan gives no change: {}", text(&again));

    // Drift made elsewhere: a domain removed and a whitelist entry added in Acme.
    let act = [("X-Clearml-Act-As", ana.as_str())];
    sup.call_with("login.set_domains", &act, &json!({ "domains": ["acme.io", "acme.org"] }).to_string()).ok();
    sup.call_with(
        "login.add_whitelist_entries",
        &act,
        &json!({ "emails": ["intruder@gmail.com"], "is_admin": false }).to_string(),
    )
    .ok();
    let drift = tenantry(&s, &["plan", file_arg]);
    assert_eq!(code(&drift), 2, "{}", text(&drift));
    let report = stdout(&drift);
    assert!(report.contains("  + domains: acme.com\n"), "{report}");
    assert!(
        report.contains("  - whitelist: intruder@gmail.com (withheld: removals are applied only when allowed)\n"),
        "{report}"
    );

    // Without --allow-removals the entry stays; with it, it goes.
    let kept = tenantry(&s, &["apply", file_arg, "--yes"]);
    assert_eq!(code(&kept), 0, "{}", text(&kept));
    assert_eq!(code(&tenantry(&s, &["plan", file_arg])), 2, "the withheld removal is still drift");
    let removed = tenantry(&s, &["apply", file_arg, "--yes", "--allow-removals"]);
    assert_eq!(code(&removed), 0, "{}", text(&removed));
    let settings = sup.call_with("login.get_settings", &act, "{}").ok();
    let emails: Vec<&str> =
        settings["whitelist_entries"].as_array().unwrap().iter().filter_map(|e| e["email"].as_str()).collect();
    assert_eq!(emails, ["contractor@gmail.com"]);
    assert_eq!(code(&tenantry(&s, &["plan", file_arg])), 0);
}

#[test]
fn a_plan_made_against_another_state_is_refused() {
    let s = RefServer::start(None);
    let sup = supervisor(&s);
    let (_, ana) = acme(&sup);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("platform.yaml");
    std::fs::write(&file, "version: 1\ntenants:\n  - name: Acme\n    allowed_users: 30\n").unwrap();
    let file_arg = file.to_str().unwrap();
    let planned: Value = serde_json::from_slice(&tenantry(&s, &["plan", file_arg, "--json"]).stdout).unwrap();
    let fingerprint = planned["plan"]["fingerprint"].as_str().unwrap().to_owned();

    let act = [("X-Clearml-Act-As", ana.as_str())];
    sup.call_with("login.set_domains", &act, &json!({ "domains": ["acme.io"] }).to_string()).ok();
    let stale = tenantry(&s, &["apply", file_arg, "--yes", "--fingerprint", &fingerprint]);
    assert_eq!(code(&stale), 1, "{}", text(&stale));
    assert!(text(&stale).contains("the server changed since the plan was made"), "{}", text(&stale));

    // Asked interactively: the state changes while the question is open.
    let mut child = Command::new(TENANTRY)
        .args(["apply", file_arg])
        .env("CLEARML_API_HOST", s.api_url())
        .env("CLEARML_API_ACCESS_KEY", &s.key)
        .env("CLEARML_API_SECRET_KEY", &s.secret)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut asked = Vec::new();
    while !String::from_utf8_lossy(&asked).contains("Type yes") {
        let got = stderr.fill_buf().unwrap().to_vec();
        assert!(!got.is_empty(), "apply ended without asking: {}", String::from_utf8_lossy(&asked));
        stderr.consume(got.len());
        asked.extend(got);
    }
    sup.call_with("login.set_domains", &act, &json!({ "domains": ["acme.io", "acme.net"] }).to_string()).ok();
    child.stdin.take().unwrap().write_all(b"yes\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert_eq!(out.status.code(), Some(1), "{rest}");
    assert!(rest.contains("the server changed since the plan was made"), "{rest}");
    let listed = sup.call("system.get_companies", json!({})).ok();
    let acme = listed["companies"].as_array().unwrap().iter().find(|c| c["name"] == "Acme").unwrap().clone();
    assert_ne!(acme["defaults"]["allowed_users"], "30", "nothing was applied: {acme}");
}

#[test]
fn an_apply_cut_off_by_a_killed_server_resumes_without_creating_twice() {
    let mut s = RefServer::start(None);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("platform.yaml");
    let mut yaml = String::from("version: 1\ntenants:\n");
    for i in 0..30 {
        yaml.push_str(&format!("  - name: Tenant {i:02}\n    domains: [t{i}.example.com]\n    admins: [{{name: Admin {i}, email: admin@t{i}.example.com, credentials: false}}]\n"));
    }
    std::fs::write(&file, yaml).unwrap();
    let file_arg = file.to_str().unwrap().to_owned();
    let journal = dir.path().join("platform.yaml.apply-journal.json");
    let child = Command::new(TENANTRY)
        .args(["apply", &file_arg, "--yes"])
        .env("CLEARML_API_HOST", s.api_url())
        .env("CLEARML_API_ACCESS_KEY", &s.key)
        .env("CLEARML_API_SECRET_KEY", &s.secret)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Kill the server once some tenants are done and the rest are not.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let done = std::fs::read_to_string(&journal)
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
            .map_or(0, |j| j["runs"].as_array().unwrap().iter().filter(|r| r["done"].as_u64() > Some(0)).count());
        if done >= 5 {
            break;
        }
        assert!(Instant::now() < deadline, "the apply made no progress");
        std::thread::sleep(Duration::from_millis(5));
    }
    s.kill();
    let cut = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&cut.stderr).into_owned();
    assert_eq!(cut.status.code(), Some(1), "{said}");
    assert!(said.contains("run apply again to resume"), "{said}");
    assert!(journal.exists());

    s.restart();
    let resumed = tenantry(&s, &["apply", &file_arg, "--yes"]);
    assert_eq!(code(&resumed), 0, "{}", text(&resumed));
    assert!(text(&resumed).contains("Resuming the apply"), "{}", text(&resumed));
    assert!(!journal.exists(), "a finished apply leaves no journal");
    let sup = supervisor(&s);
    let names = companies(&sup);
    assert_eq!(names.len(), 31, "each tenant once, plus the supervisor's: {names:?}");
    for name in names.iter().filter(|n| n.starts_with("Tenant")) {
        let id = sup.call("system.get_companies", json!({ "name": name })).ok()["companies"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let users = sup.call("users.get_all", json!({ "company": id })).ok();
        assert_eq!(users["users"].as_array().map(Vec::len), Some(1), "{name} has one admin: {users}");
    }
    assert_eq!(code(&tenantry(&s, &["plan", &file_arg])), 0);
}

#[test]
fn on_the_open_source_flavour_an_admin_named_by_id_reads_its_tenant() {
    let s = RefServer::start_with(None, &["--answers", "open-source", "--supervisor-role", "root"]);
    let sup = supervisor(&s);
    let acme = sup.create_company("Acme");
    let ana = sup.create_user(&acme, "ana@acme.io", "admin");
    let dir = tempfile::tempdir().unwrap();

    let exported = tenantry(&s, &["export"]);
    assert_eq!(code(&exported), 0, "{}", text(&exported));
    assert!(
        text(&exported).contains("\u{201c}\u{2068}Acme\u{2069}\u{201d}: its login routing was not exported"),
        "{}",
        text(&exported)
    );

    let file = dir.path().join("platform.yaml");
    std::fs::write(&file, format!("version: 1\ntenants:\n  - name: Acme\n    domains: [acme.io]\n    admins: [{{id: {ana}, name: ana, email: ana@acme.io}}]\n")).unwrap();
    let file_arg = file.to_str().unwrap();
    let planned = tenantry(&s, &["plan", file_arg]);
    assert_eq!(code(&planned), 2, "{}", text(&planned));
    assert!(stdout(&planned).contains("+ domains: acme.io"), "{}", text(&planned));
    let applied = tenantry(&s, &["apply", file_arg, "--yes"]);
    assert_eq!(code(&applied), 0, "{}", text(&applied));
    assert_eq!(code(&tenantry(&s, &["plan", file_arg])), 0);

    // Without the id the plan cannot see the admin: it looks first and never counts a create.
    std::fs::write(&file, "version: 1\ntenants:\n  - name: Acme\n    admins: [{name: ana, email: ana@acme.io}]\n")
        .unwrap();
    let honest = tenantry(&s, &["plan", file_arg]);
    assert!(stdout(&honest).contains("? admins[0]: ana <ana@acme.io>"), "{}", text(&honest));
    assert!(stdout(&honest).contains("0 to create"), "{}", text(&honest));

    // An admin the apply creates is named with its id, which the file then carries: planned
    // again, in sync.
    let initech = "version: 1\ntenants:\n  - name: Initech\n    admins: [{name: Bill, email: bill@initech.com, credentials: false}]\n";
    std::fs::write(&file, initech).unwrap();
    let applied = tenantry(&s, &["apply", file_arg, "--yes"]);
    assert_eq!(code(&applied), 0, "{}", text(&applied));
    let out = stdout(&applied);
    let id = out
        .split("Created the admin bill@initech.com of Initech: user id ")
        .nth(1)
        .and_then(|rest| rest.split('.').next())
        .unwrap_or_else(|| panic!("the created admin's id is printed: {out}"));
    std::fs::write(&file, initech.replace("{name: Bill,", &format!("{{id: {id}, name: Bill,"))).unwrap();
    let again = tenantry(&s, &["plan", file_arg]);
    assert_eq!(code(&again), 0, "{}", text(&again));
}

#[test]
fn an_invalid_file_is_an_error_with_paths_and_sends_nothing() {
    let s = RefServer::start(None);
    let sup = supervisor(&s);
    acme(&sup);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("platform.yaml");
    std::fs::write(&file, "version: 1\ntenants:\n  - name: Globex\n    domains: [globex.com, acme.io]\n    admins: [{name: Hank, email: hank@globex.com}]\n").unwrap();
    for args in [vec!["plan", file.to_str().unwrap()], vec!["apply", file.to_str().unwrap(), "--yes"]] {
        let out = tenantry(&s, &args);
        assert_eq!(code(&out), 1, "{}", text(&out));
        assert!(stdout(&out).contains("error: tenants[0].domains[1]: acme.io is already routed to the tenant \u{201c}\u{2068}Acme\u{2069}\u{201d}."), "{}", text(&out));
    }
    assert_eq!(companies(&sup).len(), 2);
}

#[test]
fn the_schema_is_json_schema() {
    let out = Command::new(TENANTRY).arg("schema").output().unwrap();
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["properties"]["version"]["const"], 1);
    assert!(Path::new(TENANTRY).exists());
}

/// The answers were lost after the server did the work: the journal says each call went out
/// unanswered, and the resume finds what was made instead of making it again.
#[test]
fn a_resume_looks_for_what_an_unanswered_call_made() {
    let s = RefServer::start(None);
    let sup = supervisor(&s);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("platform.yaml");
    std::fs::write(
        &file,
        "version: 1\ntenants:\n  - name: Hooli\n    domains: [hooli.xyz]\n    admins: [{name: Gavin, email: gavin@hooli.xyz, credentials: false}]\n  - name: Pied Piper\n    admins: [{name: Richard, email: richard@piedpiper.com, credentials: false}]\n",
    )
    .unwrap();
    let file_arg = file.to_str().unwrap();
    let planned: Value = serde_json::from_slice(&tenantry(&s, &["plan", file_arg, "--json"]).stdout).unwrap();
    let records: Vec<Value> =
        planned["plan"]["tenants"].as_array().unwrap().iter().map(|t| t["record"].clone()).collect();

    // Hooli's create_company and Pied Piper's create_user happened; neither answer arrived.
    sup.create_company("Hooli");
    let piper = sup.create_company("Pied Piper");
    let richard = sup.create_user(&piper, "richard@piedpiper.com", "admin");
    let unsure = |done: u64, tenant: Option<&str>| json!({ "done": done, "tenant_id": tenant, "admin_id": null, "access_key": null, "unsure": true, "failure": null, "found": [] });
    let journal = json!({
        "api": s.api_url(),
        "fingerprint": planned["plan"]["fingerprint"],
        "records": records,
        "runs": [unsure(0, None), unsure(1, Some(&piper))],
    });
    std::fs::write(dir.path().join("platform.yaml.apply-journal.json"), journal.to_string()).unwrap();

    let resumed = tenantry(&s, &["apply", file_arg, "--yes"]);
    assert_eq!(code(&resumed), 0, "{}", text(&resumed));
    assert_eq!(
        companies(&sup).iter().filter(|n| *n == "Hooli" || *n == "Pied Piper").count(),
        2,
        "{:?}",
        companies(&sup)
    );
    let users = sup.call("users.get_all", json!({ "company": piper })).ok();
    let ids: Vec<&str> = users["users"].as_array().unwrap().iter().filter_map(|u| u["id"].as_str()).collect();
    assert_eq!(ids, [richard.as_str()], "the admin made by the lost call is the only one");
    assert_eq!(code(&tenantry(&s, &["plan", file_arg])), 0, "{}", text(&tenantry(&s, &["plan", file_arg])));
}
