//! The MLflow pages in headless Chromium against a real MLflow server (started by scripts/test):
//! connect, create a user, grant, change and revoke on an experiment made through MLflow's API,
//! each checked with MLflow's own API; roles; and the auth ini export.

use serde_json::json;
use std::time::{SystemTime, UNIX_EPOCH};
use tenantry_core::url_component::encode_component;
use tenantry_e2e::browser::{by_test_id, Browser};
use tenantry_e2e::console::{confirm, console_server, sign_in};
use tenantry_e2e::mlflow::MlflowApi;
use tenantry_e2e::relay::Relay;
use tenantry_e2e::RefServer;

fn unique(prefix: &str) -> String {
    format!("{prefix}-{}", SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis())
}

async fn connect(b: &Browser, mlflow: &MlflowApi, generation: &str) {
    b.click("nav a[href=\"/mlflow\"]").await;
    b.click(&by_test_id("mlflow-connect-submit")).await;
    b.wait_for_text(&by_test_id("mlflow-url-error"), "Enter MLflow's address as an absolute http:// or https:// URL.")
        .await;
    b.fill("#mlflow-url", &mlflow.url).await;
    b.fill("#mlflow-username", &mlflow.admin).await;
    b.fill("#mlflow-password", "not-the-password").await;
    b.click(&by_test_id("mlflow-connect-submit")).await;
    b.wait_for_text(&by_test_id("page-error"), "You are not authenticated").await;
    b.fill("#mlflow-password", &mlflow.password).await;
    b.click(&by_test_id("mlflow-connect-submit")).await;
    b.find_id("mlflow-version").await;
    b.wait_for_text(&by_test_id("mlflow-generation"), generation).await;
}

const CURRENT: &str = "grants and roles (MLflow 3.13 and later)";
const LEGACY: &str = "per-resource permissions (MLflow 3.12 and earlier; no DENY)";

/// A supervisor signed in to the console, connected to one of the MLflow servers scripts/test
/// started (the console's server stays up while the returned one lives).
async fn connected(prefix: &str, generation: &str) -> (MlflowApi, RefServer, Browser) {
    let mlflow = MlflowApi::from_env(prefix);
    let server = console_server();
    let b = Browser::start().await;
    b.goto(&server.base).await;
    sign_in(&b, &server.key, &server.secret).await;
    connect(&b, &mlflow, generation).await;
    (mlflow, server, b)
}

/// Creates a user through the console's Users tab and opens their permissions.
async fn create_user_and_open(b: &Browser, user: &str) {
    b.click("nav.tabs a[href=\"/mlflow/users\"]").await;
    b.fill("#mlflow-new-username", user).await;
    b.fill("#mlflow-new-password", "a-long-enough-password").await;
    b.click(&by_test_id("create-mlflow-user")).await;
    let row = format!("[data-testid=\"mlflow-users\"] tr[data-user=\"{user}\"]");
    b.click(&format!("{row} a.btn")).await;
    b.wait_for_text("h1", user).await;
}

/// On a user's page: the effective permission on the experiment, and its reason.
async fn check_effective(b: &Browser, experiment: &str, permission: &str, reason: &str) {
    b.choose("[data-testid=\"effective-resource\"] [data-testid=\"resource-id\"]", experiment).await;
    b.click(&by_test_id("effective-submit")).await;
    b.wait_for_text(&by_test_id("effective-permission"), permission).await;
    b.wait_for_text(&by_test_id("effective-reason"), reason).await;
}

/// On a user's page: changes the direct grant on the experiment in its row.
async fn change_grant(b: &Browser, user: &str, experiment: &str, permission: &str) {
    b.choose(&format!("tr[data-resource=\"{experiment}\"] [data-testid=\"grant-permission\"]"), permission).await;
    b.wait_for_text(&by_test_id("page-success"), &format!("{user} now has {permission} on it.")).await;
}

/// On a user's page: revokes the direct grant on the experiment, the last one the user had.
async fn revoke_grant(b: &Browser, experiment: &str) {
    b.click(&format!("tr[data-resource=\"{experiment}\"] [data-testid=\"revoke-grant\"]")).await;
    confirm(b, "Revoke").await;
    b.wait_for_text(&by_test_id("page-success"), "Grant revoked.").await;
    b.find_id("no-grants").await;
}

#[tokio::test]
async fn a_user_is_created_granted_changed_and_revoked_as_mlflow_sees_it() {
    let (mlflow, server, b) = connected("TENANTRY_MLFLOW", CURRENT).await;
    b.screenshot("60-mlflow-connected").await;

    let experiment_name = unique("churn");
    let experiment = mlflow.create_experiment(&experiment_name);
    let user = unique("jürgen");

    b.click("nav.tabs a[href=\"/mlflow/users\"]").await;
    b.fill("#mlflow-new-username", &user).await;
    b.fill("#mlflow-new-password", "short").await;
    b.click(&by_test_id("create-mlflow-user")).await;
    b.wait_for_text(
        &by_test_id("mlflow-new-password-error"),
        "Use at least 12 characters (5 so far): MLflow refuses shorter passwords.",
    )
    .await;
    let (status, _) = mlflow.get("/api/2.0/mlflow/users/get", &[("username", &user)]);
    assert_eq!(status, 404, "nothing was sent for a short password");
    b.fill("#mlflow-new-password", "a-long-enough-password").await;
    b.click(&by_test_id("create-mlflow-user")).await;
    let row = format!("[data-testid=\"mlflow-users\"] tr[data-user=\"{user}\"]");
    b.wait_for_text(&row, &user).await;
    let (status, body) = mlflow.get("/api/2.0/mlflow/users/get", &[("username", &user)]);
    assert_eq!((status, body["user"]["is_admin"].as_bool()), (200, Some(false)), "{body}");

    b.fill("#mlflow-new-username", &user).await;
    b.click(&by_test_id("create-mlflow-user")).await;
    b.wait_for_text(&by_test_id("mlflow-new-username-error"), &format!("A user named \"{user}\" already exists."))
        .await;
    let admin_row = "[data-testid=\"mlflow-users\"] tr[data-user=\"admin\"]";
    assert_eq!(
        b.find(&format!("{admin_row} [data-testid=\"delete-user\"]")).await.attr("disabled").await.unwrap().as_deref(),
        Some("true")
    );
    b.screenshot("61-mlflow-users").await;

    b.click(&format!("{row} a.btn")).await;
    b.wait_for_text("h1", &user).await;
    b.find_id("no-grants").await;
    b.click(&by_test_id("effective-submit")).await;
    b.wait_for_text(&by_test_id("effective-error"), "Choose the experiment or registered model to check.").await;
    b.click(&by_test_id("grant-submit")).await;
    b.wait_for_text(&by_test_id("page-refused"), "Choose the experiment or registered model to grant on.").await;
    b.choose("[data-testid=\"grant-resource\"] [data-testid=\"resource-id\"]", &experiment).await;
    b.choose(&by_test_id("grant-new-permission"), "EDIT").await;
    b.click("[data-testid=\"grant-form\"] [data-testid=\"curl-preview\"] summary").await;
    let command = b.text("[data-testid=\"grant-form\"] [data-testid=\"curl-text\"]").await;
    assert!(command.contains("curl -X POST \"$MLFLOW_URL/api/3.0/mlflow/users/permissions/grant\""), "{command}");
    assert!(command.contains("\"permission\":\"EDIT\"") && !command.contains(&mlflow.password), "{command}");
    b.click(&by_test_id("grant-submit")).await;
    b.wait_for_text(&by_test_id("page-success"), &format!("Granted EDIT to {user}.")).await;
    b.wait_for_text(&by_test_id("user-grants"), &experiment_name).await;
    assert_eq!(mlflow.permission_on_experiment(&user, &experiment), "EDIT");
    b.choose(&by_test_id("grant-new-permission"), "READ").await;
    b.click(&by_test_id("grant-submit")).await;
    b.wait_for_text(
        &by_test_id("page-refused"),
        &format!("Nothing was sent. {user} already has EDIT on it: change it in the table above."),
    )
    .await;

    change_grant(&b, &user, &experiment, "DENY").await;
    assert_eq!(mlflow.permission_on_experiment(&user, &experiment), "DENY");

    check_effective(&b, &experiment, "DENY", "DENY wins over every other grant: DENY granted directly on this one.")
        .await;
    b.screenshot("62-mlflow-user-permissions").await;

    revoke_grant(&b, &experiment).await;
    assert_eq!(mlflow.permission_on_experiment(&user, &experiment), "READ", "back to the server's default");

    b.click("nav.tabs a[href=\"/mlflow/access\"]").await;
    b.choose("[data-testid=\"access-resource\"] [data-testid=\"resource-id\"]", &experiment).await;
    let cell = |who: &str| format!("[data-testid=\"access-matrix\"] tr[data-user=\"{who}\"]");
    b.wait_for_text(&cell(&user), "No grant matches: the server's default permission (READ).").await;
    b.wait_for_text(&cell("admin"), "MANAGE").await;
    b.screenshot("63-mlflow-access").await;

    // A reload forgets the password (and here the console's session too) but not the page, the
    // address or the username.
    b.goto(&format!("{}/mlflow/users/{}", server.base, encode_component(&user))).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.find_id("mlflow-not-connected").await;
    assert_eq!(b.find("#mlflow-url").await.prop("value").await.unwrap().as_deref(), Some(mlflow.url.as_str()));
    assert_eq!(b.find("#mlflow-username").await.prop("value").await.unwrap().as_deref(), Some("admin"));
    b.fill("#mlflow-password", &mlflow.password).await;
    b.click(&by_test_id("mlflow-connect-submit")).await;
    b.wait_for_text("h1", &user).await;
    b.find_id("no-grants").await;
    b.close().await;
}

#[tokio::test]
async fn a_role_gives_its_members_permissions_and_the_ini_exports_the_mapping() {
    let (mlflow, _server, b) = connected("TENANTRY_MLFLOW", CURRENT).await;

    let user = unique("analyst");
    let (status, body) =
        mlflow.post("/api/2.0/mlflow/users/create", json!({ "username": user, "password": "analyst-password-1" }));
    assert_eq!(status, 200, "{body}");
    let experiment = mlflow.create_experiment(&unique("forecast"));
    let role = unique("analysts");

    b.click("nav.tabs a[href=\"/mlflow/roles\"]").await;
    b.click(&by_test_id("create-role")).await;
    b.wait_for_text(&by_test_id("role-name-error"), "Enter the role's name.").await;
    b.fill("#role-name", &role).await;
    b.click(&by_test_id("create-role")).await;
    let card = format!("[data-testid=\"role-card\"][data-role=\"{role}\"]");
    b.find(&card).await;
    b.choose(&format!("{card} [data-testid=\"resource-id\"]"), "*").await;
    b.choose(&format!("{card} [data-testid=\"role-permission\"]"), "EDIT").await;
    b.click(&format!("{card} [data-testid=\"add-role-permission\"] button")).await;
    b.wait_for_text(&format!("{card} [data-testid=\"role-permissions\"]"), "EDIT on all experiments").await;
    b.choose(&format!("{card} [data-testid=\"assign-user\"]"), &user).await;
    b.click(&format!("{card} [data-testid=\"assign-role\"] button")).await;
    b.wait_for_text(&format!("{card} [data-testid=\"role-members\"]"), &user).await;
    assert_eq!(mlflow.permission_on_experiment(&user, &experiment), "EDIT", "through the role");
    b.screenshot("64-mlflow-roles").await;

    b.click(&format!("{card} [data-testid=\"unassign\"]")).await;
    b.wait_for_text(&by_test_id("page-success"), &format!("{user} unassigned.")).await;
    assert_eq!(mlflow.permission_on_experiment(&user, &experiment), "READ");

    b.click("nav.tabs a[href=\"/mlflow/role-mapping\"]").await;
    // The seed's SSO function is not in stock MLflow: the page says what the image must add.
    b.wait_for_text(
        &by_test_id("mapping-warnings"),
        "Stock MLflow ships only mlflow.server.auth:authenticate_request_basic_auth",
    )
    .await;
    b.fill("#map-edit", "dataingenieur, devops").await;
    b.wait_for_text(&by_test_id("map-edit-error"), "\"devops\" is already mapped to MANAGE: give each role one level.")
        .await;
    b.find_id("ini-invalid").await;
    b.fill("#map-edit", "dataingenieur, dataanalyst").await;
    b.choose(&by_test_id("default-permission"), "NO_PERMISSIONS").await;
    let ini = b.downloaded_text(&format!("{} [data-testid=\"download-export\"]", by_test_id("auth-ini"))).await;
    assert!(ini.contains("default_permission = NO_PERMISSIONS\n"), "{ini}");
    assert!(ini.contains("admin_password = <set the admin password here, 12+ characters>\n"), "{ini}");
    assert!(
        ini.contains(
            "[role_mappings]\nadmin = admin\nMANAGE = devops\nEDIT = dataingenieur,dataanalyst\nREAD = datascientist\n"
        ),
        "{ini}"
    );
    b.wait_for_text("[data-testid=\"default-permission-table\"] tr.chosen", "NO_PERMISSIONS").await;
    b.screenshot("65-mlflow-role-mapping").await;
    b.close().await;
}

#[tokio::test]
async fn on_a_server_before_3_13_grants_use_the_per_resource_endpoints() {
    let (mlflow, _server, b) = connected("TENANTRY_MLFLOW_LEGACY", LEGACY).await;
    b.wait_for_text(&by_test_id("mlflow-version"), "3.12").await;
    b.wait_for_text(&by_test_id("mlflow-roles"), "available").await;
    let experiment = mlflow.create_experiment(&unique("legacy"));
    let user = unique("older");
    create_user_and_open(&b, &user).await;
    b.find_id("no-grants").await;
    let offered = b.text(&by_test_id("grant-new-permission")).await;
    assert_eq!(offered.split_whitespace().collect::<Vec<_>>(), ["READ", "USE", "EDIT", "MANAGE", "NO_PERMISSIONS"]);

    b.choose("[data-testid=\"grant-resource\"] [data-testid=\"resource-id\"]", &experiment).await;
    b.choose(&by_test_id("grant-new-permission"), "EDIT").await;
    b.click("[data-testid=\"grant-form\"] [data-testid=\"curl-preview\"] summary").await;
    let command = b.text("[data-testid=\"grant-form\"] [data-testid=\"curl-text\"]").await;
    assert!(command.contains("/api/2.0/mlflow/experiments/permissions/create"), "{command}");
    b.click(&by_test_id("grant-submit")).await;
    b.wait_for_text(&by_test_id("page-success"), &format!("Granted EDIT to {user}.")).await;
    b.find(&format!("tr[data-resource=\"{experiment}\"]")).await;
    assert_eq!(mlflow.legacy_grant_on_experiment(&user, &experiment).as_deref(), Some("EDIT"));

    change_grant(&b, &user, &experiment, "MANAGE").await;
    assert_eq!(mlflow.legacy_grant_on_experiment(&user, &experiment).as_deref(), Some("MANAGE"));

    check_effective(&b, &experiment, "MANAGE", "The user's own grant on it. Servers before MLflow 3.13 do not report")
        .await;
    b.screenshot("66-mlflow-legacy-user").await;

    revoke_grant(&b, &experiment).await;
    assert_eq!(mlflow.legacy_grant_on_experiment(&user, &experiment), None);
    let password = "a-long-enough-password";
    assert!(!mlflow.lets_create_a_run(&user, password, &experiment), "READ by default: no runs");

    // A role's grant counts on 3.12 as well: MLflow lets the user create runs, and the console
    // says EDIT and why, where it said DEFAULT from the user's own grant alone.
    let role = unique("editors");
    mlflow.role_granting(&role, &experiment, "EDIT", &user);
    assert!(mlflow.lets_create_a_run(&user, password, &experiment), "the role's EDIT lets runs be created");
    check_effective(&b, &experiment, "EDIT", &format!("From its roles: EDIT from role \"{role}\" on this one.")).await;

    // A name made elsewhere since the table was read: MLflow refuses it, and the table is read
    // again and lists it.
    b.click("nav.tabs a[href=\"/mlflow/users\"]").await;
    b.find(&format!("[data-testid=\"mlflow-users\"] tr[data-user=\"{user}\"]")).await;
    let elsewhere = unique("elsewhere");
    let (status, body) =
        mlflow.post("/api/2.0/mlflow/users/create", json!({ "username": elsewhere, "password": "made-elsewhere-1" }));
    assert_eq!(status, 200, "{body}");
    b.fill("#mlflow-new-username", &elsewhere).await;
    b.fill("#mlflow-new-password", "a-long-enough-password").await;
    b.click(&by_test_id("create-mlflow-user")).await;
    b.wait_for_text(&by_test_id("page-error"), "MLflow refused the change").await;
    b.find(&format!("[data-testid=\"mlflow-users\"] tr[data-user=\"{elsewhere}\"]")).await;

    // Deleting a user who holds a grant and a role: MLflow 3.12 refuses while they exist, so
    // the console revokes them first, says so, and the user is gone.
    let (status, body) = mlflow.post(
        "/api/2.0/mlflow/experiments/permissions/create",
        json!({ "experiment_id": experiment, "username": user, "permission": "READ" }),
    );
    assert_eq!(status, 200, "{body}");
    let delete = format!("[data-testid=\"mlflow-users\"] tr[data-user=\"{user}\"] [data-testid=\"delete-user\"]");
    b.click(&delete).await;
    confirm(&b, "its grants and roles are revoked first, then the user is deleted").await;
    b.wait_for_text(
        &by_test_id("page-success"),
        &format!("User {user} deleted, after revoking its 2 grants and roles"),
    )
    .await;
    assert!(!mlflow.has_user(&user));
    b.close().await;
}

#[tokio::test]
async fn a_lost_connection_is_told_as_such_and_found_again() {
    let mlflow = MlflowApi::from_env("TENANTRY_MLFLOW");
    let mut relay = Relay::start(&mlflow.url);
    let through = MlflowApi { url: relay.url(), admin: mlflow.admin.clone(), password: mlflow.password.clone() };
    let server = console_server();
    let b = Browser::start().await;
    b.goto(&server.base).await;
    sign_in(&b, &server.key, &server.secret).await;
    connect(&b, &through, CURRENT).await;
    let user = unique("cut-off");
    let (status, body) =
        mlflow.post("/api/2.0/mlflow/users/create", json!({ "username": user, "password": "cut-off-password" }));
    assert_eq!(status, 200, "{body}");
    b.click("nav.tabs a[href=\"/mlflow/users\"]").await;
    let row = format!("[data-testid=\"mlflow-users\"] tr[data-user=\"{user}\"]");
    b.find(&row).await;

    // MLflow stops answering: the change is not worded as refused, and the Connection tab says so.
    relay.cut();
    b.click(&format!("{row} [data-testid=\"toggle-admin\"]")).await;
    b.wait_for_text(&by_test_id("page-error"), "No answer came: the change may or may not have been made").await;
    let said = b.text(&by_test_id("page-error")).await;
    assert!(!said.contains("refused"), "{said}");
    b.click("nav.tabs a[href=\"/mlflow\"]").await;
    b.wait_for_text(&by_test_id("mlflow-state"), "Connection lost").await;
    b.screenshot("67-mlflow-connection-lost").await;

    relay.restore();
    b.click(&by_test_id("mlflow-check-again")).await;
    b.wait_for_text(&by_test_id("mlflow-state"), "Connected").await;
    b.close().await;
}
