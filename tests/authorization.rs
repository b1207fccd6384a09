//! The console's Basic authorization header (the browser's `btoa`) against core's (the base64
//! crate, which the CLI and the reference server's tests use), in headless Chromium.

use tenantry::authorization::basic_authorization;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_browser_makes_the_same_header_as_core() {
    let pairs = [
        ("AKIA0000", "s3cr3t/+=="),
        ("", ""),
        ("jürgen", "pässwörd"),
        ("名前", "🔑 key:with:colons"),
        ("\u{7f}\u{80}\u{ff}", "\u{100}\u{ffff}\u{10ffff}"),
    ];
    for (username, password) in pairs {
        assert_eq!(
            basic_authorization(username, password),
            tenantry_core::clearml::sign_in::basic_authorization(username, password),
            "{username:?} {password:?}"
        );
    }
}
