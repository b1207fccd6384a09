//! The MLflow client: one request path for every call to the tracking server, with the admin's
//! Basic credentials held in memory only (never stored: a reload asks again), and each call in
//! the activity log. The server's API generation is found once, at connect.

use crate::activity::ActivityLog;
use crate::authorization::basic_authorization;
use crate::page_store::PageStore;
use crate::persisted::Persisted;
use gloo_net::http::Request;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::future::Future;
use std::pin::Pin;
use tenantry_core::mlflow::call::{decode_answer, Method};
use tenantry_core::mlflow::connection::ConnectForm;
use tenantry_core::mlflow::wire::{RolesAnswer, UserAnswer};
use tenantry_core::mlflow::{ApiGeneration, MlflowCall};
use tenantry_core::ApiError;

#[derive(Clone, Debug, PartialEq)]
pub struct Connection {
    pub base: String,
    pub username: String,
    authorization: String,
    pub version: String,
    pub generation: ApiGeneration,
    /// Whether the server has roles (3.13+, and some earlier 3.x servers).
    pub roles: bool,
}

#[derive(Clone, Copy)]
pub struct Mlflow {
    connection: RwSignal<Option<Connection>>,
    /// Whether the last call got no answer (until one does): the connection may be gone.
    lost: RwSignal<bool>,
    log: ActivityLog,
    last: RwSignal<(String, String)>,
}

/// What the tab keeps: where and as whom the last connection was made (never the password).
#[derive(Clone, Default, Serialize, Deserialize)]
struct Saved {
    url: String,
    username: String,
}

const KEPT: Persisted<Saved> = Persisted::new("mlflow");

impl Mlflow {
    fn restore() -> Self {
        let log = expect_context::<ActivityLog>();
        let saved = KEPT.read().unwrap_or_default();
        let last = RwSignal::new((saved.url, saved.username));
        KEPT.keep(move || {
            let (url, username) = last.get();
            Saved { url, username }
        });
        Mlflow { connection: RwSignal::new(None), lost: RwSignal::new(false), log, last }
    }

    /// The address and username of the last connection made in this tab, to start the form with.
    pub fn last_form(&self) -> ConnectForm {
        let (url, username) = self.last.get_untracked();
        ConnectForm { url, username, password: String::new() }
    }

    /// The tab's MLflow connection, made on first use; kept (without the password) until sign-out.
    pub fn get() -> Self {
        PageStore::get(Self::restore)
    }

    pub fn connection(&self) -> Option<Connection> {
        self.connection.get()
    }

    pub fn generation(&self) -> Option<ApiGeneration> {
        self.connection.with(|c| c.as_ref().map(|c| c.generation))
    }

    pub fn has_roles(&self) -> bool {
        self.connection.with(|c| c.as_ref().is_some_and(|c| c.roles))
    }

    pub fn disconnect(&self) {
        self.connection.set(None);
        self.lost.set(false);
    }

    /// Whether the connection may be gone: the last call got no answer.
    pub fn lost(&self) -> bool {
        self.lost.get()
    }

    /// Checks the address and the credentials, finds the API generation and whether the server
    /// has roles, and keeps the connection only if the user is an MLflow admin (nothing here works
    /// for anyone else).
    pub async fn connect(&self, form: &ConnectForm, base: String) -> Result<(), ApiError> {
        let authorization = basic_authorization(form.username.trim(), &form.password);
        // The probe first: a wrong password is answered here, in MLflow's own words.
        let (status, body) = exchange_logged(self.log, &base, &authorization, MlflowCall::probe()).await?;
        let generation = ApiGeneration::from_probe(status, &body)?;
        let (status, body) = exchange_logged(self.log, &base, &authorization, MlflowCall::list_roles()).await?;
        let roles = status == 200 && serde_json::from_str::<RolesAnswer>(&body).is_ok();
        let who = match generation {
            ApiGeneration::Current => MlflowCall::current_user(),
            ApiGeneration::Legacy => MlflowCall::get_user(form.username.trim()),
        };
        let me: UserAnswer = read(send(self.log, &base, &authorization, who).await?)?;
        if !me.user.is_admin {
            return Err(ApiError::Forbidden {
                subcode: 0,
                message: format!(
                    "\"{}\" is not an MLflow admin: managing users and permissions needs an admin.",
                    me.user.username
                ),
            });
        }
        let (status, text) = exchange_logged(self.log, &base, &authorization, MlflowCall::version()).await?;
        let version = if status == 200 { text.trim().trim_matches('"').to_owned() } else { "unknown".into() };
        self.last.set((base.clone(), me.user.username.clone()));
        self.connection.set(Some(Connection {
            base,
            username: me.user.username,
            authorization,
            version,
            generation,
            roles,
        }));
        Ok(())
    }

    /// A call on the current connection, its answer read as `T`.
    pub async fn fetch<T: DeserializeOwned>(&self, call: MlflowCall) -> Result<T, ApiError> {
        read(self.call(call).await?)
    }

    pub async fn call(&self, call: MlflowCall) -> Result<serde_json::Value, ApiError> {
        let Some(c) = self.connection.get_untracked() else {
            return Err(ApiError::Unauthorized { subcode: 0, message: "Connect to MLflow first.".into() });
        };
        let answer = send(self.log, &c.base, &c.authorization, call).await;
        let lost = matches!(answer, Err(ApiError::Network(_)));
        // Told only when it changes: every MLflow call passes here.
        if self.lost.try_get_untracked() != Some(lost) {
            self.lost.try_set(lost);
        }
        answer
    }
}

fn read<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    serde_json::from_value(value).map_err(|e| ApiError::BadResponse(e.to_string()))
}

/// The single request path: every call and its result go into the activity log.
fn send(
    log: ActivityLog,
    base: &str,
    authorization: &str,
    call: MlflowCall,
) -> Pin<Box<dyn Future<Output = Result<serde_json::Value, ApiError>>>> {
    let (base, authorization) = (base.to_owned(), authorization.to_owned());
    Box::pin(async move {
        let result = match raw(&call.url(&base), &authorization, call.method, call.body()).await {
            Ok((status, text)) => decode_answer(&call, status, &text),
            Err(e) => Err(e),
        };
        log.record(&call.label(), None, "", &result);
        result
    })
}

/// An exchange whose status the caller reads itself (the probes, and `/version`'s plain text).
async fn exchange_logged(
    log: ActivityLog,
    base: &str,
    authorization: &str,
    call: MlflowCall,
) -> Result<(u16, String), ApiError> {
    let result = raw(&call.url(base), authorization, call.method, None).await;
    log.record(&call.label(), None, "", &result);
    result
}

async fn raw(url: &str, authorization: &str, method: Method, body: Option<String>) -> Result<(u16, String), ApiError> {
    let builder = match method {
        Method::Get => Request::get(url),
        Method::Post => Request::post(url),
        Method::Patch => Request::patch(url),
        Method::Delete => Request::delete(url),
    }
    .header("Authorization", authorization);
    let request = match body {
        Some(json) => builder.header("Content-Type", "application/json").body(json),
        None => builder.build(),
    }
    .map_err(|e| ApiError::Network(e.to_string()))?;
    let response = request.send().await.map_err(|e| ApiError::Network(super::network_reason(&e.to_string())))?;
    let status = response.status();
    let text = response.text().await.map_err(|e| ApiError::Network(e.to_string()))?;
    Ok((status, text))
}
