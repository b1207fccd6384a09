//! Fetches an identity provider's discovery document from the browser, and when that fails says
//! why. A failed CORS request and an unreachable host look the same to a page, so a second,
//! opaque (`no-cors`) request tells them apart: it succeeds whenever anything answered.

use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tenantry_core::sso::oidc::{discovery_url, parse_discovery, Discovery, DiscoveryProblem, SsoUrl};
use web_sys::RequestMode;

/// A page's "fetch the endpoints": one discovery at a time (a second press fetches nothing), busy
/// while it runs.
#[derive(Clone, Copy)]
pub struct Discovering {
    busy: RwSignal<bool>,
}

impl Default for Discovering {
    fn default() -> Self {
        Self::new()
    }
}

impl Discovering {
    pub fn new() -> Self {
        Self { busy: RwSignal::new(false) }
    }

    pub fn busy(self) -> bool {
        self.busy.get()
    }

    /// The button's words: `idle`, or "Fetching…" while discovery runs.
    pub fn label(self, idle: &'static str) -> &'static str {
        if self.busy() {
            "Fetching…"
        } else {
            idle
        }
    }

    /// Discovery for the issuer URL as typed, unless one is under way: `done` gets the document
    /// and where it was read, or what went wrong, in words.
    pub fn run(self, issuer: String, done: impl FnOnce(Result<(Discovery, String), String>) + 'static) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        spawn_local(async move {
            let found = discover_typed(&issuer).await;
            // The page may be gone by the time the answer comes; then there is no one to tell.
            if self.busy.try_set(false).is_none() {
                done(found);
            }
        });
    }
}

async fn discover_typed(issuer: &str) -> Result<(Discovery, String), String> {
    let issuer = SsoUrl::parse(issuer, "issuer URL")?;
    let at = discovery_url(&issuer);
    discover(&issuer).await.map(|doc| (doc, at.clone())).map_err(|problem| problem.message(&at))
}

async fn discover(issuer: &SsoUrl) -> Result<Discovery, DiscoveryProblem> {
    let location = window().location();
    if location.protocol().as_deref() == Ok("https:") && issuer.as_str().starts_with("http:") {
        return Err(DiscoveryProblem::HttpsRequired);
    }
    let url = discovery_url(issuer);
    let response = match Request::get(&url).send().await {
        Ok(r) => r,
        Err(_) => {
            let answered = Request::get(&url).mode(RequestMode::NoCors).send().await.is_ok();
            return Err(if answered {
                DiscoveryProblem::Cors { origin: location.origin().unwrap_or_default() }
            } else {
                DiscoveryProblem::NotReachable
            });
        }
    };
    if !response.ok() {
        return Err(DiscoveryProblem::Status(response.status()));
    }
    let text = response.text().await.map_err(|e| DiscoveryProblem::NotJson(e.to_string()))?;
    parse_discovery(&text)
}
