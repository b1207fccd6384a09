//! `server.info`: which server this is, shown by the console after sign-in.

use super::Call;
use crate::failure::Outcome;
use serde_json::{json, Value};

pub const API_VERSION: &str = "2.31";

pub fn info(_: &Call) -> Outcome<Value> {
    Ok(json!({
        "version": concat!("tenantry-refserver ", env!("CARGO_PKG_VERSION")),
        "build": format!("reference apiserver, API {API_VERSION}"),
    }))
}
