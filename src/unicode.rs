//! The browser's Unicode, for core's name and domain rules (`tenantry_core::names::unicode`):
//! `String.prototype.normalize` for NFKC and NFD, `toLowerCase` for lower-casing, upper- then lower-casing (twice) for case folding (JavaScript
//! has no case folding of its own), and the URL parser's host for a domain's ASCII form (the URL
//! standard's UTS 46 processing). The browser already ships these tables; the wasm does not.

use js_sys::JsString;
use tenantry_core::names::unicode::Unicode;

pub const BROWSER: Unicode = Unicode { nfkc, nfd, lowercase, case_fold, domain_to_ascii };

fn nfkc(text: &str) -> String {
    JsString::from(text).normalize("NFKC").into()
}

fn nfd(text: &str) -> String {
    JsString::from(text).normalize("NFD").into()
}

fn lowercase(text: &str) -> String {
    JsString::from(text).to_lower_case().into()
}

fn case_fold(text: &str) -> String {
    // Twice: the capital sharp s "ẞ" lower-cases to "ß", which only a second round makes "ss".
    let once = JsString::from(text).to_upper_case().to_lower_case();
    once.to_upper_case().to_lower_case().into()
}

fn domain_to_ascii(domain: &str) -> Option<String> {
    // Only a host: anything that would make the text more than one (a port, a path, a user, an
    // IPv6 literal) is no domain.
    if domain.is_empty() || domain.contains([':', '/', '\\', '?', '#', '@', '[', ']', '%']) {
        return None;
    }
    let host = web_sys::Url::new(&format!("http://{domain}/")).ok()?.hostname();
    // The URL parser reads an all-numeric name as an IPv4 address, which is no domain either.
    (!host.is_empty() && !host.split('.').next_back().is_some_and(|l| l.bytes().all(|b| b.is_ascii_digit())))
        .then_some(host)
}
