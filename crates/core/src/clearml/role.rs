//! The apiserver's user roles, one type for the console and the reference server, so both decide
//! alike who is a supervisor (the system roles: `system` and `root`) and who administers one tenant.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    System,
    Root,
    Admin,
    User,
    Guest,
    Annotator,
    Consumer,
    /// Not reported (the open-source apiserver lists no roles) or not one the apiserver defines.
    Unknown,
}

impl Role {
    /// The roles `auth.create_user` gives; the system roles are made by the deployment only.
    pub const CREATABLE: [Role; 5] = [Role::Admin, Role::User, Role::Guest, Role::Annotator, Role::Consumer];

    pub fn parse(raw: &str) -> Role {
        match raw {
            "system" => Role::System,
            "root" => Role::Root,
            "admin" => Role::Admin,
            "user" => Role::User,
            "guest" => Role::Guest,
            "annotator" => Role::Annotator,
            "consumer" => Role::Consumer,
            _ => Role::Unknown,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::System => "system",
            Role::Root => "root",
            Role::Admin => "admin",
            Role::User => "user",
            Role::Guest => "guest",
            Role::Annotator => "annotator",
            Role::Consumer => "consumer",
            Role::Unknown => "",
        }
    }

    /// Manages every tenant: the system roles.
    pub fn is_supervisor(self) -> bool {
        matches!(self, Role::System | Role::Root)
    }

    /// Administers one tenant: its users, login routing and SSO.
    pub fn is_tenant_admin(self) -> bool {
        self == Role::Admin
    }

    /// May call what a tenant's admin may: the supervisor and the tenant admin.
    pub fn administers(self) -> bool {
        self.is_supervisor() || self.is_tenant_admin()
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_reads_back_as_written() {
        for role in [Role::System, Role::Root, Role::Admin, Role::User, Role::Guest, Role::Annotator, Role::Consumer] {
            assert_eq!(Role::parse(role.as_str()), role);
        }
        assert_eq!(Role::parse(""), Role::Unknown);
        assert_eq!(Role::parse("Admin"), Role::Unknown, "roles are lower case on the wire");
    }

    #[test]
    fn both_system_roles_are_supervisors_and_nobody_else() {
        assert!(Role::System.is_supervisor() && Role::Root.is_supervisor());
        assert!(!Role::Admin.is_supervisor() && !Role::Unknown.is_supervisor());
        assert!(Role::Root.administers() && Role::Admin.administers() && !Role::User.administers());
        assert!(!Role::CREATABLE.iter().any(|r| r.is_supervisor()));
    }
}
