//! A plain client for the real MLflow server that scripts/test starts (scripts/mlflow.sh), for
//! tests that set things up through MLflow's API and check with it what the console did.

use serde_json::{json, Value};

pub struct MlflowApi {
    pub url: String,
    pub admin: String,
    pub password: String,
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set: scripts/test starts MLflow for these tests"))
}

impl MlflowApi {
    /// The server scripts/test started as `TENANTRY_MLFLOW` (current API) or
    /// `TENANTRY_MLFLOW_LEGACY` (per-resource permissions).
    pub fn from_env(prefix: &str) -> Self {
        Self {
            url: env(&format!("{prefix}_URL")),
            admin: env(&format!("{prefix}_ADMIN")),
            password: env(&format!("{prefix}_PASSWORD")),
        }
    }

    fn answer(result: Result<ureq::Response, ureq::Error>) -> (u16, Value) {
        let response = match result {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("MLflow did not answer: {e}"),
        };
        let status = response.status();
        let text = response.into_string().unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    pub fn get(&self, path: &str, query: &[(&str, &str)]) -> (u16, Value) {
        let mut request = ureq::get(&format!("{}{path}", self.url)).set("Authorization", &self.authorization());
        for (k, v) in query {
            request = request.query(k, v);
        }
        Self::answer(request.call())
    }

    pub fn post(&self, path: &str, body: Value) -> (u16, Value) {
        Self::answer(
            ureq::post(&format!("{}{path}", self.url)).set("Authorization", &self.authorization()).send_json(body),
        )
    }

    fn authorization(&self) -> String {
        tenantry_core::clearml::sign_in::basic_authorization(&self.admin, &self.password)
    }

    pub fn create_experiment(&self, name: &str) -> String {
        let (status, body) = self.post("/api/2.0/mlflow/experiments/create", json!({ "name": name }));
        assert_eq!(status, 200, "{body}");
        body["experiment_id"].as_str().expect("an experiment id").to_owned()
    }

    /// The permission MLflow itself resolves for the user on the experiment.
    pub fn permission_on_experiment(&self, username: &str, experiment: &str) -> String {
        let (status, body) = self.get(
            "/api/3.0/mlflow/users/permissions/get",
            &[("username", username), ("resource_type", "experiment"), ("resource_id", experiment)],
        );
        assert_eq!(status, 200, "{body}");
        body["permission"].as_str().expect("a permission").to_owned()
    }

    /// The user's own grant on the experiment as a server before 3.13 keeps it, if any.
    pub fn legacy_grant_on_experiment(&self, username: &str, experiment: &str) -> Option<String> {
        let (status, body) = self.get(
            "/api/2.0/mlflow/experiments/permissions/get",
            &[("experiment_id", experiment), ("username", username)],
        );
        match status {
            404 => None,
            200 => Some(body["experiment_permission"]["permission"].as_str().expect("a permission").to_owned()),
            _ => panic!("{status}: {body}"),
        }
    }

    /// A role made through MLflow's API with one grant on the experiment, given to the user.
    pub fn role_granting(&self, role: &str, experiment: &str, permission: &str, username: &str) {
        let (status, body) = self.post("/api/3.0/mlflow/roles/create", json!({ "name": role, "workspace": "default" }));
        assert_eq!(status, 200, "{body}");
        let id = body["role"]["id"].as_i64().expect("a role id");
        let grant = json!({ "role_id": id, "resource_type": "experiment", "resource_pattern": experiment, "permission": permission });
        let (status, body) = self.post("/api/3.0/mlflow/roles/permissions/add", grant);
        assert_eq!(status, 200, "{body}");
        let (status, body) = self.post("/api/3.0/mlflow/roles/assign", json!({ "role_id": id, "username": username }));
        assert_eq!(status, 200, "{body}");
    }

    /// Whether MLflow lets the user, signed in with its own password, create a run in the experiment.
    pub fn lets_create_a_run(&self, username: &str, password: &str, experiment: &str) -> bool {
        let (status, _) = Self::answer(
            ureq::post(&format!("{}/api/2.0/mlflow/runs/create", self.url))
                .set("Authorization", &tenantry_core::clearml::sign_in::basic_authorization(username, password))
                .send_json(json!({ "experiment_id": experiment })),
        );
        status == 200
    }

    pub fn has_user(&self, username: &str) -> bool {
        match self.get("/api/2.0/mlflow/users/get", &[("username", username)]) {
            (200, _) => true,
            (404, _) => false,
            (status, body) => panic!("{status}: {body}"),
        }
    }
}
