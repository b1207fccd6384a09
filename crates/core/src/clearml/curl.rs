//! The curl command equivalent to a console call, written the way the seeds write theirs:
//! variables for the server and the credential, then one `curl` with the same headers and body.
//! The token is masked unless the user reveals it; the body is shell-quoted so any value survives.

use serde::Serialize;

#[derive(Clone, Debug, PartialEq)]
pub struct CurlCall {
    pub api_url: String,
    pub endpoint: String,
    /// Extra headers, e.g. `X-Clearml-Act-As`.
    pub headers: Vec<(String, String)>,
    pub body: serde_json::Value,
}

pub const MASK: &str = "<token: press Reveal to show>";

impl CurlCall {
    pub fn new(api_url: &str, endpoint: &str, body: &impl Serialize) -> Self {
        Self {
            api_url: api_url.to_owned(),
            endpoint: endpoint.to_owned(),
            headers: Vec::new(),
            body: serde_json::to_value(body).unwrap_or(serde_json::Value::Null),
        }
    }

    /// The same call made as another user, with the acting header the console sends.
    pub fn acting(mut self, acting: Option<&crate::clearml::wire::Acting>) -> Self {
        if let Some((name, value)) = acting.map(crate::clearml::wire::Acting::header) {
            self.headers.push((name.to_owned(), value.to_owned()));
        }
        self
    }

    /// The commands, with `token` shown only when `reveal` is set.
    pub fn render(&self, token: &str, reveal: bool) -> String {
        let token = if reveal { token } else { MASK };
        let mut out = format!(
            "APISERVER_URL={}\nTOKEN={}\ncurl \"$APISERVER_URL/{}\" \\\n  -H \"Content-Type: application/json\" \\\n  -H \"Authorization: Bearer $TOKEN\"",
            shell_quote(&self.api_url),
            shell_quote(token),
            self.endpoint
        );
        for (name, value) in &self.headers {
            out.push_str(&format!(" \\\n  -H {}", shell_quote(&format!("{name}: {value}"))));
        }
        out.push_str(&format!(" \\\n  -d {}\n", shell_quote(&self.body.to_string())));
        out
    }
}

/// Quotes for POSIX shells: single quotes, with each `'` written as `'\''`.
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renders_the_seeds_shape_with_the_token_masked() {
        let call = CurlCall::new("https://api.example.com", "system.create_company", &json!({"name": "Acme"}));
        assert_eq!(
            call.render("eyJ.secret", false),
            "APISERVER_URL='https://api.example.com'\nTOKEN='<token: press Reveal to show>'\n\
             curl \"$APISERVER_URL/system.create_company\" \\\n  -H \"Content-Type: application/json\" \\\n  \
             -H \"Authorization: Bearer $TOKEN\" \\\n  -d '{\"name\":\"Acme\"}'\n"
        );
        assert!(call.render("eyJ.secret", true).contains("TOKEN='eyJ.secret'"));
    }

    #[test]
    fn acting_headers_are_passed_on() {
        let user = crate::UserId::parse("0123456789abcdef0123456789abcdef").unwrap();
        let call = CurlCall::new("http://h/api", "login.get_settings", &json!({}))
            .acting(Some(&crate::clearml::wire::Acting::ActAs(user)));
        assert!(call
            .render("t", true)
            .contains("-H 'X-Clearml-Act-As: 0123456789abcdef0123456789abcdef' \\\n  -d '{}'"));
    }

    #[test]
    fn awkward_values_survive_shell_quoting() {
        assert_eq!(shell_quote("O'Brien \"Labs\" $HOME \\ ü"), r#"'O'\''Brien "Labs" $HOME \ ü'"#);
        let call = CurlCall::new("http://h", "system.create_company", &json!({"name": "O'Brien"}));
        assert!(call.render("t", true).ends_with("-d '{\"name\":\"O'\\''Brien\"}'\n"));
    }
}
