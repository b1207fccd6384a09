//! Names that differ yet read alike — Latin "Acme" and Cyrillic "Асme" — by Unicode's confusables
//! skeleton (UTS 39, the unicode-rs `unicode-security` crate) of the names as the server compares
//! them (NFKC, case-folded). Only the new-tenant check and the reference server use it, so its
//! table travels in that page's chunk, not in the console's first load.

use super::readable_name::{comparison_key, isolated};
use std::collections::HashMap;
use unicode_security::confusable_detection::skeleton;

/// What a name reads as: two names with the same shape are mistaken for each other.
pub fn shape(name: &str) -> String {
    skeleton(&comparison_key(name)).collect()
}

/// The shapes of many names, worked out once, so each keystroke's check is one lookup.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shapes(HashMap<String, (String, String)>);

impl Shapes {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        Self(names.into_iter().map(|n| (shape(n), (comparison_key(n), n.to_owned()))).collect())
    }

    /// Adds `name`, unless a name of its shape is there already.
    pub fn add(&mut self, name: &str) {
        self.0.entry(shape(name)).or_insert_with(|| (comparison_key(name), name.to_owned()));
    }

    /// The name among them that reads like `name` without being the same name.
    pub fn looks_like(&self, name: &str) -> Option<&str> {
        let (key, found) = (comparison_key(name), self.0.get(&shape(name))?);
        (found.0 != key).then_some(found.1.as_str())
    }
}

pub fn looks_like_message(name: &str, existing: &str) -> String {
    format!(
        "\u{201c}{}\u{201d} reads like the tenant \u{201c}{}\u{201d}: their letters look alike, so people would take one for the other. Choose a name that reads differently.",
        isolated(name),
        isolated(existing)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_from_another_script_that_look_the_same_are_caught() {
        let shapes = Shapes::new(["Globex", "Acme Research"]);
        assert_eq!(shapes.looks_like("\u{410}\u{441}me Research"), Some("Acme Research"));
        assert_eq!(shapes.looks_like("ACME RESEARCH"), None, "the same name is not a look-alike: it is taken");
        assert_eq!(shapes.looks_like("Acme Labs"), None);
        assert_eq!(shapes.looks_like("G1obex"), Some("Globex"));
        assert_eq!(
            looks_like_message("\u{410}\u{441}me", "Acme"),
            "\u{201c}\u{2068}\u{410}\u{441}me\u{2069}\u{201d} reads like the tenant \u{201c}\u{2068}Acme\u{2069}\u{201d}: their letters look alike, so people would take one for the other. Choose a name that reads differently."
        );
    }
}
