//! The apiserver over ureq: signs in once with the supervisor's key and secret (as ClearML's own
//! tools read them) and sends every later call with the token it got.

use serde_json::value::RawValue;
use serde_json::Value;
use std::future::{ready, Future};
use std::time::Duration;
use tenantry_core::clearml::api_error::{decode_envelope, read_data};
use tenantry_core::clearml::sign_in::basic_authorization;
use tenantry_core::clearml::wire::{Acting, LoginResponse};
use tenantry_core::platform::transport::Transport;
use tenantry_core::ApiError;

pub struct Api {
    agent: ureq::Agent,
    base: String,
    authorization: String,
}

impl Api {
    pub fn sign_in(base: &str, key: &str, secret: &str) -> Result<Self, ApiError> {
        let agent =
            ureq::AgentBuilder::new().timeout_connect(Duration::from_secs(10)).timeout(Duration::from_secs(60)).build();
        let mut api =
            Api { agent, base: base.trim_end_matches('/').to_owned(), authorization: basic_authorization(key, secret) };
        let data = api.post("auth.login", None, &Value::Object(Default::default()))?;
        let login: LoginResponse = read_data("auth.login", &data)?;
        api.authorization = format!("Bearer {}", login.token);
        Ok(api)
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    fn post(&self, endpoint: &str, acting: Option<&Acting>, body: &Value) -> Result<Box<RawValue>, ApiError> {
        let mut request = self
            .agent
            .post(&format!("{}/{endpoint}", self.base))
            .set("Content-Type", "application/json")
            .set("Authorization", &self.authorization);
        if let Some(a) = acting {
            let (name, value) = a.header();
            request = request.set(name, value);
        }
        let response = match request.send_string(&body.to_string()) {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(ureq::Error::Transport(t)) => return Err(ApiError::Network(t.to_string())),
        };
        let status = response.status();
        let text = response.into_string().map_err(|e| ApiError::Network(e.to_string()))?;
        decode_envelope(status, &text)
    }
}

impl Transport for Api {
    fn send(
        &self,
        endpoint: &str,
        acting: Option<&Acting>,
        body: &Value,
    ) -> impl Future<Output = Result<Box<RawValue>, ApiError>> {
        ready(self.post(endpoint, acting, body))
    }
}
