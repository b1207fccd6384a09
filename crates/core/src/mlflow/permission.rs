//! MLflow's permission model (3.13+), as its server resolves it: an admin user gets MANAGE on
//! everything; among the grants that match a resource (by id or by `*`, from any of the user's
//! roles) one DENY wins over every positive grant; otherwise the highest positive grant, never
//! below the server's `default_permission`; with no matching grant, the default.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Permission {
    Read,
    Use,
    Edit,
    Manage,
    Deny,
    NoPermissions,
}

impl Permission {
    /// What an administrator can grant on an experiment or a registered model.
    pub const GRANTABLE: [Permission; 5] =
        [Permission::Read, Permission::Use, Permission::Edit, Permission::Manage, Permission::Deny];
    /// What a server's `default_permission` can be.
    pub const DEFAULTS: [Permission; 5] =
        [Permission::Read, Permission::Use, Permission::Edit, Permission::Manage, Permission::NoPermissions];

    pub fn as_str(self) -> &'static str {
        match self {
            Permission::Read => "READ",
            Permission::Use => "USE",
            Permission::Edit => "EDIT",
            Permission::Manage => "MANAGE",
            Permission::Deny => "DENY",
            Permission::NoPermissions => "NO_PERMISSIONS",
        }
    }

    pub fn parse(s: &str) -> Option<Permission> {
        [Permission::NoPermissions].into_iter().chain(Self::GRANTABLE).find(|p| p.as_str() == s)
    }

    /// MLflow's `PERMISSION_PRIORITY`: DENY below everything so that it never wins a maximum.
    fn priority(self) -> i8 {
        match self {
            Permission::Deny => -1,
            Permission::NoPermissions => 0,
            Permission::Read => 1,
            Permission::Use => 2,
            Permission::Edit => 3,
            Permission::Manage => 4,
        }
    }

    pub fn max(self, other: Permission) -> Permission {
        if self.priority() >= other.priority() {
            self
        } else {
            other
        }
    }

    /// Read, use, update, delete, manage: the capabilities in MLflow's permission table.
    pub fn capabilities(self) -> [bool; 5] {
        let p = self.priority();
        [p >= 1, p >= 2, p >= 3, p >= 4, p >= 4]
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceType {
    Experiment,
    RegisteredModel,
}

impl ResourceType {
    pub const ALL: [ResourceType; 2] = [ResourceType::Experiment, ResourceType::RegisteredModel];

    pub fn as_str(self) -> &'static str {
        match self {
            ResourceType::Experiment => "experiment",
            ResourceType::RegisteredModel => "registered_model",
        }
    }

    pub fn parse(s: &str) -> Option<ResourceType> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            ResourceType::Experiment => "Experiment",
            ResourceType::RegisteredModel => "Registered model",
        }
    }
}

/// One experiment (by id) or registered model (by name).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Resource {
    pub kind: ResourceType,
    pub id: String,
}

/// MLflow keeps each user's direct grants in a role of their own, `__user_<id>__`.
pub fn is_per_user_role(name: &str) -> bool {
    name.starts_with("__user_") && name.ends_with("__")
}

/// A grant as the server lists it: on a resource id or `*`, from a named role.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Grant {
    pub resource_type: String,
    pub resource_pattern: String,
    pub permission: String,
    #[serde(default)]
    pub role_name: String,
    /// The role permission's id, where the server lists it (needed to change it in place).
    #[serde(default)]
    pub id: Option<i64>,
}

impl Grant {
    pub fn matches(&self, resource: &Resource) -> bool {
        self.resource_type == resource.kind.as_str()
            && (self.resource_pattern == "*" || self.resource_pattern == resource.id)
    }

    /// The grant made directly to a user lives in their own role.
    pub fn is_direct(&self) -> bool {
        is_per_user_role(&self.role_name)
    }

    pub fn source(&self) -> String {
        let on = if self.resource_pattern == "*" { "all of them" } else { "this one" };
        if self.is_direct() {
            format!("{} granted directly on {on}", self.permission)
        } else {
            format!("{} from role \"{}\" on {on}", self.permission, self.role_name)
        }
    }
}

/// Why a user has the permission they have on one resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Explanation {
    Admin,
    /// DENY from these grants; it wins over the positive ones that also match.
    Denied(Vec<Grant>),
    /// The best of the matching grants, which are listed best first.
    Granted(Permission, Vec<Grant>),
    NoGrant,
}

pub fn explain(is_admin: bool, grants: &[Grant], resource: &Resource) -> Explanation {
    if is_admin {
        return Explanation::Admin;
    }
    let mut matching: Vec<(Permission, Grant)> = grants
        .iter()
        .filter(|g| g.matches(resource))
        .filter_map(|g| Permission::parse(&g.permission).map(|p| (p, g.clone())))
        .collect();
    let denied: Vec<Grant> = matching.iter().filter(|(p, _)| *p == Permission::Deny).map(|(_, g)| g.clone()).collect();
    if !denied.is_empty() {
        return Explanation::Denied(denied);
    }
    matching.sort_by_key(|(p, _)| std::cmp::Reverse(p.priority()));
    match matching.first() {
        None => Explanation::NoGrant,
        Some((best, _)) => Explanation::Granted(*best, matching.into_iter().map(|(_, g)| g).collect()),
    }
}

impl Explanation {
    /// The permission the server resolves, given its `default_permission`.
    pub fn effective(&self, default: Permission) -> Permission {
        match self {
            Explanation::Admin => Permission::Manage,
            Explanation::Denied(_) => Permission::Deny,
            Explanation::Granted(best, _) => best.max(default),
            Explanation::NoGrant => default,
        }
    }

    /// The reason in the administrator's words; `effective` is what the server answered.
    pub fn reason(&self, effective: Permission) -> String {
        match self {
            Explanation::Admin => "An MLflow admin has MANAGE on everything.".into(),
            Explanation::Denied(by) => {
                let sources: Vec<String> = by.iter().map(Grant::source).collect();
                format!("DENY wins over every other grant: {}.", sources.join("; "))
            }
            Explanation::Granted(best, all) => {
                let sources: Vec<String> = all.iter().map(Grant::source).collect();
                if effective == *best {
                    format!("The highest matching grant: {}.", sources.join("; "))
                } else {
                    format!(
                        "The server's default permission ({effective}) is higher than the grants: {}.",
                        sources.join("; ")
                    )
                }
            }
            Explanation::NoGrant => format!("No grant matches: the server's default permission ({effective})."),
        }
    }
}

/// What a server before 3.13 resolves, as its `_get_permission_from_store_or_default` does: an
/// admin has MANAGE; otherwise the higher of the user's own grant on the resource and the best
/// grant its roles hold on it (by id or `*`; a role's workspace-wide `*` counts for every
/// resource, and a role's NO_PERMISSIONS counts as none); with neither, the server's default
/// permission, which these servers do not report. Returns the permission's name and the reason.
pub fn legacy_answer(
    is_admin: bool,
    own: Option<Permission>,
    roles: &[Grant],
    resource: &Resource,
) -> (String, String) {
    const WHY: &str = "Servers before MLflow 3.13 do not report the effective permission; this is how they resolve it.";
    if is_admin {
        return (Permission::Manage.to_string(), "An MLflow admin has MANAGE on everything.".into());
    }
    let matching: Vec<(Permission, &Grant)> = roles
        .iter()
        .filter(|g| g.matches(resource) || (g.resource_type == "workspace" && g.resource_pattern == "*"))
        .filter_map(|g| Permission::parse(&g.permission).map(|p| (p, g)))
        .collect();
    let from_roles =
        matching.iter().map(|(p, _)| *p).reduce(Permission::max).filter(|p| *p != Permission::NoPermissions);
    let sources = || matching.iter().map(|(_, g)| g.source()).collect::<Vec<_>>().join("; ");
    match (own, from_roles) {
        (Some(own), Some(role)) => (
            own.max(role).to_string(),
            format!("The higher of the user's own grant ({own}) and its roles' grants: {}. {WHY}", sources()),
        ),
        (None, Some(role)) => (role.to_string(), format!("From its roles: {}. {WHY}", sources())),
        (Some(own), None) => (own.to_string(), format!("The user's own grant on it. {WHY}")),
        (None, None) => (
            "DEFAULT".into(),
            format!("No grant of the user's own or of its roles on it: the server's default permission applies, which it does not report. {WHY}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(pattern: &str, permission: &str, role: &str) -> Grant {
        Grant {
            resource_type: "experiment".into(),
            resource_pattern: pattern.into(),
            permission: permission.into(),
            role_name: role.into(),
            id: None,
        }
    }

    fn experiment(id: &str) -> Resource {
        Resource { kind: ResourceType::Experiment, id: id.into() }
    }

    #[test]
    fn the_highest_matching_grant_wins_across_roles_and_wildcards() {
        let grants = [grant("*", "READ", "analysts"), grant("7", "EDIT", "__user_2__"), grant("8", "MANAGE", "x")];
        let e = explain(false, &grants, &experiment("7"));
        assert_eq!(e.effective(Permission::NoPermissions), Permission::Edit);
        assert_eq!(
            e.reason(Permission::Edit),
            "The highest matching grant: EDIT granted directly on this one; READ from role \"analysts\" on all of them."
        );
    }

    #[test]
    fn one_deny_beats_a_higher_grant_from_another_role() {
        let grants = [grant("*", "MANAGE", "devops"), grant("7", "DENY", "__user_2__")];
        let e = explain(false, &grants, &experiment("7"));
        assert_eq!(e.effective(Permission::Manage), Permission::Deny);
        assert_eq!(e.reason(Permission::Deny), "DENY wins over every other grant: DENY granted directly on this one.");
        assert_eq!(explain(false, &grants, &experiment("8")).effective(Permission::Read), Permission::Manage);
    }

    #[test]
    fn an_admin_is_never_denied() {
        let grants = [grant("7", "DENY", "__user_1__")];
        assert_eq!(explain(true, &grants, &experiment("7")).effective(Permission::Read), Permission::Manage);
    }

    #[test]
    fn a_positive_grant_never_resolves_below_the_default() {
        let e = explain(false, &[grant("7", "READ", "r")], &experiment("7"));
        assert_eq!(e.effective(Permission::Edit), Permission::Edit);
        assert_eq!(
            e.reason(Permission::Edit),
            "The server's default permission (EDIT) is higher than the grants: READ from role \"r\" on this one."
        );
    }

    #[test]
    fn without_a_matching_grant_the_default_applies() {
        let other_type = Grant { resource_type: "registered_model".into(), ..grant("7", "MANAGE", "r") };
        let e = explain(false, &[grant("8", "EDIT", "r"), other_type], &experiment("7"));
        assert_eq!(e, Explanation::NoGrant);
        assert_eq!(e.effective(Permission::NoPermissions), Permission::NoPermissions);
        assert_eq!(e.reason(Permission::Read), "No grant matches: the server's default permission (READ).");
    }

    #[test]
    fn an_older_server_takes_the_higher_of_the_users_own_grant_and_its_roles() {
        const WHY: &str =
            "Servers before MLflow 3.13 do not report the effective permission; this is how they resolve it.";
        let roles = [grant("7", "EDIT", "editors"), grant("*", "READ", "readers"), grant("8", "MANAGE", "other")];
        // The case MLflow 3.12 lets create runs in, which the own-grant answer showed as DEFAULT.
        assert_eq!(
            legacy_answer(false, None, &roles, &experiment("7")),
            ("EDIT".into(), format!("From its roles: EDIT from role \"editors\" on this one; READ from role \"readers\" on all of them. {WHY}"))
        );
        assert_eq!(legacy_answer(false, Some(Permission::Manage), &roles, &experiment("7")).0, "MANAGE");
        assert_eq!(
            legacy_answer(false, Some(Permission::Read), &[grant("7", "USE", "users")], &experiment("7")),
            ("USE".into(), format!("The higher of the user's own grant (READ) and its roles' grants: USE from role \"users\" on this one. {WHY}"))
        );
        let workspace = Grant { resource_type: "workspace".into(), ..grant("*", "EDIT", "everyone") };
        assert_eq!(legacy_answer(false, None, &[workspace], &experiment("9")).0, "EDIT");
        assert_eq!(legacy_answer(false, None, &[grant("7", "NO_PERMISSIONS", "none")], &experiment("7")).0, "DEFAULT");
        assert_eq!(
            legacy_answer(false, Some(Permission::Edit), &[], &experiment("7")),
            ("EDIT".into(), format!("The user's own grant on it. {WHY}"))
        );
        assert_eq!(
            legacy_answer(false, None, &roles, &experiment("9")),
            ("READ".into(), format!("From its roles: READ from role \"readers\" on all of them. {WHY}"))
        );
        assert_eq!(legacy_answer(true, None, &[], &experiment("9")).0, "MANAGE");
    }

    #[test]
    fn capabilities_follow_the_seed_table() {
        assert_eq!(Permission::Read.capabilities(), [true, false, false, false, false]);
        assert_eq!(Permission::Edit.capabilities(), [true, true, true, false, false]);
        assert_eq!(Permission::Manage.capabilities(), [true; 5]);
        assert_eq!(Permission::NoPermissions.capabilities(), [false; 5]);
        assert_eq!(Permission::parse("DENY"), Some(Permission::Deny));
        assert_eq!(Permission::parse("deny"), None);
    }
}
