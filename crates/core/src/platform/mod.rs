//! Tenancy as code (M16): the whole platform in one YAML file. `read` takes the file, `live` reads
//! the server through a `Transport`, `plan` compares the two, `execute` applies the plan with
//! bulk import's journal, `export` writes the live state as a file and `schema` describes it.

pub mod execute;
pub mod export;
pub mod live;
pub mod plan;
pub mod read;
pub mod report;
pub mod schema;
pub mod spec;
pub mod transport;

#[cfg(test)]
mod engine_tests;
#[cfg(test)]
mod tests;

use serde::Serialize;

/// Something wrong in the file, at the path of the value (`tenants[3].domains[1]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub path: String,
    pub message: String,
    /// Errors stop the plan; warnings are shown and the plan goes ahead.
    pub blocks: bool,
}

impl Problem {
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem { path: path.into(), message: message.into(), blocks: true }
    }

    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem { path: path.into(), message: message.into(), blocks: false }
    }
}
