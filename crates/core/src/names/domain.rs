//! Email domains as login routing takes them: a DNS name, lower-cased, written without a scheme,
//! an `@` or a trailing dot. Internationalized names are kept in Unicode, mapped as IDNA maps them
//! (compatibility forms and decomposed letters composed, full-width and ideographic dots made
//! dots), and compared by their ASCII (Punycode) form, so every spelling of one domain is the same
//! domain.

use crate::names::unicode::{domain_to_ascii, lowercase, nfkc};
use serde::{Serialize, Serializer};
use std::fmt;

pub const DOMAIN_REQUIRED: &str = "Enter a domain such as example.com.";
pub const DOMAIN_HAS_SCHEME: &str = "Write the domain without http:// or https://, as in example.com.";
pub const DOMAIN_HAS_AT: &str = "A domain has no @: for example.com, not ana@example.com.";
pub const DOMAIN_TRAILING_DOT: &str = "Leave out the dot at the end of the domain.";
pub const DOMAIN_INVALID: &str =
    "Not a domain: use two or more labels of letters, digits and hyphens, separated by dots, as in example.com.";

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EmailDomain {
    /// As the user wrote it, lower-cased: what is sent and shown.
    name: String,
    /// The ASCII form: what two domains are compared by.
    key: String,
}

/// A domain as typed, lower-cased and mapped as IDNA's UTS 46 maps it before its checks: "Bu\u{308}cher．example"
/// is "bücher.example".
pub fn mapped(typed: &str) -> String {
    // NFKC makes the full-width dot (U+FF0E) a dot and the half-width ideographic one (U+FF61)
    // the ideographic one (U+3002), which UTS 46 also takes as a dot.
    nfkc(&lowercase(typed)).replace('\u{3002}', ".")
}

/// Two or more labels of 1–63 characters, letters, digits or hyphens (letters may be non-ASCII),
/// no label starting or ending with a hyphen, at most 253 characters in ASCII form.
pub fn is_dns_name(domain: &str) -> bool {
    dns_name_in_ascii(domain).is_some()
}

/// The domain's ASCII form when it is a DNS name (see `is_dns_name`): worked out once, for both
/// the check and the comparison key.
fn dns_name_in_ascii(domain: &str) -> Option<String> {
    let labels: Vec<&str> = domain.split('.').collect();
    let labels_fit = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.chars().count() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || (!c.is_ascii() && c.is_alphanumeric()))
        });
    // Only a name whose labels fit goes to IDNA (in the console, the browser's URL parser).
    let ascii = domain_to_ascii(labels_fit.then_some(domain)?)?;
    (ascii.len() <= 253 && ascii.split('.').all(|l| l.len() <= 63)).then_some(ascii)
}

impl EmailDomain {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let name = mapped(raw.trim());
        if name.is_empty() {
            Err(DOMAIN_REQUIRED.to_owned())
        } else if name.contains("://") || name.starts_with("http:") || name.starts_with("https:") {
            Err(DOMAIN_HAS_SCHEME.to_owned())
        } else if name.contains('@') {
            Err(DOMAIN_HAS_AT.to_owned())
        } else if name.ends_with('.') && name.len() > 1 {
            Err(DOMAIN_TRAILING_DOT.to_owned())
        } else {
            match dns_name_in_ascii(&name) {
                Some(key) => Ok(Self { name, key }),
                None => Err(DOMAIN_INVALID.to_owned()),
            }
        }
    }

    pub fn as_str(&self) -> &str {
        &self.name
    }

    /// The form domains are compared by.
    pub fn key(&self) -> &str {
        &self.key
    }
}

impl Serialize for EmailDomain {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.name)
    }
}

impl fmt::Display for EmailDomain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_trimmed_and_lower_cased() {
        let d = EmailDomain::parse("  Acme.IO ").unwrap();
        assert_eq!((d.as_str(), d.key()), ("acme.io", "acme.io"));
    }

    #[test]
    fn both_spellings_of_an_internationalized_domain_are_one_domain() {
        let unicode = EmailDomain::parse("Bücher.example").unwrap();
        let ascii = EmailDomain::parse("xn--bcher-kva.example").unwrap();
        assert_eq!(unicode.as_str(), "bücher.example");
        assert_eq!(unicode.key(), ascii.key());
    }

    #[test]
    fn decomposed_letters_and_full_width_or_ideographic_dots_are_the_same_domain() {
        let composed = EmailDomain::parse("bücher.example").unwrap();
        for typed in ["bu\u{308}cher.example", "bücher．example", "bücher。example", "ＢÜＣＨＥＲ｡example"]
        {
            let d = EmailDomain::parse(typed).unwrap_or_else(|e| panic!("{typed:?}: {e}"));
            assert_eq!((d.as_str(), d.key()), (composed.as_str(), composed.key()), "{typed:?}");
        }
        assert_eq!(EmailDomain::parse("acme．io").unwrap().as_str(), "acme.io");
    }

    #[test]
    fn each_mistake_has_its_message() {
        let cases = [
            ("", DOMAIN_REQUIRED),
            ("https://acme.io", DOMAIN_HAS_SCHEME),
            ("http:acme.io", DOMAIN_HAS_SCHEME),
            ("ana@acme.io", DOMAIN_HAS_AT),
            ("@acme.io", DOMAIN_HAS_AT),
            ("acme.io.", DOMAIN_TRAILING_DOT),
            ("localhost", DOMAIN_INVALID),
            ("acme..io", DOMAIN_INVALID),
            ("-acme.io", DOMAIN_INVALID),
            ("acme_labs.io", DOMAIN_INVALID),
            ("acme.io/path", DOMAIN_INVALID),
        ];
        for (raw, message) in cases {
            assert_eq!(EmailDomain::parse(raw).unwrap_err(), message, "{raw:?}");
        }
        let long_label = format!("{}.io", "a".repeat(64));
        assert_eq!(EmailDomain::parse(&long_label).unwrap_err(), DOMAIN_INVALID);
        // Hostile text is no domain, and is refused before IDNA sees it.
        for hostile in ["<img src=x onerror=alert(1)>.io", "acme\u{202E}oi.io", &format!("{}io", "a.".repeat(5_000))] {
            assert_eq!(EmailDomain::parse(hostile).unwrap_err(), DOMAIN_INVALID, "{hostile:.40}");
        }
    }
}
