//! The activity log: what this console did in this session, call by call. It records endpoints,
//! acting-as and results only, never bodies, so no secret can end up in it.

use crate::ApiError;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Activity {
    /// ISO 8601, from the browser's clock.
    pub time: String,
    pub endpoint: String,
    pub acting_as: Option<String>,
    /// The tenant the call named in its body (`company`), when it named one.
    pub tenant: Option<String>,
    pub result_code: u16,
    pub result_subcode: u16,
    pub message: String,
}

impl Activity {
    pub fn new<T>(time: String, endpoint: &str, acting_as: Option<&str>, result: &Result<T, ApiError>) -> Self {
        let (result_code, result_subcode, message) = match result {
            Ok(_) => (200, 0, "OK".to_owned()),
            Err(e) => {
                let (code, subcode) = e.codes();
                (code, subcode, e.message())
            }
        };
        Self {
            time,
            endpoint: endpoint.to_owned(),
            acting_as: acting_as.map(str::to_owned),
            tenant: None,
            result_code,
            result_subcode,
            message,
        }
    }
}

impl Activity {
    /// The same entry, about the tenant whose id the call's body (JSON text) gave as `company`.
    pub fn about(mut self, body: &str) -> Self {
        /// `company` when it is text; any other body or value names no tenant.
        #[derive(Deserialize)]
        struct Named {
            #[serde(default, deserialize_with = "super::lenient::text_only")]
            company: Option<String>,
        }
        self.tenant = serde_json::from_str::<Named>(body).ok().and_then(|n| n.company);
        self
    }

    /// Whether the call was about `tenant`: it named it, or it acted as one of `its_users`.
    pub fn concerns(&self, tenant: &str, its_users: &[String]) -> bool {
        self.tenant.as_deref() == Some(tenant)
            || self.acting_as.as_deref().is_some_and(|a| its_users.iter().any(|u| a.ends_with(&format!(" {u}"))))
    }
}

/// The log as the JSON file the user downloads.
pub fn export(entries: &[Activity]) -> String {
    serde_json::to_string_pretty(entries).expect("activity entries serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_success_and_the_servers_refusal() {
        let ok = Activity::new::<()>("t".into(), "system.get_companies", None, &Ok(()));
        assert_eq!((ok.result_code, ok.message.as_str()), (200, "OK"));
        let refused: Result<(), _> =
            Err(ApiError::Rejected { code: 400, subcode: 801, message: "Value combination already exists".into() });
        let entry = Activity::new("t".into(), "system.create_company", Some("u1"), &refused);
        assert_eq!((entry.result_code, entry.result_subcode), (400, 801));
        assert_eq!(entry.acting_as.as_deref(), Some("u1"));
        let network: Result<(), _> = Err(ApiError::Network("down".into()));
        assert_eq!(Activity::new("t".into(), "auth.login", None, &network).result_code, 0);
    }

    #[test]
    fn a_call_concerns_the_tenant_it_named_or_acted_in() {
        let named = Activity::new::<()>("t".into(), "system.update_company_settings", None, &Ok(()))
            .about(r#"{"company": "c1", "features": []}"#);
        assert!(named.concerns("c1", &[]));
        assert!(!named.concerns("c2", &[]));
        // A `company` that is not an id, or a body that is not an object, names no tenant.
        for body in [r#"{"company": {"id": "c1"}}"#, r#"{"company": null}"#, "[]", ""] {
            let entry = Activity::new::<()>("t".into(), "x", None, &Ok(())).about(body);
            assert!(!entry.concerns("c1", &[]), "{body}");
        }
        let acted = Activity::new::<()>("t".into(), "login.set_domains", Some("Act-As u7"), &Ok(()));
        assert!(acted.concerns("c1", &["u7".to_owned()]));
        assert!(!acted.concerns("c1", &["u77x".to_owned(), "7".to_owned()]));
    }

    #[test]
    fn export_is_json_with_every_field() {
        let entry = Activity::new::<()>("2026-11-23T00:00:00Z".into(), "auth.login", None, &Ok(()));
        let json: serde_json::Value = serde_json::from_str(&export(&[entry])).unwrap();
        assert_eq!(json[0]["endpoint"], "auth.login");
        assert_eq!(json[0]["acting_as"], serde_json::Value::Null);
        assert_eq!(json[0]["result_code"], 200);
    }
}
