//! A tenant's own values: its name and its user limit, each only constructible when valid.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashSet;
use std::fmt;

pub const NAME_REQUIRED: &str = "Enter a tenant name.";
pub const NAME_TOO_SHORT: &str = "A tenant name has at least 3 characters.";
pub const ALLOWED_USERS_INVALID: &str = "Allowed users must be a whole number of 1 or more.";

/// A tenant (company) name: trimmed, at least three characters as the apiserver requires.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub struct TenantName(String);

impl TenantName {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let name = raw.trim();
        if name.is_empty() {
            Err(NAME_REQUIRED.to_owned())
        } else if name.chars().count() < 3 {
            Err(NAME_TOO_SHORT.to_owned())
        } else {
            Ok(Self(name.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<TenantName> for String {
    fn from(n: TenantName) -> String {
        n.0
    }
}

impl fmt::Display for TenantName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How two tenant names are compared for uniqueness: trimmed and case-insensitively.
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The names already taken, keyed for uniqueness; built once per list so each check is O(1).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TakenNames(HashSet<String>);

impl TakenNames {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        Self(names.into_iter().map(name_key).collect())
    }

    pub fn check(&self, name: &TenantName) -> Result<(), String> {
        if self.0.contains(&name_key(name.as_str())) {
            Err(format!("A tenant named \"{}\" already exists.", name.as_str()))
        } else {
            Ok(())
        }
    }
}

/// The maximum number of users of a tenant. The seed sends it as a JSON string ("10"), so that is
/// what goes on the wire; a number is accepted when read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AllowedUsers(u32);

impl AllowedUsers {
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw.trim().parse::<u32>() {
            Ok(n) if n >= 1 => Ok(Self(n)),
            _ => Err(ALLOWED_USERS_INVALID.to_owned()),
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl Serialize for AllowedUsers {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

impl<'de> Deserialize<'de> for AllowedUsers {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(u64),
            Text(String),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Number(n) => n.to_string(),
            Raw::Text(t) => t,
        };
        AllowedUsers::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for AllowedUsers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_or_blank_name_is_required() {
        assert_eq!(TenantName::parse("").unwrap_err(), NAME_REQUIRED);
        assert_eq!(TenantName::parse("   ").unwrap_err(), NAME_REQUIRED);
    }

    #[test]
    fn short_name_is_refused() {
        assert_eq!(TenantName::parse(" ab ").unwrap_err(), NAME_TOO_SHORT);
        assert_eq!(TenantName::parse("abc").unwrap().as_str(), "abc");
    }

    #[test]
    fn name_is_trimmed() {
        assert_eq!(TenantName::parse("  Acme Corp ").unwrap().as_str(), "Acme Corp");
    }

    #[test]
    fn duplicate_name_is_refused_case_insensitively_and_trimmed() {
        let taken = TakenNames::new(["Acme Corp", "Globex"]);
        let dup = TenantName::parse("  acme corp").unwrap();
        assert_eq!(taken.check(&dup).unwrap_err(), "A tenant named \"acme corp\" already exists.");
        assert!(taken.check(&TenantName::parse("Initech").unwrap()).is_ok());
    }

    #[test]
    fn allowed_users_must_be_a_positive_whole_number() {
        for bad in ["0", "-3", "ten", "2.5", ""] {
            assert_eq!(AllowedUsers::parse(bad).unwrap_err(), ALLOWED_USERS_INVALID, "input {bad:?}");
        }
        assert_eq!(AllowedUsers::parse(" 10 ").unwrap().get(), 10);
    }

    #[test]
    fn allowed_users_is_sent_as_the_seed_sends_it_and_read_either_way() {
        let n = AllowedUsers::parse("10").unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"10\"");
        assert_eq!(serde_json::from_str::<AllowedUsers>("10").unwrap(), n);
        assert_eq!(serde_json::from_str::<AllowedUsers>("\"10\"").unwrap(), n);
        assert!(serde_json::from_str::<AllowedUsers>("0").is_err());
    }
}
