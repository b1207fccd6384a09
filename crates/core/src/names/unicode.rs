//! The Unicode work behind the name and domain rules — compatibility normalisation (NFKC), canonical
//! decomposition (NFD, for look-alike names), lower-casing, full case folding, and a domain's ASCII
//! form by IDNA (UTS 46) — done by the platform: in the console
//! by the browser (`String.prototype.normalize`, `URL`), natively by the maintained crates
//! (`unicode-normalization`, `caseless`, `idna`, the `native-unicode` feature). The console's wasm
//! so carries none of their tables; the console installs the browser's at start.
//!
//! Where the two differ (a headless-Chromium test runs both over every code point and thousands of
//! domains, `tests/unicode_platforms.rs`), the reference server follows the native crates: they
//! implement the Unicode algorithms as written, where the browser has no case folding of its own
//! (it folds by upper- then lower-casing).

use std::sync::OnceLock;

/// One implementation of the operations.
#[derive(Clone, Copy)]
pub struct Unicode {
    pub nfkc: fn(&str) -> String,
    pub nfd: fn(&str) -> String,
    pub lowercase: fn(&str) -> String,
    pub case_fold: fn(&str) -> String,
    /// `None` where UTS 46 refuses the domain.
    pub domain_to_ascii: fn(&str) -> Option<String>,
}

static PLATFORM: OnceLock<Unicode> = OnceLock::new();

/// Makes `unicode` the one every rule uses; the first call wins, and it must come before any
/// rule runs (the console calls it at start). False when one was already in use.
pub fn install(unicode: Unicode) -> bool {
    PLATFORM.set(unicode).is_ok()
}

fn platform() -> &'static Unicode {
    PLATFORM.get_or_init(|| {
        #[cfg(feature = "native-unicode")]
        return NATIVE;
        #[cfg(not(feature = "native-unicode"))]
        panic!("no Unicode implementation: install one (the console installs the browser's at start)")
    })
}

/// Compatibility-normalised (NFKC): "ＡＣＭＥ" is "ACME", "ﬁ" is "fi", a decomposed "u\u{308}" is "ü".
pub fn nfkc(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    (platform().nfkc)(text)
}

/// Canonically decomposed (NFD): "ü" is "u\u{308}".
pub fn nfd(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    (platform().nfd)(text)
}

/// Lower-cased by Unicode's default mapping (`str::to_lowercase`, `String.prototype.toLowerCase`).
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    (platform().lowercase)(text)
}

/// Case-folded, for comparing without case: "Straße" and "STRASSE" fold alike.
pub fn case_fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    (platform().case_fold)(text)
}

/// A domain's ASCII form ("bücher.example" is "xn--bcher-kva.example"), `None` where IDNA refuses it.
pub fn domain_to_ascii(domain: &str) -> Option<String> {
    if domain.is_ascii() {
        return Some(domain.to_ascii_lowercase());
    }
    (platform().domain_to_ascii)(domain)
}

#[cfg(feature = "native-unicode")]
pub const NATIVE: Unicode = Unicode {
    nfkc: native::nfkc,
    nfd: native::nfd,
    lowercase: str::to_lowercase,
    case_fold: native::case_fold,
    domain_to_ascii: native::domain_to_ascii,
};

#[cfg(feature = "native-unicode")]
mod native {
    use caseless::Caseless;
    use unicode_normalization::UnicodeNormalization;

    pub fn nfkc(text: &str) -> String {
        text.nfkc().collect()
    }

    pub fn nfd(text: &str) -> String {
        text.nfd().collect()
    }

    pub fn case_fold(text: &str) -> String {
        text.chars().default_case_fold().collect()
    }

    pub fn domain_to_ascii(domain: &str) -> Option<String> {
        idna::domain_to_ascii(domain).ok()
    }
}

#[cfg(all(test, feature = "native-unicode"))]
mod tests {
    use super::*;

    #[test]
    fn the_native_crates_do_the_operations() {
        assert_eq!(nfkc("ＡＣＭＥ ﬁ u\u{308}"), "ACME fi ü");
        assert_eq!(nfd("ü ﬁ"), "u\u{308} ﬁ");
        assert_eq!(lowercase("ÅSA ΣΑΣ"), "åsa σας");
        assert_eq!(case_fold("Straße"), case_fold("STRASSE"));
        assert_eq!(domain_to_ascii("Bücher.example").as_deref(), Some("xn--bcher-kva.example"));
        assert_eq!(domain_to_ascii("bu\u{308}cher.example").as_deref(), Some("xn--bcher-kva.example"));
        assert_eq!(domain_to_ascii("bücher。example").as_deref(), Some("xn--bcher-kva.example"));
    }
}
