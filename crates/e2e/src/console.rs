//! What every browser test does first: start the reference server with the built console, sign
//! in through the form; and what they check with: the browser's own record of requests.

use crate::browser::{by_test_id, Browser};
use crate::{workspace_root, Api, RefServer};
use serde_json::json;
use std::collections::BTreeMap;

pub fn console_server() -> RefServer {
    console_server_with(&[])
}

/// The same, with more server arguments (e.g. `--answers open-source`).
pub fn console_server_with(extra: &[&str]) -> RefServer {
    let dist = workspace_root().join("dist");
    assert!(
        dist.join("index.html").exists(),
        "{} is missing: build the console first (scripts/test does)",
        dist.display()
    );
    // Every browser test can ask the server what the console sent: counted there, no call is lost.
    let mut args = vec!["--count-calls"];
    args.extend(extra.iter().copied().filter(|a| *a != "--count-calls"));
    RefServer::start_with(Some(&dist), &args)
}

/// What the server has answered so far, by endpoint: taken before an action, then asked with
/// [`Sent::since`] how many calls the action made.
pub struct Sent(BTreeMap<String, u64>);

/// Counts the page's API calls in flight, around `fetch` (which the console's client calls).
const WATCH_CALLS: &str = "if (!window.__tenantryCalls) {
        const calls = { inFlight: 0 };
        const real = window.fetch;
        window.fetch = function (...args) {
            calls.inFlight++;
            const answered = real.apply(this, args);
            const settled = () => { calls.inFlight--; };
            answered.then(settled, settled);
            return answered;
        };
        window.__tenantryCalls = calls;
    }";

/// Calls back once no call has been in flight for three turns of the page's event loop, so a call
/// a click started has been answered (and counted by the server) before anything is counted.
const SETTLED: &str = "const done = arguments[arguments.length - 1];
    const calls = window.__tenantryCalls;
    if (!calls) { done('the page was loaded again after the count was taken: take it after the load'); return; }
    let quiet = 0;
    (function look() {
        quiet = calls.inFlight === 0 ? quiet + 1 : 0;
        if (quiet >= 3) { done(null); } else { setTimeout(look, 10); }
    })();";

impl Sent {
    /// The server's counts now; from here on the page's calls are watched.
    pub async fn so_far(server: &RefServer, b: &Browser) -> Self {
        b.client.execute(WATCH_CALLS, vec![]).await.expect("watch the page's calls");
        Self(server.calls())
    }

    /// Calls to `endpoint` the server answered since this count was taken, once the page has no
    /// call under way: a call a click started counts, however late its answer.
    pub async fn since(&self, server: &RefServer, b: &Browser, endpoint: &str) -> u64 {
        let refused = b.client.execute_async(SETTLED, vec![]).await.expect("wait for the page's calls");
        assert!(refused.is_null(), "{refused}");
        let now = server.calls().get(endpoint).copied().unwrap_or(0);
        now - self.0.get(endpoint).copied().unwrap_or(0)
    }
}

pub async fn sign_in(b: &Browser, key: &str, secret: &str) {
    sign_in_as(b, key, secret, "Supervisor").await;
}

/// Signs in through the form and waits until the top bar names `who`.
pub async fn sign_in_as(b: &Browser, key: &str, secret: &str, who: &str) {
    submit_sign_in(b, key, secret).await;
    b.wait_for_text(&by_test_id("whoami"), who).await;
}

/// Types the key and secret into the sign-in form and sends it.
pub async fn submit_sign_in(b: &Browser, key: &str, secret: &str) {
    b.fill("#access-key", key).await;
    b.fill("#secret-key", secret).await;
    b.click("[data-testid=\"sign-in-form\"] button[type=submit]").await;
}

pub async fn company_named(api: &Api, name: &str) -> serde_json::Value {
    api.call("system.get_companies", json!({ "name": name })).ok()["companies"][0].clone()
}

/// Every page that lives in its own chunk, as `(path, heading)`, for the supervisor; `{tenant}`
/// stands for a tenant's id.
pub const SUPERVISOR_SPLIT_PAGES: [(&str, &str); 25] = [
    ("/tenants/new", "New tenant"),
    ("/tenants/onboard", "Onboard a tenant"),
    ("/tenants/import", "Import tenants"),
    ("/tenants/platform", "Platform file"),
    ("/tenants/onboard?tenant={tenant}", "Onboard a tenant"),
    ("/tenants/{tenant}", "{name}"),
    ("/tenants/{tenant}/users", "Admins and users · {name}"),
    ("/tenants/{tenant}/credentials", "Credentials · {name}"),
    ("/tenants/{tenant}/features", "Features · {name}"),
    ("/tenants/{tenant}/activity", "Activity · {name}"),
    ("/tenants/{tenant}/login-routing", "Login routing · {name}"),
    ("/tenants/{tenant}/sso", "Single sign-on · {name}"),
    ("/login-routing", "Login routing"),
    ("/features", "Feature catalogue"),
    ("/effective-features", "Effective features"),
    ("/groups", "Groups"),
    ("/server-config", "Server configuration"),
    ("/sso", "Single sign-on (Keycloak)"),
    ("/mlflow", "MLflow"),
    ("/mlflow/users", "MLflow users"),
    ("/mlflow/users/bob", "MLflow user · bob"),
    ("/mlflow/access", "MLflow access by resource"),
    ("/mlflow/roles", "MLflow roles"),
    ("/mlflow/role-mapping", "MLflow role mapping"),
    ("/activity", "Activity"),
];

/// The same for a tenant admin; `{name}` stands for their tenant's name.
pub const TENANT_ADMIN_SPLIT_PAGES: [(&str, &str); 5] = [
    ("/my-tenant/login-routing", "Login routing · {name}"),
    ("/my-tenant/users", "Users · {name}"),
    ("/my-tenant/credentials", "Credentials · {name}"),
    ("/my-tenant/groups", "Groups · {name}"),
    ("/activity", "Activity"),
];

/// A page's path and heading with a tenant's id and name put in.
pub fn for_tenant((path, heading): (&str, &str), id: &str, name: &str) -> (String, String) {
    (path.replace("{tenant}", id), heading.replace("{name}", name))
}

/// Fills the onboarding wizard's tenant and admin pages and goes on to its review.
pub async fn fill_wizard(b: &Browser, tenant: &str, admin_name: &str, admin_email: &str) {
    b.fill("#tenant-name", tenant).await;
    b.click(&by_test_id("wizard-next")).await;
    b.find_id("wizard-admin").await;
    b.fill("#admin-name", admin_name).await;
    b.fill("#admin-email", admin_email).await;
    b.click(&by_test_id("wizard-next")).await;
    b.find_id("wizard-review").await;
}

/// Makes the page's own fetch of `endpoint` fail as a dropped network does, until the next load.
pub async fn cut_network_for(b: &Browser, endpoint: &str) {
    let script = "const real = window.fetch; const cut = arguments[0];
        window.fetch = function (r, o) {
            const url = typeof r === 'string' ? r : r.url;
            return url.endsWith('/' + cut) ? Promise.reject(new TypeError('Failed to fetch')) : real.call(this, r, o);
        };";
    b.client.execute(script, vec![json!(endpoint)]).await.expect("override fetch");
}

/// Answers the confirmation a destructive action asks for, after checking it names `needle`.
pub async fn confirm(b: &Browser, needle: &str) {
    b.wait_for_text(&by_test_id("confirm-dialog"), needle).await;
    b.click(&by_test_id("confirm-yes")).await;
    b.wait_gone(&by_test_id("confirm-dialog")).await;
}
