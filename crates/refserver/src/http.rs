//! HTTP: the API under `/api/` (any method, CORS answered for a console on another origin) and,
//! for every other path, the built console (see `console`).

use crate::app::{self, App, Request};
use crate::console;
use crate::failure::Failure;
use crate::identity::{CallHeaders, Header};
use crate::serve;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use serde_json::Value;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::compression::{CompressionLayer, CompressionLevel};

pub fn router(app: Arc<App>, console_dir: Option<PathBuf>, connect_src: &[String]) -> Router {
    // Answers are compressed as a real apiserver's ingress does: a list of 10,000 tenants is
    // 1.4 MB of JSON and a tenth of that gzipped. Level 4: brotli's default (11) took longer
    // than sending the list uncompressed over loopback.
    let api = Router::new()
        .route("/api/{*path}", any(api_call))
        .route("/api", any(no_endpoint))
        .route("/api/", any(no_endpoint))
        .route("/__calls", get(call_counts))
        .with_state(app)
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)));
    match console_dir {
        Some(dir) => api.merge(console::router(dir, connect_src)),
        None => api,
    }
}

async fn call_counts(State(app): State<Arc<App>>) -> Response {
    match app.calls() {
        Some(calls) => Json(calls).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Header<'a> {
    match headers.get(name).map(|v| v.to_str()) {
        None => Header::Absent,
        Some(Ok(text)) => Header::Text(text),
        Some(Err(_)) => Header::Unreadable,
    }
}

/// axum's own default limit for a body read whole.
const BODY_LIMIT: usize = 2 * 1024 * 1024;

fn is_over_limit(e: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if err.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = err.source();
    }
    false
}

async fn read_body(body: Body) -> Result<Bytes, Failure> {
    match tokio::time::timeout(serve::BODY_TIMEOUT, axum::body::to_bytes(body, BODY_LIMIT)).await {
        Ok(Ok(body)) => Ok(body),
        Ok(Err(e)) if is_over_limit(&e) => Err(Failure::body_too_large()),
        Ok(Err(e)) => Err(Failure::unreadable_body(400, &e.to_string())),
        Err(_) => Err(Failure::unreadable_body(408, "not received in time")),
    }
}

fn answer((code, envelope): (u16, Value)) -> Response {
    (StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), Json(envelope)).into_response()
}

/// `/api` and `/api/` name no endpoint; they still answer with the envelope.
async fn no_endpoint() -> Response {
    answer(app::refusal("", Failure::bad_request_path("", "expected <service>.<action>")))
}

async fn api_call(
    State(app): State<Arc<App>>,
    method: Method,
    Path(path): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    // Decided before the app moves into the call: whether this origin may read the answer.
    let allowed_origin =
        headers.get(header::ORIGIN).filter(|o| o.to_str().is_ok_and(|o| app.allowed_origins.allows(o))).cloned();
    let mut response =
        if method == Method::OPTIONS { preflight(&headers) } else { run_call(app, path, peer, headers, body).await };
    let h = response.headers_mut();
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if let Some(origin) = allowed_origin {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    }
    response
}

/// The headers that say who a call is from or acts as, as the refusal names them.
const ONE_EACH: [&str; 3] = ["Authorization", "X-Clearml-Impersonate-As", "X-Clearml-Act-As"];

fn repeated_identity(headers: &HeaderMap) -> Option<Failure> {
    ONE_EACH.into_iter().find_map(|name| {
        let times = headers.get_all(name.to_ascii_lowercase()).iter().count();
        (times > 1).then(|| Failure::repeated_header(name, times))
    })
}

/// One API call: its body read within the limits, then run off the async workers.
async fn run_call(app: Arc<App>, path: String, peer: SocketAddr, headers: HeaderMap, body: Body) -> Response {
    if let Some(refused) = repeated_identity(&headers) {
        return answer(app::refusal(&path, refused));
    }
    // A declared length over the limit is refused before any of the body is read.
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    let body = match declared {
        Some(length) if length > BODY_LIMIT => Err(Failure::body_too_large()),
        _ => read_body(body).await,
    };
    let body = match body {
        Ok(body) => body,
        Err(refused) => return answer(app::refusal(&path, refused)),
    };
    // Password hashing and SQLite block, so the call runs off the async workers.
    let path_for_panic = path.clone();
    let answered = tokio::task::spawn_blocking(move || {
        let req = Request {
            path: &path,
            headers: CallHeaders {
                authorization: header(&headers, "authorization"),
                impersonate_as: header(&headers, "x-clearml-impersonate-as"),
                act_as: header(&headers, "x-clearml-act-as"),
                remote: peer.ip().to_string(),
            },
            body: &body,
        };
        app.handle(&req)
    })
    .await;
    // A panic was printed where it happened; the call gets the envelope, the server goes on.
    // (The server is built in the dev profile, which unwinds; the release profile's
    // `panic = "abort"` is for the console's wasm.)
    answer(answered.unwrap_or_else(|_| app::refusal(&path_for_panic, Failure::internal())))
}

fn preflight(headers: &HeaderMap) -> Response {
    let mut response = StatusCode::OK.into_response();
    let h = response.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST, OPTIONS"));
    if let Some(requested) = headers.get(header::ACCESS_CONTROL_REQUEST_HEADERS) {
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, requested.clone());
    }
    h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    response
}
