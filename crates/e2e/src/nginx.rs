//! The real nginx (Debian's package, installed by scripts/test) running deploy/nginx/tenantry.conf
//! with its CHANGE lines filled in, as a child process on 127.0.0.1, stopped by its PID.

use crate::browser::free_port;
use crate::workspace_root;
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Nginx {
    child: Child,
    _dir: tempfile::TempDir,
    /// `http://127.0.0.1:<port>`
    pub base: String,
}

impl Nginx {
    /// Serves `dist` and proxies `/api/` to `api_address` (`127.0.0.1:<port>`).
    pub fn start(dist: &Path, api_address: &str) -> Self {
        let dir = tempfile::tempdir().expect("a folder for nginx");
        let port = free_port();
        let deploy = workspace_root().join("deploy/nginx");
        let server = std::fs::read_to_string(deploy.join("tenantry.conf"))
            .expect("deploy/nginx/tenantry.conf")
            .replace("listen 8080;", &format!("listen 127.0.0.1:{port};"))
            .replace("root /srv/tenantry/dist;", &format!("root {};", dist.display()))
            .replace("http://127.0.0.1:8008/api/", &format!("http://{api_address}/api/"))
            .replace(
                "/etc/nginx/snippets/tenantry-security.conf",
                &deploy.join("tenantry-security.conf").display().to_string(),
            );
        let temp = |name: &str| format!("{name}_temp_path {};", dir.path().join(name).display());
        // One process as this user: the test owns everything it starts.
        let config = format!(
            "daemon off; master_process off; pid {pid}; error_log stderr warn;\n\
             events {{}}\n\
             http {{ include /etc/nginx/mime.types; default_type application/octet-stream; access_log off;\n\
             {body} {proxy} {fastcgi} {uwsgi} {scgi}\n{server}\n}}\n",
            pid = dir.path().join("nginx.pid").display(),
            body = temp("client_body"),
            proxy = temp("proxy"),
            fastcgi = temp("fastcgi"),
            uwsgi = temp("uwsgi"),
            scgi = temp("scgi"),
        );
        let conf = dir.path().join("nginx.conf");
        std::fs::write(&conf, config).expect("write nginx.conf");
        let child = Command::new("nginx")
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(&conf)
            .stdout(Stdio::null())
            .spawn()
            .expect("nginx is installed (scripts/test installs it)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "nginx did not start listening on {port}");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self { child, _dir: dir, base: format!("http://127.0.0.1:{port}") }
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
