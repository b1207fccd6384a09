//! A call's JSON body, read field by field so that every missing or mistyped field is refused
//! with a 400 naming it, never a 500.

use crate::failure::{Failure, Outcome};
use serde_json::{Map, Value};
use tenantry_core::CompanyId;

pub struct Body(Map<String, Value>);

impl Body {
    pub fn parse(path: &str, raw: &[u8]) -> Outcome<Self> {
        if raw.iter().all(u8::is_ascii_whitespace) {
            return Ok(Body(Map::new()));
        }
        match serde_json::from_slice::<Value>(raw) {
            Ok(Value::Object(map)) => Ok(Body(map)),
            Ok(_) => Err(Failure::bad_request_path(path, "the body must be a JSON object")),
            Err(e) => Err(Failure::bad_request_path(path, &format!("malformed JSON body: {e}"))),
        }
    }

    /// Refuses the call when any of `fields` is absent, naming them all.
    pub fn require(&self, fields: &[&str]) -> Outcome<()> {
        let missing: Vec<&str> = fields.iter().copied().filter(|f| self.0.get(*f).is_none_or(Value::is_null)).collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(Failure::missing_fields(&missing))
        }
    }

    pub fn get(&self, field: &str) -> Option<&Value> {
        self.0.get(field).filter(|v| !v.is_null())
    }

    pub fn str(&self, field: &str) -> Outcome<&str> {
        self.require(&[field])?;
        self.opt_str(field).map(|s| s.unwrap_or_default())
    }

    pub fn opt_str(&self, field: &str) -> Outcome<Option<&str>> {
        match self.get(field) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(Failure::field(field, "expected a string")),
        }
    }

    pub fn opt_bool(&self, field: &str) -> Outcome<Option<bool>> {
        match self.get(field) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(Value::String(s)) if s == "true" || s == "false" => Ok(Some(s == "true")),
            Some(_) => Err(Failure::field(field, "expected a boolean")),
        }
    }

    pub fn str_list(&self, field: &str) -> Outcome<Vec<String>> {
        self.require(&[field])?;
        Ok(self.opt_str_list(field)?.unwrap_or_default())
    }

    pub fn opt_str_list(&self, field: &str) -> Outcome<Option<Vec<String>>> {
        match self.get(field) {
            None => Ok(None),
            Some(v) => str_list(field, v).map(Some),
        }
    }

    pub fn company(&self) -> Outcome<CompanyId> {
        let id = self.str("company")?;
        CompanyId::parse(id).map_err(|_| Failure::invalid_company(id))
    }

    /// The whole body as JSON, as it was sent.
    pub fn value(&self) -> Value {
        Value::Object(self.0.clone())
    }

    pub fn object(&self, field: &str) -> Outcome<Option<Body>> {
        match self.get(field) {
            None => Ok(None),
            Some(Value::Object(m)) => Ok(Some(Body(m.clone()))),
            Some(_) => Err(Failure::field(field, "expected an object")),
        }
    }
}

pub fn str_list(field: &str, v: &Value) -> Outcome<Vec<String>> {
    let items = v.as_array().ok_or_else(|| Failure::field(field, "expected a list of strings"))?;
    items
        .iter()
        .map(|i| i.as_str().map(str::to_owned).ok_or_else(|| Failure::field(field, "expected a list of strings")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Any JSON value up to a few levels deep, with the field names the endpoints read.
    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            ".{0,40}".prop_map(Value::String),
        ];
        leaf.prop_recursive(3, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::btree_map(
                    prop_oneof![Just("company".to_owned()), Just("name".to_owned()), ".{0,8}"],
                    inner,
                    0..6
                )
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// A value, or a refusal the console can show (400), never anything else.
    fn read_or_400<T>(outcome: Outcome<T>) -> bool {
        outcome.map_or_else(|f| f.code == 400, |_| true)
    }

    proptest! {
        #[test]
        fn any_bytes_are_read_or_refused_with_400(raw in prop::collection::vec(any::<u8>(), 0..512)) {
            if let Err(f) = Body::parse("/api/v2.31/x", &raw) {
                prop_assert_eq!(f.code, 400);
            }
        }

        #[test]
        fn every_field_reader_answers_any_json_with_a_value_or_a_400(value in any_json()) {
            let raw = serde_json::to_vec(&value).unwrap();
            match Body::parse("/api/v2.31/x", &raw) {
                Err(f) => prop_assert!(!value.is_object() && f.code == 400),
                Ok(body) => {
                    for field in ["company", "name", ""] {
                        prop_assert!(read_or_400(body.str(field)));
                        prop_assert!(read_or_400(body.opt_bool(field)));
                        prop_assert!(read_or_400(body.str_list(field)));
                        prop_assert!(read_or_400(body.object(field)));
                        prop_assert!(read_or_400(body.require(&[field])));
                    }
                    prop_assert!(read_or_400(body.company()));
                }
            }
        }
    }
}
