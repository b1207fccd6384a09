//! Email addresses as the console sends them: trimmed, lower-cased (the apiserver and the login
//! rules compare them that way), one `@`, and a domain that is a plausible DNS name.

use crate::names::domain::{is_dns_name, mapped};
use crate::names::readable_name::comparison_key;
use crate::names::unicode::{domain_to_ascii, lowercase};
use serde::{Deserialize, Serialize};
use std::fmt;

pub const EMAIL_REQUIRED: &str = "Enter an email address.";
pub const EMAIL_NO_AT: &str = "An email address has one @ between the name and the domain, as in ana@example.com.";
pub const EMAIL_SPACES: &str = "An email address has no spaces.";
pub const EMAIL_TOO_LONG: &str =
    "An email address has at most 64 characters before the @ and 254 in all (RFC 5321): mail servers refuse longer ones.";
pub const EMAIL_BAD_DOMAIN: &str =
    "The part after @ must be a domain such as example.com: labels of letters, digits and hyphens, separated by dots.";

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let email = lowercase(raw.trim());
        // The domain as IDNA maps it, so that a decomposed "ü" or a full-width dot is sent as the
        // domain it spells.
        let email = match email.rsplit_once('@') {
            Some((local, domain)) if !domain.is_ascii() => format!("{local}@{}", mapped(domain)),
            _ => email,
        };
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
        if local.len() > 64 || email.len() > 254 {
            return Err(EMAIL_TOO_LONG.to_owned());
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What will be sent for `typed` when that is not exactly what was typed (trimmed,
    /// lower-cased), to show beside the field instead of rewriting the person's text.
    pub fn sent_instead_of(typed: &str) -> Option<String> {
        Self::parse(typed).ok().map(String::from).filter(|sent| sent != typed)
    }

    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or_default()
    }

    /// The domain's ASCII form, as login routing compares domains.
    pub fn domain_key(&self) -> String {
        let domain = self.domain();
        if domain.is_ascii() {
            return domain.to_owned();
        }
        domain_to_ascii(domain).unwrap_or_else(|| domain.to_owned())
    }

    /// What two addresses are compared by: the local part Unicode case-folded (so "ÄNA@" and
    /// "äna@" are one address, as "ANA@" and "ana@" are) and the domain in ASCII form.
    pub fn key(&self) -> String {
        if self.0.is_ascii() {
            return self.0.clone();
        }
        let local = self.0.rsplit_once('@').map(|(l, _)| l).unwrap_or_default();
        format!("{}@{}", comparison_key(local), self.domain_key())
    }
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
    fn an_address_longer_than_mail_servers_take_is_refused() {
        let local = "a".repeat(64);
        assert!(EmailAddress::parse(&format!("{local}@acme.io")).is_ok());
        assert_eq!(EmailAddress::parse(&format!("{local}a@acme.io")), Err(EMAIL_TOO_LONG.to_owned()));
        let long_domain = format!("{}.io", vec!["b".repeat(60); 4].join("."));
        assert!(EmailAddress::parse(&format!("ana@{long_domain}")).is_ok(), "250 in all");
        assert_eq!(EmailAddress::parse(&format!("anamaria@{long_domain}")), Err(EMAIL_TOO_LONG.to_owned()));
        assert_eq!(EmailAddress::parse(&format!("{}@acme.io", "a".repeat(10_000))), Err(EMAIL_TOO_LONG.to_owned()));
    }

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
    fn what_is_sent_is_told_only_when_it_differs_from_what_was_typed() {
        assert_eq!(EmailAddress::sent_instead_of(" Bob@Müller.de").as_deref(), Some("bob@müller.de"));
        assert_eq!(EmailAddress::sent_instead_of("bob@müller.de"), None);
        assert_eq!(EmailAddress::sent_instead_of("ana maria@example.com"), None);
    }

    #[test]
    fn addresses_compare_unicode_case_folded() {
        let key = |raw: &str| EmailAddress::parse(raw).unwrap().key();
        assert_eq!(key("ÄNA@Bücher.example"), key("äna@xn--bcher-kva.example"));
        assert_eq!(key("STRASSE@x.io"), key("straße@x.io"));
        assert_eq!(key("ＡＮＡ@x.io"), key("ana@x.io"));
        assert_ne!(key("ana@x.io"), key("anna@x.io"));
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
