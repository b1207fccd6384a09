//! One API call from path and headers to envelope: find the endpoint, read the body, establish
//! who is calling, run the handler, wrap the outcome.

use crate::body::Body;
use crate::endpoints::{self, server::API_VERSION, Call};
use crate::failure::{Failure, Outcome};
use crate::identity::{self, CallHeaders};
use crate::store::{new_id, Store};
use crate::token::Tokens;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Mutex;
use tenantry_core::clearml::wire::{EndpointMeta, Envelope, Meta};

use crate::answers::Answers;

pub struct App {
    pub store: Store,
    pub tokens: Tokens,
    pub unique_names: bool,
    pub answers: Answers,
    /// Calls answered so far, by endpoint, when `--count-calls` asks for it: tests read them at
    /// `/__calls` to prove how many calls a page made, which the browser's own records can lose.
    pub calls: Option<Mutex<BTreeMap<String, u64>>>,
    /// `debug.panic` panics, so tests can prove a panic is answered with the envelope.
    pub panic_endpoint: bool,
    pub allowed_origins: crate::cors::AllowedOrigins,
    pub sign_in_guard: crate::sign_in_guard::SignInGuard,
}

pub struct Request<'a> {
    /// The path after the API prefix: `system.get_companies` or `v2.31/system.get_companies`.
    pub path: &'a str,
    pub headers: CallHeaders<'a>,
    pub body: &'a [u8],
}

struct Route<'a> {
    name: &'a str,
    requested_version: String,
}

/// `<major>.<minor>`, digits only: "v1e5", "vNaN" or "v+2.3" name no version of this API.
fn is_version(v: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit());
    v.split_once('.').is_some_and(|(major, minor)| digits(major) && digits(minor))
}

fn route(path: &str) -> Outcome<Route<'_>> {
    let (version, name) = match path.split_once('/') {
        Some((v, name)) => match v.strip_prefix('v').filter(|v| is_version(v)) {
            Some(v) => (v, name),
            None => return Err(Failure::unknown_endpoint(path, API_VERSION)),
        },
        None => (API_VERSION, path),
    };
    let well_formed = name.split_once('.').is_some_and(|(s, a)| {
        !s.is_empty()
            && !a.is_empty()
            && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'.' || b.is_ascii_digit())
    });
    if !well_formed {
        return Err(Failure::bad_request_path(path, "expected <service>.<action>"));
    }
    Ok(Route { name, requested_version: version.to_owned() })
}

impl App {
    /// The calls counted so far, by endpoint; `None` unless counting.
    pub fn calls(&self) -> Option<BTreeMap<String, u64>> {
        self.calls.as_ref().map(|c| c.lock().unwrap_or_else(|e| e.into_inner()).clone())
    }

    pub fn handle(&self, req: &Request) -> (u16, Value) {
        let route = route(req.path);
        let (name, requested) = match &route {
            Ok(r) => (r.name.to_owned(), r.requested_version.clone()),
            Err(_) => (req.path.to_owned(), API_VERSION.to_owned()),
        };
        if let Some(calls) = &self.calls {
            *calls.lock().unwrap_or_else(|e| e.into_inner()).entry(name.clone()).or_default() += 1;
        }
        let outcome = route.and_then(|r| self.run(&r, req));
        let unknown = matches!(&outcome, Err(f) if f.code == 404);
        let (code, mut env) = envelope(&name, &requested, outcome);
        if unknown && self.answers == Answers::OpenSource {
            // apicall.py leaves the actual version unset when no endpoint matched.
            env["meta"]["endpoint"]["actual_version"] = Value::Null;
        }
        (code, env)
    }

    fn run(&self, route: &Route, req: &Request) -> Outcome<Value> {
        if self.panic_endpoint && route.name == "debug.panic" {
            panic!("debug.panic was called");
        }
        let endpoint = endpoints::find(route.name)
            .ok_or_else(|| Failure::unknown_endpoint(route.name, &route.requested_version))?;
        let body = Body::parse(req.path, req.body)?;
        let who = identity::resolve(&self.store, &self.tokens, &self.sign_in_guard, &req.headers, self.answers)?;
        let (store, tokens, unique_names, answers) = (&self.store, &self.tokens, self.unique_names, self.answers);
        endpoint.run(&Call { store, tokens, who, body, unique_names, answers })
    }
}

/// The envelope for a call that failed before it reached an endpoint (or whose handler panicked).
pub fn refusal(path: &str, failure: Failure) -> (u16, Value) {
    envelope(path, API_VERSION, Err(failure))
}

fn envelope(name: &str, requested: &str, outcome: Outcome<Value>) -> (u16, Value) {
    let (code, subcode, msg, data) = match outcome {
        Ok(data) => (200, 0, "OK".to_owned(), data),
        Err(f) => (f.code, f.subcode, f.msg, json!({})),
    };
    let id = new_id();
    let env = Envelope {
        meta: Meta {
            trx: id.clone(),
            id,
            endpoint: EndpointMeta {
                name: name.into(),
                requested_version: requested.into(),
                actual_version: API_VERSION.into(),
            },
            result_code: code,
            result_subcode: subcode,
            result_msg: msg,
            error_stack: None,
            error_data: json!({}),
        },
        data,
    };
    (code, serde_json::to_value(env).expect("an envelope serializes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_plain_and_versioned_paths() {
        let r = route("system.get_companies").unwrap();
        assert_eq!((r.name, r.requested_version.as_str()), ("system.get_companies", API_VERSION));
        let r = route("v999.0/auth.login").unwrap();
        assert_eq!((r.name, r.requested_version.as_str()), ("auth.login", "999.0"));
    }

    #[test]
    fn refuses_paths_that_name_no_endpoint() {
        for bad in ["", "system", "System.Get", "v2.31/System.Get", "v2.31/a.b/../c"] {
            assert_eq!(route(bad).err().map(|f| (f.code, f.subcode)), Some((400, 0)), "{bad}");
        }
        // A first segment that is no version names no endpoint of this API.
        for bad in ["x/system.get_companies", "a.b/../c", "vNaN/auth.login", "v1e5/auth.login"] {
            assert_eq!(route(bad).err().map(|f| (f.code, f.subcode)), Some((404, 0)), "{bad}");
        }
    }
}
