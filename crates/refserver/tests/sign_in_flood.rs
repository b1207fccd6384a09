//! A flood of wrong secrets cannot exhaust the server: 32 clients hammering one known access key
//! leave its memory bounded and the supervisor signing in at normal speed; the key is locked out
//! with 429; an unknown key's refusal takes as long as a known key's.

use serde_json::json;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tenantry_e2e::{Api, RefServer};

fn server() -> RefServer {
    RefServer::launch(Path::new(env!("CARGO_BIN_EXE_tenantry-refserver")), None, &[])
}

/// The server's peak resident memory so far, in MiB (`VmHWM`).
fn peak_rss_mib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("the server's /proc status");
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).expect("VmHWM");
    line.split_whitespace().nth(1).and_then(|kb| kb.parse::<u64>().ok()).expect("kB") / 1024
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

#[test]
fn a_flood_of_wrong_secrets_is_locked_out_and_leaves_the_supervisor_signing_in_at_once() {
    let s = server();
    let sup = Api::new(&s.api_url()).basic(&s.key, &s.secret);
    let acme = sup.create_company("Acme");
    let ann = sup.create_user(&acme, "ann@acme.io", "admin");
    let (key, _) = sup.credentials_for(&ann);

    let stop = Arc::new(AtomicBool::new(false));
    let (refused, locked) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let flood: Vec<_> = (0..32)
        .map(|_| {
            let (api_url, key, stop) = (s.api_url(), key.clone(), stop.clone());
            let (refused, locked) = (refused.clone(), locked.clone());
            std::thread::spawn(move || {
                let attacker = Api::new(&api_url).basic(&key, "wrong");
                while !stop.load(Ordering::Relaxed) {
                    match attacker.call("auth.login", json!({})).status {
                        401 => refused.fetch_add(1, Ordering::Relaxed),
                        429 => locked.fetch_add(1, Ordering::Relaxed),
                        other => panic!("a wrong secret got {other}"),
                    };
                }
            })
        })
        .collect();

    std::thread::sleep(Duration::from_millis(500));
    let mut slowest = Duration::ZERO;
    for _ in 0..5 {
        let started = Instant::now();
        assert_eq!(sup.call("auth.login", json!({})).status, 200);
        slowest = slowest.max(started.elapsed());
        std::thread::sleep(Duration::from_millis(200));
    }
    stop.store(true, Ordering::Relaxed);
    flood.into_iter().for_each(|t| t.join().unwrap());

    assert!(slowest < Duration::from_secs(1), "the supervisor's sign-in took {slowest:?} during the flood");
    let peak = peak_rss_mib(s.pid());
    assert!(peak < 200, "the server grew to {peak} MiB");
    let (refused, locked) = (refused.load(Ordering::Relaxed), locked.load(Ordering::Relaxed));
    assert!(locked > refused, "most attempts should be locked out without hashing: {refused} checked, {locked} locked");
    let answer = Api::new(&s.api_url()).basic(&key, "wrong").call("auth.login", json!({}));
    assert_eq!(answer.status, 429);
    assert!(answer.msg().starts_with("Too many failed sign-ins"), "{}", answer.msg());
}

#[test]
fn an_unknown_key_is_refused_as_slowly_as_a_known_one() {
    let s = server();
    let sup = Api::new(&s.api_url()).basic(&s.key, &s.secret);
    let company = sup.create_company("Acme");
    // A fresh known key per attempt, so no lock-out gets in the way of the timing.
    let timed = |key: &str| {
        let started = Instant::now();
        assert_eq!(Api::new(&s.api_url()).basic(key, "wrong").call("auth.login", json!({})).status, 401);
        started.elapsed()
    };
    let known: Vec<_> = (0..3)
        .map(|i| {
            let user = sup.create_user(&company, &format!("u{i}@acme.io"), "user");
            timed(&sup.credentials_for(&user).0)
        })
        .collect();
    let unknown: Vec<_> = (0..3).map(|i| timed(&format!("NOSUCHKEY{i}"))).collect();
    let (known, unknown) = (median(known), median(unknown));
    assert!(unknown * 2 > known, "an unknown key was refused in {unknown:?}, a known one in {known:?}");
}
