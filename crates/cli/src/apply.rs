//! `tenantry apply`: plan, ask, then run the plan's records with the engine's executor. Progress is
//! journaled beside the file before and after every call, so an apply cut off (the network, the
//! server, this process) is resumed by running it again, looking before it resends. Issued
//! secrets go only to the file the person names, created readable by its owner alone.

use crate::{plan_file, sign_in, Server};
use clap::Args;
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use tenantry_core::bulk::plan::{CallKind, RecordPlan};
use tenantry_core::bulk::run::{RecordRun, Status};
use tenantry_core::clearml::wire::IssuedCredentials;
use tenantry_core::platform::execute::{run_record, Journal};
use tenantry_core::platform::report;
use tenantry_core::platform::spec::ProcessSecrets;

#[derive(Args)]
pub struct ApplyArgs {
    file: PathBuf,
    #[command(flatten)]
    server: Server,
    /// Apply without asking.
    #[arg(long)]
    yes: bool,
    /// Send the plan's removals (domains, whitelist entries, features, SSO groups) too.
    #[arg(long)]
    allow_removals: bool,
    /// Where issued credentials are written (created 0600): tenant, email, access key, secret.
    #[arg(long)]
    credentials_out: Option<PathBuf>,
    /// Refuse unless the server is still in the state this fingerprint (from `plan`) names.
    #[arg(long)]
    fingerprint: Option<String>,
}

/// What an apply under way has done, kept beside the platform file until it finishes.
#[derive(Serialize, Deserialize)]
struct Progress {
    api: String,
    fingerprint: String,
    records: Vec<RecordPlan>,
    runs: Vec<RecordRun>,
}

fn journal_path(file: &Path) -> PathBuf {
    let mut name = file.file_name().unwrap_or_default().to_owned();
    name.push(".apply-journal.json");
    file.with_file_name(name)
}

fn private_file(path: &Path, append: bool) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).write(true);
    if append {
        options.append(true);
    } else {
        options.truncate(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

fn save(path: &Path, progress: &Progress) -> Result<(), String> {
    let text = serde_json::to_string(progress).unwrap_or_default();
    let temporary = path.with_extension("json.tmp");
    private_file(&temporary, false)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|_| f.sync_all()))
        .and_then(|_| std::fs::rename(&temporary, path))
        .map_err(|e| format!("cannot write the journal {}: {e}", path.display()))
}

pub fn apply(args: &ApplyArgs) -> Result<(), String> {
    let journal = journal_path(&args.file);
    if journal.exists() {
        let text = std::fs::read_to_string(&journal).map_err(|e| format!("cannot read {}: {e}", journal.display()))?;
        let progress: Progress =
            serde_json::from_str(&text).map_err(|e| format!("{} is not an apply journal: {e}", journal.display()))?;
        let left: usize =
            progress.records.iter().zip(&progress.runs).filter(|(p, r)| r.status(p) != Status::Done).count();
        eprintln!(
            "Resuming the apply in {} ({left} tenants not done): calls that may have happened are looked for first.",
            journal.display()
        );
        let api = sign_in(&args.server)?;
        return run(args, &api, &journal, progress);
    }
    let (plan, api, file) = plan_file(&args.file, &args.server, args.allow_removals)?;
    print!("{}", report::text(&plan));
    if plan.errors() > 0 {
        return Err("the file has errors: nothing was sent".into());
    }
    if let Some(expected) = args.fingerprint.as_deref().filter(|f| *f != plan.fingerprint) {
        return Err(stale(expected, &plan.fingerprint));
    }
    let records: Vec<RecordPlan> = plan.records().into_iter().filter(|r| !r.calls.is_empty()).collect();
    if records.is_empty() {
        println!("Nothing to apply.");
        return Ok(());
    }
    let issues = records.iter().flat_map(|r| &r.calls).filter(|c| c.kind == CallKind::IssueCredentials).count();
    if issues > 0 && args.credentials_out.is_none() {
        return Err(format!("this apply issues {issues} credentials: name a file for their secrets with --credentials-out FILE, or give those admins credentials: false"));
    }
    if !args.yes {
        let calls: usize = records.iter().map(|r| r.calls.len()).sum();
        eprint!("Apply these {calls} calls to {}? Type yes to go ahead: ", api.base());
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer).map_err(|e| e.to_string())?;
        if answer.trim() != "yes" {
            return Err("nothing was applied".into());
        }
        let again = crate::read_live(&api, &file.known_admins())?;
        if again.fingerprint() != plan.fingerprint {
            return Err(stale(&plan.fingerprint, &again.fingerprint()));
        }
    }
    let runs = records.iter().map(RecordRun::new).collect();
    let progress = Progress { api: api.base().to_owned(), fingerprint: plan.fingerprint.clone(), records, runs };
    save(&journal, &progress)?;
    run(args, &api, &journal, progress)
}

fn stale(planned: &str, now: &str) -> String {
    format!("the server changed since the plan was made (planned against {planned}, it is now {now}): plan again")
}

struct CliJournal<'a> {
    path: &'a Path,
    progress: &'a mut Progress,
    index: usize,
    credentials: Option<&'a mut File>,
    failed_to_save: Option<String>,
    written: usize,
    /// Admins this apply created: tenant, email, user id.
    created: &'a mut Vec<(String, String, String)>,
}

impl Journal for CliJournal<'_> {
    fn save(&mut self, run: &RecordRun) {
        let plan = &self.progress.records[self.index];
        let before = self.progress.runs[self.index].done;
        let finished = (run.done > before).then(|| &plan.calls[run.done - 1]);
        if let (Some(call), Some(id)) = (finished.filter(|c| c.kind == CallKind::CreateAdmin), &run.admin_id) {
            let email = call.body["email"].as_str().unwrap_or_default().to_owned();
            self.created.push((plan.tenant.clone(), email, id.clone()));
        }
        self.progress.runs[self.index] = run.clone();
        if let Err(e) = save(self.path, self.progress) {
            self.failed_to_save = Some(e);
        }
    }

    fn issued(&mut self, admin_email: String, credentials: IssuedCredentials) {
        let tenant = &self.progress.records[self.index].tenant;
        let line = csv_line(&[tenant, &admin_email, &credentials.access_key, &credentials.secret_key]);
        if let Some(f) = self.credentials.as_deref_mut() {
            if let Err(e) = f.write_all(line.as_bytes()).and_then(|_| f.sync_all()) {
                self.failed_to_save = Some(format!("cannot write the credentials: {e}"));
            }
        }
        self.written += 1;
    }

    fn stopped(&self) -> bool {
        self.failed_to_save.is_some()
    }
}

fn csv_line(cells: &[&str]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| if c.contains([',', '"', '\n']) { format!("\"{}\"", c.replace('"', "\"\"")) } else { (*c).to_owned() })
        .collect();
    format!("{}\n", quoted.join(","))
}

fn run(args: &ApplyArgs, api: &crate::api::Api, journal: &Path, mut progress: Progress) -> Result<(), String> {
    let mut credentials = match &args.credentials_out {
        Some(path) => {
            let mut f = private_file(path, true).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
            if f.metadata().map(|m| m.len() == 0).unwrap_or(true) {
                f.write_all(b"tenant,email,access_key,secret_key\n").map_err(|e| e.to_string())?;
            }
            Some(f)
        }
        None => None,
    };
    let total = progress.records.len();
    let mut failures = Vec::new();
    let mut issued = 0;
    let mut created = Vec::new();
    for index in 0..total {
        let plan = progress.records[index].clone();
        let mut record = progress.runs[index].clone();
        if record.status(&plan) == Status::Done {
            continue;
        }
        record.retry();
        eprintln!("[{}/{total}] {}: {} calls", index + 1, plan.tenant, plan.calls.len() - record.done);
        let mut j = CliJournal {
            path: journal,
            progress: &mut progress,
            index,
            credentials: credentials.as_mut(),
            failed_to_save: None,
            written: 0,
            created: &mut created,
        };
        futures::executor::block_on(run_record(api, &plan, &mut record, &ProcessSecrets, &mut j));
        issued += j.written;
        if let Some(e) = j.failed_to_save.take() {
            return Err(e);
        }
        if let Some(failure) = &record.failure {
            let call = record.next(&plan).map_or("", |c| c.kind.endpoint());
            eprintln!("  failed at {call}: {failure}");
            failures.push(plan.tenant.clone());
            if record.unsure {
                break;
            }
        }
    }
    if !failures.is_empty() {
        return Err(format!(
            "{} tenants failed ({}); what was done is journaled in {}: run apply again to resume",
            failures.len(),
            failures.join(", "),
            journal.display()
        ));
    }
    std::fs::remove_file(journal).map_err(|e| format!("cannot remove {}: {e}", journal.display()))?;
    let calls: usize = progress.records.iter().map(|r| r.calls.len()).sum();
    println!("Applied {calls} calls to {total} tenants.");
    for (tenant, email, id) in &created {
        println!("Created the admin {email} of {tenant}: user id {id}.");
    }
    if !created.is_empty() {
        println!("A server that lists only its caller's users (the open-source apiserver) sees an admin through its id in the file: admins: [{{id: …, email: …}}].");
    }
    if let (Some(path), true) = (&args.credentials_out, issued > 0) {
        println!(
            "{issued} new credentials were written to {} (readable by you only): they are shown nowhere else.",
            path.display()
        );
    }
    Ok(())
}
