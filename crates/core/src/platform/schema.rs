//! The platform file's JSON Schema, so editors complete and check it (`tenantry schema`, and a
//! download on the console's Platform file page). It says what the reader reads.

use serde_json::Value;

/// The schema as written; the feature names are filled in from the catalogue. Text rather than
/// a `json!` literal: the console's chunk carries the words, not code that builds them.
const SCHEMA: &str = include_str!("schema.json");

pub fn schema() -> Value {
    let mut schema: Value = serde_json::from_str(SCHEMA).expect("schema.json is JSON (a test reads it)");
    schema["$defs"]["features"]["items"]["enum"] = crate::FEATURES.iter().map(|f| f.name).collect();
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_is_json_and_names_every_feature() {
        let schema = schema();
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
        let names = schema["$defs"]["features"]["items"]["enum"].as_array().unwrap();
        assert_eq!(names.len(), crate::FEATURES.len());
        assert_eq!(names[0], crate::FEATURES[0].name);
    }
}
