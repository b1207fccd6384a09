//! The MLflow connection form: the tracking server's address and an admin's username and
//! password, which the console keeps in memory only and sends as Basic authentication.

use crate::sign_in::api_base;

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

#[cfg(test)]
mod tests {
    use super::*;

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
