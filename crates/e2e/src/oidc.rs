//! A real OpenID provider (npm's oidc-provider, installed into `.tools/` by the test setup) as a
//! child process on a free port, shaped like Keycloak: `<base>/realms/<realm>`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

pub struct OidcProvider {
    child: Child,
    /// `http://127.0.0.1:<port>`
    pub base: String,
}

pub const REALM: &str = "tenantry";

impl OidcProvider {
    pub fn start() -> Self {
        let root = crate::workspace_root();
        let mut child = Command::new("node")
            .arg(root.join("crates/e2e/oidc/provider.mjs"))
            .arg(root.join(".tools"))
            .arg(REALM)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node starts (scripts/test installs oidc-provider into .tools/)");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout is piped")).lines();
        // The script prints its address once it is listening: that line is the readiness check.
        let base = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|l| l.strip_prefix("ready ").map(str::to_owned))
            .expect("the OpenID provider exited before listening: is oidc-provider installed in .tools/?");
        std::thread::spawn(move || lines.for_each(drop));
        Self { child, base }
    }

    /// The issuer URL, as Keycloak writes a realm's.
    pub fn issuer(&self) -> String {
        format!("{}/realms/{REALM}", self.base)
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
