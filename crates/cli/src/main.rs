//! `tenantry`: the platform file from a command line, for pipelines. The same reader, planner and
//! executor as the console (tenantry-core's `platform`), over HTTP with ureq.
//! Exit codes follow `terraform plan -detailed-exitcode`: 0 nothing to change, 2 changes, 1 error.

mod api;
mod apply;

use api::Api;
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tenantry_core::platform::live::{self, KnownAdmins, LiveState};
use tenantry_core::platform::plan::{plan, PlatformPlan};
use tenantry_core::platform::spec::{PlatformFile, ProcessSecrets};
use tenantry_core::platform::{export, read, report, schema};

#[derive(Parser)]
#[command(
    name = "tenantry",
    version,
    about = "Tenants as code: export, plan and apply a platform file against a ClearML apiserver."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Server {
    /// The apiserver's API address, e.g. http://127.0.0.1:8008/api.
    #[arg(long = "api", env = "CLEARML_API_HOST")]
    api: String,
    /// The supervisor's access key.
    #[arg(long = "key", env = "CLEARML_API_ACCESS_KEY")]
    key: String,
    /// The supervisor's secret key.
    #[arg(long = "secret", env = "CLEARML_API_SECRET_KEY", hide_env_values = true)]
    secret: String,
}

#[derive(Subcommand)]
enum Command {
    /// Writes the server's tenants as a platform file (no secret is ever written).
    Export {
        #[command(flatten)]
        server: Server,
        /// Where to write it; standard output when left out.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Compares FILE with the server: exit 0 in sync, 2 changes (the drift report), 1 error.
    Plan {
        file: PathBuf,
        #[command(flatten)]
        server: Server,
        /// The plan as JSON, for machines.
        #[arg(long)]
        json: bool,
        /// Plan removals as calls rather than withholding them.
        #[arg(long)]
        allow_removals: bool,
    },
    /// Plans FILE, asks, then applies it; resumes an interrupted apply of the same FILE.
    Apply(apply::ApplyArgs),
    /// Prints the platform file's JSON Schema.
    Schema,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Schema => {
            println!("{}", serde_json::to_string_pretty(&schema::schema()).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Command::Export { server, out } => outcome(export_to(&server, out.as_deref())),
        Command::Plan { file, server, json, allow_removals } => match plan_file(&file, &server, allow_removals) {
            Ok((plan, _, _)) => {
                if json {
                    println!("{}", plan_json(&plan));
                } else {
                    print!("{}", report::text(&plan));
                }
                match (plan.errors(), plan.has_changes()) {
                    (0, false) => ExitCode::SUCCESS,
                    (0, true) => ExitCode::from(2),
                    _ => ExitCode::FAILURE,
                }
            }
            Err(why) => fail(&why),
        },
        Command::Apply(args) => outcome(apply::apply(&args)),
    }
}

fn outcome(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => fail(&why),
    }
}

fn fail(why: &str) -> ExitCode {
    eprintln!("tenantry: {why}");
    ExitCode::FAILURE
}

fn plan_json(plan: &PlatformPlan) -> String {
    let value = serde_json::json!({
        "in_sync": !plan.has_changes(),
        "errors": plan.errors(),
        "summary": plan.summary(),
        "plan": plan,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

fn sign_in(server: &Server) -> Result<Api, String> {
    Api::sign_in(&server.api, &server.key, &server.secret)
        .map_err(|e| format!("cannot sign in at {}: {}", server.api, e.explained()))
}

fn read_live(api: &Api, known: &KnownAdmins) -> Result<LiveState, String> {
    futures::executor::block_on(live::read(api, known))
        .map_err(|e| format!("cannot read the server's tenants: {}", e.explained()))
}

fn read_file(path: &Path) -> Result<PlatformFile, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    read::read(&text).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(|p| format!("error: {}: {}", p.path, p.message)).collect();
        format!("{} is not a valid platform file:\n{}", path.display(), lines.join("\n"))
    })
}

/// The file planned against the server, with the client and the file for an apply.
fn plan_file(path: &Path, server: &Server, allow_removals: bool) -> Result<(PlatformPlan, Api, PlatformFile), String> {
    let file = read_file(path)?;
    let api = sign_in(server)?;
    let live = read_live(&api, &file.known_admins())?;
    Ok((plan(&file, &live, allow_removals, &ProcessSecrets), api, file))
}

fn export_to(server: &Server, out: Option<&Path>) -> Result<(), String> {
    let api = sign_in(server)?;
    let exported = export::export(&read_live(&api, &KnownAdmins::new())?);
    for note in &exported.notes {
        eprintln!("note: {note}");
    }
    match out {
        Some(path) => std::fs::write(path, &exported.text).map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => {
            print!("{}", exported.text);
            Ok(())
        }
    }
}
