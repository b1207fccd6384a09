//! The MLflow connection form: the tracking server's address and an admin's username and
//! password, which the console keeps in memory only and sends as Basic authentication.

use crate::clearml::sign_in::api_base;

pub const USERNAME_REQUIRED: &str = "Enter an MLflow admin's username.";
pub const PASSWORD_REQUIRED: &str = "Enter the admin's password.";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConnectForm {
    pub url: String,
    pub username: String,
    pub password: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConnectField {
    Url,
    Username,
    Password,
}

impl ConnectForm {
    /// The server's base URL, or the message for each field that is wrong.
    pub fn check(&self) -> Result<String, Vec<(ConnectField, String)>> {
        let mut errors = Vec::new();
        let base = api_base(&self.url)
            .map_err(|_| {
                errors
                    .push((ConnectField::Url, "Enter MLflow's address as an absolute http:// or https:// URL.".into()))
            })
            .ok();
        if self.username.trim().is_empty() {
            errors.push((ConnectField::Username, USERNAME_REQUIRED.into()));
        }
        if self.password.is_empty() {
            errors.push((ConnectField::Password, PASSWORD_REQUIRED.into()));
        }
        match base {
            Some(base) if errors.is_empty() => Ok(base),
            _ => Err(errors),
        }
    }
}

/// Why a browser call may get no answer though MLflow runs: it answers cross-origin calls only
/// from localhost and 127.0.0.1 unless started with `--cors-allowed-origins`. `None` for those.
pub fn cors_hint(console_origin: &str) -> Option<String> {
    let host = console_origin.split("://").nth(1).unwrap_or_default().split(['/', ':']).next().unwrap_or_default();
    if host == "localhost" || host == "127.0.0.1" {
        return None;
    }
    Some(format!(
        "MLflow answers browser calls from other origins only when started with \
         `--cors-allowed-origins {console_origin}`."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cors_hint_is_given_only_where_mlflow_would_refuse_the_origin() {
        assert_eq!(cors_hint("http://127.0.0.1:8008"), None);
        assert_eq!(cors_hint("http://localhost:3000"), None);
        assert_eq!(
            cors_hint("https://console.example.com").as_deref(),
            Some(
                "MLflow answers browser calls from other origins only when started with \
                 `--cors-allowed-origins https://console.example.com`."
            )
        );
    }

    #[test]
    fn each_missing_piece_has_its_message() {
        let form = ConnectForm { url: "mlflow.example.com".into(), ..ConnectForm::default() };
        assert_eq!(
            form.check(),
            Err(vec![
                (ConnectField::Url, "Enter MLflow's address as an absolute http:// or https:// URL.".into()),
                (ConnectField::Username, USERNAME_REQUIRED.into()),
                (ConnectField::Password, PASSWORD_REQUIRED.into()),
            ])
        );
        let ok = ConnectForm { url: "http://127.0.0.1:5000/".into(), username: "admin".into(), password: " p ".into() };
        assert_eq!(ok.check(), Ok("http://127.0.0.1:5000".into()));
    }
}
