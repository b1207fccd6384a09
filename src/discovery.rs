//! Fetches an identity provider's discovery document from the browser, and when that fails says
//! why. A failed CORS request and an unreachable host look the same to a page, so a second,
//! opaque (`no-cors`) request tells them apart: it succeeds whenever anything answered.

use gloo_net::http::Request;
use leptos::prelude::window;
use tenantry_core::sso::oidc::{discovery_url, parse_discovery, Discovery, DiscoveryProblem, SsoUrl};
use web_sys::RequestMode;

/// Discovery for an issuer URL as typed: the document and where it was read, or what went wrong,
/// in words.
pub async fn discover_typed(issuer: &str) -> Result<(Discovery, String), String> {
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
