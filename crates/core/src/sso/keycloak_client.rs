//! A Keycloak client representation for the admin console's "Import client": a confidential
//! OpenID Connect client for ClearML, with every setting Keycloak would otherwise default in a way
//! that breaks or weakens the login written out explicitly.

use serde_json::{json, Map, Value};

/// What the client must hold; the URLs are already checked.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientSpec {
    pub client_id: String,
    pub name: String,
    /// The ClearML web app's address, the redirect and post-logout URIs' base.
    pub webapp: String,
    pub redirect_uris: Vec<String>,
    pub post_logout_uris: Vec<String>,
    /// The claim the group-membership mapper writes, when groups are synchronised.
    pub groups_claim: Option<String>,
    /// Multi-tenant mode: the claim carrying the external tenant id, and its value.
    pub tenant_claim: Option<(String, String)>,
    /// Only when the operator asks for the secret in the file.
    pub secret: Option<String>,
}

impl ClientSpec {
    /// The same client with its secret, if it carries one, hidden for the screen.
    pub fn masked(self) -> Self {
        ClientSpec { secret: self.secret.map(|_| crate::export::server_config::MASK.to_owned()), ..self }
    }
}

fn mapper(name: &str, kind: &str, config: Vec<(&str, &str)>) -> Value {
    let config: Map<String, Value> = config.into_iter().map(|(k, v)| (k.to_owned(), Value::from(v))).collect();
    json!({
        "name": name,
        "protocol": "openid-connect",
        "protocolMapper": kind,
        "consentRequired": false,
        "config": config,
    })
}

const IN_EVERY_TOKEN: [(&str, &str); 3] =
    [("id.token.claim", "true"), ("access.token.claim", "true"), ("userinfo.token.claim", "true")];

pub fn client_json(spec: &ClientSpec) -> Value {
    let mut mappers = Vec::new();
    if let Some(claim) = &spec.groups_claim {
        let mut config = vec![("full.path", "false"), ("claim.name", claim.as_str())];
        config.extend(IN_EVERY_TOKEN);
        mappers.push(mapper("groups", "oidc-group-membership-mapper", config));
    }
    if let Some((claim, tenant)) = &spec.tenant_claim {
        let mut config =
            vec![("claim.name", claim.as_str()), ("claim.value", tenant.as_str()), ("jsonType.label", "String")];
        config.extend(IN_EVERY_TOKEN);
        mappers.push(mapper("external tenant", "oidc-hardcoded-claim-mapper", config));
    }
    let mut client = json!({
        "clientId": spec.client_id,
        "name": spec.name,
        "enabled": true,
        "protocol": "openid-connect",
        "publicClient": false,
        "clientAuthenticatorType": "client-secret",
        "standardFlowEnabled": true,
        "directAccessGrantsEnabled": false,
        "implicitFlowEnabled": false,
        "serviceAccountsEnabled": false,
        "rootUrl": spec.webapp,
        "baseUrl": spec.webapp,
        "redirectUris": spec.redirect_uris,
        "webOrigins": ["+"],
        "attributes": { "post.logout.redirect.uris": spec.post_logout_uris.join("##") },
        "protocolMappers": mappers,
    });
    if let Some(secret) = &spec.secret {
        client["secret"] = Value::from(secret.as_str());
    }
    client
}

/// The client as the file Keycloak's "Import client" reads.
pub fn client_file(spec: &ClientSpec) -> String {
    serde_json::to_string_pretty(&client_json(spec)).expect("JSON values serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> ClientSpec {
        ClientSpec {
            client_id: "clearml".into(),
            name: "ClearML".into(),
            webapp: "https://app.example.com".into(),
            redirect_uris: vec!["https://app.example.com/callback_keycloak".into()],
            post_logout_uris: vec!["https://app.example.com/login".into(), "https://app.example.com/login/acme".into()],
            groups_claim: Some("groups".into()),
            tenant_claim: None,
            secret: None,
        }
    }

    #[test]
    fn a_confidential_client_without_password_grants() {
        let c = client_json(&spec());
        assert_eq!(c["publicClient"], false);
        assert_eq!(c["directAccessGrantsEnabled"], false);
        assert_eq!(c["clientAuthenticatorType"], "client-secret");
        assert_eq!(c["protocol"], "openid-connect");
        assert_eq!(c["redirectUris"], json!(["https://app.example.com/callback_keycloak"]));
        assert!(c.get("secret").is_none(), "the secret only when asked for");
    }

    #[test]
    fn post_logout_uris_are_one_attribute_joined_by_hashes() {
        let c = client_json(&spec());
        assert_eq!(
            c["attributes"]["post.logout.redirect.uris"],
            "https://app.example.com/login##https://app.example.com/login/acme"
        );
    }

    #[test]
    fn the_group_mapper_matches_keycloaks_own() {
        let m = &client_json(&spec())["protocolMappers"][0];
        assert_eq!(m["protocolMapper"], "oidc-group-membership-mapper");
        assert_eq!(
            m["config"],
            json!({"full.path": "false", "claim.name": "groups", "id.token.claim": "true",
                   "access.token.claim": "true", "userinfo.token.claim": "true"})
        );
    }

    #[test]
    fn multi_tenant_clients_carry_the_tenant_claim_and_every_config_value_is_a_string() {
        let c = client_json(&ClientSpec {
            tenant_claim: Some(("tenant_key".into(), "acme".into())),
            secret: Some("s3cr3t".into()),
            ..spec()
        });
        let tenant = &c["protocolMappers"][1];
        assert_eq!(tenant["protocolMapper"], "oidc-hardcoded-claim-mapper");
        assert_eq!(tenant["config"]["claim.name"], "tenant_key");
        assert_eq!(tenant["config"]["claim.value"], "acme");
        assert_eq!(c["secret"], "s3cr3t");
        for m in c["protocolMappers"].as_array().unwrap() {
            assert!(m["config"].as_object().unwrap().values().all(Value::is_string), "{m}");
        }
    }

    #[test]
    fn the_file_is_the_json_and_masking_hides_only_a_secret_it_carries() {
        let with_secret = ClientSpec { secret: Some("s3cr3t".into()), ..spec() };
        let file: Value = serde_json::from_str(&client_file(&with_secret)).unwrap();
        assert_eq!(file, client_json(&with_secret));
        assert_eq!(with_secret.masked().secret.as_deref(), Some(crate::export::server_config::MASK));
        assert_eq!(spec().masked().secret, None);
    }

    #[test]
    fn without_group_sync_there_is_no_group_mapper() {
        let c = client_json(&ClientSpec { groups_claim: None, ..spec() });
        assert_eq!(c["protocolMappers"], json!([]));
    }
}
