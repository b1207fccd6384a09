//! A tenant's own values: its name and its user limit, each only constructible when valid.

use crate::names::readable_name::{comparison_key, NameMessages, NameRules};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashSet;
use std::fmt;

pub const NAME_REQUIRED: &str = "Enter a tenant name.";
pub const NAME_TOO_SHORT: &str = "A tenant name has at least 3 characters.";
pub const NAME_MAX_CHARS: usize = 100;
pub const NAME_TOO_LONG: &str = "A tenant name has at most 100 characters.";
pub const NAME_CONTROL: &str = "A tenant name cannot contain control characters (a line break, a tab, an escape code).";
pub const NAME_BIDI: &str = "A tenant name cannot contain direction overrides (U+202A–U+202E, U+2066–U+2069): they make a name read differently from what it is.";
pub const NAME_INVISIBLE: &str = "A tenant name needs visible characters.";

const TENANT_NAME: NameRules = NameRules {
    min_chars: 3,
    max_chars: NAME_MAX_CHARS,
    messages: NameMessages {
        required: NAME_REQUIRED,
        control: NAME_CONTROL,
        bidi: NAME_BIDI,
        invisible: NAME_INVISIBLE,
        too_short: NAME_TOO_SHORT,
        too_long: NAME_TOO_LONG,
    },
};
pub const ALLOWED_USERS_INVALID: &str = "Allowed users must be a whole number of 1 or more.";

/// A tenant (company) name: trimmed, 3 to 100 characters (the apiserver requires 3; the upper
/// bound keeps tables and headings readable, and the reference server enforces the same), with no
/// control characters or direction overrides and at least one visible character.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub struct TenantName(String);

impl TenantName {
    pub fn parse(raw: &str) -> Result<Self, String> {
        TENANT_NAME.check(raw).map(|name| Self(name.to_owned())).map_err(str::to_owned)
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

/// How two tenant names are compared for uniqueness (see [`comparison_key`]): "Acme", " ACME",
/// "Ac\u{200B}me" and "ＡＣＭＥ" are one name.
pub fn name_key(name: &str) -> String {
    comparison_key(name)
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
    fn a_name_reads_as_it_is() {
        assert_eq!(TenantName::parse(&"a".repeat(101)).unwrap_err(), NAME_TOO_LONG);
        assert_eq!(TenantName::parse(&"é".repeat(100)).unwrap().as_str().chars().count(), 100);
        for control in ["Ac\nme", "Acme\u{1b}[31m", "Ac\u{0}me", "Ac\tme"] {
            assert_eq!(TenantName::parse(control).unwrap_err(), NAME_CONTROL, "{control:?}");
        }
        for bidi in ["Acme\u{202E}gnp.exe", "\u{2066}Acme\u{2069}", "\u{202B}Acme"] {
            assert_eq!(TenantName::parse(bidi).unwrap_err(), NAME_BIDI, "{bidi:?}");
        }
        assert_eq!(TenantName::parse("\u{200B}\u{200B}\u{FEFF}\u{2060}").unwrap_err(), NAME_INVISIBLE);
        assert_eq!(TenantName::parse("שלום עולם").unwrap().as_str(), "שלום עולם");
    }

    #[test]
    fn invisible_characters_do_not_make_a_new_name() {
        let taken = TakenNames::new(["Acme Corp"]);
        let sneaky = TenantName::parse("Acme\u{200B} Corp").unwrap();
        assert_eq!(taken.check(&sneaky).unwrap_err(), "A tenant named \"Acme\u{200B} Corp\" already exists.");
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
    fn full_width_and_folded_variants_are_taken() {
        let taken = TakenNames::new(["Acme Corp", "Straße Labs"]);
        for variant in ["ＡＣＭＥ Ｃｏｒｐ", "ACME  CORP", "STRASSE LABS"] {
            let name = TenantName::parse(variant).unwrap();
            assert_eq!(taken.check(&name).unwrap_err(), format!("A tenant named \"{variant}\" already exists."));
        }
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
