//! Who a call runs as: the credentials or token in `Authorization`, then the acting headers.
//! `X-Clearml-Impersonate-As` takes the target's identity and role; `X-Clearml-Act-As` takes the
//! target's identity and company but keeps the caller's role. SPEC: system (and root) for any
//! company, admin for its own company only, anyone else 400/6; in the open-source flavour system,
//! root and admin may, and only root for another company's user (validators.py).
//! A header that is present is never ignored: one that is not a clean value (empty, padded,
//! non-ASCII, control bytes) is refused, so a call never silently runs as its caller instead.

use crate::answers::Answers;
use crate::failure::{Failure, Outcome};
use crate::sign_in_guard::{self, NotChecked, SignInGuard};
use crate::store::{credentials, users, users::UserRow, Store};
use crate::token::Tokens;
use base64::{engine::general_purpose::STANDARD, Engine};
use tenantry_core::Role;

pub struct Identity {
    pub user: UserRow,
    /// The role calls are checked against (the caller's own under Act-As).
    pub role: String,
    /// The access key this call's credentials came from.
    pub access_key: String,
}

/// A request header as received.
#[derive(Clone, Copy)]
pub enum Header<'a> {
    Absent,
    /// Visible ASCII, as HTTP allows header text to be.
    Text(&'a str),
    /// Present but not text (non-ASCII or control bytes).
    Unreadable,
}

pub struct CallHeaders<'a> {
    pub authorization: Header<'a>,
    pub impersonate_as: Header<'a>,
    pub act_as: Header<'a>,
    pub remote: String,
}

/// An acting header's user id, if the header is present: exactly the id, nothing around it.
fn acting_target<'a>(name: &str, header: Header<'a>) -> Outcome<Option<&'a str>> {
    let clean = |v: &str| !v.is_empty() && v.bytes().all(|b| b.is_ascii_graphic());
    match header {
        Header::Absent => Ok(None),
        Header::Text(v) if clean(v) => Ok(Some(v)),
        Header::Text(_) | Header::Unreadable => {
            Err(Failure::impersonation(&format!("invalid {name} header: expected a user id and nothing else")))
        }
    }
}

pub fn resolve(
    store: &Store,
    tokens: &Tokens,
    guard: &SignInGuard,
    h: &CallHeaders,
    answers: Answers,
) -> Outcome<Identity> {
    let (caller, access_key) = authenticate(store, tokens, guard, h)?;
    let impersonate_as = acting_target("X-Clearml-Impersonate-As", h.impersonate_as)?;
    let act_as = acting_target("X-Clearml-Act-As", h.act_as)?;
    let target_id = match (impersonate_as, act_as) {
        (Some(_), Some(_)) => return Err(Failure::both_impersonation_headers()),
        (None, None) => return Ok(Identity { role: caller.role.clone(), user: caller, access_key }),
        (Some(id), None) | (None, Some(id)) => id,
    };
    let role = Role::parse(&caller.role);
    // The open-source apiserver lets only `root` act across companies; its `system` acts within its own.
    let (may_act, any_company) = match (answers, role) {
        (Answers::Reference, r) if r.is_supervisor() => (true, true),
        (Answers::Reference, Role::Admin) => (true, false),
        (Answers::OpenSource, Role::Root) => (true, true),
        (Answers::OpenSource, Role::System | Role::Admin) => (true, false),
        _ => (false, false),
    };
    if !may_act {
        return Err(Failure::impersonation(&format!("not allowed for role: role={}", caller.role)));
    }
    let target = users::get(&store.conn(), target_id)?
        .ok_or_else(|| Failure::impersonation(&format!("user not found: {target_id}")))?;
    if !any_company && target.company != caller.company {
        return Err(Failure::impersonation(&format!("unknown user: id={target_id}, company={}", caller.company)));
    }
    let role = if impersonate_as.is_some() { target.role.clone() } else { caller.role };
    Ok(Identity { user: target, role, access_key })
}

fn authenticate(store: &Store, tokens: &Tokens, guard: &SignInGuard, h: &CallHeaders) -> Outcome<(UserRow, String)> {
    let header = match h.authorization {
        Header::Absent => return Err(Failure::missing_credentials()),
        Header::Unreadable => return Err(Failure::malformed_credentials("not ASCII text")),
        Header::Text(v) if v.trim().is_empty() => return Err(Failure::malformed_credentials("empty")),
        Header::Text(v) => v.trim(),
    };
    let (scheme, value) =
        header.split_once(' ').ok_or_else(|| Failure::malformed_credentials("expected Basic or Bearer"))?;
    match scheme.to_ascii_lowercase().as_str() {
        "basic" => basic(store, guard, value.trim(), &h.remote),
        "bearer" => bearer(store, tokens, value.trim()),
        _ => Err(Failure::malformed_credentials("expected Basic or Bearer")),
    }
}

fn basic(store: &Store, guard: &SignInGuard, encoded: &str, remote: &str) -> Outcome<(UserRow, String)> {
    let decoded = STANDARD.decode(encoded).map_err(|_| Failure::malformed_credentials("not base64"))?;
    let text = String::from_utf8(decoded).map_err(|_| Failure::malformed_credentials("not UTF-8"))?;
    let (key, secret) = text.split_once(':').ok_or_else(|| Failure::malformed_credentials("expected key:secret"))?;
    let stored = credentials::find(&store.conn(), key)?.filter(|c| !c.revoked);
    // The hash is verified without holding the database lock: it takes tens of milliseconds. An
    // unknown key is verified against a dummy hash, so that it takes as long.
    let hash = stored.as_ref().map_or(sign_in_guard::dummy_hash(), |c| c.secret_hash.as_str());
    let matched = guard.check(key, remote, || credentials::secret_matches(secret, hash)).map_err(|e| match e {
        NotChecked::LockedOut(wait) => Failure::locked_out(wait.as_secs().max(1)),
        NotChecked::Busy => Failure::busy(),
    })?;
    let stored = stored.filter(|_| matched).ok_or_else(Failure::invalid_credentials)?;
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
