//! Which web origins may read the API's answers: those named with `--allowed-origin`, or when none
//! is named, pages served from this machine (http or https on 127.0.0.1, [::1] or localhost, any
//! port). Answers never carry `Access-Control-Allow-Credentials`: the API authenticates with the
//! Authorization header and keeps no cookie session, so no origin needs a browser's cookies sent.

#[derive(Clone, Debug, Default)]
pub struct AllowedOrigins {
    named: Vec<String>,
}

impl AllowedOrigins {
    pub fn new(named: &[String]) -> Self {
        Self { named: named.iter().map(|o| o.trim_end_matches('/').to_ascii_lowercase()).collect() }
    }

    pub fn allows(&self, origin: &str) -> bool {
        let origin = origin.to_ascii_lowercase();
        if !self.named.is_empty() {
            return self.named.contains(&origin);
        }
        let Some(rest) = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) else {
            return false;
        };
        let host = match rest.strip_prefix('[') {
            Some(v6) => v6.split_once(']'),
            None => Some(rest.split_once(':').unwrap_or((rest, ""))),
        };
        let port_ok = |p: &str| {
            let p = p.trim_start_matches(':');
            p.is_empty() || (p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
        };
        matches!(host, Some((h, p)) if matches!(h, "127.0.0.1" | "localhost" | "::1") && port_ok(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_default_only_pages_served_from_this_machine() {
        let o = AllowedOrigins::new(&[]);
        for ok in ["http://127.0.0.1:8008", "http://localhost:3000", "https://localhost", "http://[::1]:8080"] {
            assert!(o.allows(ok), "{ok}");
        }
        for no in [
            "http://console.example",
            "http://127.0.0.1.evil.example",
            "http://localhost.evil:80",
            "null",
            "file://",
            "http://localhost:80/x",
        ] {
            assert!(!o.allows(no), "{no}");
        }
    }

    #[test]
    fn named_origins_replace_the_default() {
        let o = AllowedOrigins::new(&["https://Console.Example/".into()]);
        assert!(o.allows("https://console.example"));
        assert!(!o.allows("http://127.0.0.1:8008"));
        assert!(!o.allows("https://console.example:8443"));
    }
}
