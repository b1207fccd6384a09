//! The `Authorization` header for Basic authentication (ClearML's key and secret at sign-in,
//! MLflow's username and password), made by the browser's `btoa`: the same header as core's
//! `basic_authorization` (the CLI's and the tests'), without a base64 encoder in the wasm.
//! `tests/authorization.rs` compares the two in headless Chromium.

/// `Basic` and the base64 of `username:password` as UTF-8 (MLflow decodes UTF-8, so non-ASCII
/// usernames work).
pub fn basic_authorization(username: &str, password: &str) -> String {
    // `btoa` encodes one byte per character: the UTF-8 bytes, each as the character of its value.
    let bytes: String = format!("{username}:{password}").bytes().map(char::from).collect();
    let encoded = web_sys::window().and_then(|w| w.btoa(&bytes).ok()).unwrap_or_default();
    format!("Basic {encoded}")
}
