//! What a user waits for, measured in headless Chromium from the browser's own records (resource
//! timing's transfer sizes, user timing marks): the cold sign-in page, sign-in to a rendered
//! Tenants page, the first visit of every other page, and MLflow's own web UI beside them.

use std::io::Write;
use std::time::{Duration, Instant};
use tenantry_e2e::browser::{by_test_id, Browser, WAIT};
use tenantry_e2e::console::{for_tenant, submit_sign_in, SUPERVISOR_SPLIT_PAGES};

/// What a page load fetched: every file (and API answer), with the bytes that crossed the wire.
#[derive(Clone, Default)]
pub struct Fetched {
    pub files: usize,
    pub bytes: u64,
    /// Only wasm, JS and CSS: what SPEC's size budget counts.
    pub code_bytes: u64,
    pub code_files: usize,
    /// The URLs of the code files, for comparing like with like.
    pub code_urls: Vec<String>,
}

/// Every entry so far (the navigation first), as `[url, transferSize, responseEnd]`.
async fn entries(b: &Browser) -> Vec<(String, u64, f64)> {
    let script = "return [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
        .map(e => [e.name, e.transferSize, e.responseEnd])";
    let list = b.client.execute(script, vec![]).await.expect("resource timing");
    list.as_array()
        .expect("a list")
        .iter()
        .map(|e| {
            (e[0].as_str().unwrap_or_default().to_owned(), e[1].as_u64().unwrap_or(0), e[2].as_f64().unwrap_or(0.0))
        })
        .collect()
}

fn is_code(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    [".wasm", ".js", ".css"].iter().any(|ext| path.ends_with(ext))
}

fn summed(entries: &[(String, u64, f64)]) -> Fetched {
    let mut f = Fetched::default();
    for (url, bytes, _) in entries {
        f.files += 1;
        f.bytes += bytes;
        if is_code(url) {
            f.code_files += 1;
            f.code_bytes += bytes;
            f.code_urls.push(url.clone());
        }
    }
    f
}

/// Resource timing keeps 250 entries unless told otherwise; a full buffer would lose fetches.
async fn enlarge_buffer(b: &Browser) {
    b.client.execute("performance.setResourceTimingBufferSize(100000)", vec![]).await.expect("buffer size");
}

/// Polls `script` (returning a number, negative until ready) until it is ready.
async fn wait_number(b: &Browser, script: &str, what: &str) -> f64 {
    let deadline = Instant::now() + WAIT * 4;
    loop {
        let v = b.client.execute(script, vec![]).await.expect(what).as_f64().unwrap_or(-1.0);
        if v >= 0.0 {
            return v;
        }
        assert!(Instant::now() < deadline, "{what} never happened");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[derive(Clone)]
pub struct ColdStart {
    pub sign_in: Fetched,
    /// From navigation until the sign-in form answers.
    pub sign_in_ms: f64,
    pub tenants: Fetched,
    /// From sending the sign-in until the Tenants page is rendered.
    pub tenants_ms: f64,
}

/// A slower network than loopback: what Chromium's throttling adds to each round trip, and the
/// bandwidth each way.
#[derive(Clone, Copy)]
pub struct Network {
    pub latency_ms: u32,
    pub bits_per_second: u64,
}

/// 10 Mbit/s with 40 ms round trips: a modest office or home link.
pub const TEN_MBIT: Network = Network { latency_ms: 40, bits_per_second: 10_000_000 };

/// One cold start in a new browser (an empty cache): the sign-in page, then sign-in to Tenants;
/// over loopback, or over `network`.
pub async fn cold_start(
    base: &str,
    key: &str,
    secret: &str,
    tenants_shown: &str,
    network: Option<Network>,
) -> ColdStart {
    let b = Browser::start().await;
    if let Some(n) = network {
        b.emulate_network(n.latency_ms, n.bits_per_second).await;
    }
    b.goto(&format!("{base}/")).await;
    enlarge_buffer(&b).await;
    let sign_in_ms = wait_number(
        &b,
        "const m = performance.getEntriesByName('sign-in-interactive'); return m.length ? m[0].startTime : -1",
        "the sign-in form answering",
    )
    .await;
    let before = entries(&b).await;
    submit_sign_in(&b, key, secret).await;
    b.wait_for_text(&by_test_id("tenant-count"), tenants_shown).await;
    let tenants_ms = wait_number(
        &b,
        "const sent = performance.getEntriesByName('sign-in-sent')[0];
         const m = sent && performance.getEntriesByName('tenants-render').find(m => m.startTime >= sent.startTime);
         return m ? m.startTime + m.duration - sent.startTime : -1",
        "the Tenants page rendering",
    )
    .await;
    let after = entries(&b).await;
    b.close().await;
    ColdStart { sign_in: summed(&before), sign_in_ms, tenants: summed(&after[before.len()..]), tenants_ms }
}

/// Each split page's first visit after sign-in, moving there as a link click does: what it
/// fetched beyond what was loaded already.
pub async fn first_visits(base: &str, key: &str, secret: &str, tenant: (&str, &str)) -> Vec<(String, Fetched)> {
    let b = Browser::start().await;
    b.goto(&format!("{base}/")).await;
    enlarge_buffer(&b).await;
    submit_sign_in(&b, key, secret).await;
    b.find(&by_test_id("tenants-table")).await;
    let mut visits = Vec::new();
    for page in SUPERVISOR_SPLIT_PAGES {
        let (path, heading) = for_tenant(page, tenant.0, tenant.1);
        let before = entries(&b).await.len();
        b.follow(&path).await;
        b.wait_for_text("main h1", &heading).await;
        b.wait_gone(&by_test_id("chunk-loading")).await;
        visits.push((path, summed(&entries(&b).await[before..])));
    }
    b.close().await;
    visits
}

#[derive(Clone)]
pub struct MlflowLoad {
    pub fetched: Fetched,
    /// The same code files gzipped at the highest level, as a server that compresses would send them.
    pub code_gzip: u64,
    /// From navigation until its last initial file had arrived.
    pub ms: f64,
}

/// MLflow's web UI, cold: everything it fetches until the network has been quiet for a second.
pub async fn mlflow_ui(url: &str) -> MlflowLoad {
    let b = Browser::start().await;
    b.goto(url).await;
    enlarge_buffer(&b).await;
    let deadline = Instant::now() + WAIT * 4;
    let mut seen = entries(&b).await;
    loop {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let now = entries(&b).await;
        let complete = b.client.execute("return document.readyState", vec![]).await.expect("readyState");
        if now.len() == seen.len() && complete == "complete" {
            break;
        }
        assert!(Instant::now() < deadline, "MLflow's UI never stopped loading");
        seen = now;
    }
    b.close().await;
    let ms = seen.iter().map(|e| e.2).fold(0.0, f64::max);
    let fetched = summed(&seen);
    let code_gzip = fetched.code_urls.iter().map(|u| gzip_size(u)).sum();
    MlflowLoad { fetched, code_gzip, ms }
}

fn gzip_size(url: &str) -> u64 {
    let mut body = Vec::new();
    let response = ureq::get(url).set("Accept-Encoding", "identity").call().unwrap_or_else(|e| panic!("{url}: {e}"));
    std::io::copy(&mut response.into_reader(), &mut body).expect("read a file");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&body).expect("gzip in memory");
    gz.finish().expect("gzip in memory").len() as u64
}
