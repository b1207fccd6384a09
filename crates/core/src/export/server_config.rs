//! The apiserver's configuration for a multi-tenant install: the supervisor block, tenant-wide
//! switches, organization features and the groups, as environment variables, and the files an
//! operator deploys them with (Helm values for the server and the Agent, a docker-compose override).

use crate::clearml::ids::CompanyId;
use crate::clearml::wire::Company;
use crate::export::env_value;
use crate::export::yaml;
use crate::features::feature::FeatureName;
use crate::features::group::{BuiltinGroup, CrossTenantGroup, GroupDesign, GroupErrors};
use crate::names::email::EmailAddress;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use yaml_rust2::Yaml;

const SUPERVISOR: &str = "CLEARML__secure__credentials__supervisor__";
const GROUPS: &str = "CLEARML__services__auth__default_groups__";

/// What a role's menu item shows; `ServerDefault` writes nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum MenuChoice {
    #[default]
    ServerDefault,
    Show,
    Hide,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiRole {
    User,
    Admin,
}

impl UiRole {
    pub const ALL: [UiRole; 2] = [UiRole::User, UiRole::Admin];

    pub fn key(self) -> &'static str {
        match self {
            UiRole::User => "user",
            UiRole::Admin => "admin",
        }
    }
}

/// The two menu items the seed sets per role (apiserver 3.25 and later).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuItem {
    ShowDatasets,
    ShowOrchestration,
}

impl MenuItem {
    pub const ALL: [MenuItem; 2] = [MenuItem::ShowDatasets, MenuItem::ShowOrchestration];

    pub fn key(self) -> &'static str {
        match self {
            MenuItem::ShowDatasets => "show_datasets",
            MenuItem::ShowOrchestration => "show_orchestration",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupervisorForm {
    pub user_key: String,
    /// Kept in memory only: never saved with the rest of the form.
    #[serde(skip)]
    pub user_secret: String,
    pub email: String,
    pub allow_login: bool,
    pub sec_groups: Vec<String>,
}

impl Default for SupervisorForm {
    fn default() -> Self {
        SupervisorForm {
            user_key: String::new(),
            user_secret: String::new(),
            email: String::new(),
            allow_login: true,
            sec_groups: BuiltinGroup::ALL.iter().map(|g| g.key().to_owned()).collect(),
        }
    }
}

/// The whole form, as typed; starts from the seed's values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServerConfig {
    pub supervisor: SupervisorForm,
    pub unique_names: bool,
    /// Indexed by `UiRole` then `MenuItem`.
    pub menus: [[MenuChoice; 2]; 2],
    pub organization_features: Vec<FeatureName>,
    /// The company whose supervisor sees every tenant's resource usage; empty leaves it unset.
    pub resource_usage_company: String,
    pub per_tenant_apps: bool,
    pub groups: GroupDesign,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            supervisor: SupervisorForm::default(),
            unique_names: true,
            menus: [[MenuChoice::Hide; 2], [MenuChoice::ServerDefault; 2]],
            organization_features: vec![FeatureName::parse("user_management_advanced").expect("in the catalogue")],
            resource_usage_company: String::new(),
            per_tenant_apps: false,
            groups: GroupDesign::default(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ConfigField {
    SupervisorKey,
    SupervisorSecret,
    SupervisorEmail,
    SecGroups,
    ResourceUsageCompany,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConfigErrors {
    pub fields: BTreeMap<ConfigField, String>,
    pub groups: GroupErrors,
}

impl ConfigErrors {
    pub fn get(&self, field: ConfigField) -> Option<&str> {
        self.fields.get(&field).map(String::as_str)
    }
}

/// One environment variable of the apiserver; `secret` values are masked on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct EnvVar {
    pub name: String,
    pub value: String,
    pub secret: bool,
}

impl EnvVar {
    fn new(name: impl Into<String>, value: String) -> Self {
        EnvVar { name: name.into(), value, secret: false }
    }
}

fn no_spaces(value: &str, what: &str, field: ConfigField, errors: &mut BTreeMap<ConfigField, String>) {
    if value.chars().any(char::is_whitespace) {
        errors.insert(field, format!("The supervisor's {what} can't contain spaces."));
    }
}

fn or_placeholder(value: &str, placeholder: &str) -> String {
    if value.is_empty() {
        placeholder.to_owned()
    } else {
        value.to_owned()
    }
}

impl ServerConfig {
    pub fn menu(&self, role: UiRole, item: MenuItem) -> MenuChoice {
        self.menus[role as usize][item as usize]
    }

    pub fn set_menu(&mut self, role: UiRole, item: MenuItem, choice: MenuChoice) {
        self.menus[role as usize][item as usize] = choice;
    }

    /// The groups a user can be put in besides `users`, which every user is in.
    pub fn groups_to_join(&self) -> Vec<String> {
        self.group_keys().into_iter().filter(|k| k != BuiltinGroup::Users.key()).collect()
    }

    /// The features something turns on: the organization's own, or any tenant's.
    pub fn features_enabled_somewhere(&self, tenants: &[Company]) -> HashSet<FeatureName> {
        let by_tenants = tenants.iter().filter_map(|c| c.defaults.as_ref()).flat_map(|d| &d.features);
        let mut on: HashSet<FeatureName> = self.organization_features.iter().copied().collect();
        on.extend(by_tenants.filter_map(|f| FeatureName::parse(f).ok()));
        on
    }

    /// Every group a `sec_groups` entry may name.
    pub fn group_keys(&self) -> Vec<String> {
        let builtin = BuiltinGroup::ALL.iter().map(|g| g.key().to_owned());
        let custom = self.groups.custom.iter().map(|g| g.key.trim().to_owned()).filter(|k| !k.is_empty());
        builtin.chain(custom).collect()
    }

    /// The variables, in the seed's order, or every problem at once. Empty key, secret and email
    /// become the seed's placeholders, for operators who fill them in at deploy time.
    pub fn env_vars(&self) -> Result<Vec<EnvVar>, ConfigErrors> {
        let s = &self.supervisor;
        let mut fields = BTreeMap::new();
        let (key, secret) = (s.user_key.trim(), s.user_secret.trim());
        no_spaces(key, "key", ConfigField::SupervisorKey, &mut fields);
        no_spaces(secret, "secret", ConfigField::SupervisorSecret, &mut fields);
        let email = match s.email.trim() {
            "" => String::new(),
            typed => EmailAddress::parse(typed).map(|e| e.as_str().to_owned()).unwrap_or_else(|e| {
                fields.insert(ConfigField::SupervisorEmail, e);
                String::new()
            }),
        };
        let known = self.group_keys();
        if let Some(unknown) = s.sec_groups.iter().find(|g| !known.iter().any(|k| k.eq_ignore_ascii_case(g))) {
            fields.insert(
                ConfigField::SecGroups,
                format!("\"{unknown}\" is not a group of this configuration: pick from the groups defined here."),
            );
        }
        let company = self.resource_usage_company.trim();
        if !company.is_empty() {
            if let Err(e) = CompanyId::parse(company) {
                fields.insert(ConfigField::ResourceUsageCompany, e);
            }
        }
        let groups = self.groups.validate();
        let groups = match (groups, fields.is_empty()) {
            (Ok(groups), true) => groups,
            (groups, _) => return Err(ConfigErrors { fields, groups: groups.err().unwrap_or_default() }),
        };

        let mut env: Vec<EnvVar> = self
            .organization_features
            .iter()
            .map(|f| EnvVar::new(format!("CLEARML__services__organization__features__{f}"), env_value::boolean(true)))
            .collect();
        for (role, item) in UiRole::ALL.into_iter().flat_map(|r| MenuItem::ALL.map(|i| (r, i))) {
            let choice = self.menu(role, item);
            if choice != MenuChoice::ServerDefault {
                env.push(EnvVar::new(
                    format!("CLEARML__services__auth__ui_features_per_role__{}__{}", role.key(), item.key()),
                    env_value::boolean(choice == MenuChoice::Show),
                ));
            }
        }
        if !company.is_empty() {
            env.push(EnvVar::new(
                "CLEARML__services__workers__resource_usages__supervisor_company",
                env_value::text(company),
            ));
        }
        let sup = |property: &str, value: String| EnvVar::new(format!("{SUPERVISOR}{property}"), value);
        env.push(sup("role", env_value::text("system")));
        env.push(sup("allow_login", env_value::boolean(s.allow_login)));
        env.push(sup("user_key", env_value::text(&or_placeholder(key, "<SUPERVISOR_USER_KEY>"))));
        env.push(EnvVar {
            secret: true,
            ..sup("user_secret", env_value::text(&or_placeholder(secret, "<SUPERVISOR_USER_SECRET>")))
        });
        env.push(sup("sec_groups", env_value::list(s.sec_groups.iter().map(String::as_str))));
        env.push(sup("email", env_value::quoted(&or_placeholder(&email, "<SUPERVISOR_USER_EMAIL>"))));
        env.push(EnvVar::new("CLEARML__apiserver__company__unique_names", env_value::boolean(self.unique_names)));
        env.extend(group_env_vars(&self.groups, &groups));
        Ok(env)
    }
}

/// The groups' variables: built-in overrides (features only) then each cross-tenant group.
pub fn group_env_vars(design: &GroupDesign, groups: &[CrossTenantGroup]) -> Vec<EnvVar> {
    let mut env: Vec<EnvVar> = design
        .builtin
        .iter()
        .map(|(g, features)| EnvVar::new(format!("{GROUPS}{}__features", g.key()), env_value::features(features)))
        .collect();
    for g in groups {
        let var = |property: &str, value: String| EnvVar::new(format!("{GROUPS}{}__{property}", g.key), value);
        env.push(var("id", env_value::text(g.id.as_str())));
        env.push(var("name", env_value::text(&g.name)));
        env.push(var("features", env_value::features(&g.features)));
        env.push(var("assignable", env_value::boolean(g.assignable)));
        env.push(var("system", env_value::boolean(false)));
    }
    env
}

/// What a secret shows as on screen until the user reveals it.
pub const MASK: &str = "••••••••";

/// The same variables with each secret value hidden, for the screen.
pub fn masked(env: &[EnvVar]) -> Vec<EnvVar> {
    env.iter().map(|v| if v.secret { EnvVar { value: MASK.into(), ..v.clone() } } else { v.clone() }).collect()
}

fn extra_envs(env: &[EnvVar]) -> Yaml {
    yaml::map([(
        "extraEnvs",
        Yaml::Array(
            env.iter()
                .map(|v| yaml::map([("name", yaml::string(&v.name)), ("value", yaml::string(&v.value))]))
                .collect(),
        ),
    )])
}

/// `clearml-values.override.yaml`: `apiserver.extraEnvs`, `webserver.extraEnvs` when the web server
/// has variables, and, for per-tenant applications, `clearmlApplications.queueMode`.
pub fn helm_server_values(apiserver: &[EnvVar], webserver: &[EnvVar], per_tenant_apps: bool) -> String {
    let mut doc = vec![("apiserver", extra_envs(apiserver))];
    if !webserver.is_empty() {
        doc.push(("webserver", extra_envs(webserver)));
    }
    if per_tenant_apps {
        doc.push(("clearmlApplications", yaml::map([("queueMode", yaml::string("per_tenant"))])));
    }
    yaml::dump(&yaml::map(doc))
}

/// The part of each tenant Agent's `clearml-agent-values.override.yaml` that per-tenant
/// applications need.
pub fn helm_agent_values() -> String {
    yaml::dump(&yaml::map([(
        "agentk8sglue",
        yaml::map([("appsQueue", yaml::map([("enabled", Yaml::Boolean(true))]))]),
    )]))
}

fn environment(env: &[EnvVar]) -> Yaml {
    yaml::map([("environment", yaml::map(env.iter().map(|v| (v.name.as_str(), yaml::string(&v.value)))))])
}

/// A docker-compose override: `services.apiserver.environment`, and the web server's when it has
/// variables.
pub fn compose_override(apiserver: &[EnvVar], webserver: &[EnvVar]) -> String {
    let mut services = vec![("apiserver", environment(apiserver))];
    if !webserver.is_empty() {
        services.push(("webserver", environment(webserver)));
    }
    yaml::dump(&yaml::map([("services", yaml::map(services))]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_groups_to_join_and_the_features_enabled_somewhere() {
        let mut config = ServerConfig::default();
        config.groups.add("0f0e0d0c-0b0a-4908-8706-050403020100".into());
        config.groups.custom[0].key = "ml-team".into();
        config.groups.add("1f0e0d0c-0b0a-4908-8706-050403020100".into());
        config.groups.custom[1].key = "  ".into();
        assert_eq!(config.groups_to_join(), ["admins", "queue_admins", "ml-team"], "an unnamed group is not offered");

        config.organization_features = vec![FeatureName::parse("pipelines").unwrap()];
        let tenant: Company = serde_json::from_value(serde_json::json!({
            "id": "a", "name": "Acme", "defaults": { "features": ["user_management_advanced", "no-such-feature"] }
        }))
        .unwrap();
        let on = config.features_enabled_somewhere(&[tenant]);
        let mut names: Vec<&str> = on.iter().map(|f| f.as_str()).collect();
        names.sort();
        assert_eq!(names, ["pipelines", "user_management_advanced"]);
    }
    use crate::features::group::{GroupDraft, GroupField};

    fn value<'a>(env: &'a [EnvVar], name: &str) -> Option<&'a str> {
        env.iter().find(|v| v.name == name).map(|v| v.value.as_str())
    }

    #[test]
    fn the_seeds_defaults_give_the_seeds_block() {
        let mut config = ServerConfig::default();
        config.supervisor.email = "Boss@Example.com".into();
        config.resource_usage_company = "d1bd92a3b039400cbafc60a7a5b1e52b".into();
        let env = config.env_vars().unwrap();
        assert_eq!(value(&env, "CLEARML__services__organization__features__user_management_advanced"), Some("true"));
        assert_eq!(value(&env, "CLEARML__services__auth__ui_features_per_role__user__show_datasets"), Some("false"));
        assert_eq!(
            value(&env, "CLEARML__services__auth__ui_features_per_role__user__show_orchestration"),
            Some("false")
        );
        assert_eq!(value(&env, "CLEARML__services__auth__ui_features_per_role__admin__show_datasets"), None);
        assert_eq!(
            value(&env, "CLEARML__services__workers__resource_usages__supervisor_company"),
            Some("d1bd92a3b039400cbafc60a7a5b1e52b")
        );
        assert_eq!(value(&env, "CLEARML__secure__credentials__supervisor__role"), Some("system"));
        assert_eq!(value(&env, "CLEARML__secure__credentials__supervisor__allow_login"), Some("true"));
        assert_eq!(
            value(&env, "CLEARML__secure__credentials__supervisor__user_key"),
            Some("\"<SUPERVISOR_USER_KEY>\"")
        );
        assert_eq!(
            value(&env, "CLEARML__secure__credentials__supervisor__sec_groups"),
            Some(r#"["users","admins","queue_admins"]"#)
        );
        assert_eq!(value(&env, "CLEARML__secure__credentials__supervisor__email"), Some("\"boss@example.com\""));
        assert_eq!(value(&env, "CLEARML__apiserver__company__unique_names"), Some("true"));
        assert!(env.iter().filter(|v| v.secret).all(|v| v.name.ends_with("user_secret")));
    }

    #[test]
    fn each_bad_field_has_its_message() {
        let mut config = ServerConfig::default();
        config.supervisor.user_key = "AB CD".into();
        config.supervisor.user_secret = "x y".into();
        config.supervisor.email = "not-an-email".into();
        config.supervisor.sec_groups.push("ghosts".into());
        config.resource_usage_company = "default".into();
        config.groups.custom.push(GroupDraft { key: "bad-name".into(), ..Default::default() });
        let errors = config.env_vars().unwrap_err();
        assert_eq!(errors.get(ConfigField::SupervisorKey), Some("The supervisor's key can't contain spaces."));
        assert_eq!(errors.get(ConfigField::SupervisorSecret), Some("The supervisor's secret can't contain spaces."));
        assert_eq!(errors.get(ConfigField::SupervisorEmail), EmailAddress::parse("not-an-email").err().as_deref());
        assert_eq!(
            errors.get(ConfigField::SecGroups),
            Some("\"ghosts\" is not a group of this configuration: pick from the groups defined here.")
        );
        assert_eq!(
            errors.get(ConfigField::ResourceUsageCompany),
            Some("Not a tenant id: \"default\" (expected 32 lower-case hex characters)")
        );
        assert!(errors.groups.get(0, GroupField::Key).is_some());
    }

    #[test]
    fn groups_are_written_with_system_always_false() {
        let mut config = ServerConfig::default();
        config.groups.builtin.insert(BuiltinGroup::Users, vec![]);
        config.groups.custom.push(GroupDraft {
            key: "mlops".into(),
            id: "6f1c2d4e-8a7b-4c3d-9e2f-1a2b3c4d5e6f".into(),
            name: "MLOps Team".into(),
            features: vec![FeatureName::parse("pipelines").unwrap()],
            assignable: true,
        });
        config.supervisor.sec_groups.push("mlops".into());
        let env = config.env_vars().unwrap();
        assert_eq!(value(&env, "CLEARML__services__auth__default_groups__users__features"), Some("[]"));
        assert_eq!(value(&env, "CLEARML__services__auth__default_groups__mlops__name"), Some("\"MLOps Team\""));
        assert_eq!(value(&env, "CLEARML__services__auth__default_groups__mlops__features"), Some(r#"["pipelines"]"#));
        assert_eq!(value(&env, "CLEARML__services__auth__default_groups__mlops__assignable"), Some("true"));
        assert_eq!(value(&env, "CLEARML__services__auth__default_groups__mlops__system"), Some("false"));
    }

    #[test]
    fn the_secret_is_masked_on_screen_only() {
        let mut config = ServerConfig::default();
        config.supervisor.user_secret = "s3cr3t".into();
        let env = config.env_vars().unwrap();
        assert!(helm_server_values(&env, &[], false).contains("s3cr3t"));
        assert!(!helm_server_values(&masked(&env), &[], false).contains("s3cr3t"));
    }

    #[test]
    fn the_secret_is_never_saved_with_the_form() {
        let mut config = ServerConfig::default();
        config.supervisor.user_secret = "s3cr3t".into();
        let saved = serde_json::to_string(&config).unwrap();
        assert!(!saved.contains("s3cr3t"));
        let restored: ServerConfig = serde_json::from_str(&saved).unwrap();
        assert_eq!(restored.supervisor.user_secret, "");
    }

    #[test]
    fn per_tenant_applications_set_the_queue_mode() {
        let env = ServerConfig::default().env_vars().unwrap();
        assert!(helm_server_values(&env, &[], true).contains("clearmlApplications:\n  queueMode: per_tenant"));
        assert!(!helm_server_values(&env, &[], false).contains("clearmlApplications"));
        assert_eq!(helm_agent_values(), "---\nagentk8sglue:\n  appsQueue:\n    enabled: true\n");
    }
}
