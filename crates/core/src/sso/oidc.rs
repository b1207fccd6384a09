//! An OpenID provider as the SSO wizard meets it: the issuer the operator types (a Keycloak realm
//! URL, current or legacy form), the discovery document the browser fetches from it, and what the
//! ClearML apiserver calls Keycloak's base URL.

use serde::Deserialize;

/// An absolute http(s) URL without a trailing slash; plain http only for this machine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SsoUrl(String);

fn is_loopback(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "[::1]") || host.ends_with(".localhost")
}

impl SsoUrl {
    pub fn parse(raw: &str, what: &str) -> Result<Self, String> {
        let s = raw.trim().trim_end_matches('/');
        if s.is_empty() {
            return Err(format!("Enter the {what}."));
        }
        let (scheme, rest) =
            s.split_once("://").ok_or_else(|| format!("The {what} must be an absolute URL starting with https://."))?;
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let host_name = if host_port.starts_with('[') {
            host_port.split_inclusive(']').next().unwrap_or_default()
        } else {
            host_port.split(':').next().unwrap_or_default()
        };
        if host_name.is_empty() || rest.chars().any(char::is_whitespace) {
            return Err(format!("The {what} must be an absolute URL starting with https://."));
        }
        match scheme.to_ascii_lowercase().as_str() {
            "https" => {}
            "http" if is_loopback(host_name) => {}
            "http" => return Err(format!("The {what} must use https:// (plain http is only for this machine).")),
            _ => return Err(format!("The {what} must be an absolute URL starting with https://.")),
        }
        Ok(SsoUrl(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The scheme and host, for a web origin.
    pub fn origin(&self) -> &str {
        let after = self.0.find("://").map_or(0, |i| i + 3);
        match self.0[after..].find('/') {
            Some(i) => &self.0[..after + i],
            None => &self.0,
        }
    }
}

/// The realm an issuer URL names, when it has Keycloak's shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeycloakRealm {
    pub base: String,
    pub realm: String,
    /// The pre-17 form, with `/auth` before `/realms`.
    pub legacy: bool,
}

pub fn keycloak_realm(issuer: &SsoUrl) -> Option<KeycloakRealm> {
    let (base, realm) = issuer.as_str().rsplit_once("/realms/")?;
    if realm.is_empty() || realm.contains('/') {
        return None;
    }
    let (base, legacy) = match base.strip_suffix("/auth") {
        Some(b) => (b, true),
        None => (base, false),
    };
    Some(KeycloakRealm { base: base.to_owned(), realm: realm.to_owned(), legacy })
}

pub fn discovery_url(issuer: &SsoUrl) -> String {
    format!("{}/.well-known/openid-configuration", issuer.as_str())
}

/// The fields of an OpenID discovery document the console uses. Each endpoint is taken from the
/// document, since a provider may put them on different hosts.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Discovery {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    #[serde(default)]
    pub userinfo_endpoint: Option<String>,
    #[serde(default)]
    pub end_session_endpoint: Option<String>,
    #[serde(default)]
    pub revocation_endpoint: Option<String>,
}

/// Why discovery failed, in words the operator can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiscoveryProblem {
    /// The console is served over https and the issuer is plain http: the browser blocks it.
    HttpsRequired,
    /// Nothing answered at all.
    NotReachable,
    /// The provider answered, but without CORS headers for this console's origin.
    Cors { origin: String },
    /// An HTTP error status.
    Status(u16),
    /// The answer is not a discovery document.
    NotJson(String),
}

impl DiscoveryProblem {
    pub fn message(&self, url: &str) -> String {
        match self {
            DiscoveryProblem::HttpsRequired => format!(
                "The console runs on https, so the browser will not fetch {url} over plain http: use the provider's https address."
            ),
            DiscoveryProblem::NotReachable => {
                format!("Nothing answered at {url}: check the address, and that this browser can reach the provider.")
            }
            DiscoveryProblem::Cors { origin } => format!(
                "The provider answered but does not allow this console ({origin}) to read {url} (CORS). Add {origin} to the client's Web origins, or type the endpoints below."
            ),
            DiscoveryProblem::Status(code) => {
                format!("{url} answered HTTP {code}: is the realm name right? The issuer usually ends in /realms/<realm>.")
            }
            DiscoveryProblem::NotJson(why) => format!("{url} did not return an OpenID configuration ({why})."),
        }
    }
}

/// Reads a discovery document, checking the fields the wizard needs.
pub fn parse_discovery(text: &str) -> Result<Discovery, DiscoveryProblem> {
    serde_json::from_str(text).map_err(|e| DiscoveryProblem::NotJson(e.to_string()))
}

/// What the apiserver calls Keycloak's base URL: the endpoints' common start, just before
/// `protocol/openid-connect/`; the issuer when the endpoint has another shape.
pub fn base_url(authorization_endpoint: &str, issuer: &SsoUrl) -> String {
    match authorization_endpoint.find("/protocol/openid-connect/") {
        Some(i) => authorization_endpoint[..i].to_owned(),
        None => issuer.as_str().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> SsoUrl {
        SsoUrl::parse(s, "issuer URL").unwrap()
    }

    #[test]
    fn issuer_urls_are_absolute_and_https() {
        assert_eq!(url("https://sso.example.com/realms/acme/").as_str(), "https://sso.example.com/realms/acme");
        assert_eq!(url("http://127.0.0.1:9000/realms/acme").as_str(), "http://127.0.0.1:9000/realms/acme");
        assert_eq!(SsoUrl::parse(" ", "issuer URL").unwrap_err(), "Enter the issuer URL.");
        assert_eq!(
            SsoUrl::parse("sso.example.com/realms/acme", "issuer URL").unwrap_err(),
            "The issuer URL must be an absolute URL starting with https://."
        );
        assert_eq!(
            SsoUrl::parse("http://sso.example.com/realms/acme", "issuer URL").unwrap_err(),
            "The issuer URL must use https:// (plain http is only for this machine)."
        );
        assert_eq!(
            SsoUrl::parse("ftp://sso.example.com", "issuer URL").unwrap_err(),
            "The issuer URL must be an absolute URL starting with https://."
        );
        assert!(SsoUrl::parse("http://localhost.evil.com/x", "issuer URL").is_err());
    }

    #[test]
    fn both_keycloak_forms_name_the_realm() {
        let now = keycloak_realm(&url("https://kc.example.com/realms/acme")).unwrap();
        assert_eq!((now.base.as_str(), now.realm.as_str(), now.legacy), ("https://kc.example.com", "acme", false));
        let legacy = keycloak_realm(&url("https://kc.example.com/auth/realms/acme")).unwrap();
        assert_eq!(
            (legacy.base.as_str(), legacy.realm.as_str(), legacy.legacy),
            ("https://kc.example.com", "acme", true)
        );
        assert_eq!(keycloak_realm(&url("https://login.example.com/oauth2")), None);
    }

    #[test]
    fn discovery_is_read_from_the_issuer() {
        let issuer = url("https://kc.example.com/realms/acme");
        assert_eq!(discovery_url(&issuer), "https://kc.example.com/realms/acme/.well-known/openid-configuration");
        let doc = parse_discovery(
            r#"{"issuer":"https://kc.example.com/realms/acme",
                "authorization_endpoint":"https://kc.example.com/realms/acme/protocol/openid-connect/auth",
                "token_endpoint":"https://tokens.example.com/realms/acme/protocol/openid-connect/token"}"#,
        )
        .unwrap();
        assert_eq!(doc.token_endpoint, "https://tokens.example.com/realms/acme/protocol/openid-connect/token");
        assert_eq!(base_url(&doc.authorization_endpoint, &issuer), "https://kc.example.com/realms/acme");
        assert!(matches!(parse_discovery("<html>"), Err(DiscoveryProblem::NotJson(_))));
        assert!(matches!(parse_discovery(r#"{"issuer":"x"}"#), Err(DiscoveryProblem::NotJson(_))));
    }

    #[test]
    fn each_discovery_problem_says_what_to_do() {
        let u = "https://kc.example.com/realms/acme/.well-known/openid-configuration";
        assert_eq!(
            DiscoveryProblem::Cors { origin: "https://console.example.com".into() }.message(u),
            format!("The provider answered but does not allow this console (https://console.example.com) to read {u} (CORS). Add https://console.example.com to the client's Web origins, or type the endpoints below.")
        );
        assert_eq!(
            DiscoveryProblem::HttpsRequired.message("http://kc/x"),
            "The console runs on https, so the browser will not fetch http://kc/x over plain http: use the provider's https address."
        );
        assert_eq!(
            DiscoveryProblem::Status(404).message(u),
            format!("{u} answered HTTP 404: is the realm name right? The issuer usually ends in /realms/<realm>.")
        );
    }

    #[test]
    fn origins_are_scheme_and_host() {
        assert_eq!(url("https://app.example.com:8443/clearml").origin(), "https://app.example.com:8443");
        assert_eq!(url("https://app.example.com").origin(), "https://app.example.com");
    }
}
