//! What every browser test does first: start the reference server with the built console, sign
//! in through the form; and what they check with: the browser's own record of requests.

use crate::browser::{by_test_id, Browser};
use crate::{workspace_root, Api, RefServer};
use serde_json::json;

pub fn console_server() -> RefServer {
    let dist = workspace_root().join("dist");
    assert!(
        dist.join("index.html").exists(),
        "{} is missing: build the console first (scripts/test does)",
        dist.display()
    );
    RefServer::start(Some(&dist))
}

pub async fn sign_in(b: &Browser, key: &str, secret: &str) {
    sign_in_as(b, key, secret, "Supervisor").await;
}

/// Signs in through the form and waits until the top bar names `who`.
pub async fn sign_in_as(b: &Browser, key: &str, secret: &str, who: &str) {
    b.fill("#access-key", key).await;
    b.fill("#secret-key", secret).await;
    b.click("[data-testid=\"sign-in-form\"] button[type=submit]").await;
    b.wait_for_text(&by_test_id("whoami"), who).await;
}

/// How many requests the page has made to `endpoint`, from the browser's own resource timing.
pub async fn requests_to(b: &Browser, endpoint: &str) -> u64 {
    let script =
        "return performance.getEntriesByType('resource').filter(e => e.name.endsWith('/' + arguments[0])).length";
    b.client.execute(script, vec![json!(endpoint)]).await.expect("resource timing").as_u64().unwrap()
}

pub async fn company_named(api: &Api, name: &str) -> serde_json::Value {
    api.call("system.get_companies", json!({ "name": name })).ok()["companies"][0].clone()
}
