//! Writes racing each other and a server killed mid-write: one winner for a name however it is
//! spelled, and nothing acknowledged is ever lost. Bounded: 5 races of 12 clients, 5 kills.

use serde_json::{json, Value};
use std::path::Path;
use std::sync::{Arc, Barrier};
use std::thread;
use tenantry_e2e::{Api, RefServer};

fn server() -> RefServer {
    RefServer::launch(Path::new(env!("CARGO_BIN_EXE_tenantry-refserver")), None, &[])
}

/// The supervisor by token, so the clients race on the write, not on password checks.
fn supervisor(s: &RefServer) -> Api {
    let basic = Api::new(&s.api_url()).basic(&s.key, &s.secret);
    let token = basic.call("auth.login", json!({})).ok()["token"].as_str().unwrap().to_owned();
    Api::new(&s.api_url()).bearer(&token)
}

#[test]
fn a_name_raced_in_every_spelling_has_exactly_one_winner() {
    let s = server();
    let api = supervisor(&s);
    for round in 0..5 {
        let spellings = [
            format!("Race {round} Corp"),
            format!("RACE {round} CORP"),
            format!("race {round}  corp"),
            format!("Ｒａｃｅ {round} Ｃｏｒｐ"),
            format!("Ra\u{200B}ce {round} Corp"),
            format!(" race {round} Corp "),
        ];
        let start = Arc::new(Barrier::new(12));
        let answers: Vec<(u16, u64)> = (0..12)
            .map(|i| {
                let (api, start, name) = (api.clone(), start.clone(), spellings[i % spellings.len()].clone());
                thread::spawn(move || {
                    start.wait();
                    let answer = api.call("system.create_company", json!({ "name": name }));
                    (answer.status, answer.subcode())
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap())
            .collect();
        let winners = answers.iter().filter(|a| a.0 == 200).count();
        let taken = answers.iter().filter(|a| **a == (400, 801)).count();
        assert_eq!((winners, taken), (1, 11), "round {round}: {answers:?}");
    }
    let listed = api.call("system.get_companies", json!({ "name_pattern": "race" })).ok();
    assert_eq!(listed["companies"].as_array().unwrap().len(), 5, "{listed}");
}

/// Creates companies until the server stops answering; returns the ids it acknowledged.
fn create_until_gone(api_url: String, token: String, client: usize) -> Vec<String> {
    let mut acknowledged = Vec::new();
    for n in 0..2_000 {
        let answer = ureq::post(&format!("{api_url}/system.create_company"))
            .set("Authorization", &format!("Bearer {token}"))
            .send_json(json!({ "name": format!("Client {client} number {n}") }));
        match answer {
            Ok(r) => {
                let body: Value = r.into_json().unwrap();
                acknowledged.push(body["data"]["id"].as_str().unwrap().to_owned());
            }
            Err(_) => break,
        }
    }
    acknowledged
}

#[test]
fn nothing_acknowledged_is_lost_when_the_server_is_killed_mid_write() {
    let mut s = server();
    let mut all_acknowledged: Vec<String> = Vec::new();
    for round in 0..5 {
        let api = supervisor(&s);
        let basic = Api::new(&s.api_url()).basic(&s.key, &s.secret);
        let token = basic.call("auth.login", json!({})).ok()["token"].as_str().unwrap().to_owned();
        let writers: Vec<_> = (0..4)
            .map(|i| {
                let (url, token) = (s.api_url(), token.clone());
                thread::spawn(move || create_until_gone(url, token, round * 10 + i))
            })
            .collect();
        // Kill while the writers are at it: once the server has answered some of them.
        let mut seen = 0;
        for _ in 0..2_000 {
            seen = api.call("system.get_companies", json!({ "name_pattern": "number" })).ok()["companies"]
                .as_array()
                .map_or(0, Vec::len);
            if seen >= all_acknowledged.len() + 20 {
                break;
            }
        }
        assert!(seen >= all_acknowledged.len() + 20, "round {round}: the writers never got going");
        s.kill();
        for w in writers {
            all_acknowledged.extend(w.join().unwrap());
        }
        s.restart();
        let listed = supervisor(&s).call("system.get_companies", json!({})).ok();
        let ids: Vec<&str> = listed["companies"].as_array().unwrap().iter().filter_map(|c| c["id"].as_str()).collect();
        let lost: Vec<&String> = all_acknowledged.iter().filter(|id| !ids.contains(&id.as_str())).collect();
        assert!(lost.is_empty(), "round {round}: acknowledged but lost after kill -9: {lost:?}");
    }
}
