//! The reference server as a child process on a free port with its own data folder.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub struct RefServer {
    child: Child,
    bin: PathBuf,
    console_dir: Option<PathBuf>,
    extra: Vec<String>,
    data: tempfile::TempDir,
    /// `http://127.0.0.1:<port>`
    pub base: String,
    /// The supervisor's key and secret, printed by the server on first start.
    pub key: String,
    pub secret: String,
}

/// The server binary in this binary's `target/<profile>/`, unless
/// `TENANTRY_REFSERVER_BIN` names one.
pub fn default_bin() -> PathBuf {
    if let Ok(bin) = std::env::var("TENANTRY_REFSERVER_BIN") {
        return bin.into();
    }
    let exe = std::env::current_exe().expect("this binary has a path");
    // Tests run from target/<profile>/deps/, the benchmark from target/<profile>/.
    let mut profile_dir = exe.parent().expect("binaries live in target/<profile>");
    if profile_dir.ends_with("deps") {
        profile_dir = profile_dir.parent().expect("deps/ has a parent");
    }
    let bin = profile_dir.join("tenantry-refserver");
    assert!(bin.exists(), "{} is missing: build it first (scripts/test does)", bin.display());
    bin
}

struct Started {
    child: Child,
    base: String,
    credentials: Option<(String, String)>,
}

fn spawn(bin: &Path, data: &Path, console_dir: Option<&Path>, listen: &str, extra: &[String]) -> Started {
    let mut cmd = Command::new(bin);
    cmd.args(["--listen", listen, "--data-dir"]).arg(data).args(extra);
    if let Some(dir) = console_dir {
        cmd.arg("--console-dir").arg(dir);
    }
    let mut child =
        cmd.stdout(Stdio::piped()).spawn().unwrap_or_else(|e| panic!("cannot start {}: {e}", bin.display()));
    let mut lines = BufReader::new(child.stdout.take().expect("stdout is piped")).lines();
    let (mut key, mut secret, mut base) = (None, None, None);
    // The server prints its address only once it is listening, so reading it is the readiness check.
    for line in lines.by_ref() {
        let line = line.expect("server stdout is text");
        let line = line.trim();
        if let Some(k) = line.strip_prefix("key:") {
            key = Some(k.trim().to_owned());
        } else if let Some(s) = line.strip_prefix("secret:") {
            secret = Some(s.trim().to_owned());
        } else if let Some(api) = line.strip_prefix("API:") {
            base = Some(api.trim().trim_end_matches("/api").to_owned());
            break;
        }
    }
    std::thread::spawn(move || lines.for_each(drop));
    let base = base.unwrap_or_else(|| panic!("{} exited before listening", bin.display()));
    Started { child, base, credentials: key.zip(secret) }
}

impl RefServer {
    pub fn start(console_dir: Option<&Path>) -> Self {
        Self::start_with(console_dir, &[])
    }

    pub fn start_with(console_dir: Option<&Path>, extra: &[&str]) -> Self {
        Self::launch(&default_bin(), console_dir, extra)
    }

    /// Starts the given server binary on a free port with a fresh data folder.
    pub fn launch(bin: &Path, console_dir: Option<&Path>, extra: &[&str]) -> Self {
        let bin = bin.to_path_buf();
        let data = tempfile::tempdir().expect("a temporary data folder");
        let extra: Vec<String> = extra.iter().map(|a| a.to_string()).collect();
        let s = spawn(&bin, data.path(), console_dir, "127.0.0.1:0", &extra);
        let (key, secret) = s.credentials.expect("a fresh server prints the supervisor's credentials");
        let console_dir = console_dir.map(Path::to_path_buf);
        Self { child: s.child, bin, console_dir, extra, data, base: s.base, key, secret }
    }

    pub fn api_url(&self) -> String {
        format!("{}/api", self.base)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Kills the server (SIGKILL: no chance to flush anything) and waits for it to be gone.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts it again on the same port and data folder, as after a crash.
    pub fn restart(&mut self) {
        self.restart_with(&[]);
    }

    /// The same, with more arguments for this start only (e.g. `--rotate-signing-key`).
    pub fn restart_with(&mut self, more: &[&str]) {
        self.kill();
        let listen = self.base.trim_start_matches("http://").to_owned();
        let mut args = self.extra.clone();
        args.extend(more.iter().map(|a| a.to_string()));
        let s = spawn(&self.bin, self.data.path(), self.console_dir.as_deref(), &listen, &args);
        assert!(s.credentials.is_none(), "a restarted server must keep its supervisor");
        self.child = s.child;
    }

    /// The server's data folder.
    pub fn data_dir(&self) -> &Path {
        self.data.path()
    }
}

impl RefServer {
    /// The calls the server has answered, by endpoint (started with `--count-calls`).
    pub fn calls(&self) -> std::collections::BTreeMap<String, u64> {
        let answer =
            ureq::get(&format!("{}/__calls", self.base)).call().expect("the server counts calls (--count-calls)");
        answer.into_json().expect("call counts are JSON")
    }
}

impl Drop for RefServer {
    fn drop(&mut self) {
        self.kill();
    }
}
