//! Bulk onboarding (M13): many tenants from one CSV or YAML file. `file` reads the records,
//! `check` validates them as a whole and plans each one, `plan` holds the calls (and the shell
//! script that sends them), `run` keeps how far each record got and makes the report.

pub mod check;
pub mod file;
pub mod plan;
pub mod run;

#[cfg(test)]
mod tests;

use file::Format;

/// From the file's text to the plan, or to every problem that stops it.
pub fn import(format: Format, text: &str, existing: &check::Existing) -> check::Checked {
    match file::read(format, text) {
        Ok(records) => check::check(&records, existing),
        Err(unreadable) => check::Checked::unreadable(unreadable),
    }
}
