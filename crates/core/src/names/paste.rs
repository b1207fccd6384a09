//! A pasted list (commas, semicolons, spaces or new lines between entries), split into entries,
//! each parsed on its own so every bad one can be marked, and repeats folded with a note.

use std::collections::HashSet;

/// Names separated by new lines, commas or semicolons, trimmed, each once. Unlike `Pasted`,
/// spaces stay inside a name: IdP group names may hold them.
pub fn names(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in text.split([',', ';', '\n']).map(str::trim).filter(|n| !n.is_empty()) {
        if !out.iter().any(|x| x == name) {
            out.push(name.to_owned());
        }
    }
    out
}

/// One entry of the list as typed, and what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<T> {
    pub raw: String,
    pub parsed: Result<T, String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pasted<T> {
    /// Every distinct entry, in the order typed.
    pub entries: Vec<Entry<T>>,
    /// Entries typed more than once, each named once.
    pub folded: Vec<String>,
}

impl<T: Clone> Pasted<T> {
    /// `parse` reads one entry; `key` says when two entries are the same.
    pub fn read(text: &str, parse: impl Fn(&str) -> Result<T, String>, key: impl Fn(&T) -> String) -> Self {
        let mut seen = HashSet::new();
        let mut folded_seen = HashSet::new();
        let (mut entries, mut folded) = (Vec::new(), Vec::new());
        for raw in text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|r| !r.is_empty()) {
            let parsed = parse(raw);
            let k = match &parsed {
                Ok(v) => key(v),
                Err(_) => raw.to_owned(),
            };
            if seen.insert(k.clone()) {
                entries.push(Entry { raw: raw.to_owned(), parsed });
            } else if folded_seen.insert(k) {
                folded.push(raw.to_owned());
            }
        }
        Self { entries, folded }
    }

    pub fn valid(&self) -> Vec<T> {
        self.entries.iter().filter_map(|e| e.parsed.clone().ok()).collect()
    }

    pub fn has_errors(&self) -> bool {
        self.entries.iter().any(|e| e.parsed.is_err())
    }

    /// The note shown under the field when repeats were folded.
    pub fn folded_note(&self) -> Option<String> {
        match self.folded.len() {
            0 => None,
            1 => Some(format!("{} was listed more than once; it is added once.", self.folded[0])),
            n => Some(format!(
                "{n} entries were listed more than once ({}); each is added once.",
                self.folded.join(", ")
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_inner_spaces() {
        assert_eq!(names(" AD Admins\nops, AD Admins;; Équipe ops "), ["AD Admins", "ops", "Équipe ops"]);
        assert!(names(" ,\n ").is_empty());
    }
    use crate::EmailDomain;

    fn domains(text: &str) -> Pasted<EmailDomain> {
        Pasted::read(text, EmailDomain::parse, |d| d.key().to_owned())
    }

    #[test]
    fn any_separator_splits_the_list() {
        let p = domains("acme.io, globex.com;initech.org\nhooli.xyz\tumbrella.example  ");
        let names: Vec<String> = p.valid().iter().map(|d| d.to_string()).collect();
        assert_eq!(names, ["acme.io", "globex.com", "initech.org", "hooli.xyz", "umbrella.example"]);
        assert_eq!(p.folded_note(), None);
    }

    #[test]
    fn every_bad_entry_is_marked_with_its_message() {
        let p = domains("acme.io\nhttps://globex.com\nlocalhost");
        let errors: Vec<(&str, &str)> =
            p.entries.iter().filter_map(|e| e.parsed.as_ref().err().map(|m| (e.raw.as_str(), m.as_str()))).collect();
        assert_eq!(
            errors,
            [
                ("https://globex.com", crate::names::domain::DOMAIN_HAS_SCHEME),
                ("localhost", crate::names::domain::DOMAIN_INVALID)
            ]
        );
        assert!(p.has_errors());
    }

    #[test]
    fn repeats_are_folded_with_a_note_also_across_spellings() {
        let p = domains("acme.io ACME.io bücher.example xn--bcher-kva.example acme.io");
        assert_eq!(p.entries.len(), 2);
        assert_eq!(
            p.folded_note().as_deref(),
            Some("2 entries were listed more than once (ACME.io, xn--bcher-kva.example); each is added once.")
        );
        assert_eq!(
            domains("a.io a.io").folded_note().as_deref(),
            Some("a.io was listed more than once; it is added once.")
        );
    }
}
