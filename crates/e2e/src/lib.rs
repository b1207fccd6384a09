//! Test tooling shared by the server's HTTP tests, the browser tests and the benchmark: each
//! starts what it needs on 127.0.0.1, learns its address from what it prints, and stops it by PID.

pub mod api;
pub mod browser;
pub mod console;
pub mod exports;
pub mod mlflow;
pub mod nginx;
pub mod oidc;
pub mod relay;
pub mod server;

pub use api::Api;
pub use server::RefServer;

use std::path::PathBuf;

/// The workspace root, where `dist/` (the built console) lives.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the workspace root exists")
}
