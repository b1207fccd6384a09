//! A path segment or query value in a URL, percent-encoded and read back, with servo's
//! `percent-encoding` (the `url` crate's own) rather than by hand.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986's unreserved characters.
const RESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

pub fn encode_component(s: &str) -> String {
    utf8_percent_encode(s, RESERVED).to_string()
}

/// Reads a percent-encoded component (`+` as a space, as forms send it); a broken escape stays as
/// typed.
pub fn decode_component(s: &str) -> String {
    percent_decode_str(&s.replace('+', " ")).decode_utf8_lossy().into_owned()
}
