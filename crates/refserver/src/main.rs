//! The Tenantry reference apiserver: the ClearML multi-tenancy endpoints the console uses, with the
//! same wire format and roles, stored in SQLite, serving the built console beside the API.

mod answers;
mod app;
mod body;
mod bootstrap;
mod console;
mod cors;
mod endpoints;
mod failure;
mod http;
mod identity;
mod private_files;
mod serve;
mod sign_in_guard;
mod store;
mod token;

use clap::Parser;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// Address to listen on; port 0 picks a free one (the address taken is printed).
    #[arg(long, default_value = "127.0.0.1:8008")]
    listen: SocketAddr,
    /// Folder for the SQLite database (created if missing).
    #[arg(long, default_value = "data")]
    data_dir: PathBuf,
    /// Folder of the built console (trunk's `dist`), served for every non-API path.
    #[arg(long)]
    console_dir: Option<PathBuf>,
    /// Lifetime of sign-in tokens: one minute to thirty days.
    #[arg(long, default_value_t = 12 * 3600, value_parser = clap::value_parser!(u64).range(60..=30 * 24 * 3600))]
    token_ttl_seconds: u64,
    /// Refuse a second company of the same name, as `CLEARML__apiserver__company__unique_names` does.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    unique_names: bool,
    /// Answer as the documented reference does, or as the open-source apiserver does where the
    /// two share an endpoint (for testing the console against real servers' shapes).
    #[arg(long, value_enum, default_value_t = answers::Answers::Reference)]
    answers: answers::Answers,
    /// The supervisor's role on first start: `system` (the seed's), or `root`, the only role the
    /// open-source apiserver lets act for users of another company.
    #[arg(long, value_enum, default_value_t = bootstrap::SupervisorRole::System)]
    supervisor_role: bootstrap::SupervisorRole,
    /// Count the calls answered, by endpoint, and serve the counts at `/__calls` (for tests).
    #[arg(long)]
    count_calls: bool,
    /// Revoke the supervisor's credentials and print new ones.
    #[arg(long)]
    new_supervisor_credentials: bool,
    /// A web origin (e.g. `https://console.example`) whose pages may call the API; repeat for more.
    /// Without one, pages served from this machine (127.0.0.1, [::1], localhost) may.
    #[arg(long = "allowed-origin")]
    allowed_origins: Vec<String>,
    /// An address the console may call besides this server (an MLflow server, another apiserver),
    /// as `scheme://host[:port]`; repeat for more. The console's Content-Security-Policy then
    /// allows only these and this server. Without one, any http(s) address: the user types the API
    /// address at sign-in.
    #[arg(long = "connect-src", value_parser = console::parse_origin)]
    connect_src: Vec<String>,
    /// Answer `debug.panic` by panicking (for tests of how a panic is answered).
    #[arg(long, hide = true)]
    panic_endpoint: bool,
    /// Make a new token signing key: every sign-in token issued before stops working.
    #[arg(long)]
    rotate_signing_key: bool,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    sign_in_guard::return_big_blocks_to_the_system();
    let args = Args::parse();
    private_files::folder(&args.data_dir)?;
    let db_path = args.data_dir.join("tenantry-refserver.sqlite");
    private_files::database(&db_path)?;
    let store = store::Store::open(&db_path)?;
    let fresh = bootstrap::supervisor(&store, args.supervisor_role, args.new_supervisor_credentials)?;
    let tokens = token::Tokens::new(
        &private_files::signing_key(&args.data_dir, args.rotate_signing_key)?,
        args.token_ttl_seconds,
    );
    let calls = args.count_calls.then(Default::default);
    let app = Arc::new(app::App {
        store,
        tokens,
        unique_names: args.unique_names,
        answers: args.answers,
        calls,
        panic_endpoint: args.panic_endpoint,
        allowed_origins: cors::AllowedOrigins::new(&args.allowed_origins),
        sign_in_guard: sign_in_guard::SignInGuard::for_this_machine(),
    });

    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    let base = format!("http://{}", listener.local_addr()?);
    let mut out = std::io::stdout().lock();
    match fresh {
        Some(c) => writeln!(
            out,
            "Supervisor credentials (shown this once; only a hash is stored):\n  key:    {}\n  secret: {}",
            c.access_key, c.secret_key
        )?,
        None => writeln!(
            out,
            "Supervisor credentials were shown when {} was created; --new-supervisor-credentials makes new ones.",
            db_path.display()
        )?,
    }
    writeln!(out, "Database: {}", db_path.display())?;
    if args.console_dir.is_some() {
        writeln!(out, "Console:  {base}/")?;
    }
    writeln!(out, "API:      {base}/api")?;
    out.flush()?;
    drop(out);

    serve::serve(listener, http::router(app, args.console_dir, &args.connect_src), async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    Ok(())
}
