//! What a browser loads and when, in headless Chromium against the reference server: every lazily
//! loaded page's first visit, signed in, from its own chunk; a chunk that cannot be fetched (the
//! server is down) shown with Retry, which works once the server is back; the console's files
//! sent compressed and cached by name; and the calls that sign-in, the Tenants page, a tenant's
//! pages, the routing overview and a save make, counted on the server with 500 tenants.

use serde_json::json;
use std::collections::BTreeMap;
use std::io::Read;
use std::time::{Duration, Instant};
use tenantry_core::app_route::AppRoute;
use tenantry_e2e::browser::{by_test_id, Browser, WAIT};
use tenantry_e2e::console::{
    console_server, for_tenant, sign_in, sign_in_as, SUPERVISOR_SPLIT_PAGES, TENANT_ADMIN_SPLIT_PAGES,
};
use tenantry_e2e::{workspace_root, Api, RefServer};

/// The chunks (every wasm but the main module) this page load has fetched.
async fn chunks_fetched(b: &Browser) -> u64 {
    let script = "return performance.getEntriesByType('resource')
        .filter(e => e.name.endsWith('.wasm') && !e.name.endsWith('_bg.wasm')).length";
    b.client.execute(script, vec![]).await.expect("resource timing").as_u64().unwrap()
}

/// How many files whose names contain `part` this page load has fetched.
async fn fetched_named(b: &Browser, part: &str) -> u64 {
    let script = "return performance.getEntriesByType('resource').filter(e => e.name.includes(arguments[0])).length";
    b.client.execute(script, vec![json!(part)]).await.expect("resource timing").as_u64().unwrap()
}

async fn wait_until_fetched(b: &Browser, part: &str) {
    let deadline = Instant::now() + WAIT;
    while fetched_named(b, part).await == 0 {
        assert!(Instant::now() < deadline, "{part} was never fetched");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Loads `path` afresh (a first visit of its chunk) and waits for the page's heading and for its
/// chunk to be fetched and shown (a tenant's heading is the hub's, drawn before its tab arrives).
async fn first_visit(b: &Browser, base: &str, path: &str, heading: &str) {
    b.goto(&format!("{base}{path}")).await;
    b.wait_for_text("main h1", heading).await;
    let deadline = Instant::now() + WAIT;
    while chunks_fetched(b).await == 0 {
        assert!(Instant::now() < deadline, "{path} came without a chunk of its own");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    b.wait_gone(&by_test_id("chunk-loading")).await;
    assert_eq!(b.count(&by_test_id("page-error")).await, 0, "{path}: its chunk did not load");
}

#[tokio::test]
async fn every_split_page_renders_on_its_first_visit() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let acme = api.create_company("Acme Research");
    let admin = api.create_user(&acme, "ana@acme.example", "admin");
    let (admin_key, admin_secret) = api.credentials_for(&admin);
    let base = server.base.as_str();

    let b = Browser::start().await;
    b.goto(&format!("{base}/tenants")).await;
    b.click("#keep-signed-in").await;
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_text(&by_test_id("tenant-count"), "2 tenants").await;
    assert_eq!(chunks_fetched(&b).await, 0, "the Tenants page needs no chunk");

    for page in SUPERVISOR_SPLIT_PAGES {
        let (path, heading) = for_tenant(page, &acme, "Acme Research");
        first_visit(&b, base, &path, &heading).await;
    }
    b.screenshot("60-split-page-first-visit").await;

    b.click(&by_test_id("sign-out")).await;
    b.click("#keep-signed-in").await;
    sign_in_as(&b, &admin_key, &admin_secret, "ana@acme.example").await;
    for page in TENANT_ADMIN_SPLIT_PAGES {
        let (path, heading) = for_tenant(page, &acme, "Acme Research");
        first_visit(&b, base, &path, &heading).await;
    }
    b.close().await;
}

/// The lists above name every page that has a chunk of its own: a page added to the route table
/// without being added here fails, so the browser tests (this one, the accessibility audit) cover it.
#[test]
fn the_split_page_lists_cover_every_page_in_a_chunk() {
    let listed: Vec<AppRoute> = SUPERVISOR_SPLIT_PAGES
        .iter()
        .chain(TENANT_ADMIN_SPLIT_PAGES.iter())
        .filter_map(|page| AppRoute::parse(&for_tenant(*page, "0123456789abcdef0123456789abcdef", "x").0))
        .collect();
    assert_eq!(
        listed.len(),
        SUPERVISOR_SPLIT_PAGES.len() + TENANT_ADMIN_SPLIT_PAGES.len(),
        "every listed path is a page"
    );
    let missing: Vec<String> = AppRoute::examples()
        .iter()
        .filter(|r| {
            !r.in_first_load() && !listed.iter().any(|l| std::mem::discriminant(l) == std::mem::discriminant(*r))
        })
        .map(AppRoute::href)
        .collect();
    assert!(missing.is_empty(), "pages in a chunk of their own that the browser tests do not visit: {missing:?}");
}

#[tokio::test]
async fn a_page_whose_chunk_cannot_be_fetched_offers_retry() {
    let mut server = console_server();
    // Pointing at a link starts fetching its area's chunk before the click.
    let b = Browser::start().await;
    b.goto(&format!("{}/tenants", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.find_id("tenants-table").await;
    assert_eq!(fetched_named(&b, "split_area_supervisor").await, 0);
    b.point_at("nav a[href=\"/features\"]").await;
    wait_until_fetched(&b, "split_area_supervisor").await;
    b.close().await;

    // A new page load, whose first visit of the area finds the server gone.
    let b = Browser::start().await;
    b.goto(&format!("{}/tenants", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.find_id("tenants-table").await;
    server.kill();
    b.click("nav a[href=\"/login-routing\"]").await;
    b.wait_for_text(&by_test_id("page-error"), "This page could not be loaded").await;
    b.screenshot("61-chunk-missing").await;

    server.restart();
    b.click(&by_test_id("chunk-retry")).await;
    b.wait_for_text("main h1", "Login routing").await;
    b.wait_gone(&by_test_id("page-error")).await;
    b.close().await;
}

struct Fetched {
    status: u16,
    encoding: Option<String>,
    cache: Option<String>,
    body: Vec<u8>,
}

fn fetch(base: &str, path: &str, accept_encoding: &str) -> Fetched {
    let response = match ureq::get(&format!("{base}{path}")).set("Accept-Encoding", accept_encoding).call() {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{path}: {e}"),
    };
    let (status, encoding, cache) = (
        response.status(),
        response.header("content-encoding").map(str::to_owned),
        response.header("cache-control").map(str::to_owned),
    );
    let mut body = Vec::new();
    response.into_reader().read_to_end(&mut body).expect("read the body");
    Fetched { status, encoding, cache, body }
}

fn decoded(f: &Fetched) -> Vec<u8> {
    let mut out = Vec::new();
    match f.encoding.as_deref() {
        Some("br") => brotli::Decompressor::new(&f.body[..], 4096).read_to_end(&mut out),
        Some("gzip") => flate2::read::GzDecoder::new(&f.body[..]).read_to_end(&mut out),
        _ => (&f.body[..]).read_to_end(&mut out),
    }
    .expect("decompress");
    out
}

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

#[test]
fn the_console_is_sent_compressed_and_cached_by_name() {
    let server = console_server();
    let dist = workspace_root().join("dist");
    let base = server.base.as_str();

    let index = fetch(base, "/", "br, gzip");
    assert_eq!((index.status, index.encoding.as_deref(), index.cache.as_deref()), (200, Some("br"), Some("no-cache")));
    let html = String::from_utf8(decoded(&index)).expect("index.html is text");
    assert_eq!(html.as_bytes(), std::fs::read(dist.join("index.html")).unwrap(), "not the built index.html");
    let route = fetch(base, "/tenants/0123/login-routing", "gzip");
    assert_eq!(
        (route.status, route.encoding.as_deref(), route.cache.as_deref()),
        (200, Some("gzip"), Some("no-cache"))
    );

    let mut split_files = 0;
    for entry in std::fs::read_dir(&dist).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !(name.ends_with(".wasm") || name.ends_with(".js") || name.ends_with(".css")) {
            continue;
        }
        split_files += usize::from(["split_", "chunk_", "__wasm_split"].iter().any(|p| name.starts_with(p)));
        let original = std::fs::read(dist.join(&name)).unwrap();
        for (accept, expected) in [("br", Some("br")), ("gzip", Some("gzip")), ("identity", None)] {
            let f = fetch(base, &format!("/{name}"), accept);
            assert_eq!(f.status, 200, "{name}");
            assert_eq!(f.encoding.as_deref(), expected, "{name} with Accept-Encoding: {accept}");
            assert_eq!(f.cache.as_deref(), Some(IMMUTABLE), "{name} is not named by its build");
            assert!(decoded(&f) == original, "{name} ({accept}) is not the built file");
        }
    }
    // The two areas' chunks, the piece they share, and the loader.
    assert!(split_files >= 4, "only {split_files} split files in dist/");
    // A chunk of another build is missing, not index.html.
    let missing = fetch(base, "/split_area_supervisor-0123456789abcdef.wasm", "br");
    assert_eq!((missing.status, missing.cache.as_deref()), (404, Some("no-cache")));
}

fn seed_tenants(api: &Api, count: usize) {
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let api = api.clone();
            std::thread::spawn(move || {
                for i in (t..count).step_by(4) {
                    api.call("system.create_company", json!({ "name": format!("tenant-{i:04}") })).ok();
                }
            })
        })
        .collect();
    threads.into_iter().for_each(|t| t.join().expect("seeding thread"));
}

/// The server's counts once no call has come for a second, so that calls a page starts late are
/// counted too; fails if the counts keep changing.
async fn settled_calls(server: &RefServer) -> BTreeMap<String, u64> {
    let deadline = Instant::now() + WAIT;
    let mut last = server.calls();
    loop {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let now = server.calls();
        if now == last {
            return now;
        }
        assert!(Instant::now() < deadline, "the calls never settled: {now:?}");
        last = now;
    }
}

fn since(before: &BTreeMap<String, u64>, after: &BTreeMap<String, u64>) -> BTreeMap<String, u64> {
    after.iter().map(|(k, v)| (k.clone(), v - before.get(k).copied().unwrap_or(0))).filter(|(_, v)| *v > 0).collect()
}

#[tokio::test]
async fn sign_in_and_the_tenants_page_make_a_constant_number_of_calls() {
    const TENANTS: usize = 500;
    let dist = workspace_root().join("dist");
    let server = RefServer::start_with(Some(&dist), &["--count-calls"]);
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let token = api.call("auth.login", json!({})).ok()["token"].as_str().unwrap().to_owned();
    let api = Api::new(&server.api_url()).bearer(&token);
    seed_tenants(&api, TENANTS);
    // Each seeded tenant has an admin: reading its routing would cost two calls.
    let first = api.call("system.get_companies", json!({})).ok()["companies"][1]["id"].as_str().unwrap().to_owned();
    api.create_user(&first, "ana@first.example", "admin");

    let before = server.calls();
    let b = Browser::start().await;
    b.goto(&format!("{}/", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_text(&by_test_id("tenant-count"), &format!("{} tenants", TENANTS + 1)).await;
    let made = since(&before, &settled_calls(&server).await);
    assert!(made.values().sum::<u64>() <= 5, "sign-in and the Tenants page made {made:?}");
    assert_eq!(made.get("system.get_companies"), Some(&1), "{made:?}");

    // A tenant's routing and SSO pages read that tenant only.
    let before = server.calls();
    b.follow(&format!("/tenants/{first}/login-routing")).await;
    b.wait_for_text(&by_test_id("acting-as"), "ana@first.example").await;
    let made = since(&before, &settled_calls(&server).await);
    assert_eq!(made, BTreeMap::from([("login.get_settings".into(), 1), ("users.get_all".into(), 1)]));
    let before = server.calls();
    b.follow(&format!("/tenants/{first}/sso")).await;
    b.find("#tsso-tenant").await;
    let made = since(&before, &settled_calls(&server).await);
    assert_eq!(made.get("users.get_all"), Some(&1), "{made:?}");
    assert!(made.values().sum::<u64>() <= 4, "{made:?}");

    // The routing overview reads every tenant, with progress; leaving it stops the reads.
    let before = server.calls();
    b.click("nav a[href=\"/login-routing\"]").await;
    b.wait_for_text(&by_test_id("routing-progress"), "Reading every tenant's login routing").await;
    b.screenshot("62-routing-progress").await;
    b.click("nav a[href=\"/tenants\"]").await;
    b.find_id("tenants-table").await;
    let read = since(&before, &settled_calls(&server).await);
    let users_read = read.get("users.get_all").copied().unwrap_or(0);
    assert!(users_read < TENANTS as u64, "the reads went on after the page was left: {read:?}");

    // Back on the overview, what was read is kept and only the rest is read.
    let before = server.calls();
    b.click("nav a[href=\"/login-routing\"]").await;
    b.wait_for_text(&by_test_id("no-conflicts"), "No domain or email").await;
    let rest = since(&before, &settled_calls(&server).await);
    assert_eq!(
        rest.get("users.get_all").copied().unwrap_or(0) + users_read,
        TENANTS as u64,
        "each tenant is read once: {rest:?}"
    );

    // A save on a tenant's routing page sends the change and re-reads that tenant only.
    b.follow(&format!("/tenants/{first}/login-routing")).await;
    b.fill("#domains", "first.example").await;
    let before = server.calls();
    b.click_enabled(&by_test_id("save-domains")).await;
    b.wait_for_text(&by_test_id("page-success"), "Domains saved.").await;
    let saved = since(&before, &settled_calls(&server).await);
    let expected = [("login.get_settings", 1), ("login.set_domains", 1), ("users.get_all", 1)];
    assert_eq!(saved, expected.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(), "a save re-read more");
    b.close().await;
}
