//! `system.update_company_sso_config` and `sso.*`: a tenant's SSO settings and identity
//! providers. Like the real server, nothing here checks that an external tenant id is unique:
//! that is the console's job. Reading a provider back never returns its client secret.

use super::{named_or_own_company, Call};
use crate::failure::{Failure, Outcome};
use crate::store::sso;
use serde_json::{json, Value};

pub fn update_company_sso_config(call: &Call) -> Outcome<Value> {
    call.body.require(&["company", "sso"])?;
    let company = named_or_own_company(call)?;
    let sso = call.body.object("sso")?.expect("required above");
    let tenant = sso.str("tenant")?.trim();
    if tenant.is_empty() {
        return Err(Failure::field("sso.tenant", "must not be empty"));
    }
    let mapping = match sso.get("group_mapping") {
        None => json!({}),
        Some(Value::Object(m)) if m.values().all(Value::is_string) => Value::Object(m.clone()),
        Some(_) => return Err(Failure::field("sso.group_mapping", "expected an object of group names")),
    };
    let admin_groups = sso.opt_str_list("admin_groups")?.unwrap_or_default();
    let stored = json!({ "tenant": tenant, "group_mapping": mapping, "admin_groups": admin_groups });
    sso::set_company_sso(&call.store.conn(), &company, &stored)?;
    Ok(json!({}))
}

pub fn save_provider_configuration(call: &Call) -> Outcome<Value> {
    call.body.require(&["provider", "configuration"])?;
    let provider = call.body.str("provider")?;
    let company = named_or_own_company(call)?;
    let config = call.body.object("configuration")?.expect("required above");
    let id = config.str("id")?.trim().to_owned();
    if id.is_empty() {
        return Err(Failure::field("configuration.id", "must not be empty"));
    }
    let mut config = config.value();
    // A configuration saved without its secret keeps the one stored: a platform file that changes
    // a provider's endpoints need not hold the secret (it cannot be read back to resend).
    if config.get("client_secret").is_none() {
        let conn = call.store.conn();
        let stored = sso::providers(&conn, &company)?.into_iter().find(|(_, c, _)| c["id"] == id.as_str());
        if let Some(secret) = stored.and_then(|(_, c, _)| c.get("client_secret").cloned()) {
            config["client_secret"] = secret;
        }
    }
    sso::save_provider(&call.store.conn(), &company, &id, provider, &config)?;
    Ok(json!({}))
}

pub fn get_provider_configurations(call: &Call) -> Outcome<Value> {
    let company = named_or_own_company(call)?;
    let listed: Vec<Value> = sso::providers(&call.store.conn(), &company)?
        .into_iter()
        .map(|(provider, config, last_update)| {
            json!({
                "id": config["id"], "provider": provider, "display_name": config["display_name"],
                "category": "sso", "active": true, "readonly": false, "last_update": last_update,
            })
        })
        .collect();
    Ok(json!({ "configurations": listed }))
}

/// Reference server only: the saved settings and providers of a company, secrets left out, so a
/// console can show what is in place.
pub fn get_company_sso(call: &Call) -> Outcome<Value> {
    let company = named_or_own_company(call)?;
    let conn = call.store.conn();
    let providers: Vec<Value> = sso::providers(&conn, &company)?
        .into_iter()
        .map(|(provider, mut config, _)| {
            if let Some(c) = config.as_object_mut() {
                c.remove("client_secret");
            }
            json!({ "provider": provider, "configuration": config })
        })
        .collect();
    Ok(json!({ "sso": sso::company_sso(&conn, &company)?, "providers": providers }))
}
