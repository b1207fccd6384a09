//! The platform file's reader: YAML into [`PlatformFile`], every problem with the path of the value
//! it is about (`tenants[3].domains[1]`). Values are kept as written; the rules are the plan's.
//! Bulk import's YAML (a list of tenants, one `admin:`) is a subset and is read here too.

use super::spec::{AdminSpec, PlatformFile, ProviderSpec, SecretRef, SsoSpec, TenantSpec, VERSION};
use super::Problem;
use crate::names::readable_name::quoted;
use std::collections::BTreeMap;
use yaml_rust2::{Yaml, YamlLoader};

pub const SHAPE: &str =
    "A platform file is a mapping with version: 1 and a list of tenants under \"tenants:\" (see `tenantry schema`).";
pub const TENANT_SHAPE: &str = "Each tenant is a mapping of its fields (name: …, domains: …).";
pub const ONE_VALUE: &str = "This is one value, not a list or a mapping.";
pub const A_LIST: &str = "This is a list of values.";
pub const ONE_VALUE_EACH: &str = "Each entry of this list is one value.";
pub const YES_NO: &str = "Write true or false (yes or no).";
pub const TENANT_KEYS: &str =
    "name, allowed_users, features, exclude_features, domains, whitelist, whitelist_admins, admins and sso";
pub const ADMIN_KEYS: &str = "id, name, email and credentials";
pub const SSO_KEYS: &str = "tenant, group_mapping, admin_groups and provider";
pub const PROVIDER_KEYS: &str = "id, display_name, client_id, client_secret, rotation, authorization_endpoint, token_endpoint, revocation_endpoint, end_session_endpoint, logout_from_provider, claim_tenant, claim_name, group_enabled, claim_groups and group_prohibit_user_login_if_not_in_group";
pub const SECRET_SHAPE: &str =
    "A secret is given only as a reference: {env: NAME} (letters, digits and _), {file: PATH} or {keep: true} (leave the server's).";
pub const NAME_MISSING: &str = "Every tenant has a name.";

/// Reads the whole file; a file with problems yields all of them.
pub fn read(text: &str) -> Result<PlatformFile, Vec<Problem>> {
    let mut r = Reader { problems: Vec::new() };
    let file = r.file(text);
    if r.problems.is_empty() {
        Ok(file)
    } else {
        Err(r.problems)
    }
}

struct Reader {
    problems: Vec<Problem>,
}

impl Reader {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::error(path, message));
    }

    fn file(&mut self, text: &str) -> PlatformFile {
        let docs = match YamlLoader::load_from_str(text.trim_start_matches('\u{feff}')) {
            Ok(docs) => docs,
            Err(e) => {
                self.problem(format!("line {}", e.marker().line()), format!("This is not valid YAML: {}.", e.info()));
                return PlatformFile::default();
            }
        };
        let items = match docs.first() {
            None | Some(Yaml::Null) => return PlatformFile::default(),
            Some(Yaml::Array(items)) => items,
            Some(Yaml::Hash(top)) => {
                for (key, value) in top {
                    match key.as_str() {
                        Some("version") => {
                            if value.as_i64().is_none_or(|v| v as u64 != VERSION) {
                                self.problem("version", format!("This reader knows version {VERSION} only."));
                            }
                        }
                        Some("tenants") => {}
                        _ => self.unknown("", key, "version and tenants"),
                    }
                }
                match top.get(&Yaml::String("tenants".into())) {
                    Some(Yaml::Array(items)) => items,
                    None | Some(Yaml::Null) => return PlatformFile::default(),
                    Some(_) => {
                        self.problem("tenants", SHAPE);
                        return PlatformFile::default();
                    }
                }
            }
            Some(_) => {
                self.problem("the file", SHAPE);
                return PlatformFile::default();
            }
        };
        let tenants = items.iter().enumerate().filter_map(|(i, item)| self.tenant(&format!("tenants[{i}]"), item));
        PlatformFile { tenants: tenants.collect() }
    }

    fn unknown(&mut self, at: &str, key: &Yaml, known: &str) {
        let key = scalar(key).unwrap_or_default();
        let path = if at.is_empty() { quoted(&key) } else { format!("{at}.{}", quoted(&key)) };
        self.problem(path, format!("Unknown field \"{}\": the fields here are {known}.", quoted(&key)));
    }

    fn tenant(&mut self, at: &str, item: &Yaml) -> Option<TenantSpec> {
        let Yaml::Hash(map) = item else {
            self.problem(at, TENANT_SHAPE);
            return None;
        };
        let mut t = TenantSpec::default();
        let mut named = false;
        for (key, value) in map {
            let path = |k: &str| format!("{at}.{k}");
            match key.as_str().unwrap_or_default() {
                "name" => {
                    named = true;
                    t.name = self.one(&path("name"), value);
                }
                "allowed_users" => t.allowed_users = Some(self.one(&path("allowed_users"), value)),
                "features" => t.features = Some(self.list(&path("features"), value)),
                "exclude_features" => t.exclude_features = Some(self.list(&path("exclude_features"), value)),
                "domains" => t.domains = Some(self.list(&path("domains"), value)),
                "whitelist" => t.whitelist = Some(self.list(&path("whitelist"), value)),
                "whitelist_admins" => t.whitelist_admins = Some(self.list(&path("whitelist_admins"), value)),
                "admins" => t.admins = Some(self.admins(&path("admins"), value)),
                // Bulk import's one admin, the same as a list of one.
                "admin" => t.admins = self.admin(&path("admin"), value).map(|a| vec![a]),
                "sso" => t.sso = self.sso(&path("sso"), value),
                _ => self.unknown(at, key, TENANT_KEYS),
            }
        }
        if !named {
            self.problem(format!("{at}.name"), NAME_MISSING);
        }
        Some(t)
    }

    fn one(&mut self, at: &str, value: &Yaml) -> String {
        scalar(value).unwrap_or_else(|| {
            self.problem(at, ONE_VALUE);
            String::new()
        })
    }

    /// A list; one text with entries between commas, semicolons or spaces reads as bulk import
    /// reads a cell.
    fn list(&mut self, at: &str, value: &Yaml) -> Vec<String> {
        match value {
            Yaml::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match scalar(item) {
                        Some(s) => out.push(s),
                        None => self.problem(format!("{at}[{i}]"), ONE_VALUE_EACH),
                    }
                }
                out
            }
            Yaml::Null => Vec::new(),
            Yaml::Hash(_) => {
                self.problem(at, A_LIST);
                Vec::new()
            }
            other => split_list(&scalar(other).unwrap_or_default()),
        }
    }

    fn yes_no(&mut self, at: &str, value: &Yaml) -> bool {
        let raw = match value {
            Yaml::Boolean(b) => return *b,
            Yaml::Null => return true,
            other => scalar(other).unwrap_or_default(),
        };
        match raw.trim().to_ascii_lowercase().as_str() {
            "" | "yes" | "y" | "true" | "1" => true,
            "no" | "n" | "false" | "0" => false,
            _ => {
                self.problem(at, YES_NO);
                true
            }
        }
    }

    fn admins(&mut self, at: &str, value: &Yaml) -> Vec<AdminSpec> {
        match value {
            Yaml::Array(items) => {
                items.iter().enumerate().filter_map(|(i, item)| self.admin(&format!("{at}[{i}]"), item)).collect()
            }
            Yaml::Null => Vec::new(),
            _ => {
                self.problem(at, "The admins are a list of mappings: name, email and (optionally) credentials, id.");
                Vec::new()
            }
        }
    }

    fn admin(&mut self, at: &str, value: &Yaml) -> Option<AdminSpec> {
        let Yaml::Hash(map) = value else {
            self.problem(at, "An admin is a mapping: name, email and (optionally) credentials, id.");
            return None;
        };
        let mut a = AdminSpec { credentials: true, ..AdminSpec::default() };
        for (key, value) in map {
            let path = format!("{at}.{}", key.as_str().unwrap_or_default());
            match key.as_str().unwrap_or_default() {
                "id" => a.id = Some(self.one(&path, value)),
                "name" => a.name = self.one(&path, value),
                "email" => a.email = self.one(&path, value),
                "credentials" => a.credentials = self.yes_no(&path, value),
                _ => self.unknown(at, key, ADMIN_KEYS),
            }
        }
        Some(a)
    }

    fn sso(&mut self, at: &str, value: &Yaml) -> Option<SsoSpec> {
        let Yaml::Hash(map) = value else {
            self.problem(at, format!("The tenant's SSO is a mapping: {SSO_KEYS}."));
            return None;
        };
        let mut s = SsoSpec::default();
        for (key, value) in map {
            let path = format!("{at}.{}", key.as_str().unwrap_or_default());
            match key.as_str().unwrap_or_default() {
                "tenant" => s.tenant = self.one(&path, value),
                "admin_groups" => s.admin_groups = Some(self.list(&path, value)),
                "group_mapping" => s.group_mapping = Some(self.mapping(&path, value)),
                "provider" => s.provider = self.provider(&path, value),
                _ => self.unknown(at, key, SSO_KEYS),
            }
        }
        Some(s)
    }

    fn mapping(&mut self, at: &str, value: &Yaml) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        match value {
            Yaml::Hash(map) => {
                for (k, v) in map {
                    let k = scalar(k).unwrap_or_default();
                    let v = self.one(&format!("{at}.{}", quoted(&k)), v);
                    out.insert(k, v);
                }
            }
            Yaml::Null => {}
            _ => self.problem(at, "The group mapping maps each identity provider group to a ClearML group."),
        }
        out
    }

    fn provider(&mut self, at: &str, value: &Yaml) -> Option<ProviderSpec> {
        let Yaml::Hash(map) = value else {
            self.problem(at, format!("The identity provider is a mapping: {PROVIDER_KEYS}."));
            return None;
        };
        let mut p = ProviderSpec::default();
        for (key, value) in map {
            let name = key.as_str().unwrap_or_default();
            let path = format!("{at}.{name}");
            let text = |r: &mut Self| r.one(&path, value);
            match name {
                "id" => p.id = Some(text(self)),
                "display_name" => p.display_name = text(self),
                "client_id" => p.client_id = text(self),
                "client_secret" => p.client_secret = self.secret(&path, value),
                "rotation" => match value.as_i64().filter(|n| *n >= 0) {
                    Some(n) => p.rotation = n as u64,
                    None => self.problem(path, "The rotation is a whole number of 0 or more."),
                },
                "authorization_endpoint" => p.authorization_endpoint = text(self),
                "token_endpoint" => p.token_endpoint = text(self),
                "revocation_endpoint" => p.revocation_endpoint = text(self),
                "end_session_endpoint" => p.end_session_endpoint = text(self),
                "claim_tenant" => p.claim_tenant = text(self),
                "claim_name" => p.claim_name = text(self),
                "claim_groups" => p.claim_groups = text(self),
                "logout_from_provider" => p.logout_from_provider = self.flag(&path, value),
                "group_enabled" => p.group_enabled = self.flag(&path, value),
                "group_prohibit_user_login_if_not_in_group" => {
                    p.group_prohibit_user_login_if_not_in_group = self.flag(&path, value)
                }
                _ => self.unknown(at, key, PROVIDER_KEYS),
            }
        }
        Some(p)
    }

    fn flag(&mut self, at: &str, value: &Yaml) -> bool {
        match value {
            Yaml::Boolean(b) => *b,
            _ => {
                self.problem(at, "Write true or false.");
                false
            }
        }
    }

    fn secret(&mut self, at: &str, value: &Yaml) -> SecretRef {
        let Yaml::Hash(map) = value else {
            self.problem(at, SECRET_SHAPE);
            return SecretRef::Keep;
        };
        let mut entries = map.iter();
        let secret = match (entries.next(), entries.next()) {
            (Some((k, v)), None) => match (k.as_str(), v) {
                (Some("keep"), Yaml::Boolean(true)) => Some(SecretRef::Keep),
                (Some("env"), Yaml::String(name)) if is_variable_name(name) => Some(SecretRef::Env(name.clone())),
                (Some("file"), Yaml::String(path)) if !path.trim().is_empty() => Some(SecretRef::File(path.clone())),
                _ => None,
            },
            _ => None,
        };
        secret.unwrap_or_else(|| {
            self.problem(at, SECRET_SHAPE);
            SecretRef::Keep
        })
    }
}

/// A name a shell and every CI system can set: letters, digits and `_`, not starting with a digit.
fn is_variable_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A YAML value as the text it was written as; `None` for a list or a mapping.
fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(n) => Some(n.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        Yaml::Null => Some(String::new()),
        _ => None,
    }
}

/// A list in one cell or one YAML string: entries between commas, semicolons, spaces or line breaks.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}
