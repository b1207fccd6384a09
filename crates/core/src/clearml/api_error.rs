//! How an apiserver answer becomes a result: the envelope is unwrapped once, here, and every
//! failure lands in one closed enum that carries the server's own message.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The server could not be reached at all (down, wrong URL, CORS refused).
    Network(String),
    /// 401: missing, wrong or expired credentials. Subcode 30 is an expired or revoked token.
    Unauthorized { subcode: u16, message: String },
    /// 403: the caller's role (subcode 20) or company (21) may not do this.
    Forbidden { subcode: u16, message: String },
    /// 404: no such endpoint on this server.
    NotFound { message: String },
    /// Any other refusal, with the server's code, subcode and message.
    Rejected { code: u16, subcode: u16, message: String },
    /// The answer was not an apiserver envelope (a proxy's error page, say).
    BadResponse(String),
    /// The answer was understood but is not about what was asked (another company's users for a
    /// tenant's, another user than the one acted as), or cannot say what the console needs.
    Mismatch(String),
}

impl ApiError {
    /// The token this console holds is no longer accepted: sign in again, keep the page.
    pub fn needs_sign_in(&self) -> bool {
        matches!(self, ApiError::Unauthorized { .. })
    }

    /// Status and subcode as the server gave them; 0 where no answer came.
    pub fn codes(&self) -> (u16, u16) {
        match self {
            ApiError::Network(_) | ApiError::BadResponse(_) | ApiError::Mismatch(_) => (0, 0),
            ApiError::Unauthorized { subcode, .. } => (401, *subcode),
            ApiError::Forbidden { subcode, .. } => (403, *subcode),
            ApiError::NotFound { .. } => (404, 0),
            ApiError::Rejected { code, subcode, .. } => (*code, *subcode),
        }
    }

    /// The request field a refusal names, so the console can show it under that field: 400/12
    /// ("Validation error (error for field 'email'. …)") and 400/801 ("Value combination already
    /// exists (unique field): name=Acme"), worded as apierrors words them on every apiserver.
    pub fn refused_field(&self) -> Option<&str> {
        let ApiError::Rejected { code: 400, subcode, message } = self else { return None };
        let field = match subcode {
            12 => message.split_once("error for field '")?.1.split_once('\'')?.0,
            801 => message.split_once("(unique field): ")?.1.split_once('=')?.0,
            _ => return None,
        };
        (!field.is_empty() && field.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.'))
            .then_some(field)
    }

    pub fn message(&self) -> String {
        match self {
            ApiError::Network(why) => format!("Could not reach the server: {why}"),
            ApiError::Unauthorized { message, .. }
            | ApiError::Forbidden { message, .. }
            | ApiError::NotFound { message }
            | ApiError::Rejected { message, .. }
            | ApiError::Mismatch(message) => message.clone(),
            ApiError::BadResponse(why) => format!("The server's answer was not understood: {why}"),
        }
    }

    /// What the server's code and subcode mean for the person at the console, where the server's
    /// own message (often just the subcode's name, e.g. "token is blocked") does not say what to
    /// do. Codes follow apiserver/apierrors/errors.conf of the open-source apiserver; MLflow's
    /// errors carry subcode 0 and so get none.
    pub fn meaning(&self) -> Option<&'static str> {
        Some(match self.codes() {
            (400, 6) => "The server would not act as that user: a supervisor may act for users of any tenant (on the open-source apiserver only root may), a tenant admin only for users of its own tenant.",
            (400, 11) => "The request lacked a field the server requires.",
            (400, 12) => "The server did not accept a value in the request (or found a required field missing).",
            (400, 300) => "No such user or credentials: they may have been removed or revoked already.",
            (400, 801) => "Something with this value exists already.",
            (401, 10) => "The server did not accept the kind of Authorization header sent (it takes Basic or Bearer); a proxy may be rewriting it.",
            (401, 20) => "No credentials reached the server; a proxy may be dropping the Authorization header.",
            (401, 21) => "The credentials sent were malformed.",
            (401, 22) => "The key or secret is wrong, or these credentials were revoked.",
            (401, 30) => "The session expired or its credentials were revoked: sign in again.",
            (401, 31) => "The server blocked this session's token: sign in again.",
            (403, 10) => "The server's routing refused this call for this caller.",
            (403, 12) => "This endpoint is internal to the server and not open to outside callers.",
            (403, 20) => "Your role may not do this.",
            (403, 21) => "You may not change this: it belongs to another tenant or is read-only for you.",
            _ => return None,
        })
    }

    /// The server's message and, where known, what it means: what a page shows.
    pub fn explained(&self) -> String {
        match self.meaning() {
            Some(meaning) if !self.message().is_empty() => format!("{} — {meaning}", self.message()),
            Some(meaning) => meaning.to_owned(),
            None => self.message(),
        }
    }

    fn from_meta(meta: &ResultMeta) -> ApiError {
        let message = meta.result_msg.clone();
        match meta.result_code {
            401 => ApiError::Unauthorized { subcode: meta.result_subcode, message },
            403 => ApiError::Forbidden { subcode: meta.result_subcode, message },
            404 => ApiError::NotFound { message },
            code => ApiError::Rejected { code, subcode: meta.result_subcode, message },
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// The part of an envelope's `meta` the console acts on. The rest (ids, the endpoint's name and
/// versions) is not read: real servers send `"actual_version": null` for an unknown endpoint and
/// may send a number for `requested_version`, and a 404 must still read as a 404.
#[derive(Deserialize)]
struct ResultMeta {
    result_code: u16,
    #[serde(default)]
    result_subcode: u16,
    #[serde(default)]
    result_msg: String,
}

/// Reads an answer's body: the `data` of a successful envelope, as its JSON text, or the error it
/// carries. Not generic, so the console has one copy of it whatever the endpoint; the text is read
/// into the endpoint's type once (`read_data`), without a `serde_json::Value` in between (the
/// `Value` reader is not in the console's first load).
pub fn decode_envelope(status: u16, body: &str) -> Result<Box<RawValue>, ApiError> {
    #[derive(Deserialize)]
    struct Raw {
        meta: ResultMeta,
        data: Option<Box<RawValue>>,
    }
    let raw: Raw = serde_json::from_str(body).map_err(|_| {
        let start: String = body.chars().take(120).collect();
        ApiError::BadResponse(format!("HTTP {status}: {start}"))
    })?;
    if raw.meta.result_code != 200 {
        return Err(ApiError::from_meta(&raw.meta));
    }
    Ok(raw.data.unwrap_or_else(|| RawValue::NULL.to_owned()))
}

/// The endpoint's answer as its type.
pub fn read_data<T: DeserializeOwned>(endpoint: &str, data: &RawValue) -> Result<T, ApiError> {
    serde_json::from_str(data.get()).map_err(|e| {
        // Where in `data` it went wrong means nothing to the reader: the field is named.
        let message = e.to_string();
        let message = message.rfind(" at line ").filter(|_| e.line() > 0).map_or(&*message, |end| &message[..end]);
        ApiError::BadResponse(format!("{endpoint}: {message}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_names_its_field_by_subcode() {
        let rejected = |subcode, message: &str| ApiError::Rejected { code: 400, subcode, message: message.into() };
        let invalid = rejected(12, "Validation error (error for field 'email'. not a valid email address)");
        assert_eq!(invalid.refused_field(), Some("email"));
        let taken = rejected(801, "Value combination already exists (unique field): name=Acme name=x");
        assert_eq!(taken.refused_field(), Some("name"));
        assert_eq!(rejected(11, "Missing required fields: missing=(name)").refused_field(), None);
        assert_eq!(rejected(12, "Validation error (a name= in free text)").refused_field(), None);
        assert_eq!(ApiError::Network("name=".into()).refused_field(), None);
    }
    use crate::clearml::wire::LoginResponse;

    fn decode<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
        decode_envelope(status, body).and_then(|data| read_data("auth.login", &data))
    }

    fn answer(code: u16, subcode: u16, msg: &str, data: &str) -> String {
        format!(
            r#"{{"meta":{{"id":"i","trx":"t","endpoint":{{"name":"auth.login","requested_version":"2.31","actual_version":"2.31"}},
            "result_code":{code},"result_subcode":{subcode},"result_msg":"{msg}","error_stack":null,"error_data":{{}}}},"data":{data}}}"#
        )
    }

    #[test]
    fn success_yields_the_data() {
        let t: LoginResponse = decode(200, &answer(200, 0, "OK", r#"{"token":"abc"}"#)).unwrap();
        assert_eq!(t.token, "abc");
    }

    #[test]
    fn expired_token_asks_to_sign_in_again_with_the_servers_message() {
        let e = decode::<LoginResponse>(401, &answer(401, 30, "Invalid token (expired)", "{}")).unwrap_err();
        assert_eq!(e, ApiError::Unauthorized { subcode: 30, message: "Invalid token (expired)".into() });
        assert!(e.needs_sign_in());
    }

    #[test]
    fn each_status_maps_to_its_kind() {
        let forbidden = "Forbidden (not allowed for role): role=user, allowed=(system, root)";
        assert_eq!(
            decode::<LoginResponse>(403, &answer(403, 20, forbidden, "{}")).unwrap_err(),
            ApiError::Forbidden { subcode: 20, message: forbidden.into() }
        );
        assert_eq!(decode::<LoginResponse>(403, &answer(403, 21, "x", "{}")).unwrap_err().codes(), (403, 21));
        assert!(matches!(decode::<LoginResponse>(404, &answer(404, 0, "x", "{}")), Err(ApiError::NotFound { .. })));
        assert_eq!(
            decode::<LoginResponse>(400, &answer(400, 801, "Value combination already exists (unique)", "{}"))
                .unwrap_err(),
            ApiError::Rejected { code: 400, subcode: 801, message: "Value combination already exists (unique)".into() }
        );
    }

    #[test]
    fn data_of_another_shape_names_the_endpoint() {
        let e = decode::<LoginResponse>(200, &answer(200, 0, "OK", r#"{"tok":"abc"}"#)).unwrap_err();
        assert_eq!(e, ApiError::BadResponse("auth.login: missing field `token`".into()));
    }

    #[test]
    fn an_unknown_endpoint_with_a_null_version_is_not_found() {
        // apiserver/service_repo/apicall.py leaves actual_version unset (null) when no endpoint
        // matched; a malformed path may echo requested_version as a number.
        let body = r#"{"meta":{"id":"i","trx":"t","endpoint":{"name":"sso.nope","requested_version":2.31,"actual_version":null},
            "result_code":404,"result_subcode":0,"result_msg":"Unable to find endpoint for name sso.nope and version 2.31",
            "error_stack":null,"error_data":{}},"data":{}}"#;
        let e = decode::<LoginResponse>(404, body).unwrap_err();
        assert_eq!(
            e,
            ApiError::NotFound { message: "Unable to find endpoint for name sso.nope and version 2.31".into() }
        );
    }

    #[test]
    fn each_subcode_says_what_it_means_after_the_servers_message() {
        let cases = [
            (400, 6, "The server would not act as that user: a supervisor may act for users of any tenant (on the open-source apiserver only root may), a tenant admin only for users of its own tenant."),
            (400, 11, "The request lacked a field the server requires."),
            (400, 12, "The server did not accept a value in the request (or found a required field missing)."),
            (400, 300, "No such user or credentials: they may have been removed or revoked already."),
            (400, 801, "Something with this value exists already."),
            (401, 10, "The server did not accept the kind of Authorization header sent (it takes Basic or Bearer); a proxy may be rewriting it."),
            (401, 20, "No credentials reached the server; a proxy may be dropping the Authorization header."),
            (401, 21, "The credentials sent were malformed."),
            (401, 22, "The key or secret is wrong, or these credentials were revoked."),
            (401, 30, "The session expired or its credentials were revoked: sign in again."),
            (401, 31, "The server blocked this session's token: sign in again."),
            (403, 10, "The server's routing refused this call for this caller."),
            (403, 12, "This endpoint is internal to the server and not open to outside callers."),
            (403, 20, "Your role may not do this."),
            (403, 21, "You may not change this: it belongs to another tenant or is read-only for you."),
        ];
        for (code, subcode, meaning) in cases {
            let e = decode::<LoginResponse>(code, &answer(code, subcode, "server says", "{}")).unwrap_err();
            assert_eq!(e.explained(), format!("server says — {meaning}"), "{code}/{subcode}");
        }
    }

    #[test]
    fn an_unknown_subcode_shows_only_the_servers_message() {
        let e = decode::<LoginResponse>(400, &answer(400, 13, "fields not allowed for role", "{}")).unwrap_err();
        assert_eq!(e.explained(), "fields not allowed for role");
        let e = decode::<LoginResponse>(401, &answer(401, 31, "", "{}")).unwrap_err();
        assert_eq!(e.explained(), "The server blocked this session's token: sign in again.");
    }

    #[test]
    fn a_non_envelope_answer_is_a_bad_response() {
        let e = decode::<LoginResponse>(502, "<html>Bad Gateway</html>").unwrap_err();
        assert_eq!(e.message(), "The server's answer was not understood: HTTP 502: <html>Bad Gateway</html>");
    }
}
