//! The one way the platform engine reaches an apiserver: a call with an optional acting header
//! that yields the envelope's `data` or the server's error. The console implements it over
//! gloo-net, the command line over ureq; everything above it (reading, applying) is shared.

use crate::clearml::api_error::{read_data, ApiError};
use crate::clearml::wire::Acting;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
use serde_json::Value;
use std::future::Future;

pub trait Transport {
    /// Sends `body` to `<api>/<endpoint>`, as `acting` when given; `Ok` holds the envelope's `data`.
    fn send(
        &self,
        endpoint: &str,
        acting: Option<&Acting>,
        body: &Value,
    ) -> impl Future<Output = Result<Box<RawValue>, ApiError>>;
}

/// One call, its answer read as `R`.
pub async fn call<T: Transport, R: DeserializeOwned>(
    t: &T,
    acting: Option<&Acting>,
    endpoint: &str,
    body: Value,
) -> Result<R, ApiError> {
    let data = t.send(endpoint, acting, &body).await?;
    read_data(endpoint, &data)
}
