//! Who a call runs as: the credentials or token in `Authorization`, then the acting headers.
//! `X-Clearml-Impersonate-As` takes the target's identity and role; `X-Clearml-Act-As` takes the
//! target's identity and company but keeps the caller's role. Only the system role may use either;
//! in the open-source flavour system, root and admin may, and only root for another company's user.

use crate::app::Answers;
use crate::failure::{Failure, Outcome};
use crate::store::{credentials, users, users::UserRow, Store};
use crate::token::Tokens;
use base64::{engine::general_purpose::STANDARD, Engine};

pub struct Identity {
    pub user: UserRow,
    /// The role calls are checked against (the caller's own under Act-As).
    pub role: String,
    /// The access key this call's credentials came from.
    pub access_key: String,
}

pub struct CallHeaders<'a> {
    pub authorization: Option<&'a str>,
    pub impersonate_as: Option<&'a str>,
    pub act_as: Option<&'a str>,
    pub remote: String,
}

pub fn resolve(store: &Store, tokens: &Tokens, h: &CallHeaders, answers: Answers) -> Outcome<Identity> {
    let (caller, access_key) = authenticate(store, tokens, h)?;
    let target_id = match (h.impersonate_as, h.act_as) {
        (Some(_), Some(_)) => return Err(Failure::both_impersonation_headers()),
        (None, None) => return Ok(Identity { role: caller.role.clone(), user: caller, access_key }),
        (Some(id), None) | (None, Some(id)) => id.trim(),
    };
    let may_act = match answers {
        Answers::Reference => caller.role == "system",
        Answers::OpenSource => matches!(caller.role.as_str(), "system" | "root" | "admin"),
    };
    if !may_act {
        return Err(Failure::impersonation_not_allowed(&caller.role));
    }
    let target = users::get(&store.conn(), target_id)?
        .ok_or_else(|| Failure::impersonation(&format!("user not found: {target_id}")))?;
    // validators.py: only root may act for a user of another company.
    if answers == Answers::OpenSource && caller.role != "root" && target.company != caller.company {
        return Err(Failure::impersonation(&format!("unknown user: id={target_id}, company={}", caller.company)));
    }
    let role = if h.impersonate_as.is_some() { target.role.clone() } else { caller.role };
    Ok(Identity { user: target, role, access_key })
}

fn authenticate(store: &Store, tokens: &Tokens, h: &CallHeaders) -> Outcome<(UserRow, String)> {
    let header = h.authorization.map(str::trim).filter(|v| !v.is_empty()).ok_or_else(Failure::missing_credentials)?;
    let (scheme, value) =
        header.split_once(' ').ok_or_else(|| Failure::malformed_credentials("expected Basic or Bearer"))?;
    match scheme.to_ascii_lowercase().as_str() {
        "basic" => basic(store, value.trim(), &h.remote),
        "bearer" => bearer(store, tokens, value.trim()),
        _ => Err(Failure::malformed_credentials("expected Basic or Bearer")),
    }
}

fn basic(store: &Store, encoded: &str, remote: &str) -> Outcome<(UserRow, String)> {
    let decoded = STANDARD.decode(encoded).map_err(|_| Failure::malformed_credentials("not base64"))?;
    let text = String::from_utf8(decoded).map_err(|_| Failure::malformed_credentials("not UTF-8"))?;
    let (key, secret) = text.split_once(':').ok_or_else(|| Failure::malformed_credentials("expected key:secret"))?;
    let stored =
        credentials::find(&store.conn(), key)?.filter(|c| !c.revoked).ok_or_else(Failure::invalid_credentials)?;
    // The hash is verified without holding the database lock: it takes tens of milliseconds.
    if !credentials::secret_matches(secret, &stored.secret_hash) {
        return Err(Failure::invalid_credentials());
    }
    let conn = store.conn();
    credentials::mark_used(&conn, key, remote)?;
    let user = users::get(&conn, &stored.user)?.ok_or_else(Failure::invalid_credentials)?;
    Ok((user, key.to_owned()))
}

fn bearer(store: &Store, tokens: &Tokens, token: &str) -> Outcome<(UserRow, String)> {
    let claims = tokens.verify(token)?;
    let conn = store.conn();
    match credentials::find(&conn, &claims.ak)? {
        Some(c) if !c.revoked && c.user == claims.sub => {}
        _ => return Err(Failure::invalid_token("revoked")),
    }
    let user = users::get(&conn, &claims.sub)?.ok_or_else(|| Failure::invalid_token("user not found"))?;
    Ok((user, claims.ak))
}
