//! Headless Chromium through ChromeDriver, started on a free loopback port and stopped by PID.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const WAIT: Duration = Duration::from_secs(15);

pub struct Browser {
    driver: Child,
    /// ChromeDriver's port, for its commands fantoccini does not speak.
    port: u16,
    _profile: tempfile::TempDir,
    pub client: Client,
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

pub fn by_test_id(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

impl Browser {
    pub async fn start() -> Self {
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let port = free_port();
        // Its own process group, so that stopping it also stops every Chromium it started, even
        // when a test panics before closing the session.
        let mut driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .process_group(0)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {driver_bin}: {e}"));
        let mut lines = BufReader::new(driver.stdout.take().expect("stdout is piped")).lines();
        let ready = lines.by_ref().map_while(Result::ok).any(|l| l.contains("started successfully"));
        assert!(ready, "{driver_bin} did not start");
        std::thread::spawn(move || lines.for_each(drop));

        let profile = tempfile::tempdir().expect("a browser profile folder");
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1366,900",
            &format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), json!({ "args": args, "binary": "/usr/bin/chromium" }));
        let client = ClientBuilder::rustls()
            .expect("rustls client")
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a ChromeDriver session");
        Self { driver, port, _profile: profile, client }
    }

    /// Makes this tab's network slower, as Chromium's DevTools throttling does: `latency_ms` added
    /// to each round trip, `bits_per_second` each way. ChromeDriver's own command for it.
    pub async fn emulate_network(&self, latency_ms: u32, bits_per_second: u64) {
        let session = self.client.session_id().await.expect("a session id").expect("a session");
        let url = format!("http://127.0.0.1:{}/session/{session}/chromium/network_conditions", self.port);
        let bytes = bits_per_second / 8;
        let conditions = json!({ "network_conditions": {
            "offline": false, "latency": latency_ms, "download_throughput": bytes, "upload_throughput": bytes,
        } });
        let sent =
            tokio::task::spawn_blocking(move || ureq::post(&url).send_json(conditions).map_err(|e| e.to_string()));
        sent.await.expect("joined").unwrap_or_else(|e| panic!("emulating the network: {e}"));
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap_or_else(|e| panic!("goto {url}: {e}"));
    }

    /// Waits until the element is in the page and returns it.
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("waiting for {css}: {e}"))
    }

    /// How many elements match now, without waiting.
    pub async fn count(&self, css: &str) -> usize {
        self.client.find_all(Locator::Css(css)).await.unwrap_or_else(|e| panic!("counting {css}: {e}")).len()
    }

    pub async fn find_id(&self, test_id: &str) -> Element {
        self.find(&by_test_id(test_id)).await
    }

    /// Replaces a field's text the way a person does (select all, delete, type), so the page sees
    /// the same input events; WebDriver's own clear() sends none.
    pub async fn fill(&self, css: &str, text: &str) {
        const SELECT_ALL_DELETE: &str = "\u{E009}a\u{E000}\u{E003}";
        let field = self.find(css).await;
        field.send_keys(&format!("{SELECT_ALL_DELETE}{text}")).await.expect("type into field");
    }

    /// Empties the field, then types `text` one character per keystroke, each its own command,
    /// so the page re-renders between keys as it does for a person.
    pub async fn type_each(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field.send_keys("\u{E009}a\u{E000}\u{E003}").await.expect("empty the field");
        for c in text.chars() {
            field.send_keys(&c.to_string()).await.expect("type a key");
        }
    }

    /// Clicks like a person who scrolled the element to the middle of the screen first, so sticky
    /// bars at the edges do not cover it.
    pub async fn click(&self, css: &str) {
        let el = self.find(css).await;
        let arg = serde_json::to_value(&el).expect("element reference");
        self.client
            .execute("arguments[0].scrollIntoView({block: 'center'})", vec![arg])
            .await
            .expect("scroll into view");
        el.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Clicks a button once it is enabled, as a person waits for a button that is still greyed out
    /// (e.g. while the page reads what it checks a change against).
    pub async fn click_enabled(&self, css: &str) {
        let deadline = std::time::Instant::now() + WAIT;
        while self.find(css).await.attr("disabled").await.expect("disabled attribute").is_some() {
            if std::time::Instant::now() > deadline {
                self.fail(&format!("{css} stayed disabled")).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.click(css).await;
    }

    /// Moves the mouse pointer onto the element, as a person about to click it does.
    pub async fn point_at(&self, css: &str) {
        use fantoccini::actions::{InputSource, MouseActions, PointerAction};
        let element = self.find(css).await;
        let moves = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
            element,
            duration: None,
            x: 0.0,
            y: 0.0,
        });
        self.client.perform_actions(moves).await.unwrap_or_else(|e| panic!("point at {css}: {e}"));
    }

    /// Moves to `path` the way following a link in the page does (the router takes it; the page
    /// is not reloaded).
    pub async fn follow(&self, path: &str) {
        let script = "const a = document.createElement('a'); a.href = arguments[0];
            document.body.appendChild(a); a.click(); a.remove();";
        self.client.execute(script, vec![json!(path)]).await.unwrap_or_else(|e| panic!("follow {path}: {e}"));
    }

    /// Picks the option with `value` in a `<select>`, as a person does, once the option is there
    /// (options may come from a list the page is still loading).
    pub async fn choose(&self, css: &str, value: &str) {
        self.find(&format!("{css} option[value={}]", serde_json::Value::from(value))).await;
        let select = self.find(css).await;
        select.select_by_value(value).await.unwrap_or_else(|e| panic!("choose {value} in {css}: {e}"));
    }

    /// The text a download link (a `data:` URL) saves.
    pub async fn downloaded_text(&self, css: &str) -> String {
        let href = self.find(css).await.attr("href").await.expect("link href").expect("a download link has an href");
        let text = self
            .client
            .execute("return decodeURIComponent(arguments[0].split(',').slice(1).join(','))", vec![json!(href)])
            .await
            .expect("decode the data URL");
        text.as_str().expect("decoded text").to_owned()
    }

    /// Waits until nothing matches `css`.
    pub async fn wait_gone(&self, css: &str) {
        let deadline = std::time::Instant::now() + WAIT;
        while self.client.find(Locator::Css(css)).await.is_ok() {
            if std::time::Instant::now() > deadline {
                self.fail(&format!("{css} is still there")).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Saves what the page shows, then fails the test with `why`.
    async fn fail(&self, why: &str) -> ! {
        let shot = self.screenshot("failure").await;
        panic!("{why} (screenshot: {})", shot.display());
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("element text")
    }

    /// Waits until the element's text contains `needle`, and returns the text.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> String {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(needle) {
                return text;
            }
            if std::time::Instant::now() > deadline {
                self.fail(&format!("{css} never showed {needle:?}; it shows {text:?}")).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The field's value once it is in the page.
    pub async fn value(&self, css: &str) -> String {
        self.find(css).await.prop("value").await.ok().flatten().unwrap_or_default()
    }

    /// Waits until the field's value is exactly `expected`.
    pub async fn wait_for_value(&self, css: &str, expected: &str) {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            let value = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.prop("value").await.ok().flatten().unwrap_or_default(),
                Err(_) => String::new(),
            };
            if value == expected {
                return;
            }
            if std::time::Instant::now() > deadline {
                self.fail(&format!("{css} never held {expected:?}; it holds {value:?}")).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn current_path(&self) -> String {
        let url = self.client.current_url().await.expect("current url");
        let query = url.query().map(|q| format!("?{q}")).unwrap_or_default();
        format!("{}{query}", url.path())
    }

    pub async fn wait_for_path(&self, expected: &str) {
        let deadline = std::time::Instant::now() + WAIT;
        while self.current_path().await != expected {
            if std::time::Instant::now() > deadline {
                self.fail(&format!("never reached {expected}; at {}", self.current_path().await)).await;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Saves a screenshot under `target/screenshots/` for people to look at.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = crate::workspace_root().join("target/screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot folder");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        path
    }

    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.driver.wait();
    }
}
