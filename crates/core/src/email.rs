//! Email addresses as the console sends them: trimmed, lower-cased (the apiserver and the login
//! rules compare them that way), one `@`, and a domain that is a plausible DNS name.

use serde::{Deserialize, Serialize};
use std::fmt;

pub const EMAIL_REQUIRED: &str = "Enter an email address.";
pub const EMAIL_NO_AT: &str = "An email address has one @ between the name and the domain, as in ana@example.com.";
pub const EMAIL_SPACES: &str = "An email address has no spaces.";
pub const EMAIL_BAD_DOMAIN: &str =
    "The part after @ must be a domain such as example.com: labels of letters, digits and hyphens, separated by dots.";

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err(EMAIL_REQUIRED.to_owned());
        }
        if email.chars().any(char::is_whitespace) {
            return Err(EMAIL_SPACES.to_owned());
        }
        let (local, domain) = match email.split_once('@') {
            Some((l, d)) if !l.is_empty() && !d.is_empty() && !d.contains('@') => (l, d),
            _ => return Err(EMAIL_NO_AT.to_owned()),
        };
        if local.chars().any(char::is_control) || !is_dns_name(domain) {
            return Err(EMAIL_BAD_DOMAIN.to_owned());
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or_default()
    }
}

/// Two or more labels of 1–63 letters, digits or hyphens, not starting or ending with a hyphen.
/// Letters may be non-ASCII (internationalized names in their Unicode form).
fn is_dns_name(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            (1..=63).contains(&l.len())
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

impl TryFrom<String> for EmailAddress {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s)
    }
}

impl From<EmailAddress> for String {
    fn from(e: EmailAddress) -> String {
        e.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_trimmed_and_lower_cased() {
        let e = EmailAddress::parse("  Ana.Lopez@Example.COM ").unwrap();
        assert_eq!(e.as_str(), "ana.lopez@example.com");
        assert_eq!(e.domain(), "example.com");
    }

    #[test]
    fn accepts_plus_tags_and_internationalized_domains() {
        assert!(EmailAddress::parse("ops+clearml@bücher.example").is_ok());
    }

    #[test]
    fn each_mistake_has_its_message() {
        assert_eq!(EmailAddress::parse("  ").unwrap_err(), EMAIL_REQUIRED);
        assert_eq!(EmailAddress::parse("ana lopez@example.com").unwrap_err(), EMAIL_SPACES);
        for bad in ["ana.example.com", "@example.com", "ana@", "ana@b@example.com"] {
            assert_eq!(EmailAddress::parse(bad).unwrap_err(), EMAIL_NO_AT, "{bad}");
        }
        for bad in ["ana@localhost", "ana@example.com.", "ana@-x.com", "ana@exa_mple.com", "ana@https://x.com"] {
            assert_eq!(EmailAddress::parse(bad).unwrap_err(), EMAIL_BAD_DOMAIN, "{bad}");
        }
    }
}
