//! A plain HTTP client for the apiserver, for tests that check over the API what the console did.

use serde_json::{json, Value};

#[derive(Clone)]
pub struct Api {
    base: String,
    authorization: Option<String>,
}

/// One answer: HTTP status and the whole envelope.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

impl Answer {
    pub fn data(&self) -> &Value {
        &self.body["data"]
    }

    pub fn msg(&self) -> &str {
        self.body["meta"]["result_msg"].as_str().unwrap_or_default()
    }

    pub fn subcode(&self) -> u64 {
        self.body["meta"]["result_subcode"].as_u64().unwrap_or(u64::MAX)
    }

    /// Panics with the server's message unless the call succeeded.
    pub fn ok(self) -> Value {
        assert_eq!(self.status, 200, "call failed: {}", self.body);
        self.body["data"].clone()
    }
}

impl Api {
    pub fn new(api_url: &str) -> Self {
        Self { base: api_url.trim_end_matches('/').to_owned(), authorization: None }
    }

    pub fn basic(mut self, key: &str, secret: &str) -> Self {
        self.authorization = Some(tenantry_core::clearml::sign_in::basic_authorization(key, secret));
        self
    }

    pub fn bearer(mut self, token: &str) -> Self {
        self.authorization = Some(format!("Bearer {token}"));
        self
    }

    pub fn call(&self, endpoint: &str, body: Value) -> Answer {
        self.call_with(endpoint, &[], &body.to_string())
    }

    pub fn call_with(&self, endpoint: &str, headers: &[(&str, &str)], raw_body: &str) -> Answer {
        let mut req = ureq::post(&format!("{}/{endpoint}", self.base)).set("Content-Type", "application/json");
        if let Some(a) = &self.authorization {
            req = req.set("Authorization", a);
        }
        for (name, value) in headers {
            req = req.set(name, value);
        }
        let response = match req.send_string(raw_body) {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("{endpoint}: {e}"),
        };
        let status = response.status();
        let body = response.into_json().unwrap_or_else(|e| panic!("{endpoint}: answer is not JSON: {e}"));
        Answer { status, body }
    }

    pub fn create_company(&self, name: &str) -> String {
        self.call("system.create_company", json!({ "name": name })).ok()["id"].as_str().unwrap().to_owned()
    }

    pub fn create_user(&self, company: &str, email: &str, role: &str) -> String {
        let body = json!({ "name": email, "company": company, "email": email, "role": role, "internal": "true" });
        self.call("auth.create_user", body).ok()["id"].as_str().unwrap().to_owned()
    }

    /// Credentials for `user`, made as the seed makes them (impersonating that user).
    pub fn credentials_for(&self, user: &str) -> (String, String) {
        let c = self.call_with("auth.create_credentials", &[("X-Clearml-Impersonate-As", user)], "{}").ok();
        let c = &c["credentials"];
        (c["access_key"].as_str().unwrap().to_owned(), c["secret_key"].as_str().unwrap().to_owned())
    }
}
