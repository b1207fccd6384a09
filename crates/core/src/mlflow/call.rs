//! Every request the console makes to MLflow, built here so that each one names its method,
//! path and parameters once, and the right endpoints are chosen for the server's API generation.

use super::permission::{Permission, Resource, ResourceType};
use super::wire::MlflowUser;
use crate::clearml::curl::shell_quote;
use crate::ApiError;
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// Which permission endpoints a server has: grants and roles (3.13+) or per-resource
/// permissions (≤ 3.12).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiGeneration {
    Current,
    Legacy,
}

impl ApiGeneration {
    /// The probe is `users/permissions/get` without parameters: a current server refuses the
    /// missing parameters (400), an older one does not know the path (404).
    pub const PROBE: &'static str = "/api/3.0/mlflow/users/permissions/get";

    /// Reads the probe's answer; a refusal (wrong password) is MLflow's own message.
    pub fn from_probe(status: u16, body: &str) -> Result<ApiGeneration, ApiError> {
        match status {
            400 => Ok(ApiGeneration::Current),
            404 => Ok(ApiGeneration::Legacy),
            401 | 403 => {
                Err(decode_answer(&MlflowCall::probe(), status, body).err().unwrap_or(ApiError::Unauthorized {
                    subcode: 0,
                    message: "MLflow refused the admin username and password.".into(),
                }))
            }
            other => Err(ApiError::Rejected {
                code: other,
                subcode: 0,
                message: format!(
                    "The server answered {other} to the API probe: is this MLflow with --app-name basic-auth?"
                ),
            }),
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            ApiGeneration::Current => "grants and roles (MLflow 3.13 and later)",
            ApiGeneration::Legacy => "per-resource permissions (MLflow 3.12 and earlier; no DENY)",
        }
    }

    pub fn grantable(self) -> &'static [Permission] {
        match self {
            ApiGeneration::Current => &Permission::GRANTABLE,
            // MLflow 3.12 takes USE too (checked against a real 3.12.0); it has no DENY.
            ApiGeneration::Legacy => {
                &[Permission::Read, Permission::Use, Permission::Edit, Permission::Manage, Permission::NoPermissions]
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct MlflowCall {
    pub method: Method,
    pub path: String,
    /// Query parameters for GET, the JSON body otherwise.
    pub params: Value,
}

fn call(method: Method, path: &str, params: Value) -> MlflowCall {
    MlflowCall { method, path: path.into(), params }
}

impl MlflowCall {
    /// The URL, with GET parameters in its query.
    pub fn url(&self, base: &str) -> String {
        let base = base.trim_end_matches('/');
        let query: Vec<String> = match (&self.method, &self.params) {
            (Method::Get, Value::Object(map)) => map
                .iter()
                .map(|(k, v)| {
                    let v = v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string());
                    format!(
                        "{}={}",
                        crate::url_component::encode_component(k),
                        crate::url_component::encode_component(&v)
                    )
                })
                .collect(),
            _ => Vec::new(),
        };
        if query.is_empty() {
            format!("{base}{}", self.path)
        } else {
            format!("{base}{}?{}", self.path, query.join("&"))
        }
    }

    pub fn body(&self) -> Option<String> {
        (self.method != Method::Get).then(|| self.params.to_string())
    }

    /// How the activity log names the call.
    pub fn label(&self) -> String {
        format!("MLflow {} {}", self.method.as_str(), self.path)
    }

    /// The same call from a terminal: the admin's password is read by the shell (`read -s`), never
    /// written into the command; a new password in the body shows as a placeholder.
    pub fn curl(&self, base: &str, admin: &str) -> String {
        let mut out = format!(
            "MLFLOW_URL={}\nMLFLOW_TRACKING_USERNAME={}\nread -rsp 'MLflow password: ' MLFLOW_TRACKING_PASSWORD; echo\n",
            shell_quote(base.trim_end_matches('/')),
            shell_quote(admin)
        );
        let auth = "-u \"$MLFLOW_TRACKING_USERNAME:$MLFLOW_TRACKING_PASSWORD\"";
        match (self.method, &self.params) {
            (Method::Get, Value::Object(map)) => {
                out.push_str(&format!("curl -G \"$MLFLOW_URL{}\" {auth}", self.path));
                for (k, v) in map {
                    let v = v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string());
                    out.push_str(&format!(" \\\n  --data-urlencode {}", shell_quote(&format!("{k}={v}"))));
                }
                out.push('\n');
            }
            _ => {
                let mut body = self.params.clone();
                if body.get("password").is_some() {
                    body["password"] = json!("<the new password>");
                }
                out.push_str(&format!(
                    "curl -X {} \"$MLFLOW_URL{}\" {auth} \\\n  -H 'Content-Type: application/json' \\\n  -d {}\n",
                    self.method.as_str(),
                    self.path,
                    shell_quote(&body.to_string())
                ));
            }
        }
        out
    }

    pub fn version() -> Self {
        call(Method::Get, "/version", json!({}))
    }

    pub fn probe() -> Self {
        call(Method::Get, ApiGeneration::PROBE, json!({}))
    }

    pub fn current_user() -> Self {
        call(Method::Get, "/api/2.0/mlflow/users/current", json!({}))
    }

    pub fn list_users() -> Self {
        call(Method::Get, "/api/2.0/mlflow/users/list", json!({}))
    }

    pub fn get_user(username: &str) -> Self {
        call(Method::Get, "/api/2.0/mlflow/users/get", json!({ "username": username }))
    }

    pub fn create_user(username: &str, password: &str) -> Self {
        call(Method::Post, "/api/2.0/mlflow/users/create", json!({ "username": username, "password": password }))
    }

    pub fn update_password(username: &str, password: &str) -> Self {
        call(
            Method::Patch,
            "/api/2.0/mlflow/users/update-password",
            json!({ "username": username, "password": password }),
        )
    }

    pub fn update_admin(username: &str, is_admin: bool) -> Self {
        call(Method::Patch, "/api/2.0/mlflow/users/update-admin", json!({ "username": username, "is_admin": is_admin }))
    }

    pub fn delete_user(username: &str) -> Self {
        call(Method::Delete, "/api/2.0/mlflow/users/delete", json!({ "username": username }))
    }

    /// Deleting a user, as calls in order. A server before 3.13 refuses to delete a user who still
    /// holds a grant or a role (its tables point at the user: MLflow fails with an integrity
    /// error), so there each grant is revoked and each role unassigned first; a current server
    /// removes them with the user.
    pub fn delete_user_and_grants(generation: ApiGeneration, user: &MlflowUser) -> Vec<Self> {
        let name = user.username.as_str();
        let mut calls = Vec::new();
        if generation == ApiGeneration::Legacy {
            let on = |kind, id: &str| Resource { kind, id: id.to_owned() };
            calls.extend(
                user.experiment_permissions
                    .iter()
                    .map(|p| Self::revoke(generation, name, &on(ResourceType::Experiment, &p.experiment_id))),
            );
            calls.extend(
                user.registered_model_permissions
                    .iter()
                    .map(|p| Self::revoke(generation, name, &on(ResourceType::RegisteredModel, &p.name))),
            );
            calls.extend(user.roles.iter().map(|r| Self::unassign_role(r.id, name)));
        }
        calls.push(Self::delete_user(name));
        calls
    }

    pub fn list_experiments() -> Self {
        call(Method::Get, "/api/2.0/mlflow/experiments/search", json!({ "max_results": "1000" }))
    }

    pub fn list_registered_models() -> Self {
        call(Method::Get, "/api/2.0/mlflow/registered-models/search", json!({ "max_results": "1000" }))
    }

    /// The user's roles with their permissions and ids (3.13+).
    pub fn user_roles(username: &str) -> Self {
        call(Method::Get, "/api/3.0/mlflow/users/roles/list", json!({ "username": username }))
    }

    pub fn grant(generation: ApiGeneration, username: &str, resource: &Resource, permission: Permission) -> Self {
        match generation {
            ApiGeneration::Current => call(
                Method::Post,
                "/api/3.0/mlflow/users/permissions/grant",
                current_params(username, resource, Some(permission)),
            ),
            ApiGeneration::Legacy => legacy(Method::Post, resource, "create", username, Some(permission)),
        }
    }

    /// Changes a grant in place: on a current server through the id of the role permission that
    /// holds it, so that the user is never left without it in between.
    pub fn change(
        generation: ApiGeneration,
        username: &str,
        resource: &Resource,
        role_permission_id: Option<i64>,
        permission: Permission,
    ) -> Self {
        match (generation, role_permission_id) {
            (ApiGeneration::Current, Some(id)) => call(
                Method::Patch,
                "/api/3.0/mlflow/roles/permissions/update",
                json!({ "role_permission_id": id, "permission": permission.as_str() }),
            ),
            (ApiGeneration::Current, None) => Self::grant(generation, username, resource, permission),
            (ApiGeneration::Legacy, _) => legacy(Method::Patch, resource, "update", username, Some(permission)),
        }
    }

    pub fn revoke(generation: ApiGeneration, username: &str, resource: &Resource) -> Self {
        match generation {
            ApiGeneration::Current => {
                call(Method::Post, "/api/3.0/mlflow/users/permissions/revoke", current_params(username, resource, None))
            }
            ApiGeneration::Legacy => legacy(Method::Delete, resource, "delete", username, None),
        }
    }

    /// The permission the server resolves for the user (3.13+), or the user's own grant (≤ 3.12).
    pub fn effective(generation: ApiGeneration, username: &str, resource: &Resource) -> Self {
        match generation {
            ApiGeneration::Current => {
                call(Method::Get, "/api/3.0/mlflow/users/permissions/get", current_params(username, resource, None))
            }
            ApiGeneration::Legacy => legacy(Method::Get, resource, "get", username, None),
        }
    }

    pub fn list_roles() -> Self {
        call(Method::Get, "/api/3.0/mlflow/roles/list", json!({}))
    }

    pub fn create_role(name: &str, description: &str) -> Self {
        let description = if description.trim().is_empty() { Value::Null } else { json!(description.trim()) };
        call(
            Method::Post,
            "/api/3.0/mlflow/roles/create",
            json!({ "name": name.trim(), "workspace": "default", "description": description }),
        )
    }

    pub fn delete_role(role_id: i64) -> Self {
        call(Method::Delete, "/api/3.0/mlflow/roles/delete", json!({ "role_id": role_id }))
    }

    /// `pattern` is a resource id or `*` for all resources of the type.
    pub fn add_role_permission(role_id: i64, kind: ResourceType, pattern: &str, permission: Permission) -> Self {
        call(
            Method::Post,
            "/api/3.0/mlflow/roles/permissions/add",
            json!({ "role_id": role_id, "resource_type": kind.as_str(), "resource_pattern": pattern, "permission": permission.as_str() }),
        )
    }

    pub fn remove_role_permission(role_permission_id: i64) -> Self {
        call(
            Method::Delete,
            "/api/3.0/mlflow/roles/permissions/remove",
            json!({ "role_permission_id": role_permission_id }),
        )
    }

    pub fn role_users(role_id: i64) -> Self {
        call(Method::Get, "/api/3.0/mlflow/roles/users/list", json!({ "role_id": role_id.to_string() }))
    }

    pub fn assign_role(role_id: i64, username: &str) -> Self {
        call(Method::Post, "/api/3.0/mlflow/roles/assign", json!({ "role_id": role_id, "username": username }))
    }

    pub fn unassign_role(role_id: i64, username: &str) -> Self {
        call(Method::Delete, "/api/3.0/mlflow/roles/unassign", json!({ "role_id": role_id, "username": username }))
    }
}

fn current_params(username: &str, resource: &Resource, permission: Option<Permission>) -> Value {
    let mut params =
        json!({ "username": username, "resource_type": resource.kind.as_str(), "resource_id": resource.id });
    if let Some(p) = permission {
        params["permission"] = json!(p.as_str());
    }
    params
}

fn legacy(
    method: Method,
    resource: &Resource,
    action: &str,
    username: &str,
    permission: Option<Permission>,
) -> MlflowCall {
    let (collection, key) = match resource.kind {
        ResourceType::Experiment => ("experiments", "experiment_id"),
        ResourceType::RegisteredModel => ("registered-models", "name"),
    };
    let mut params = json!({ key: resource.id, "username": username });
    if let Some(p) = permission {
        params["permission"] = json!(p.as_str());
    }
    call(method, &format!("/api/2.0/mlflow/{collection}/permissions/{action}"), params)
}

/// Reads an MLflow answer: JSON on success; `{error_code, message}` for 400 and 404, plain
/// text for 401 and 403. Messages that would echo the server's SQL (and with it a password
/// hash) are cut to their first sentence.
pub fn decode_answer(call: &MlflowCall, status: u16, body: &str) -> Result<Value, ApiError> {
    if (200..300).contains(&status) {
        if body.trim().is_empty() {
            return Ok(json!({}));
        }
        return serde_json::from_str(body).map_err(|e| ApiError::BadResponse(e.to_string()));
    }
    let parsed: Option<Value> = serde_json::from_str(body).ok();
    let code = parsed.as_ref().and_then(|v| v["error_code"].as_str()).unwrap_or_default().to_owned();
    let message = parsed.as_ref().and_then(|v| v["message"].as_str().map(str::to_owned)).unwrap_or_else(|| {
        if body.trim_start().starts_with('<') {
            String::new()
        } else {
            body.trim().to_owned()
        }
    });
    let message = safe_message(call, &code, &message);
    Err(match status {
        401 => ApiError::Unauthorized {
            subcode: 0,
            message: or_default(message, "MLflow refused the admin username and password."),
        },
        403 => ApiError::Forbidden { subcode: 0, message: or_default(message, "Permission denied.") },
        404 => {
            ApiError::NotFound { message: or_default(message, &format!("This MLflow server has no {}.", call.path)) }
        }
        code => {
            ApiError::Rejected { code, subcode: 0, message: or_default(message, &format!("MLflow answered {code}.")) }
        }
    })
}

fn or_default(message: String, default: &str) -> String {
    if message.is_empty() {
        default.to_owned()
    } else {
        message
    }
}

fn safe_message(call: &MlflowCall, code: &str, message: &str) -> String {
    if code == "RESOURCE_ALREADY_EXISTS" && call.path.ends_with("/users/create") {
        let name = call.params["username"].as_str().unwrap_or_default();
        return format!("A user named \"{name}\" already exists.");
    }
    if message.contains("[SQL") || message.contains("[parameters") {
        let first = message.split(" Error: ").next().unwrap_or_default();
        let first = first.split('\n').next().unwrap_or_default().trim();
        return format!("{first} (the server's database error is not shown: it can contain password hashes)");
    }
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_server_has_a_users_grants_and_roles_removed_before_the_user() {
        let user: MlflowUser = serde_json::from_value(json!({
            "id": 2, "username": "ana",
            "experiment_permissions": [{ "experiment_id": "7", "permission": "EDIT" }],
            "registered_model_permissions": [{ "name": "churn", "permission": "READ" }],
            "roles": [{ "id": 4, "name": "editors" }]
        }))
        .unwrap();
        let paths = |g| MlflowCall::delete_user_and_grants(g, &user).iter().map(|c| c.path.clone()).collect::<Vec<_>>();
        assert_eq!(
            paths(ApiGeneration::Legacy),
            [
                "/api/2.0/mlflow/experiments/permissions/delete",
                "/api/2.0/mlflow/registered-models/permissions/delete",
                "/api/3.0/mlflow/roles/unassign",
                "/api/2.0/mlflow/users/delete"
            ]
        );
        assert_eq!(paths(ApiGeneration::Current), ["/api/2.0/mlflow/users/delete"]);
    }

    fn experiment(id: &str) -> Resource {
        Resource { kind: ResourceType::Experiment, id: id.into() }
    }

    #[test]
    fn the_probe_tells_the_generations_apart() {
        let missing = r#"{"error_code": "INVALID_PARAMETER_VALUE", "message": "Missing value for required parameter 'username'."}"#;
        assert_eq!(ApiGeneration::from_probe(400, missing), Ok(ApiGeneration::Current));
        assert_eq!(ApiGeneration::from_probe(404, "<!doctype html>"), Ok(ApiGeneration::Legacy));
        assert_eq!(
            ApiGeneration::from_probe(401, "You are not authenticated. Please see https://www.mlflow.org/docs"),
            Err(ApiError::Unauthorized {
                subcode: 0,
                message: "You are not authenticated. Please see https://www.mlflow.org/docs".into()
            })
        );
        assert_eq!(
            ApiGeneration::from_probe(502, "").unwrap_err().message(),
            "The server answered 502 to the API probe: is this MLflow with --app-name basic-auth?"
        );
    }

    #[test]
    fn grants_use_each_generations_own_endpoints() {
        let model = Resource { kind: ResourceType::RegisteredModel, id: "churn model".into() };
        let current = MlflowCall::grant(ApiGeneration::Current, "alice", &model, Permission::Deny);
        assert_eq!(current.path, "/api/3.0/mlflow/users/permissions/grant");
        assert_eq!(
            current.body().unwrap(),
            r#"{"permission":"DENY","resource_id":"churn model","resource_type":"registered_model","username":"alice"}"#
        );
        let legacy = MlflowCall::grant(ApiGeneration::Legacy, "alice", &model, Permission::Read);
        assert_eq!(legacy.path, "/api/2.0/mlflow/registered-models/permissions/create");
        assert_eq!(legacy.body().unwrap(), r#"{"name":"churn model","permission":"READ","username":"alice"}"#);
        let revoke = MlflowCall::revoke(ApiGeneration::Legacy, "alice", &experiment("3"));
        assert_eq!(
            (revoke.method, revoke.path.as_str()),
            (Method::Delete, "/api/2.0/mlflow/experiments/permissions/delete")
        );
    }

    #[test]
    fn the_curl_command_asks_for_the_password_and_hides_a_new_one() {
        let create = MlflowCall::create_user("o'brien", "secret-password-1").curl("http://127.0.0.1:5000/", "admin");
        assert_eq!(
            create,
            "MLFLOW_URL='http://127.0.0.1:5000'\nMLFLOW_TRACKING_USERNAME='admin'\nread -rsp 'MLflow password: ' MLFLOW_TRACKING_PASSWORD; echo\n\
             curl -X POST \"$MLFLOW_URL/api/2.0/mlflow/users/create\" -u \"$MLFLOW_TRACKING_USERNAME:$MLFLOW_TRACKING_PASSWORD\" \\\n  \
             -H 'Content-Type: application/json' \\\n  -d '{\"password\":\"<the new password>\",\"username\":\"o'\\''brien\"}'\n"
        );
        let get = MlflowCall::effective(ApiGeneration::Current, "bob", &experiment("1")).curl("http://m", "admin");
        assert!(get.ends_with(
            "curl -G \"$MLFLOW_URL/api/3.0/mlflow/users/permissions/get\" -u \"$MLFLOW_TRACKING_USERNAME:$MLFLOW_TRACKING_PASSWORD\" \\\n  \
             --data-urlencode 'resource_id=1' \\\n  --data-urlencode 'resource_type=experiment' \\\n  --data-urlencode 'username=bob'\n"
        ));
    }

    #[test]
    fn older_servers_are_offered_no_deny() {
        let legacy: Vec<&str> = ApiGeneration::Legacy.grantable().iter().map(|p| p.as_str()).collect();
        assert_eq!(legacy, ["READ", "USE", "EDIT", "MANAGE", "NO_PERMISSIONS"]);
        assert!(ApiGeneration::Current.grantable().contains(&Permission::Deny));
    }

    #[test]
    fn a_change_updates_the_role_permission_in_place() {
        let c = MlflowCall::change(ApiGeneration::Current, "alice", &experiment("1"), Some(4), Permission::Edit);
        assert_eq!((c.method, c.path.as_str()), (Method::Patch, "/api/3.0/mlflow/roles/permissions/update"));
        assert_eq!(c.body().unwrap(), r#"{"permission":"EDIT","role_permission_id":4}"#);
    }

    #[test]
    fn get_parameters_go_in_the_query_encoded() {
        let c = MlflowCall::effective(ApiGeneration::Current, "jürgen@x", &experiment("1"));
        assert_eq!(
            c.url("http://127.0.0.1:5000/"),
            "http://127.0.0.1:5000/api/3.0/mlflow/users/permissions/get?resource_id=1&resource_type=experiment&username=j%C3%BCrgen%40x"
        );
        assert_eq!(c.body(), None);
    }

    #[test]
    fn a_duplicate_user_never_shows_the_servers_hash() {
        let body = r#"{"error_code": "RESOURCE_ALREADY_EXISTS", "message": "User (username=alice) already exists. Error: (sqlite3.IntegrityError) UNIQUE constraint failed: users.username\n[SQL: INSERT INTO users (username, password_hash, is_admin) VALUES (?, ?, ?)]\n[parameters: ('alice', 'scrypt:32768:8:1$LkKc$5ccd', 0)]"}"#;
        let err = decode_answer(&MlflowCall::create_user("alice", "x"), 400, body).unwrap_err();
        assert_eq!(err.message(), "A user named \"alice\" already exists.");
        let elsewhere = decode_answer(&MlflowCall::list_users(), 400, body).unwrap_err();
        assert_eq!(
            elsewhere.message(),
            "User (username=alice) already exists. (the server's database error is not shown: it can contain password hashes)"
        );
        assert!(!elsewhere.message().contains("scrypt"));
    }

    #[test]
    fn plain_text_and_json_errors_keep_the_servers_message() {
        let err = decode_answer(&MlflowCall::list_users(), 401, "You are not authenticated.").unwrap_err();
        assert_eq!(err, ApiError::Unauthorized { subcode: 0, message: "You are not authenticated.".into() });
        let body =
            r#"{"error_code": "INVALID_PARAMETER_VALUE", "message": "Password must be at least 12 characters."}"#;
        let err = decode_answer(&MlflowCall::create_user("bob", "short"), 400, body).unwrap_err();
        assert_eq!(err.message(), "Password must be at least 12 characters.");
        let html = decode_answer(&MlflowCall::list_roles(), 404, "<!doctype html><title>404</title>").unwrap_err();
        assert_eq!(html.message(), "This MLflow server has no /api/3.0/mlflow/roles/list.");
        assert_eq!(decode_answer(&MlflowCall::list_users(), 200, ""), Ok(json!({})));
    }
}
