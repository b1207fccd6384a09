//! Names that differ yet read alike — Latin "Acme" and Cyrillic "Асme" — by Unicode's confusables
//! skeleton (UTS 39) of the names as the server compares them (NFKC, case-folded). The table is
//! the unicode-rs `unicode-security` crate's, made compact at build time (build.rs), and NFD is the
//! platform's (`unicode::nfd`). Only the tenant pages and the reference server use it, so the
//! table travels in the supervisor's chunk, not in the console's first load.

use super::readable_name::{comparison_key, isolated};
use super::unicode::nfd;
use std::collections::HashMap;

include!(concat!(env!("OUT_DIR"), "/confusables.rs"));

/// What a name reads as: two names with the same shape are mistaken for each other.
pub fn shape(name: &str) -> String {
    skeleton(&comparison_key(name))
}

/// UTS 39's skeleton: each code point of the text's NFD replaced by its own skeleton, in NFD.
fn skeleton(text: &str) -> String {
    let mut shape = String::with_capacity(text.len());
    for c in nfd(text).chars() {
        let after = IGNORABLE.partition_point(|(first, _)| *first <= c);
        if after > 0 && c <= IGNORABLE[after - 1].1 {
            continue;
        }
        match CONFUSABLE.binary_search(&c) {
            Ok(i) => {
                let start = i.checked_sub(1).map_or(0, |before| usize::from(SKELETON_ENDS[before]));
                shape.push_str(&SKELETONS[start..usize::from(SKELETON_ENDS[i])]);
            }
            Err(_) => shape.push(c),
        }
    }
    nfd(&shape)
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

    fn crates_skeleton(text: &str) -> String {
        unicode_security::confusable_detection::skeleton(text).collect()
    }

    #[test]
    fn the_skeleton_is_the_crates_for_every_code_point_and_for_strings_of_them() {
        let all: Vec<char> = (0..=0x10FFFF_u32).filter_map(char::from_u32).collect();
        for c in &all {
            let one = c.to_string();
            assert_eq!(skeleton(&one), crates_skeleton(&one), "U+{:04X}", *c as u32);
        }
        // Strings: what the table is strung together by, NFD across the seams included (combining
        // marks after a mapped letter, a decomposed letter before a default-ignorable one).
        for text in [
            "\u{410}\u{441}me Research",
            "G1obex \u{1D5A0}\u{FB01}",
            "\u{C5}\u{30A}\u{316}\u{E9}\u{200B}x",
            "\u{1EA0}\u{302}\u{1100}\u{1161}\u{11A8}",
            "r\u{6F}\u{307}\u{323}\u{2126}\u{212B}",
        ] {
            assert_eq!(skeleton(text), crates_skeleton(text), "{text:?}");
        }
        for pair in all.chunks(2).step_by(97) {
            let text: String = pair.iter().copied().chain(['\u{301}', '\u{327}']).collect();
            assert_eq!(skeleton(&text), crates_skeleton(&text), "{text:?}");
        }
    }

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
