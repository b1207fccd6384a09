//! The platform file's JSON Schema, so editors complete and check it (`tenantry schema`, and a
//! download on the console's Platform file page). It says what the reader reads.

use serde_json::{json, Value};

pub fn schema() -> Value {
    let strings = json!({ "type": "array", "items": { "type": "string" }, "uniqueItems": true });
    let url = json!({ "type": "string", "format": "uri", "pattern": "^https?://" });
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://tenantry.dev/schema/platform-file-v1.json",
        "title": "Tenantry platform file",
        "description": "Tenants with their settings, features, admins, login routing and SSO. A field left out is not managed.",
        "type": "object",
        "required": ["version", "tenants"],
        "additionalProperties": false,
        "properties": {
            "version": { "const": 1 },
            "tenants": { "type": "array", "items": { "$ref": "#/$defs/tenant" } }
        },
        "$defs": {
            "tenant": {
                "type": "object",
                "required": ["name"],
                "additionalProperties": false,
                "properties": {
                    "name": { "type": "string", "minLength": 3, "maxLength": 100, "description": "Compared as the server compares names (trimmed, case-folded, NFKC)." },
                    "allowed_users": { "type": ["integer", "string"], "pattern": "^[0-9]+$", "minimum": 1 },
                    "features": { "$ref": "#/$defs/features" },
                    "exclude_features": { "$ref": "#/$defs/features" },
                    "domains": { "description": "Email domains that sign in to this tenant.", "items": { "type": "string" }, "type": "array" },
                    "whitelist": { "description": "Emails that sign in to this tenant as users.", "type": "array", "items": { "type": "string", "format": "email" } },
                    "whitelist_admins": { "description": "Emails that sign in to this tenant as admins.", "type": "array", "items": { "type": "string", "format": "email" } },
                    "admins": { "type": "array", "items": { "$ref": "#/$defs/admin" } },
                    "sso": { "$ref": "#/$defs/sso" }
                }
            },
            "features": {
                "type": "array",
                "uniqueItems": true,
                "items": { "enum": crate::FEATURES.iter().map(|f| f.name).collect::<Vec<_>>() }
            },
            "admin": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "id": { "type": "string", "pattern": "^[0-9a-f]{32}$", "description": "The user's server id, for servers that cannot list a tenant's users by email." },
                    "name": { "type": "string", "minLength": 1, "maxLength": 100 },
                    "email": { "type": "string", "format": "email" },
                    "credentials": { "type": "boolean", "default": true, "description": "Issue API credentials when the apply creates this admin." }
                },
                "anyOf": [{ "required": ["name", "email"] }, { "required": ["id"] }]
            },
            "sso": {
                "type": "object",
                "required": ["tenant"],
                "additionalProperties": false,
                "properties": {
                    "tenant": { "type": "string", "minLength": 1, "description": "The tenant's external id at the identity provider." },
                    "group_mapping": { "type": "object", "additionalProperties": { "type": "string" } },
                    "admin_groups": strings,
                    "provider": { "$ref": "#/$defs/provider" }
                }
            },
            "provider": {
                "type": "object",
                "required": ["client_id", "client_secret", "authorization_endpoint", "token_endpoint"],
                "additionalProperties": false,
                "properties": {
                    "id": { "type": "string", "description": "Left out: the tenant's own id." },
                    "display_name": { "type": "string" },
                    "client_id": { "type": "string", "minLength": 1 },
                    "client_secret": { "$ref": "#/$defs/secret" },
                    "rotation": { "type": "integer", "minimum": 0, "description": "Raise it to send the secret again." },
                    "authorization_endpoint": url,
                    "token_endpoint": url,
                    "revocation_endpoint": { "type": "string" },
                    "end_session_endpoint": { "type": "string" },
                    "logout_from_provider": { "type": "boolean" },
                    "claim_tenant": { "type": "string" },
                    "claim_name": { "type": "string" },
                    "group_enabled": { "type": "boolean" },
                    "claim_groups": { "type": "string" },
                    "group_prohibit_user_login_if_not_in_group": { "type": "boolean" }
                }
            },
            "secret": {
                "description": "Never the secret itself.",
                "oneOf": [
                    { "type": "object", "required": ["env"], "additionalProperties": false, "properties": { "env": { "type": "string", "minLength": 1 } } },
                    { "type": "object", "required": ["file"], "additionalProperties": false, "properties": { "file": { "type": "string", "minLength": 1 } } },
                    { "type": "object", "required": ["keep"], "additionalProperties": false, "properties": { "keep": { "const": true } } }
                ]
            }
        }
    })
}
