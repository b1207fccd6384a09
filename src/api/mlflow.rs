//! The MLflow client: one request path for every call to the tracking server, with the admin's
//! Basic credentials held in memory only (never stored: a reload asks again), and each call in
//! the activity log. The server's API generation is found once, at connect.

use crate::activity::ActivityLog;
use gloo_net::http::Request;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;
use tenantry_core::mlflow::auth_ini::AuthIniForm;
use tenantry_core::mlflow::call::{decode_answer, Method};
use tenantry_core::mlflow::connection::ConnectForm;
use tenantry_core::mlflow::wire::UserAnswer;
use tenantry_core::mlflow::{ApiGeneration, MlflowCall};
use tenantry_core::sign_in::basic_authorization;
use tenantry_core::ApiError;

#[derive(Clone, Debug, PartialEq)]
pub struct Connection {
    pub base: String,
    pub username: String,
    authorization: String,
    pub version: String,
    pub generation: ApiGeneration,
}

#[derive(Clone, Copy)]
pub struct Mlflow {
    connection: RwSignal<Option<Connection>>,
    log: ActivityLog,
    /// The role-mapping form, kept while the user moves between pages.
    pub mapping: RwSignal<AuthIniForm>,
}

impl Mlflow {
    pub fn provide() {
        let log = expect_context::<ActivityLog>();
        provide_context(Mlflow {
            connection: RwSignal::new(None),
            log,
            mapping: RwSignal::new(AuthIniForm::default()),
        });
    }

    pub fn get() -> Self {
        expect_context()
    }

    pub fn connection(&self) -> Option<Connection> {
        self.connection.get()
    }

    pub fn generation(&self) -> Option<ApiGeneration> {
        self.connection.with(|c| c.as_ref().map(|c| c.generation))
    }

    pub fn disconnect(&self) {
        self.connection.set(None);
    }

    /// Checks the address and the credentials, finds the API generation, and keeps the
    /// connection only if the user is an MLflow admin (nothing here works for anyone else).
    pub async fn connect(&self, form: &ConnectForm, base: String) -> Result<(), ApiError> {
        let authorization = basic_authorization(form.username.trim(), &form.password);
        // Who first: a wrong password is answered here, in MLflow's own words.
        let me: UserAnswer = read(send(self.log, &base, &authorization, MlflowCall::current_user()).await?)?;
        if !me.user.is_admin {
            return Err(ApiError::Forbidden {
                subcode: 0,
                message: format!(
                    "\"{}\" is not an MLflow admin: managing users and permissions needs an admin.",
                    me.user.username
                ),
            });
        }
        let version = plain_text(self.log, &base, &authorization, MlflowCall::version()).await?;
        let version = version.trim().trim_matches('"').to_owned();
        let probe = MlflowCall::probe();
        let status = raw(&probe.url(&base), &authorization, probe.method, None).await?.0;
        let generation = ApiGeneration::from_probe(status).map_err(|message| ApiError::Rejected {
            code: status,
            subcode: 0,
            message,
        });
        self.log.record(&probe.label(), None, &generation);
        let generation = generation?;
        self.connection.set(Some(Connection { base, username: me.user.username, authorization, version, generation }));
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
        send(self.log, &c.base, &c.authorization, call).await
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
        log.record(&call.label(), None, &result);
        result
    })
}

/// `/version` answers plain text.
async fn plain_text(log: ActivityLog, base: &str, authorization: &str, call: MlflowCall) -> Result<String, ApiError> {
    let result = raw(&call.url(base), authorization, call.method, None).await.and_then(|(status, text)| {
        if status == 200 {
            Ok(text)
        } else {
            decode_answer(&call, status, &text).map(|_| text)
        }
    });
    log.record(&call.label(), None, &result);
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
