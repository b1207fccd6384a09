//! Names as people read them: what makes a tenant or user name unreadable or deceptive, and when
//! two names are the same name.

use crate::names::unicode::{case_fold, nfkc};

/// The words a rule uses for one kind of name ("A tenant name …", "A user name …").
pub struct NameMessages {
    pub required: &'static str,
    pub control: &'static str,
    pub bidi: &'static str,
    pub invisible: &'static str,
    pub too_short: &'static str,
    pub too_long: &'static str,
}

/// The bounds and the words for one kind of name.
pub struct NameRules {
    pub min_chars: usize,
    pub max_chars: usize,
    pub messages: NameMessages,
}

impl NameRules {
    /// The name trimmed, or the first rule it breaks.
    pub fn check<'a>(&self, raw: &'a str) -> Result<&'a str, &'static str> {
        let name = raw.trim();
        let length = name.chars().count();
        let m = &self.messages;
        let problem = if name.is_empty() {
            m.required
        } else if name.chars().any(char::is_control) {
            m.control
        } else if name.chars().any(is_direction_control) {
            m.bidi
        } else if name.chars().all(is_invisible) {
            m.invisible
        } else if length < self.min_chars {
            m.too_short
        } else if length > self.max_chars {
            m.too_long
        } else {
            return Ok(name);
        };
        Err(problem)
    }
}

/// Characters that change how the text around them is ordered.
fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that take no space and show nothing: zero-width spaces and joiners, the word
/// joiner, the byte-order mark, soft hyphen.
fn is_invisible(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// `text` as a run of its own inside a sentence (Unicode's first-strong isolate … pop directional
/// isolate): a server's string with right-to-left letters or an override cannot reorder the words
/// around it in a message that is plain text (a dialog title, a note), where `<bdi>` cannot go.
pub fn isolated(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// Text from a file or a server quoted inside a message: at most 40 characters (then "…"), as an
/// isolate, so a 10,000-character value or a direction override cannot swamp or reorder the message.
pub fn quoted(text: &str) -> String {
    let mut short: String = text.chars().take(40).collect();
    if text.chars().nth(40).is_some() {
        short.push('…');
    }
    isolated(&short)
}

/// What two names are compared by: trimmed, without invisible characters, runs of spaces as one,
/// then Unicode compatibility-normalised and case-folded (NFKC, full case folding, NFKC again, as
/// Unicode's NFKC_Casefold does), so "Acme", " ACME", "Ac\u{200B}me", "ＡＣＭＥ" and "acme" are one
/// name, and so are "Straße" and "STRASSE".
pub fn comparison_key(name: &str) -> String {
    // Normalised before spaces are trimmed: compatibility forms can decompose to a space (the
    // cedilla "¸" is " \u{327}"), which must be trimmed like any other, or the key of a key differs.
    let normalised = nfkc(name);
    let visible: String = normalised
        .split(|c: char| c.is_whitespace())
        .filter(|word| !word.is_empty())
        .map(|word| word.chars().filter(|c| !is_invisible(*c)).collect::<String>())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    nfkc(&case_fold(&visible))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_its_own_key_when_normalising_makes_a_space() {
        assert_eq!(comparison_key("\u{b8}"), "\u{327}");
        assert_eq!(comparison_key(&comparison_key("\u{b8}")), comparison_key("\u{b8}"));
        assert_eq!(comparison_key("Acme\u{b8}"), comparison_key("ACME \u{327}"));
    }

    const RULES: NameRules = NameRules {
        min_chars: 2,
        max_chars: 5,
        messages: NameMessages {
            required: "required",
            control: "control",
            bidi: "bidi",
            invisible: "invisible",
            too_short: "short",
            too_long: "long",
        },
    };

    #[test]
    fn each_rule_names_its_problem() {
        assert_eq!(RULES.check("  "), Err("required"));
        assert_eq!(RULES.check("a\u{1b}[1m"), Err("control"));
        assert_eq!(RULES.check("a\u{202E}b"), Err("bidi"));
        assert_eq!(RULES.check("\u{200B}\u{FEFF}"), Err("invisible"));
        assert_eq!(RULES.check("a"), Err("short"));
        assert_eq!(RULES.check("abcdef"), Err("long"));
        assert_eq!(RULES.check(" abc "), Ok("abc"));
    }

    #[test]
    fn an_isolated_run_is_closed_whatever_it_holds() {
        assert_eq!(isolated("Acme\u{202E}gnp"), "\u{2068}Acme\u{202E}gnp\u{2069}");
    }

    #[test]
    fn variants_of_one_name_share_a_key() {
        let key = comparison_key("Acme Corp");
        for variant in [
            "acme corp",
            "  ACME   CORP ",
            "Ac\u{200B}me Corp",
            "ＡＣＭＥ Ｃｏｒｐ",
            "Acme\u{00A0}Corp",
            "Acme Cor\u{00AD}p",
        ] {
            assert_eq!(comparison_key(variant), key, "{variant:?}");
        }
        assert_eq!(comparison_key("Straße"), comparison_key("STRASSE"));
        assert_eq!(comparison_key("ﬁne"), comparison_key("FINE"));
        assert_eq!(comparison_key("Café"), comparison_key("CAFE\u{301}"));
        assert_ne!(comparison_key("Acme Corp"), comparison_key("AcmeCorp"));
    }
}
