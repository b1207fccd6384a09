//! The plan in words, the same on the console's page and the command line: per tenant what
//! changes (before → after), removals apart, the tenants the file leaves alone, and the calls.

use super::plan::{ChangeKind, PlatformPlan, REMOVALS_WITHHELD};
use crate::bulk::plan::counts;
use crate::names::readable_name::quoted;
use crate::words::counted;

pub const IN_SYNC: &str = "In sync: the server matches the file.";

pub fn change_line(field: &str, kind: &ChangeKind, withheld: bool) -> String {
    let line = match kind {
        ChangeKind::Create { value } => format!("+ {field}: {value}"),
        ChangeKind::Update { before, after } => format!("~ {field}: {before} \u{2192} {after}"),
        ChangeKind::Add { value } => format!("+ {field}: {value}"),
        ChangeKind::Remove { value } => format!("- {field}: {value}"),
        ChangeKind::LookFirst { value } => {
            format!("? {field}: {value} (the server cannot show whether it exists: looked for before it is created)")
        }
    };
    if withheld {
        format!("{line} ({REMOVALS_WITHHELD})")
    } else {
        line
    }
}

/// The whole plan as text; problems first, since errors stop it.
pub fn text(plan: &PlatformPlan) -> String {
    let mut out = String::new();
    for p in &plan.problems {
        let kind = if p.blocks { "error" } else { "warning" };
        out.push_str(&format!("{kind}: {}: {}\n", p.path, p.message));
    }
    if plan.errors() > 0 {
        out.push_str(&format!(
            "{}: nothing is planned and nothing is sent.\n",
            counted(plan.errors(), "error", "errors")
        ));
        return out;
    }
    for t in plan.tenants.iter().filter(|t| !t.in_sync()) {
        let how = if t.exists { "change" } else { "create" };
        out.push_str(&format!("\n{} \u{201c}{}\u{201d} ({how}):\n", t.path, quoted(&t.name)));
        for c in &t.changes {
            out.push_str(&format!("  {}\n", change_line(&c.field, &c.kind, c.withheld)));
        }
    }
    let s = plan.summary();
    if !plan.not_in_file.is_empty() {
        let names: Vec<String> = plan.not_in_file.iter().map(|n| format!("\u{201c}{}\u{201d}", quoted(n))).collect();
        out.push_str(&format!("\nNot in the file (never changed): {}\n", names.join(", ")));
    }
    out.push('\n');
    if !plan.has_changes() {
        out.push_str(IN_SYNC);
        out.push('\n');
        return out;
    }
    out.push_str(&format!(
        "{} to create, {} to change, {} in sync; {}; {}",
        s.create,
        s.change,
        s.in_sync,
        counted(s.withheld, "withheld removal", "withheld removals"),
        counted(s.calls, "call", "calls")
    ));
    let by: Vec<String> = counts(&plan.records()).by_endpoint.iter().map(|(e, n)| format!("{n} \u{d7} {e}")).collect();
    if !by.is_empty() {
        out.push_str(&format!(": {}", by.join(", ")));
    }
    if s.look_first > 0 {
        out.push_str(&format!(" ({} looked for first)", s.look_first));
    }
    out.push_str(&format!(".\nPlanned against the server state {}.\n", plan.fingerprint));
    out
}
