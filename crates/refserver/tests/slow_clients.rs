//! Half-sent requests do not hold the server: 200 clients that stop in the middle of their headers
//! or their body leave others answered at normal speed, and are let go after the time limits
//! (`serve.rs`: 10 s for the headers, 10 s for the body, the latter answered 408 in the envelope).

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};
use tenantry_e2e::{Api, RefServer};

#[test]
fn half_sent_requests_leave_others_answered_and_are_let_go_after_the_limits() {
    let s = RefServer::launch(Path::new(env!("CARGO_BIN_EXE_tenantry-refserver")), None, &[]);
    let addr = s.base.trim_start_matches("http://").to_owned();
    let started = Instant::now();
    let half_headers: Vec<TcpStream> = (0..100)
        .map(|_| {
            let mut c = TcpStream::connect(&addr).unwrap();
            c.write_all(b"POST /api/auth.login HTTP/1.1\r\nHost: x\r\n").unwrap();
            c
        })
        .collect();
    let half_bodies: Vec<TcpStream> = (0..100)
        .map(|_| {
            let mut c = TcpStream::connect(&addr).unwrap();
            c.write_all(b"POST /api/auth.login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"a\":").unwrap();
            c
        })
        .collect();

    let sup = Api::new(&s.api_url()).basic(&s.key, &s.secret);
    for _ in 0..5 {
        let asked = Instant::now();
        assert_eq!(sup.call("users.get_current_user", json!({})).status, 200);
        assert!(
            asked.elapsed() < Duration::from_millis(500),
            "a call took {:?} beside 200 slow clients",
            asked.elapsed()
        );
    }

    for mut c in half_bodies {
        c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut answer = String::new();
        c.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        let envelope: Value = serde_json::from_str(answer.split_once("\r\n\r\n").unwrap().1).unwrap();
        assert_eq!(envelope["meta"]["result_code"], 408);
    }
    for mut c in half_headers {
        c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut rest = Vec::new();
        // The server closes the connection (possibly after a bare 408 from hyper): never an answer to the call.
        let _ = c.read_to_end(&mut rest);
        assert!(!String::from_utf8_lossy(&rest).contains("\"result_code\":200"));
    }
    let waited = started.elapsed();
    assert!(waited >= Duration::from_secs(10) && waited < Duration::from_secs(25), "let go after {waited:?}");
}
