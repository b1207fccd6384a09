//! Every answer under /api is the JSON envelope with a status code, whatever went wrong: no
//! endpoint named, a body too large, a version that is not one, a handler that panicked (and the
//! server goes on answering).

use serde_json::{json, Value};
use std::path::Path;
use tenantry_e2e::api::Answer;
use tenantry_e2e::{Api, RefServer};

fn server() -> RefServer {
    RefServer::launch(Path::new(env!("CARGO_BIN_EXE_tenantry-refserver")), None, &["--panic-endpoint"])
}

fn assert_envelope(answer: &Answer, status: u16, subcode: u64) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(answer.body["meta"]["result_code"], json!(status), "{}", answer.body);
    assert_eq!(answer.body["meta"]["result_subcode"], json!(subcode), "{}", answer.body);
    assert!(answer.body["meta"]["result_msg"].as_str().is_some_and(|m| !m.is_empty()), "{}", answer.body);
    assert_eq!(answer.body["data"], json!({}));
}

#[test]
fn the_api_root_answers_with_the_envelope() {
    let s = server();
    for path in ["api", "api/"] {
        let answer = Api::new(&s.base).call(path, json!({}));
        assert_envelope(&answer, 400, 0);
    }
}

#[test]
fn a_body_over_the_limit_is_413_in_the_envelope() {
    use std::io::{Read, Write};
    let s = server();
    // Raw TCP, headers only: the server answers from the declared length, before any of the body
    // (an HTTP client sending the whole body reports a broken pipe when the server closes early).
    let mut c = std::net::TcpStream::connect(s.base.trim_start_matches("http://")).unwrap();
    let head = format!(
        "POST /api/system.create_company HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        3 * 1024 * 1024
    );
    c.write_all(head.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = c.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 413"), "{}", text.chars().take(200).collect::<String>());
    let envelope: Value = serde_json::from_str(text.split_once("\r\n\r\n").unwrap().1).unwrap();
    assert_eq!(
        (envelope["meta"]["result_code"].as_u64(), envelope["meta"]["result_subcode"].as_u64()),
        (Some(413), Some(0))
    );
}

#[test]
fn only_major_dot_minor_digits_are_a_version() {
    let s = server();
    let sup = Api::new(&s.api_url()).basic(&s.key, &s.secret);
    for path in [
        "v1e5/auth.login",
        "vNaN/auth.login",
        "vinf/auth.login",
        "v+2.3/auth.login",
        "v2/auth.login",
        "v2.31.1/auth.login",
        "v.5/auth.login",
    ] {
        assert_envelope(&sup.call(path, json!({})), 404, 0);
    }
    for path in ["v2.31/auth.login", "v999.0/auth.login", "auth.login"] {
        assert_eq!(sup.call(path, json!({})).status, 200, "{path}");
    }
}

#[test]
fn a_handler_panic_is_500_in_the_envelope_and_the_server_goes_on() {
    let s = server();
    let sup = Api::new(&s.api_url()).basic(&s.key, &s.secret);
    for _ in 0..3 {
        let answer = sup.call("debug.panic", json!({}));
        assert_envelope(&answer, 500, 0);
        assert_eq!(answer.body["meta"]["result_msg"], Value::from("General server error"));
    }
    assert_eq!(sup.call("users.get_current_user", json!({})).status, 200);
}
