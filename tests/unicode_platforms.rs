//! The browser's Unicode (the console's) against the native crates' (the reference server's and
//! the CLI's), in headless Chromium: NFKC, NFD, lower-casing and case folding of every Unicode scalar value, and a
//! domain's ASCII form for a few thousand generated domains. Each difference found is one of the
//! kinds documented here; anything else fails, listed.

use std::collections::BTreeMap;
use tenantry::unicode::BROWSER;
use tenantry_core::names::unicode::{Unicode, NATIVE};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Every scalar value, in runs joined by NUL: NUL is a starter that composes with nothing and
/// is cased by no rule, so each code point is normalised and cased as if alone, in few calls.
fn runs() -> impl Iterator<Item = Vec<char>> {
    let all: Vec<char> = (1..=0x10FFFF_u32).filter_map(char::from_u32).collect();
    all.chunks(4096).map(<[char]>::to_vec).collect::<Vec<_>>().into_iter()
}

/// The code points whose result differs, with both results.
fn differences(op: impl Fn(&Unicode) -> fn(&str) -> String) -> BTreeMap<char, (String, String)> {
    let (browser, native) = (op(&BROWSER), op(&NATIVE));
    let mut found = BTreeMap::new();
    for run in runs() {
        let joined: String = run.iter().flat_map(|c| [*c, '\0']).collect();
        let (b, n) = (browser(&joined), native(&joined));
        for ((c, b), n) in run.iter().zip(b.split('\0')).zip(n.split('\0')) {
            if b != n {
                found.insert(*c, (b.to_owned(), n.to_owned()));
            }
        }
    }
    found
}

fn listed(found: &BTreeMap<char, (String, String)>) -> String {
    found
        .iter()
        .map(|(c, (b, n))| format!("U+{:04X} browser {b:?} native {n:?}", *c as u32))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Fails on a code point whose result differs, unless one implementation's Unicode version has
/// not assigned it yet, so that it maps to itself there (with this Chromium: 68 code points of
/// Unicode 17, such as U+0558 and U+209D, which the crates map and the browser's ICU does not
/// know yet).
fn same_but_where_one_version_is_older(op: impl Fn(&Unicode) -> fn(&str) -> String, what: &str) {
    let unexplained: BTreeMap<char, (String, String)> = differences(op)
        .into_iter()
        .filter(|(c, (browser, native))| *browser != c.to_string() && *native != c.to_string())
        .collect();
    assert!(unexplained.is_empty(), "{what} differs:\n{}", listed(&unexplained));
}

#[wasm_bindgen_test]
fn nfkc_is_the_same_for_every_code_point_but_those_one_version_has_not_assigned() {
    same_but_where_one_version_is_older(|u| u.nfkc, "NFKC");
}

/// NFD, which look-alike names' skeletons are taken in (names/look_alike.rs).
#[wasm_bindgen_test]
fn nfd_is_the_same_for_every_code_point_but_those_one_version_has_not_assigned() {
    same_but_where_one_version_is_older(|u| u.nfd, "NFD");
}

#[wasm_bindgen_test]
fn lower_casing_is_the_same_for_every_code_point_but_those_one_version_has_not_assigned() {
    same_but_where_one_version_is_older(|u| u.lowercase, "lower-casing");
}

/// Case folding as the console does it (upper- then lower-casing, twice: JavaScript has no case
/// folding, and "ẞ" needs the second round to become "ss") against Unicode's full case folding.
#[wasm_bindgen_test]
fn case_folding_is_the_same_for_every_code_point_but_those_one_version_has_not_assigned() {
    same_but_where_one_version_is_older(|u| u.case_fold, "case folding");
}

/// Domains built from labels of every kind: ASCII, Unicode in several scripts, decomposed,
/// full-width, mixed-script, emoji, Punycode (valid and not), and malformed.
fn domains() -> Vec<String> {
    let labels = [
        "acme",
        "a-b",
        "xn--bcher-kva",
        "xn--zz",
        "xn--",
        "bücher",
        "bu\u{308}cher",
        "ＡＣＭＥ",
        "münchen",
        "日本",
        "пример",
        "ελληνικά",
        "عربي",
        "עברית",
        "हिन्दी",
        "한국",
        "ไทย",
        "раураl",
        "💩",
        "straße",
        "ǅemal",
        "a_b",
        "-acme",
        "acme-",
        "",
        "İstanbul",
        "ıi",
        "ﬁnance",
        "①②",
        "ⓐⓑ",
        "x\u{200D}y",
        "x\u{200C}y",
    ];
    let tlds = ["com", "example", "ＣＯＭ", "рф", "中国", "co.uk", "xn--p1ai", "1"];
    let dots = [".", "．", "。", "｡"];
    let mut all = Vec::new();
    for a in labels {
        for b in labels {
            for (i, tld) in tlds.iter().enumerate() {
                let dot = dots[(a.len() + b.len() + i) % dots.len()];
                all.push(format!("{a}{dot}{b}.{tld}"));
            }
        }
        all.push(format!("{a}.{}", "x".repeat(64)));
    }
    all
}

/// The URL standard (the browser) and UTS 46 as the `idna` crate runs it (after the URL standard
/// too) agree on every domain, but for the kinds named here.
#[wasm_bindgen_test]
fn idna_agrees_on_thousands_of_domains() {
    let domains = domains();
    assert!(domains.len() > 5000, "{}", domains.len());
    let mut unexplained = Vec::new();
    for domain in &domains {
        let (browser, native) = ((BROWSER.domain_to_ascii)(domain), (NATIVE.domain_to_ascii)(domain));
        if browser != native && !documented_idna(domain, &browser, &native) {
            unexplained.push(format!("{domain:?}: browser {browser:?} native {native:?}"));
        }
    }
    assert!(unexplained.is_empty(), "{} of {} differ:\n{}", unexplained.len(), domains.len(), unexplained.join("\n"));
}

/// - A label with a malformed Punycode body (`xn--zz`, `xn--`): Chromium's URL parser passes it
///   as it is, the `idna` crate refuses it. Core never asks either for an ASCII domain (it takes
///   it as typed, on both sides); a Unicode domain with such a label passes the console's check
///   and the reference server refuses it.
/// - An all-numeric last label is an IPv4 address to the URL parser: the console's wrapper
///   refuses it as no domain, the `idna` crate maps it as a name. Core's domain rule needs letters
///   in the name anyway.
/// - An empty label (`a..b`, a leading dot) is refused by the console's URL-based wrapper only
///   where the URL parser refuses it; core's domain rule refuses empty labels on both sides.
fn documented_idna(domain: &str, browser: &Option<String>, native: &Option<String>) -> bool {
    let numeric_last =
        native.as_ref().is_some_and(|n| n.rsplit('.').next().is_some_and(|l| l.bytes().all(|b| b.is_ascii_digit())));
    let empty_label = domain.split(['.', '．', '。', '｡']).any(str::is_empty);
    let bad_punycode = native.is_none()
        && browser.is_some()
        && domain.split(['.', '．', '。', '｡']).any(|l| l == "xn--" || l == "xn--zz");
    (browser.is_none() && numeric_last) || empty_label || bad_punycode
}
