//! The sign-in form: where the apiserver is, and the key and secret to exchange for a token.

use base64::{engine::general_purpose::STANDARD, Engine};
use std::collections::BTreeMap;

pub const URL_INVALID: &str = "Enter the API address as an absolute http:// or https:// URL.";
pub const KEY_REQUIRED: &str = "Enter the access key.";
pub const SECRET_REQUIRED: &str = "Enter the secret key.";

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SignInField {
    ApiUrl,
    Key,
    Secret,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignInForm {
    pub api_url: String,
    pub key: String,
    pub secret: String,
}

/// What a valid form yields: the API base without a trailing slash, and the credentials trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignIn {
    pub api_url: String,
    pub key: String,
    pub secret: String,
}

/// An absolute http(s) URL with a host, returned without a trailing slash.
pub fn api_base(raw: &str) -> Result<String, String> {
    let url = raw.trim().trim_end_matches('/');
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
    match host {
        Some(h) if !h.is_empty() && !h.contains(char::is_whitespace) && !url.contains(['?', '#']) => Ok(url.to_owned()),
        _ => Err(URL_INVALID.to_owned()),
    }
}

pub fn validate_sign_in(form: &SignInForm) -> Result<SignIn, BTreeMap<SignInField, &'static str>> {
    let mut errors = BTreeMap::new();
    let api_url = api_base(&form.api_url).map_err(|_| errors.insert(SignInField::ApiUrl, URL_INVALID)).ok();
    if form.key.trim().is_empty() {
        errors.insert(SignInField::Key, KEY_REQUIRED);
    }
    if form.secret.trim().is_empty() {
        errors.insert(SignInField::Secret, SECRET_REQUIRED);
    }
    match api_url {
        Some(api_url) if errors.is_empty() => {
            Ok(SignIn { api_url, key: form.key.trim().to_owned(), secret: form.secret.trim().to_owned() })
        }
        _ => Err(errors),
    }
}

/// The `Authorization` header for Basic authentication (ClearML's key and secret, MLflow's
/// username and password), encoded as UTF-8 before base64: MLflow decodes UTF-8, so non-ASCII
/// usernames work.
pub fn basic_authorization(username: &str, password: &str) -> String {
    format!("Basic {}", STANDARD.encode(format!("{username}:{password}").as_bytes()))
}

/// A deployment's defaults, from an optional `config.json` beside `index.html` (see
/// deploy/nginx/tenantry.conf): the API address the sign-in form starts with and the MLflow
/// address the MLflow connection starts with. An address that is not one is left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeploymentDefaults {
    pub api_url: Option<String>,
    pub mlflow_url: Option<String>,
}

impl DeploymentDefaults {
    pub fn parse(text: &str) -> Self {
        #[derive(serde::Deserialize)]
        struct Raw {
            #[serde(default)]
            api_url: Option<String>,
            #[serde(default)]
            mlflow_url: Option<String>,
        }
        let Ok(raw) = serde_json::from_str::<Raw>(text) else { return Self::default() };
        let checked = |url: Option<String>| url.and_then(|u| api_base(&u).ok());
        Self { api_url: checked(raw.api_url), mlflow_url: checked(raw.mlflow_url) }
    }
}

/// Why a sign-in failed, in the three ways a person fixes differently: nothing answered (the
/// address, the server, or its CORS settings), something answered that is no apiserver (often the
/// address lacks `/api`), or the apiserver refused (the key or secret).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInFailure {
    NoAnswer,
    NotAnApiserver,
    Refused,
}

pub const NO_ANSWER: &str = "No answer from the server";
pub const NO_ANSWER_WHY: &str = "Nothing answered at this address: the server may be down or the address wrong, the server may not accept requests from this page's origin (CORS), or this console's deployment may not allow calls to it (its Content-Security-Policy names the addresses it may call).";
pub const NOT_AN_APISERVER: &str = "No apiserver at this address";
pub const NOT_AN_APISERVER_WHY: &str = "Something answered here, but not as a ClearML apiserver does: the address should be where the API starts (often ending in /api).";
pub const REFUSED: &str = "The server refused the sign-in";

impl SignInFailure {
    pub fn of(error: &crate::ApiError) -> Self {
        use crate::ApiError;
        match error {
            ApiError::Network(_) => SignInFailure::NoAnswer,
            // A web server's own 404 or 405 page, or an envelope saying it has no auth.login.
            ApiError::BadResponse(_) | ApiError::NotFound { .. } => SignInFailure::NotAnApiserver,
            _ => SignInFailure::Refused,
        }
    }

    /// What to show under the title: the general reason, or the server's own message.
    pub fn detail(self, error: &crate::ApiError) -> String {
        match self {
            SignInFailure::NoAnswer => NO_ANSWER_WHY.to_owned(),
            SignInFailure::NotAnApiserver => NOT_AN_APISERVER_WHY.to_owned(),
            SignInFailure::Refused => error.explained(),
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            SignInFailure::NoAnswer => NO_ANSWER,
            SignInFailure::NotAnApiserver => NOT_AN_APISERVER,
            SignInFailure::Refused => REFUSED,
        }
    }
}

/// The same address with `/api` added, to try when the address as typed has no apiserver.
pub fn with_api_path(api_url: &str) -> Option<String> {
    let url = api_base(api_url).ok()?;
    (!url.ends_with("/api")).then(|| format!("{url}/api"))
}

/// Signing in again after a session ended continues the same person's work: the pages behind the
/// dialog were built for that identity and its role. Another identity must sign out first.
pub fn same_identity(signed_in: &crate::clearml::wire::User, again: &crate::clearml::wire::User) -> Result<(), String> {
    if signed_in.id == again.id {
        return Ok(());
    }
    let who = |u: &crate::clearml::wire::User| {
        if u.name.is_empty() {
            u.id.clone()
        } else {
            format!("{} ({})", u.name, u.id)
        }
    };
    Err(format!(
        "These credentials are {}'s, but this console was signed in as {}. Sign in again as {}, or sign out to continue as someone else.",
        who(again),
        who(signed_in),
        if signed_in.name.is_empty() { &signed_in.id } else { &signed_in.name }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_utf8_before_base64() {
        assert_eq!(basic_authorization("jürgen", "pässwörd-123"), "Basic asO8cmdlbjpww6Rzc3fDtnJkLTEyMw==");
    }

    #[test]
    fn api_url_must_be_absolute_http() {
        for bad in ["", "api.example.com", "ftp://x", "http://", "https:// x", "http://h/api?x=1"] {
            assert_eq!(api_base(bad).unwrap_err(), URL_INVALID, "{bad:?}");
        }
        assert_eq!(api_base(" https://api.example.com/ ").unwrap(), "https://api.example.com");
        assert_eq!(api_base("http://127.0.0.1:8008/api").unwrap(), "http://127.0.0.1:8008/api");
    }

    #[test]
    fn key_and_secret_are_required() {
        let errors =
            validate_sign_in(&SignInForm { api_url: "http://h".into(), key: " ".into(), secret: String::new() })
                .unwrap_err();
        assert_eq!(errors.get(&SignInField::Key), Some(&KEY_REQUIRED));
        assert_eq!(errors.get(&SignInField::Secret), Some(&SECRET_REQUIRED));
        assert_eq!(errors.get(&SignInField::ApiUrl), None);
    }

    #[test]
    fn a_valid_form_is_trimmed() {
        let s =
            validate_sign_in(&SignInForm { api_url: "http://h/api/".into(), key: " K ".into(), secret: " S".into() })
                .unwrap();
        assert_eq!(s, SignIn { api_url: "http://h/api".into(), key: "K".into(), secret: "S".into() });
    }

    #[test]
    fn signing_in_again_takes_only_the_identity_that_was_signed_in() {
        let user = |id: &str, name: &str| crate::clearml::wire::User {
            id: id.into(),
            name: name.into(),
            company: crate::clearml::wire::CompanyRef { id: "c".into(), name: "Acme".into() },
            role: "admin".into(),
            email: String::new(),
        };
        let supervisor = user("s1", "Supervisor");
        assert_eq!(same_identity(&supervisor, &user("s1", "Supervisor")), Ok(()));
        assert_eq!(
            same_identity(&supervisor, &user("a1", "ann@acme.io")).unwrap_err(),
            "These credentials are ann@acme.io (a1)'s, but this console was signed in as Supervisor (s1). Sign in again as Supervisor, or sign out to continue as someone else."
        );
        assert_eq!(
            same_identity(&user("s1", ""), &user("a1", "")).unwrap_err(),
            "These credentials are a1's, but this console was signed in as s1. Sign in again as s1, or sign out to continue as someone else."
        );
    }

    #[test]
    fn a_failed_sign_in_is_told_apart_by_what_answered() {
        use crate::ApiError;
        let cases = [
            (ApiError::Network("Failed to fetch".into()), SignInFailure::NoAnswer, NO_ANSWER),
            (ApiError::BadResponse("HTTP 405: ".into()), SignInFailure::NotAnApiserver, NOT_AN_APISERVER),
            (
                ApiError::NotFound { message: "Unable to find endpoint".into() },
                SignInFailure::NotAnApiserver,
                NOT_AN_APISERVER,
            ),
            (ApiError::Unauthorized { subcode: 22, message: "Unauthorized".into() }, SignInFailure::Refused, REFUSED),
            (ApiError::Rejected { code: 429, subcode: 0, message: "Too many".into() }, SignInFailure::Refused, REFUSED),
        ];
        for (error, kind, title) in cases {
            assert_eq!(SignInFailure::of(&error), kind, "{error:?}");
            assert_eq!(kind.title(), title);
        }
        let refused = ApiError::Unauthorized { subcode: 22, message: "Unauthorized (invalid credentials)".into() };
        assert_eq!(
            SignInFailure::Refused.detail(&refused),
            "Unauthorized (invalid credentials) — The key or secret is wrong, or these credentials were revoked."
        );
        assert_eq!(SignInFailure::NoAnswer.detail(&ApiError::Network("x".into())), NO_ANSWER_WHY);
        assert_eq!(
            SignInFailure::NotAnApiserver.detail(&ApiError::BadResponse("HTTP 405: ".into())),
            NOT_AN_APISERVER_WHY
        );
    }

    #[test]
    fn an_address_without_api_is_offered_with_it() {
        assert_eq!(with_api_path("http://127.0.0.1:8008/").as_deref(), Some("http://127.0.0.1:8008/api"));
        assert_eq!(
            with_api_path("https://clearml.example/apiserver").as_deref(),
            Some("https://clearml.example/apiserver/api")
        );
        assert_eq!(with_api_path("http://127.0.0.1:8008/api"), None);
        assert_eq!(with_api_path("not a url"), None);
    }

    #[test]
    fn deployment_defaults_take_only_addresses() {
        let d =
            DeploymentDefaults::parse(r#"{"api_url": "https://api.example.com/", "mlflow_url": "not a url", "x": 1}"#);
        assert_eq!(d, DeploymentDefaults { api_url: Some("https://api.example.com".into()), mlflow_url: None });
        assert_eq!(DeploymentDefaults::parse("<html>404</html>"), DeploymentDefaults::default());
        assert_eq!(DeploymentDefaults::parse("{}"), DeploymentDefaults::default());
    }
}
