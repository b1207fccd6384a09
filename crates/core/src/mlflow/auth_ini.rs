//! The MLflow auth ini (`MLFLOW_AUTH_CONFIG_PATH`): the `[mlflow]` section and the seed's
//! `[role_mappings]`, which give each MLflow level (admin, MANAGE, EDIT, READ) the Keycloak
//! roles or groups that earn it. The admin password stays a placeholder: it is a secret.

use super::permission::Permission;
use crate::export::yaml;
use serde::{Deserialize, Serialize};
use yaml_rust2::Yaml;

pub const PASSWORD_PLACEHOLDER: &str = "<set the admin password here, 12+ characters>";
/// The seed's SSO function (users and grants follow the token's roles) and MLflow's own.
pub const SSO_FUNCTION: &str = "mlflow.server.auth.jwt_auth:authenticate_sso_request";
pub const BASIC_FUNCTION: &str = "mlflow.server.auth:authenticate_request_basic_auth";

/// The levels a role mapping can give, in the seed's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MappedLevel {
    Admin,
    Manage,
    Edit,
    Read,
}

impl MappedLevel {
    pub const ALL: [MappedLevel; 4] = [MappedLevel::Admin, MappedLevel::Manage, MappedLevel::Edit, MappedLevel::Read];

    /// The key in `[role_mappings]`.
    pub fn key(self) -> &'static str {
        match self {
            MappedLevel::Admin => "admin",
            MappedLevel::Manage => "MANAGE",
            MappedLevel::Edit => "EDIT",
            MappedLevel::Read => "READ",
        }
    }

    /// The key under the chart's `mlflow.auth.roleMappings`.
    pub fn helm_key(self) -> &'static str {
        match self {
            MappedLevel::Admin => "admin",
            MappedLevel::Manage => "manage",
            MappedLevel::Edit => "edit",
            MappedLevel::Read => "read",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            MappedLevel::Admin => "MLflow admin: everything, users and permissions included",
            MappedLevel::Manage => "read, update, delete and manage permissions on every resource",
            MappedLevel::Edit => "read and update every resource",
            MappedLevel::Read => "read every resource",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuthIniForm {
    pub default_permission: Permission,
    pub database_uri: String,
    pub admin_username: String,
    pub authorization_function: String,
    /// Per level, in `MappedLevel::ALL` order: the roles as typed, separated by commas.
    pub mappings: [String; 4],
}

impl Default for AuthIniForm {
    /// The seed's example.
    fn default() -> Self {
        Self {
            default_permission: Permission::Read,
            database_uri: "postgresql://<db_uri>/mlflow_auth".into(),
            admin_username: "admin".into(),
            authorization_function: SSO_FUNCTION.into(),
            mappings: ["admin".into(), "devops".into(), "dataingenieur, dataanalyst".into(), "datascientist".into()],
        }
    }
}

/// The auth ini and the same settings as Helm values.
#[derive(Clone, Debug, PartialEq)]
pub struct AuthFiles {
    pub ini: String,
    pub helm_values: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IniField {
    DatabaseUri,
    AdminUsername,
    AuthorizationFunction,
    Mapping(MappedLevel),
}

pub type IniErrors = Vec<(IniField, String)>;

/// A mapping's roles: trimmed, empty entries dropped, repeats kept once.
pub fn roles(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for role in text.split(',').map(str::trim).filter(|r| !r.is_empty()) {
        if !out.iter().any(|r| r == role) {
            out.push(role.to_owned());
        }
    }
    out
}

impl AuthIniForm {
    pub fn validate(&self) -> Result<(), IniErrors> {
        let mut errors = IniErrors::new();
        let uri = self.database_uri.trim();
        if uri.split_once("://").is_none_or(|(scheme, rest)| scheme.is_empty() || rest.is_empty()) {
            errors.push((
                IniField::DatabaseUri,
                "Give the database as a URI, like postgresql://host/mlflow_auth or sqlite:///path/auth.db.".into(),
            ));
        }
        let admin = self.admin_username.trim();
        if admin.is_empty() || admin.contains(':') {
            errors.push((IniField::AdminUsername, "Enter the admin's username (without \":\").".into()));
        }
        let function = self.authorization_function.trim();
        let well_formed = function.split_once(':').is_some_and(|(module, name)| {
            !module.is_empty() && !name.is_empty() && module.split('.').all(is_identifier) && is_identifier(name)
        });
        if !well_formed {
            errors
                .push((IniField::AuthorizationFunction, format!("Give it as module:function, e.g. {BASIC_FUNCTION}.")));
        }
        let mut seen: Vec<(String, MappedLevel)> = Vec::new();
        for (level, text) in MappedLevel::ALL.into_iter().zip(&self.mappings) {
            for role in roles(text) {
                if let Some(bad) = role.chars().find(|c| matches!(c, '#' | ';' | '=' | ':' | '[' | ']')) {
                    errors.push((
                        IniField::Mapping(level),
                        format!("\"{role}\" can't be written in the ini: it contains \"{bad}\"."),
                    ));
                } else if let Some((_, first)) = seen.iter().find(|(r, _)| *r == role) {
                    errors.push((
                        IniField::Mapping(level),
                        format!("\"{role}\" is already mapped to {}: give each role one level.", first.key()),
                    ));
                } else {
                    seen.push((role, level));
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.mappings.iter().all(|m| roles(m).is_empty()) {
            out.push("No role is mapped: every user who signs in through SSO gets no permissions.".into());
        }
        if self.authorization_function.trim() == BASIC_FUNCTION && self.mappings.iter().any(|m| !roles(m).is_empty()) {
            out.push("MLflow's basic-auth function ignores [role_mappings]: the mapping takes effect only with the SSO function.".into());
        }
        let function = self.authorization_function.trim();
        if function != BASIC_FUNCTION && function.contains(':') {
            out.push(format!(
                "Stock MLflow ships only {BASIC_FUNCTION}: the image MLflow runs from must add the module of {function} (the seed's jwt_auth is such an addition), or the server will not start."
            ));
        }
        if self.default_permission == Permission::Manage {
            out.push("With MANAGE as the default, every user can delete and re-permission what others created.".into());
        }
        out
    }

    /// Both files, checked once: the errors while the form has any.
    pub fn files(&self) -> Result<AuthFiles, IniErrors> {
        self.validate()?;
        Ok(AuthFiles { ini: self.ini(), helm_values: self.helm_values() })
    }

    fn ini(&self) -> String {
        let mut out = String::from("[mlflow]\n");
        out.push_str(&format!("default_permission = {}\n", self.default_permission));
        out.push_str(&format!("database_uri = {}\n", self.database_uri.trim()));
        out.push_str(&format!("admin_username = {}\n", self.admin_username.trim()));
        out.push_str(&format!("admin_password = {PASSWORD_PLACEHOLDER}\n"));
        out.push_str(&format!("authorization_function = {}\n", self.authorization_function.trim()));
        out.push_str("\n[role_mappings]\n");
        for (level, text) in MappedLevel::ALL.into_iter().zip(&self.mappings) {
            out.push_str(&format!("{} = {}\n", level.key(), roles(text).join(",")));
        }
        out
    }

    /// The same settings as the seed's Helm values (`mlflow.auth`, `proxy`): SSO when the SSO
    /// function is chosen, and the proxy lets through exactly the mapped roles, since a user with
    /// none of them would get no permissions anyway.
    fn helm_values(&self) -> String {
        let sso = self.authorization_function.trim() == SSO_FUNCTION;
        let list = |names: Vec<String>| Yaml::Array(names.iter().map(|r| yaml::string(r)).collect());
        let db_name =
            self.database_uri.trim().rsplit('/').next().unwrap_or_default().split('?').next().unwrap_or_default();
        let mut auth = vec![
            ("enabled", Yaml::Boolean(true)),
            ("adminUsername", yaml::string(self.admin_username.trim())),
            ("adminPassword", yaml::string(PASSWORD_PLACEHOLDER)),
            ("defaultPermission", yaml::string(self.default_permission.as_str())),
            ("dbName", yaml::string(db_name)),
            ("sso", Yaml::Boolean(sso)),
        ];
        let mut proxy = vec![("enabled", Yaml::Boolean(sso))];
        if sso {
            let mappings =
                MappedLevel::ALL.into_iter().zip(&self.mappings).map(|(l, t)| (l.helm_key(), list(roles(t))));
            auth.push(("roleMappings", yaml::map(mappings)));
            let allowed: Vec<String> = self.mappings.iter().flat_map(|t| roles(t)).collect();
            proxy.push(("oidc", yaml::map([("allowedGroups", list(allowed))])));
        }
        let doc = yaml::map([("mlflow", yaml::map([("auth", yaml::map(auth))])), ("proxy", yaml::map(proxy))]);
        yaml::dump(&doc)
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The seed's default-permission table (and MLflow 3's USE): what each default allows on
/// resources a user does not own.
pub const TABLE_COLUMNS: [&str; 5] = ["Read", "Use", "Update", "Delete", "Manage"];

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the ini the way Python's configparser does for these files: sections, `key = value`.
    fn parse(text: &str) -> Vec<(String, String, String)> {
        let mut section = String::new();
        let mut out = Vec::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.to_owned();
            } else {
                let (k, v) = line.split_once('=').unwrap();
                out.push((section.clone(), k.trim().to_owned(), v.trim().to_owned()));
            }
        }
        out
    }

    #[test]
    fn the_seeds_example_exports_with_the_password_as_a_placeholder() {
        let ini = AuthIniForm::default().files().unwrap().ini;
        let entries = parse(&ini);
        let get = |s: &str, k: &str| entries.iter().find(|(a, b, _)| a == s && b == k).map(|e| e.2.clone()).unwrap();
        assert_eq!(get("mlflow", "default_permission"), "READ");
        assert_eq!(get("mlflow", "database_uri"), "postgresql://<db_uri>/mlflow_auth");
        assert_eq!(get("mlflow", "admin_password"), PASSWORD_PLACEHOLDER);
        assert_eq!(get("mlflow", "authorization_function"), SSO_FUNCTION);
        assert_eq!(get("role_mappings", "EDIT"), "dataingenieur,dataanalyst");
        assert_eq!(get("role_mappings", "admin"), "admin");
        assert_eq!(entries.len(), 9);
    }

    #[test]
    fn the_helm_values_carry_the_same_mapping_as_lists() {
        let text = AuthIniForm::default().files().unwrap().helm_values;
        let doc = &yaml_rust2::YamlLoader::load_from_str(&text).unwrap()[0];
        let auth = &doc["mlflow"]["auth"];
        assert_eq!(auth["dbName"].as_str(), Some("mlflow_auth"));
        assert_eq!(auth["sso"].as_bool(), Some(true));
        assert_eq!(auth["adminPassword"].as_str(), Some(PASSWORD_PLACEHOLDER));
        let edit: Vec<&str> =
            auth["roleMappings"]["edit"].as_vec().unwrap().iter().filter_map(|y| y.as_str()).collect();
        assert_eq!(edit, ["dataingenieur", "dataanalyst"]);
        assert_eq!(doc["proxy"]["oidc"]["allowedGroups"].as_vec().unwrap().len(), 5);

        let basic = AuthIniForm { authorization_function: BASIC_FUNCTION.into(), ..AuthIniForm::default() };
        let doc = &yaml_rust2::YamlLoader::load_from_str(&basic.files().unwrap().helm_values).unwrap()[0];
        assert_eq!(doc["proxy"]["enabled"].as_bool(), Some(false));
        assert!(doc["mlflow"]["auth"]["roleMappings"].is_badvalue());
    }

    #[test]
    fn a_role_mapped_to_two_levels_is_an_error() {
        let form = AuthIniForm {
            mappings: ["".into(), "devops".into(), "analysts, devops".into(), "analysts".into()],
            ..AuthIniForm::default()
        };
        assert_eq!(
            form.validate(),
            Err(vec![
                (
                    IniField::Mapping(MappedLevel::Edit),
                    "\"devops\" is already mapped to MANAGE: give each role one level.".into()
                ),
                (
                    IniField::Mapping(MappedLevel::Read),
                    "\"analysts\" is already mapped to EDIT: give each role one level.".into()
                ),
            ])
        );
        assert!(form.files().is_err());
    }

    #[test]
    fn values_the_ini_cannot_hold_are_refused() {
        let form = AuthIniForm {
            database_uri: "mlflow_auth".into(),
            admin_username: "".into(),
            authorization_function: "mlflow.server.auth.authenticate".into(),
            mappings: ["ops;admins".into(), "".into(), "".into(), "".into()],
            ..AuthIniForm::default()
        };
        assert_eq!(
            form.validate().unwrap_err(),
            vec![
                (
                    IniField::DatabaseUri,
                    "Give the database as a URI, like postgresql://host/mlflow_auth or sqlite:///path/auth.db.".into()
                ),
                (IniField::AdminUsername, "Enter the admin's username (without \":\").".into()),
                (
                    IniField::AuthorizationFunction,
                    "Give it as module:function, e.g. mlflow.server.auth:authenticate_request_basic_auth.".into()
                ),
                (
                    IniField::Mapping(MappedLevel::Admin),
                    "\"ops;admins\" can't be written in the ini: it contains \";\".".into()
                ),
            ]
        );
    }

    #[test]
    fn warnings_name_what_would_surprise_an_operator() {
        let empty = AuthIniForm { mappings: Default::default(), ..AuthIniForm::default() };
        assert_eq!(
            empty.warnings(),
            vec![
                "No role is mapped: every user who signs in through SSO gets no permissions.",
                "Stock MLflow ships only mlflow.server.auth:authenticate_request_basic_auth: the image MLflow runs from must add the module of mlflow.server.auth.jwt_auth:authenticate_sso_request (the seed's jwt_auth is such an addition), or the server will not start."
            ]
        );
        let custom = AuthIniForm { authorization_function: "acme.auth:check".into(), ..AuthIniForm::default() };
        assert_eq!(custom.warnings().len(), 1);
        assert!(custom.warnings()[0].starts_with("Stock MLflow ships only"), "{:?}", custom.warnings());
        let basic = AuthIniForm { authorization_function: BASIC_FUNCTION.into(), ..AuthIniForm::default() };
        assert_eq!(
            basic.warnings(),
            vec!["MLflow's basic-auth function ignores [role_mappings]: the mapping takes effect only with the SSO function."]
        );
        assert_eq!(roles(" a, ,b,a "), vec!["a", "b"]);
    }
}
