//! HTTP: the API under `/api/` (any method, CORS answered for a console on another origin) and,
//! for every other path, the built console (see `console`).

use crate::app::{App, Request};
use crate::console;
use crate::identity::{CallHeaders, Header};
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::compression::{CompressionLayer, CompressionLevel};

pub fn router(app: Arc<App>, console_dir: Option<PathBuf>) -> Router {
    // Answers are compressed as a real apiserver's ingress does: a list of 10,000 tenants is
    // 1.4 MB of JSON and a tenth of that gzipped. Level 4: brotli's default (11) took longer
    // than sending the list uncompressed over loopback.
    let api = Router::new()
        .route("/api/{*path}", any(api_call))
        .route("/__calls", get(call_counts))
        .with_state(app)
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)));
    match console_dir {
        Some(dir) => api.merge(console::router(dir)),
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

async fn api_call(
    State(app): State<Arc<App>>,
    method: Method,
    Path(path): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let origin = headers.get(header::ORIGIN).cloned();
    let mut response = if method == Method::OPTIONS {
        preflight(&headers)
    } else {
        // Password hashing and SQLite block, so the call runs off the async workers.
        let answer = tokio::task::spawn_blocking(move || {
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
        match answer {
            Ok((code, env)) => {
                (StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), Json(env)).into_response()
            }
            Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    };
    if let Some(origin) = origin {
        let h = response.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.insert(header::ACCESS_CONTROL_ALLOW_CREDENTIALS, HeaderValue::from_static("true"));
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    response
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
