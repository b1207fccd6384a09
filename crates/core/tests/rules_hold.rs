//! Properties every rule keeps over generated input: it never panics, what it accepts it accepts
//! again unchanged (so a value read back from the server parses as it was sent), and what it
//! accepts has none of what the rule refuses. Bounded: proptest's default 256 cases each.

use proptest::prelude::*;
use tenantry_core::clearml::wire::LoginSettings;
use tenantry_core::login_routing::{RoutingIndex, TenantRules};
use tenantry_core::names::readable_name::comparison_key;
use tenantry_core::{EmailAddress, EmailDomain, TenantName};

/// Text with the characters the rules are about: letters of several scripts, spaces of several
/// kinds, controls, direction overrides, zero-width characters, full-width forms, `@` and dots.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "[a-zA-Z0-9]{1,6}",
        Just(" ".to_owned()),
        Just("@".to_owned()),
        Just(".".to_owned()),
        Just("-".to_owned()),
        "[\u{0}-\u{1f}\u{7f}]",
        "[\u{202a}-\u{202e}\u{2066}-\u{2069}]",
        "[\u{200b}-\u{200d}\u{2060}\u{feff}\u{ad}\u{a0}]",
        "[ａ-ｚＡ-Ｚ]{1,3}",
        "[äöüßéñçøåÄÖÜ]{1,3}",
        "[א-ת]{1,3}",
        "[ﬁﬂ]",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 0..12).prop_map(|p| p.concat())
}

fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

proptest! {
    #[test]
    fn a_tenant_name_accepted_is_readable_and_accepted_again(raw in tricky_text()) {
        if let Ok(name) = TenantName::parse(&raw) {
            let text = name.as_str();
            prop_assert!((3..=100).contains(&text.chars().count()));
            prop_assert!(!text.chars().any(|c| c.is_control() || is_direction_control(c)));
            prop_assert_eq!(TenantName::parse(text), Ok(name.clone()));
        }
    }

    #[test]
    fn the_comparison_key_is_stable(raw in tricky_text()) {
        let key = comparison_key(&raw);
        prop_assert_eq!(comparison_key(&key), key.clone());
        prop_assert_eq!(comparison_key(&raw.to_uppercase()), comparison_key(&raw.to_lowercase()));
    }

    #[test]
    fn an_email_accepted_is_accepted_again_with_the_same_key(raw in tricky_text()) {
        if let Ok(email) = EmailAddress::parse(&raw) {
            let again = EmailAddress::parse(email.as_str()).unwrap();
            prop_assert_eq!(again.key(), email.key());
            prop_assert_eq!(email.as_str().matches('@').count(), 1);
            prop_assert!(!email.as_str().chars().any(char::is_whitespace));
        }
    }

    #[test]
    fn a_domain_accepted_is_accepted_again_with_the_same_key(raw in tricky_text()) {
        if let Ok(domain) = EmailDomain::parse(&raw) {
            let again = EmailDomain::parse(domain.as_str()).unwrap();
            prop_assert_eq!(again.key().to_owned(), domain.key().to_owned());
            prop_assert!(domain.key().is_ascii());
        }
    }

    #[test]
    fn every_pasted_entry_is_read_or_explained(lines in prop::collection::vec(tricky_text(), 0..8)) {
        let index = RoutingIndex::new(vec![TenantRules::new("a", "Acme", &LoginSettings::default())]);
        let pasted = lines.join("\n");
        let (domains, (emails, _)) = (index.check_domains("b", &pasted), index.check_whitelist("b", &pasted));
        for entry in &domains.entries {
            prop_assert!(!entry.raw.is_empty());
            match &entry.parsed {
                Ok(domain) => prop_assert_eq!(EmailDomain::parse(domain.as_str()).unwrap().key().to_owned(), domain.key().to_owned()),
                Err(why) => prop_assert!(!why.is_empty()),
            }
        }
        for entry in &emails.entries {
            match &entry.parsed {
                Ok(email) => prop_assert_eq!(EmailAddress::parse(email.as_str()).unwrap().key(), email.key()),
                Err(why) => prop_assert!(!why.is_empty()),
            }
        }
    }
}
