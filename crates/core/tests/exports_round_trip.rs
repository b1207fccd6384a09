//! Every server configuration export, parsed back with a YAML parser, each env value then read
//! the way the apiserver reads it (HOCON, whose values include JSON), and compared with the form.

use serde_json::{json, Value};
use tenantry_core::export::server_config::{compose_override, helm_agent_values, helm_server_values, ServerConfig};
use tenantry_core::features::feature::FeatureName;
use tenantry_core::features::group::{BuiltinGroup, GroupDraft};
use tenantry_core::sso::sso_config::{AdminRole, SsoForm};
use yaml_rust2::{Yaml, YamlLoader};

/// An env value as pyhocon reads `key: <value>`: JSON forms as JSON, keywords without case,
/// numbers, and otherwise an unquoted string, which may not hold HOCON's reserved characters.
fn read_hocon(value: &str) -> Result<Value, String> {
    let t = value.trim();
    if t.starts_with(['"', '[', '{']) {
        return serde_json::from_str(t).map_err(|e| format!("{t}: {e}"));
    }
    match t.to_ascii_lowercase().as_str() {
        "true" => return Ok(json!(true)),
        "false" => return Ok(json!(false)),
        "null" => return Ok(Value::Null),
        _ => {}
    }
    if t.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+' || c == '.') {
        return t.parse::<f64>().map(|n| json!(n)).map_err(|_| format!("{t}: starts like a number but is not one"));
    }
    if t.is_empty() || t.contains("//") || t.chars().any(|c| "$\"{}[]:=,+#`^?!@*&\\".contains(c)) {
        return Err(format!("{t:?}: HOCON cannot read this unquoted"));
    }
    Ok(json!(t))
}

fn env_from_helm(text: &str) -> Vec<(String, Value)> {
    let doc = &YamlLoader::load_from_str(text).unwrap()[0];
    doc["apiserver"]["extraEnvs"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_owned(),
                read_hocon(e["value"].as_str().expect("values are strings")).unwrap(),
            )
        })
        .collect()
}

fn env_from_compose(text: &str) -> Vec<(String, Value)> {
    let doc = &YamlLoader::load_from_str(text).unwrap()[0];
    match &doc["services"]["apiserver"]["environment"] {
        Yaml::Hash(h) => h
            .iter()
            .map(|(k, v)| {
                (k.as_str().unwrap().to_owned(), read_hocon(v.as_str().expect("values are strings")).unwrap())
            })
            .collect(),
        other => panic!("no environment map: {other:?}"),
    }
}

fn features(names: &[&str]) -> Vec<FeatureName> {
    names.iter().map(|n| FeatureName::parse(n).unwrap()).collect()
}

fn awkward_config() -> ServerConfig {
    let mut config = ServerConfig::default();
    config.supervisor.user_key = "0KEY\"with'quotes".into();
    config.supervisor.user_secret = "sec\\ret#1@x".into();
    config.supervisor.email = "Zoë.O'Brien@Example.com".into();
    config.resource_usage_company = "0123456789abcdef0123456789abcdef".into();
    config.per_tenant_apps = true;
    config.groups.builtin.insert(BuiltinGroup::Users, vec![]);
    config.groups.builtin.insert(BuiltinGroup::Admins, features(&["sso_management", "user_management"]));
    config.groups.custom = vec![
        GroupDraft {
            key: "Data_Scientists".into(),
            id: "6f1c2d4e-8a7b-4c3d-9e2f-1a2b3c4d5e6f".into(),
            name: "Équipe \"données\" \\ 東京".into(),
            features: features(&["pipelines", "reports"]),
            assignable: true,
        },
        GroupDraft {
            key: "True".into(),
            id: "a0b9c8d7-e6f5-4a3b-9c2d-1e0f9a8b7c6d".into(),
            name: "true".into(),
            features: vec![],
            assignable: false,
        },
    ];
    config.supervisor.sec_groups.push("Data_Scientists".into());
    config
}

fn expected(config: &ServerConfig) -> Vec<(String, Value)> {
    let s = &config.supervisor;
    let g = &config.groups.custom;
    let pairs: Vec<(&str, Value)> = vec![
        ("CLEARML__services__organization__features__user_management_advanced", json!(true)),
        ("CLEARML__services__auth__ui_features_per_role__user__show_datasets", json!(false)),
        ("CLEARML__services__auth__ui_features_per_role__user__show_orchestration", json!(false)),
        ("CLEARML__services__workers__resource_usages__supervisor_company", json!(config.resource_usage_company)),
        ("CLEARML__secure__credentials__supervisor__role", json!("system")),
        ("CLEARML__secure__credentials__supervisor__allow_login", json!(true)),
        ("CLEARML__secure__credentials__supervisor__user_key", json!(s.user_key)),
        ("CLEARML__secure__credentials__supervisor__user_secret", json!(s.user_secret)),
        ("CLEARML__secure__credentials__supervisor__sec_groups", json!(s.sec_groups)),
        ("CLEARML__secure__credentials__supervisor__email", json!(s.email.to_lowercase())),
        ("CLEARML__apiserver__company__unique_names", json!(true)),
        ("CLEARML__services__auth__default_groups__users__features", json!([])),
        ("CLEARML__services__auth__default_groups__admins__features", json!(["sso_management", "user_management"])),
        ("CLEARML__services__auth__default_groups__Data_Scientists__id", json!(g[0].id)),
        ("CLEARML__services__auth__default_groups__Data_Scientists__name", json!(g[0].name)),
        ("CLEARML__services__auth__default_groups__Data_Scientists__features", json!(["pipelines", "reports"])),
        ("CLEARML__services__auth__default_groups__Data_Scientists__assignable", json!(true)),
        ("CLEARML__services__auth__default_groups__Data_Scientists__system", json!(false)),
        ("CLEARML__services__auth__default_groups__True__id", json!(g[1].id)),
        ("CLEARML__services__auth__default_groups__True__name", json!("true")),
        ("CLEARML__services__auth__default_groups__True__features", json!([])),
        ("CLEARML__services__auth__default_groups__True__assignable", json!(false)),
        ("CLEARML__services__auth__default_groups__True__system", json!(false)),
    ];
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

#[test]
fn helm_values_read_back_as_the_form_said() {
    let config = awkward_config();
    let env = config.env_vars().unwrap();
    let text = helm_server_values(&env, &[], config.per_tenant_apps);
    assert_eq!(env_from_helm(&text), expected(&config), "{text}");
    let doc = &YamlLoader::load_from_str(&text).unwrap()[0];
    assert_eq!(doc["clearmlApplications"]["queueMode"].as_str(), Some("per_tenant"));
}

#[test]
fn compose_environment_reads_back_as_the_form_said() {
    let config = awkward_config();
    let text = compose_override(&config.env_vars().unwrap(), &[]);
    assert_eq!(env_from_compose(&text), expected(&config), "{text}");
}

#[test]
fn agent_values_enable_the_apps_queue() {
    let doc = &YamlLoader::load_from_str(&helm_agent_values()).unwrap()[0];
    assert_eq!(doc["agentk8sglue"]["appsQueue"]["enabled"].as_bool(), Some(true));
}

#[test]
fn the_seeds_email_form_is_what_helm_gets() {
    let mut config = ServerConfig::default();
    config.supervisor.email = "email@example.com".into();
    let text = helm_server_values(&config.env_vars().unwrap(), &[], false);
    assert!(text.contains(r#"value: "\"email@example.com\"""#), "{text}");
}

#[test]
fn the_reader_refuses_what_the_apiserver_could_not_read() {
    assert!(read_hocon("x@y.z").is_err());
    assert!(read_hocon("0123abc").is_err());
    assert_eq!(read_hocon("True").unwrap(), json!(true));
}

fn awkward_sso() -> SsoForm {
    SsoForm {
        issuer: "https://kc.example.com/auth/realms/Zürich".into(),
        authorization_endpoint: "https://kc.example.com/auth/realms/Zürich/protocol/openid-connect/auth".into(),
        token_endpoint: "https://tokens.example.com/auth/realms/Zürich/protocol/openid-connect/token?x=1&y=2".into(),
        client_id: "clearml.prod".into(),
        client_secret: "a\"b'c\\d#e@f".into(),
        webapp_url: "https://app.example.com".into(),
        claim_name: "name".into(),
        groups_enabled: true,
        groups_claim: "groups".into(),
        admin_groups: "ClearML \"Admins\", Équipe ops".into(),
        admin_role: AdminRole::Disabled,
        info_from_access_token: false,
        ..Default::default()
    }
}

#[test]
fn sso_variables_read_back_as_the_wizard_said() {
    let form = awkward_sso();
    let env = form.env_vars().unwrap();
    let s = |name: &str| format!("CLEARML__services__login__sso__oauth_client__keycloak__{name}");
    let secure = |name: &str| format!("CLEARML__secure__login__sso__oauth_client__keycloak__{name}");
    let expected: Vec<(String, Value)> = vec![
        (s("base_url"), json!("https://kc.example.com/auth/realms/Zürich")),
        (s("authorize_url"), json!(form.authorization_endpoint)),
        (s("access_token_url"), json!(form.token_endpoint)),
        (secure("client_id"), json!("clearml.prod")),
        (secure("client_secret"), json!(form.client_secret)),
        (s("claims__name"), json!("name")),
        (s("groups__enabled"), json!(true)),
        (s("groups__claim"), json!("groups")),
        (s("groups__admins"), json!(["ClearML \"Admins\"", "Équipe ops"])),
        (s("admin_role"), json!("")),
        (s("get_info_from_access_token"), json!(false)),
    ];
    assert_eq!(env_from_helm(&helm_server_values(&env, &[], false)), expected);
    assert_eq!(env_from_compose(&compose_override(&env, &[])), expected);
}

#[test]
fn multi_tenant_mode_adds_the_apiserver_and_web_server_switches() {
    let form = SsoForm { multi_tenant: true, ..awkward_sso() };
    let (helm, compose) = form.files(false).unwrap();
    let env = env_from_helm(&helm);
    let tail: Vec<_> = env.iter().rev().take(2).rev().cloned().collect();
    assert_eq!(
        tail,
        [
            ("CLEARML__services__login__sso__tenant_login".to_owned(), json!(true)),
            ("CLEARML__services__login__sso__allow_settings_providers".to_owned(), json!(false)),
        ]
    );
    let doc = &YamlLoader::load_from_str(&helm).unwrap()[0];
    assert_eq!(doc["webserver"]["extraEnvs"][0]["name"].as_str(), Some("WEBSERVER__onlyPasswordLogin"));
    assert_eq!(read_hocon(doc["webserver"]["extraEnvs"][0]["value"].as_str().unwrap()).unwrap(), json!(true));
    let doc = &YamlLoader::load_from_str(&compose).unwrap()[0];
    assert_eq!(doc["services"]["webserver"]["environment"]["WEBSERVER__onlyPasswordLogin"].as_str(), Some("true"));
    let (masked_helm, _) = form.files(true).unwrap();
    let secret = |env: &[(String, Value)]| env.iter().find(|(n, _)| n.ends_with("client_secret")).unwrap().1.clone();
    assert_eq!(secret(&env), json!(form.client_secret));
    assert_eq!(secret(&env_from_helm(&masked_helm)), json!("••••••••"));
}
