//! The built console: `index.html` for every client-side route, each file as the build compressed
//! it (`.br` and `.gz` beside it, chosen by `Accept-Encoding`), files whose names carry the build's
//! hash cached for a year, everything else (`index.html` above all) revalidated on every load, so
//! that a new build is seen at once and never mixed with an older one. Every answer carries the
//! console's Content-Security-Policy and the other security headers (`SECURITY_HEADERS`).

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::convert::Infallible;
use std::path::PathBuf;
use tower::{service_fn, ServiceExt};
use tower_http::services::{ServeDir, ServeFile};

pub fn router(dir: PathBuf, connect: &[String]) -> Router {
    let policy = HeaderValue::from_str(&content_security_policy(connect))
        .expect("a policy of checked origins is a valid header value");
    let index = ServeFile::new(dir.join("index.html")).precompressed_br().precompressed_gzip();
    // A missing file (say, a chunk of an older build) is a 404, never index.html, which the
    // browser would take for the file and fail on in a less clear way.
    let client_route = service_fn(move |req: Request| {
        let index = index.clone();
        async move {
            if names_a_file(req.uri().path()) {
                return Ok::<_, Infallible>(StatusCode::NOT_FOUND.into_response());
            }
            index.oneshot(req).await.map(IntoResponse::into_response)
        }
    });
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip().fallback(client_route);
    Router::new().fallback_service(files).layer(middleware::from_fn_with_state(policy, response_headers))
}

/// No script but the console's own files (no inline script, no `eval`; `'wasm-unsafe-eval'` lets
/// them compile the wasm), no styles but its stylesheet, no framing, no `<base>`, no plugins.
/// `connect-src` is the server's own origin and the addresses named with `--connect-src`; with
/// none named, any http(s) address, since the API and MLflow are wherever the user signs in to.
pub fn content_security_policy(connect: &[String]) -> String {
    let elsewhere = if connect.is_empty() { "http: https:".to_owned() } else { connect.join(" ") };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self' {elsewhere}; frame-ancestors 'none'; base-uri 'none'; \
         object-src 'none'; form-action 'self'"
    )
}

const OTHER_SECURITY_HEADERS: [(&str, &str); 3] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("cross-origin-opener-policy", "same-origin"),
];

/// An address `--connect-src` accepts: `http(s)://host[:port]`, nothing after, nothing a policy
/// would read as another source or directive.
pub fn parse_origin(raw: &str) -> Result<String, String> {
    let origin = raw.trim().trim_end_matches('/').to_ascii_lowercase();
    let rest = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"));
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    match rest {
        Some(host) if !host.is_empty() && host.chars().all(plain) => Ok(origin),
        _ => Err(format!("{raw:?} is not an origin such as https://mlflow.example or http://127.0.0.1:5000")),
    }
}

async fn response_headers(State(policy): State<HeaderValue>, req: Request, next: Next) -> Response {
    let hashed = carries_build_hash(req.uri().path());
    let mut response = next.run(req).await;
    let caching =
        if hashed && response.status().is_success() { "public, max-age=31536000, immutable" } else { "no-cache" };
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(caching));
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    h.insert(header::CONTENT_SECURITY_POLICY, policy);
    for (name, value) in OTHER_SECURITY_HEADERS {
        h.insert(name, HeaderValue::from_static(value));
    }
    response
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or_default()
}

/// Client-side routes never have a dot in their last segment; files always do.
fn names_a_file(path: &str) -> bool {
    file_name(path).contains('.')
}

/// Trunk and `scripts/split-wasm.sh` name files `<stem>-<hash>[_bg].<ext>`: 16 hex digits from the
/// script, and from trunk a 64-bit hash without leading zeros (15 digits one build in sixteen).
fn carries_build_hash(path: &str) -> bool {
    let Some((stem, _ext)) = file_name(path).rsplit_once('.') else { return false };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(name, hash)| {
        !name.is_empty() && (12..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_hashed_names_are_told_from_others() {
        for hashed in [
            "/tenantry-3f2a9c0d11e4b5a6_bg.wasm",
            "/tenantry-3f2a9c0d11e4b5a6.js",
            "/tenantry-dee23fc609c7852_bg.wasm",
            "/main-0123456789abcdef.css",
            "/page_tenant_sso-0123456789abcdef.wasm",
            "/__wasm_split-0123456789abcdef.js",
        ] {
            assert!(carries_build_hash(hashed), "{hashed}");
        }
        for plain in ["/", "/index.html", "/tenants/abc", "/tenantry_bg.wasm", "/x-123.js", "/-0123456789abcdef.js"] {
            assert!(!carries_build_hash(plain), "{plain}");
        }
    }

    #[test]
    fn connect_src_names_only_origins() {
        assert_eq!(parse_origin(" HTTPS://MLflow.Example/ ").unwrap(), "https://mlflow.example");
        assert_eq!(parse_origin("http://[::1]:5000").unwrap(), "http://[::1]:5000");
        for bad in ["mlflow.example", "https://", "https://x.example/path", "https://x.example; script-src *", "*"] {
            assert!(parse_origin(bad).is_err(), "{bad}");
        }
        assert!(content_security_policy(&[]).contains("connect-src 'self' http: https:;"));
        let narrow = content_security_policy(&["http://127.0.0.1:5000".into()]);
        assert!(narrow.contains("connect-src 'self' http://127.0.0.1:5000;"), "{narrow}");
    }

    #[test]
    fn client_routes_are_not_files() {
        assert!(!names_a_file("/tenants/0123/login-routing"));
        assert!(!names_a_file("/"));
        assert!(names_a_file("/split_page_groups-0123456789abcdef.wasm"));
    }
}
