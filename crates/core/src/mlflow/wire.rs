//! MLflow's answers, as its basic-auth app and tracking server send them.

use super::permission::{is_per_user_role, Grant, ResourceType};
use serde::Deserialize;

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct MlflowUser {
    pub id: i64,
    pub username: String,
    #[serde(default)]
    pub is_admin: bool,
    /// 3.13+: the user's roles with their permissions.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// ≤ 3.12: grants made to the user, per resource type.
    #[serde(default)]
    pub experiment_permissions: Vec<LegacyExperimentPermission>,
    #[serde(default)]
    pub registered_model_permissions: Vec<LegacyModelPermission>,
}

impl MlflowUser {
    /// Every grant the user holds, whichever generation the server is.
    pub fn grants(&self) -> Vec<Grant> {
        let own_role = format!("__user_{}__", self.id);
        let legacy = |kind: &str, id: &str, permission: &str| Grant {
            resource_type: kind.into(),
            resource_pattern: id.into(),
            permission: permission.into(),
            role_name: own_role.clone(),
            id: None,
        };
        let mut out: Vec<Grant> = self.roles.iter().flat_map(Role::grants).collect();
        out.extend(self.experiment_permissions.iter().map(|p| legacy("experiment", &p.experiment_id, &p.permission)));
        out.extend(
            self.registered_model_permissions.iter().map(|p| legacy("registered_model", &p.name, &p.permission)),
        );
        out
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct LegacyExperimentPermission {
    pub experiment_id: String,
    pub permission: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct LegacyModelPermission {
    pub name: String,
    pub permission: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Role {
    pub id: i64,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub permissions: Vec<RolePermission>,
}

impl Role {
    /// Roles MLflow makes for grants given to one user; the roles page keeps them apart.
    pub fn is_per_user(&self) -> bool {
        is_per_user_role(&self.name)
    }

    pub fn grants(&self) -> Vec<Grant> {
        self.permissions
            .iter()
            .map(|p| Grant {
                resource_type: p.resource_type.clone(),
                resource_pattern: p.resource_pattern.clone(),
                permission: p.permission.clone(),
                role_name: self.name.clone(),
                id: Some(p.id),
            })
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct RolePermission {
    pub id: i64,
    pub resource_type: String,
    pub resource_pattern: String,
    pub permission: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct UserAnswer {
    pub user: MlflowUser,
}

#[derive(Clone, Debug, Deserialize)]
pub struct UsersAnswer {
    #[serde(default)]
    pub users: Vec<MlflowUser>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct RolesAnswer {
    #[serde(default)]
    pub roles: Vec<Role>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Assignment {
    pub user_id: i64,
}

#[derive(Clone, Debug, Deserialize)]
pub struct AssignmentsAnswer {
    #[serde(default)]
    pub assignments: Vec<Assignment>,
}

/// `users/permissions/get` (3.13+).
#[derive(Clone, Debug, Deserialize)]
pub struct PermissionAnswer {
    pub permission: String,
}

/// `{experiments,registered-models}/permissions/get` (≤ 3.12).
#[derive(Clone, Debug, Deserialize)]
pub struct LegacyPermissionAnswer {
    #[serde(alias = "experiment_permission", alias = "registered_model_permission")]
    pub grant: LegacyGrant,
}

#[derive(Clone, Debug, Deserialize)]
pub struct LegacyGrant {
    pub permission: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Experiment {
    pub experiment_id: String,
    pub name: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ExperimentsAnswer {
    #[serde(default)]
    pub experiments: Vec<Experiment>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct RegisteredModel {
    pub name: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct RegisteredModelsAnswer {
    #[serde(default)]
    pub registered_models: Vec<RegisteredModel>,
}

/// The server's experiments and registered models, to pick a resource from MLflow's own lists.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalog {
    pub experiments: Vec<Experiment>,
    pub models: Vec<RegisteredModel>,
}

impl Catalog {
    /// `(id, label)` for each resource of a type: experiments by id, shown with their names.
    pub fn options(&self, kind: ResourceType) -> Vec<(String, String)> {
        match kind {
            ResourceType::Experiment => self
                .experiments
                .iter()
                .map(|e| (e.experiment_id.clone(), format!("{} (id {})", e.name, e.experiment_id)))
                .collect(),
            ResourceType::RegisteredModel => self.models.iter().map(|m| (m.name.clone(), m.name.clone())).collect(),
        }
    }

    /// How a grant's pattern reads: `*` is every resource of the type.
    pub fn describe(&self, kind: ResourceType, pattern: &str) -> String {
        if pattern == "*" {
            return match kind {
                ResourceType::Experiment => "all experiments".into(),
                ResourceType::RegisteredModel => "all registered models".into(),
            };
        }
        let label = self.options(kind).into_iter().find(|(id, _)| id == pattern).map(|(_, l)| l);
        let what = kind.label().to_ascii_lowercase();
        format!("{what} {}", label.unwrap_or_else(|| format!("{pattern} (not found)")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grants_come_from_roles_on_current_servers_and_from_the_user_on_old_ones() {
        let current: UsersAnswer = serde_json::from_str(
            r#"{"users":[{"id":2,"is_admin":false,"username":"alice","roles":[{"description":null,"id":3,
            "name":"__user_2__","permissions":[{"id":3,"permission":"DENY","resource_pattern":"1",
            "resource_type":"experiment","role_id":3}],"workspace":"default"}]}]}"#,
        )
        .unwrap();
        let g = &current.users[0].grants()[0];
        assert_eq!((g.permission.as_str(), g.id, g.is_direct()), ("DENY", Some(3), true));

        let legacy: UserAnswer = serde_json::from_str(
            r#"{"user":{"id":4,"username":"bob","is_admin":false,
            "experiment_permissions":[{"experiment_id":"9","user_id":4,"permission":"EDIT"}],
            "registered_model_permissions":[{"name":"m","user_id":4,"permission":"READ"}]}}"#,
        )
        .unwrap();
        let grants = legacy.user.grants();
        assert_eq!(grants.len(), 2);
        assert_eq!(
            (grants[1].resource_type.as_str(), grants[1].role_name.as_str()),
            ("registered_model", "__user_4__")
        );
    }

    #[test]
    fn grants_read_with_the_resources_names() {
        let catalog = Catalog {
            experiments: vec![Experiment { experiment_id: "1".into(), name: "churn".into() }],
            models: vec![RegisteredModel { name: "m".into() }],
        };
        assert_eq!(catalog.describe(ResourceType::Experiment, "1"), "experiment churn (id 1)");
        assert_eq!(catalog.describe(ResourceType::Experiment, "9"), "experiment 9 (not found)");
        assert_eq!(catalog.describe(ResourceType::RegisteredModel, "*"), "all registered models");
    }
}
