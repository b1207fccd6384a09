//! The documented deployment: deploy/nginx/tenantry.conf run by the real nginx in front of the
//! reference server, with a config.json beside index.html. The console is served with the same
//! security headers as the reference server sends, precompressed and cached by name, client routes
//! fall back to index.html and missing files do not, /api/ reaches the apiserver, and the console
//! signs in through it with the API address config.json names.

use tenantry_e2e::browser::{by_test_id, Browser};
use tenantry_e2e::console::{console_server, submit_sign_in};
use tenantry_e2e::nginx::Nginx;
use tenantry_e2e::workspace_root;

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn get(url: &str, accept_encoding: &str) -> ureq::Response {
    match ureq::get(url).set("Accept-Encoding", accept_encoding).call() {
        Ok(r) | Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{url}: {e}"),
    }
}

#[tokio::test]
async fn the_console_behind_nginx_signs_in_with_the_address_config_json_names() {
    let server = console_server();
    let site = tempfile::tempdir().unwrap();
    copy_dir(&workspace_root().join("dist"), site.path());
    let nginx = Nginx::start(site.path(), server.base.trim_start_matches("http://"));
    // The API through nginx, written with another host name than the page's, so that the field
    // shows config.json's address and not the default (this origin's /api).
    let port = nginx.base.rsplit(':').next().unwrap().to_owned();
    let configured = format!("http://localhost:{port}/api");
    std::fs::write(
        site.path().join("config.json"),
        format!(r#"{{"api_url": "{configured}", "mlflow_url": "http://127.0.0.1:5999"}}"#),
    )
    .unwrap();

    let index = get(&format!("{}/tenants", nginx.base), "identity");
    assert_eq!(index.status(), 200);
    let reference = get(&format!("{}/", server.base), "identity");
    for header in ["content-security-policy", "x-content-type-options", "referrer-policy", "cross-origin-opener-policy"]
    {
        assert_eq!(index.header(header), reference.header(header), "{header} as the reference server sends it");
    }
    assert_eq!(index.header("cache-control"), Some("no-cache"));
    let html = index.into_string().unwrap();
    let wasm = html
        .split("href=\"/")
        .find_map(|s| s.split('"').next().filter(|f| f.ends_with("_bg.wasm")))
        .unwrap()
        .to_owned();
    let module = get(&format!("{}/{wasm}", nginx.base), "gzip");
    assert_eq!(module.header("content-encoding"), Some("gzip"));
    assert_eq!(module.header("content-type"), Some("application/wasm"));
    assert_eq!(module.header("cache-control"), Some("public, max-age=31536000, immutable"));
    assert!(module.header("content-security-policy").is_some(), "every location keeps the security headers");
    assert_eq!(get(&format!("{}/page_nothing-0123456789abcdef.wasm", nginx.base), "gzip").status(), 404);
    let api = get(&format!("{}/api/users.get_current_user", nginx.base), "identity");
    assert_eq!((api.status(), api.header("content-type")), (401, Some("application/json")));

    let b = Browser::start().await;
    b.goto(&format!("{}/tenants", nginx.base)).await;
    b.wait_for_value("#api-url", &configured).await;
    submit_sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_text(&by_test_id("whoami"), "Supervisor").await;
    b.wait_for_text(&by_test_id("tenant-count"), "1 tenant").await;
    b.follow("/mlflow").await;
    b.wait_for_value("#mlflow-url", "http://127.0.0.1:5999").await;
    b.screenshot("66-behind-nginx").await;
    b.close().await;
}
