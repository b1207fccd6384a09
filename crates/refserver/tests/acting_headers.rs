//! A header that is present is never ignored. Acting headers and `Authorization` whose value is
//! not clean (empty, padded, a pasted no-break space, other non-ASCII) are refused with the
//! envelope; the call never runs as the caller instead. Sent as raw bytes over TCP, since HTTP
//! clients refuse to send such values.

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use tenantry_e2e::{Api, RefServer};

fn server() -> RefServer {
    RefServer::launch(Path::new(env!("CARGO_BIN_EXE_tenantry-refserver")), None, &[])
}

/// POSTs `body` to `endpoint` with `headers` written byte for byte; the status and the envelope.
fn raw_call(s: &RefServer, endpoint: &str, headers: &[u8], body: &str) -> (u16, Value) {
    let addr = s.base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).expect("connect");
    let mut request = format!(
        "POST /api/{endpoint} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(headers);
    request.extend_from_slice(b"\r\n");
    request.extend_from_slice(body.as_bytes());
    stream.write_all(&request).expect("send");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("read");
    let text = String::from_utf8_lossy(&answer);
    let status = text[9..12].parse().expect("status code");
    let envelope = text.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
    (status, serde_json::from_str(envelope).unwrap_or_else(|e| panic!("{e}: {text}")))
}

fn basic(s: &RefServer) -> String {
    use base64::Engine;
    format!(
        "Authorization: Basic {}\r\n",
        base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", s.key, s.secret))
    )
}

fn codes(envelope: &Value) -> (u64, u64, String) {
    let meta = &envelope["meta"];
    (
        meta["result_code"].as_u64().unwrap(),
        meta["result_subcode"].as_u64().unwrap(),
        meta["result_msg"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn an_unclean_acting_header_is_refused_never_ignored() {
    let s = server();
    let sup = Api::new(&s.api_url()).basic(&s.key, &s.secret);
    let acme = sup.create_company("Acme");
    let ann = sup.create_user(&acme, "ann@acme.io", "admin");
    for name in ["X-Clearml-Act-As", "X-Clearml-Impersonate-As"] {
        // Spaces and tabs around a value are not part of it in HTTP (the parser drops them), and
        // control bytes never reach the server's code (the parser refuses the request).
        let values: [Vec<u8>; 4] = [
            format!("{ann}\u{a0}").into_bytes(),
            format!("\u{a0}{ann}").into_bytes(),
            Vec::new(),
            format!("\u{202e}{ann}").into_bytes(),
        ];
        for value in values {
            let mut headers = basic(&s).into_bytes();
            headers.extend_from_slice(format!("{name}: ").as_bytes());
            headers.extend_from_slice(&value);
            headers.extend_from_slice(b"\r\n");
            for (endpoint, body) in
                [("login.set_domains", r#"{"domains": ["mine.example"]}"#), ("auth.create_credentials", "{}")]
            {
                let (status, envelope) = raw_call(&s, endpoint, &headers, body);
                let shown = String::from_utf8_lossy(&value).into_owned();
                assert_eq!(status, 400, "{name}: {shown:?} on {endpoint}: {envelope}");
                assert_eq!(
                    codes(&envelope),
                    (
                        400,
                        6,
                        format!("Impersonation error (invalid {name} header: expected a user id and nothing else)")
                    ),
                    "{name}: {shown:?}"
                );
            }
        }
    }
    // Nothing ran as the supervisor: its own company has no domains and it holds one key.
    assert_eq!(sup.call("login.get_settings", json!({})).ok()["domains"], json!([]));
    assert_eq!(sup.call("auth.get_credentials", json!({})).ok()["credentials"].as_array().map(Vec::len), Some(1));
}

#[test]
fn a_malformed_authorization_header_is_malformed_not_missing() {
    let s = server();
    for value in [&b""[..], b"   ", b"Basic \xc3\xa9", b"Bearer \xa0"] {
        let mut headers = b"Authorization: ".to_vec();
        headers.extend_from_slice(value);
        headers.extend_from_slice(b"\r\n");
        let (status, envelope) = raw_call(&s, "users.get_current_user", &headers, "{}");
        assert_eq!((status, codes(&envelope).1), (401, 21), "{:?}: {envelope}", String::from_utf8_lossy(value));
    }
    let (status, envelope) = raw_call(&s, "users.get_current_user", b"", "{}");
    assert_eq!((status, codes(&envelope).1), (401, 20), "{envelope}");
}
