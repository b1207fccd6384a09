//! Signing in: key and secret are exchanged for a token once, and then forgotten.

use super::send;
use crate::activity::ActivityLog;
use crate::authorization::basic_authorization;
use crate::session::{Auth, Session};
use tenantry_core::clearml::sign_in::SignInFailure;
use tenantry_core::clearml::wire::{CurrentUserResponse, Empty, LoginResponse, ServerInfo, User};
use tenantry_core::ApiError;

pub async fn login(log: ActivityLog, api_url: &str, key: &str, secret: &str) -> Result<String, ApiError> {
    let answer: LoginResponse =
        send(log, api_url, "auth.login", &basic_authorization(key, secret), None, &Empty {}).await?;
    Ok(answer.token)
}

/// Who the token belongs to, and which server it is.
pub async fn whoami(log: ActivityLog, api_url: &str, token: &str) -> Result<(User, Option<ServerInfo>), ApiError> {
    let bearer = format!("Bearer {token}");
    let me: CurrentUserResponse = send(log, api_url, "users.get_current_user", &bearer, None, &Empty {}).await?;
    // Not every apiserver answers server.info; the console works without it.
    let server = send::<_, ServerInfo>(log, api_url, "server.info", &bearer, None, &Empty {}).await.ok();
    Ok((me.user, server))
}

/// Whether an apiserver answers at `api_url`: any envelope counts, a refusal included.
pub async fn apiserver_answers(log: ActivityLog, api_url: &str) -> bool {
    match send::<_, ServerInfo>(log, api_url, "server.info", "", None, &Empty {}).await {
        Ok(_) => true,
        Err(e) => SignInFailure::of(&e) == SignInFailure::Refused,
    }
}

/// On start, picks up a session the user chose to keep on this tab, if its token still works.
pub fn restore_kept(auth: Auth, log: ActivityLog) {
    let Some((api_url, token)) = auth.kept() else { return };
    auth.set_restoring(true);
    leptos::task::spawn_local(async move {
        match whoami(log, &api_url, &token).await {
            Ok((user, server)) => auth.signed_in(Session { api_url, token, user, server, kept_on_tab: true }),
            Err(_) => auth.kept_token_refused(),
        }
        auth.set_restoring(false);
    });
}
