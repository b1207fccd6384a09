//! Object ids as the apiserver issues them: 32 lower-case hexadecimal characters.

use serde::{Deserialize, Serialize};
use std::fmt;

fn is_object_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

macro_rules! object_id {
    ($name:ident, $what:literal) => {
        #[doc = concat!("The id of a ", $what, ": only ever holds 32 lower-case hex characters.")]
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn parse(s: &str) -> Result<Self, String> {
                if is_object_id(s) {
                    Ok(Self(s.to_owned()))
                } else {
                    Err(format!(concat!("Not a ", $what, " id: {:?} (expected 32 lower-case hex characters)"), s))
                }
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<Self, String> {
                Self::parse(&s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

object_id!(CompanyId, "tenant");
object_id!(UserId, "user");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_seeds_default_company_id() {
        let id = CompanyId::parse("d1bd92a3b039400cbafc60a7a5b1e52b").unwrap();
        assert_eq!(id.as_str(), "d1bd92a3b039400cbafc60a7a5b1e52b");
    }

    #[test]
    fn rejects_upper_case_short_and_dashed_ids() {
        for bad in ["D1BD92A3B039400CBAFC60A7A5B1E52B", "d1bd92a3", "d1bd92a3-b039-400c-bafc-60a7a5b1e52b", ""] {
            assert_eq!(
                CompanyId::parse(bad).unwrap_err(),
                format!("Not a tenant id: {bad:?} (expected 32 lower-case hex characters)")
            );
        }
    }

    #[test]
    fn json_round_trip_refuses_invalid_ids() {
        let id: UserId = serde_json::from_str("\"0123456789abcdef0123456789abcdef\"").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"0123456789abcdef0123456789abcdef\"");
        assert!(serde_json::from_str::<UserId>("\"nope\"").is_err());
    }
}
