//! Who is signed in. The token lives in memory; only when the user opts in ("keep me signed in on
//! this tab") is it also written to sessionStorage, never to localStorage. Key and secret are
//! never kept at all.

use crate::activity::ActivityLog;
use crate::routes::AppRoute;
use crate::tab_storage;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tenantry_core::clearml::wire::{ServerInfo, User};

const STORAGE_KEY: &str = "tenantry.session";

#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub api_url: String,
    pub token: String,
    pub user: User,
    pub server: Option<ServerInfo>,
    pub kept_on_tab: bool,
}

impl Session {
    pub fn is_supervisor(&self) -> bool {
        self.user.role().is_supervisor()
    }

    /// An admin of one tenant, who gets that tenant's own pages.
    pub fn is_tenant_admin(&self) -> bool {
        self.user.role().is_tenant_admin()
    }

    /// The page a sign-in with this role starts on.
    pub fn home(&self) -> String {
        if self.is_supervisor() {
            AppRoute::tenants()
        } else {
            AppRoute::OwnLoginRouting.href()
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Kept {
    api_url: String,
    token: String,
}

#[derive(Clone, Copy)]
pub struct Auth {
    session: RwSignal<Option<Session>>,
    expired: RwSignal<bool>,
    restoring: RwSignal<bool>,
}

impl Auth {
    pub fn new() -> Self {
        Self { session: RwSignal::new(None), expired: RwSignal::new(false), restoring: RwSignal::new(false) }
    }

    pub fn session(&self) -> Option<Session> {
        self.session.get()
    }

    pub fn session_untracked(&self) -> Option<Session> {
        self.session.get_untracked()
    }

    pub fn is_signed_in(&self) -> bool {
        self.session.with(Option::is_some)
    }

    pub fn is_supervisor(&self) -> bool {
        self.session.with(|s| s.as_ref().is_some_and(Session::is_supervisor))
    }

    pub fn is_expired(&self) -> bool {
        self.expired.get()
    }

    pub fn is_restoring(&self) -> bool {
        self.restoring.get()
    }

    pub fn api_url(&self) -> Option<String> {
        self.session.with_untracked(|s| s.as_ref().map(|s| s.api_url.clone()))
    }

    pub fn credentials(&self) -> Option<(String, String)> {
        self.session.with_untracked(|s| s.as_ref().map(|s| (s.api_url.clone(), s.token.clone())))
    }

    pub fn mark_expired(&self) {
        self.expired.set(true);
    }

    pub fn signed_in(&self, session: Session) {
        write_kept(&session);
        self.session.set(Some(session));
        self.expired.set(false);
    }

    /// Forgets the session, and with it this session's activity log and any unfinished wizard.
    pub fn sign_out(&self) {
        if let Some(log) = use_context::<ActivityLog>() {
            log.clear();
        }
        crate::persisted::forget_all();
        self.drop_session();
    }

    /// Forgets the token only: a kept token that no longer works must not take the user's
    /// unfinished work with it.
    fn drop_session(&self) {
        tab_storage::remove(STORAGE_KEY);
        self.session.set(None);
        self.expired.set(false);
    }

    /// The API address and token the user chose to keep on this tab, if any.
    pub fn kept(&self) -> Option<(String, String)> {
        tab_storage::read::<Kept>(STORAGE_KEY).map(|k| (k.api_url, k.token))
    }

    /// While a kept token is being checked, the page says so instead of asking to sign in.
    pub fn set_restoring(&self, restoring: bool) {
        self.restoring.set(restoring);
    }

    /// A kept token that no longer works is forgotten, and nothing else.
    pub fn kept_token_refused(&self) {
        self.drop_session();
    }
}

fn write_kept(session: &Session) {
    if session.kept_on_tab {
        tab_storage::write(STORAGE_KEY, &Kept { api_url: session.api_url.clone(), token: session.token.clone() });
    } else {
        tab_storage::remove(STORAGE_KEY);
    }
}
