//! Environment values as the apiserver reads them: it parses each `CLEARML__…` value as HOCON
//! (of which JSON is a subset), so a value is written in the form that reads back as meant.
//! A string is left unquoted only when it starts with a letter, holds letters, digits, `_`, `-`
//! and `.`, and is not a keyword (HOCON's parser reads `True` as a boolean); anything else, numbers
//! and number-like ids included, is written as a JSON string.

use crate::features::feature::FeatureName;

pub fn boolean(b: bool) -> String {
    if b { "true" } else { "false" }.to_owned()
}

/// A JSON list of strings, the form the seed gives for feature and group lists.
pub fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    serde_json::to_string(&items.into_iter().collect::<Vec<_>>()).expect("strings always serialize")
}

pub fn features(items: &[FeatureName]) -> String {
    list(items.iter().map(|f| f.as_str()))
}

/// A string left unquoted when HOCON reads it back unchanged, quoted otherwise.
pub fn text(s: &str) -> String {
    let plain = s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        && !["true", "false", "null", "yes", "no", "on", "off"].iter().any(|k| s.eq_ignore_ascii_case(k));
    if plain {
        s.to_owned()
    } else {
        quoted(s)
    }
}

/// A string that must stay a string whatever it holds, like the supervisor's email: the seed's
/// `"\"x@y.z\""`.
pub fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("strings always serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_json() {
        assert_eq!(list(["users", "admins", "queue_admins"]), r#"["users","admins","queue_admins"]"#);
        assert_eq!(list([]), "[]");
        assert_eq!(list(["a\"b"]), r#"["a\"b"]"#);
    }

    #[test]
    fn plain_strings_stay_unquoted_and_the_rest_is_json() {
        assert_eq!(text("d1bd92a3b039400cbafc60a7a5b1e52b"), "d1bd92a3b039400cbafc60a7a5b1e52b");
        assert_eq!(text("f61c2d4e-8a7b-4c3d-9e2f-1a2b3c4d5e6f"), "f61c2d4e-8a7b-4c3d-9e2f-1a2b3c4d5e6f");
        assert_eq!(text("6f1c2d4e-8a7b-4c3d-9e2f-1a2b3c4d5e6f"), "\"6f1c2d4e-8a7b-4c3d-9e2f-1a2b3c4d5e6f\"");
        assert_eq!(text("True"), "\"True\"");
        assert_eq!(text("My Group"), "\"My Group\"");
        assert_eq!(text("true"), "\"true\"");
        assert_eq!(text("123"), "\"123\"");
        assert_eq!(text(""), "\"\"");
        assert_eq!(text("Zürich"), "\"Zürich\"");
        assert_eq!(text("back\\slash"), r#""back\\slash""#);
    }

    #[test]
    fn the_supervisor_email_is_quoted_twice_once_in_yaml() {
        assert_eq!(quoted("x@y.z"), "\"x@y.z\"");
    }
}
