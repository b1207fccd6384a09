//! The one way this console talks to the apiserver. `send` is the single request path (URL,
//! authorization, JSON, envelope); `Client` adds the session's token and notices when it expired.
//! One small function per endpoint lives in the submodules; no page holds a URL.

pub mod credentials;
pub mod login;
pub mod mlflow;
pub mod session;
pub mod sso;
pub mod tenants;
pub mod users;

use crate::activity::ActivityLog;
use crate::session::Auth;
use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::value::RawValue;
use std::future::Future;
use std::pin::Pin;
use tenantry_core::clearml::api_error::{decode_envelope, read_data};
use tenantry_core::clearml::wire::Acting;
use tenantry_core::ApiError;

/// The single request path; every call, its result included, goes into the activity log.
pub async fn send<B: Serialize, T: DeserializeOwned>(
    log: ActivityLog,
    api_url: &str,
    endpoint: &str,
    authorization: &str,
    acting: Option<&Acting>,
    body: &B,
) -> Result<T, ApiError> {
    // Written as text at once, not through a `serde_json::Value`: the first load then holds no
    // `Value` writer.
    let body = serde_json::to_string(body).map_err(|e| ApiError::BadResponse(e.to_string()));
    let result = match &body {
        Ok(json) => exchange(format!("{api_url}/{endpoint}"), authorization.to_owned(), acting.cloned(), json.clone())
            .await
            .and_then(|data| read_data(endpoint, &data)),
        Err(e) => Err(e.clone()),
    };
    let acting_as = acting.map(|a| {
        let (header, user) = a.header();
        format!("{} {user}", header.trim_start_matches("X-Clearml-"))
    });
    log.record(endpoint, acting_as.as_deref(), body.as_deref().unwrap_or_default(), &result);
    result
}

/// The HTTP exchange itself, once for all endpoints: boxed and not generic, so that no caller's
/// future carries a copy of it (it is most of the console's request code).
fn exchange(
    url: String,
    authorization: String,
    acting: Option<Acting>,
    json: String,
) -> Pin<Box<dyn Future<Output = Result<Box<RawValue>, ApiError>>>> {
    Box::pin(async move {
        let mut request =
            Request::post(&url).header("Authorization", &authorization).header("Content-Type", "application/json");
        if let Some((name, value)) = acting.as_ref().map(Acting::header) {
            request = request.header(name, value);
        }
        let response = request
            .body(json)
            .map_err(|e| ApiError::Network(e.to_string()))?
            .send()
            .await
            .map_err(|e| ApiError::Network(network_reason(&e.to_string())))?;
        let status = response.status();
        let text = response.text().await.map_err(|e| ApiError::Network(e.to_string()))?;
        decode_envelope(status, &text)
    })
}

/// The browser hides why a fetch failed; say what it usually means.
fn network_reason(raw: &str) -> String {
    if raw.contains("Failed to fetch") || raw.contains("NetworkError") {
        "no answer (the server is down, the address is wrong, or it does not allow this origin)".into()
    } else {
        raw.into()
    }
}

/// Calls made with the signed-in session's token.
#[derive(Clone, Copy)]
pub struct Client {
    auth: Auth,
    log: ActivityLog,
}

impl Client {
    pub fn new(auth: Auth, log: ActivityLog) -> Self {
        Self { auth, log }
    }

    /// The API address of this session's sign-in.
    pub fn api_url(&self) -> Option<String> {
        self.auth.api_url()
    }

    pub async fn call<B: Serialize, T: DeserializeOwned>(&self, endpoint: &str, body: &B) -> Result<T, ApiError> {
        self.call_as(None, endpoint, body).await
    }

    /// A call that takes another user's identity through one of the apiserver's acting headers.
    pub async fn call_as<B: Serialize, T: DeserializeOwned>(
        &self,
        acting: Option<&Acting>,
        endpoint: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let Some((api_url, token)) = self.auth.credentials() else {
            return Err(ApiError::Unauthorized { subcode: 0, message: "Not signed in".into() });
        };
        let result = send(self.log, &api_url, endpoint, &format!("Bearer {token}"), acting, body).await;
        if matches!(&result, Err(e) if e.needs_sign_in()) {
            self.auth.mark_expired();
        }
        result
    }
}

/// The platform engine's calls (reading, applying) go through the same request path.
impl tenantry_core::platform::transport::Transport for Client {
    fn send(
        &self,
        endpoint: &str,
        acting: Option<&Acting>,
        body: &serde_json::Value,
    ) -> impl Future<Output = Result<Box<RawValue>, ApiError>> {
        let (client, endpoint, acting, body) = (*self, endpoint.to_owned(), acting.cloned(), body.clone());
        async move { client.call_as(acting.as_ref(), &endpoint, &body).await }
    }
}
