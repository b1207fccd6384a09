//! Features, groups and the server configuration in headless Chromium against the reference
//! server: a group designed in the console reads back from the downloaded files as typed, and
//! the effective-features explainer follows a tenant's saved features and the group design.

use tenantry_e2e::browser::{by_test_id, Browser};
use tenantry_e2e::console::{console_server, sign_in};
use tenantry_e2e::exports::{env_text as text, helm_env, helm_value as value};
use tenantry_e2e::Api;
use yaml_rust2::YamlLoader;

const GROUP: &str = "[data-testid=\"custom-group\"]";

#[tokio::test]
async fn a_designed_group_and_the_server_block_read_back_from_the_exports() {
    let server = console_server();
    let b = Browser::start().await;
    b.goto(&format!("{}/features?q=deprecated", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.wait_for_text(&by_test_id("feature-count"), "2 of 25 features").await;
    let catalogue = b.text(&by_test_id("feature-catalogue")).await;
    assert!(catalogue.contains("experiments") && catalogue.contains("queues") && !catalogue.contains("pipelines"));
    b.screenshot("40-feature-catalogue").await;

    b.click("nav a[href=\"/groups\"]").await;
    b.wait_for_path("/groups").await;
    b.click(&by_test_id("add-group")).await;
    b.fill(&format!("{GROUP} [data-testid=\"group-key\"]"), "ml-ops").await;
    b.wait_for_text(
        &by_test_id("group-error"),
        "\"ml-ops\" can't be a group name: use letters, digits and underscores only",
    )
    .await;
    b.find_id("groups-invalid").await;
    b.fill(&format!("{GROUP} [data-testid=\"group-key\"]"), "Data_Scientists").await;
    b.fill(&format!("{GROUP} [data-testid=\"group-name\"]"), "Équipe \"données\"").await;
    b.click(&format!("{GROUP} input[data-feature=\"pipelines\"]")).await;
    b.click(&format!("{GROUP} [data-testid=\"group-assignable\"]")).await;
    b.wait_for_text(
        &format!("{GROUP} .warnings"),
        "\"pipelines\" has effect only where the tenant or the server enables it, and neither the server nor any tenant does yet.",
    )
    .await;
    b.click(&by_test_id("set-users")).await;
    b.click(&by_test_id("preset-empty")).await;
    let id = b.find(&format!("{GROUP} [data-testid=\"group-id\"]")).await.prop("value").await.unwrap().unwrap();
    b.wait_gone(&by_test_id("groups-invalid")).await;
    b.screenshot("41-group-designer").await;

    let env =
        helm_env(&b.downloaded_text(&format!("{} [data-testid=\"download-export\"]", by_test_id("groups-helm"))).await);
    let group = |p: &str| format!("CLEARML__services__auth__default_groups__Data_Scientists__{p}");
    assert_eq!(text(value(&env, &group("id"))), id);
    assert!(id.len() == 36 && id.as_bytes()[14] == b'4', "a v4 UUID: {id}");
    assert_eq!(value(&env, &group("name")), "\"Équipe \\\"données\\\"\"");
    assert_eq!(value(&env, &group("features")), "[\"pipelines\"]");
    assert_eq!(value(&env, &group("assignable")), "true");
    assert_eq!(value(&env, &group("system")), "false");
    assert_eq!(value(&env, "CLEARML__services__auth__default_groups__users__features"), "[]");

    b.click("nav a[href=\"/server-config\"]").await;
    b.wait_for_path("/server-config").await;
    b.fill("#supervisor-email", "not an email").await;
    b.find_id("config-invalid").await;
    b.fill("#supervisor-email", "Boss@Example.com").await;
    b.fill("#supervisor-secret", "s3cr3t-Value").await;
    b.click(&by_test_id("sec-group-Data_Scientists")).await;
    b.click(&by_test_id("per-tenant-apps")).await;
    b.wait_for_text(&by_test_id("export-agent"), "appsQueue").await;
    let shown = b.wait_for_text(&by_test_id("export-helm"), "boss@example.com").await;
    assert!(!shown.contains("s3cr3t-Value"), "the secret is masked on screen");
    b.screenshot("42-server-configuration").await;

    let helm = b.downloaded_text(&format!("{} [data-testid=\"download-export\"]", by_test_id("export-helm"))).await;
    let env = helm_env(&helm);
    assert_eq!(value(&env, "CLEARML__secure__credentials__supervisor__email"), "\"boss@example.com\"");
    assert_eq!(value(&env, "CLEARML__secure__credentials__supervisor__user_secret"), "s3cr3t-Value");
    assert_eq!(
        value(&env, "CLEARML__secure__credentials__supervisor__sec_groups"),
        "[\"users\",\"admins\",\"queue_admins\",\"Data_Scientists\"]"
    );
    assert_eq!(text(value(&env, &group("id"))), id);
    let doc = &YamlLoader::load_from_str(&helm).unwrap()[0];
    assert_eq!(doc["clearmlApplications"]["queueMode"].as_str(), Some("per_tenant"));
    let compose =
        b.downloaded_text(&format!("{} [data-testid=\"download-export\"]", by_test_id("export-compose"))).await;
    let doc = &YamlLoader::load_from_str(&compose).unwrap()[0];
    assert_eq!(
        doc["services"]["apiserver"]["environment"]["CLEARML__secure__credentials__supervisor__email"].as_str(),
        Some("\"boss@example.com\"")
    );

    // A reload keeps the design but not the secret.
    b.goto(&format!("{}/server-config", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    let shown = b.wait_for_text(&by_test_id("export-helm"), "Data_Scientists__id").await;
    b.click(&by_test_id("reveal-secret")).await;
    let revealed = b.wait_for_text(&by_test_id("export-helm"), "<SUPERVISOR_USER_SECRET>").await;
    assert!(!shown.contains("s3cr3t") && !revealed.contains("s3cr3t"));

    // Starting from the seed's values clears the form and keeps the groups.
    b.click(&by_test_id("reset-config")).await;
    b.wait_for_text(&by_test_id("export-helm"), "<SUPERVISOR_USER_EMAIL>").await;
    assert_eq!(b.find("#supervisor-email").await.prop("value").await.unwrap().as_deref(), Some(""));
    assert!(b.text(&by_test_id("export-helm")).await.contains("Data_Scientists__id"));
    b.close().await;
}

#[tokio::test]
async fn the_explainer_follows_the_tenants_features_and_the_groups() {
    let server = console_server();
    let api = Api::new(&server.api_url()).basic(&server.key, &server.secret);
    let acme = api.create_company("Acme");
    let row = |f: &str| format!("[data-testid=\"explanation\"] tr[data-feature=\"{f}\"]");

    let b = Browser::start().await;
    b.goto(&format!("{}/effective-features?tenant={acme}", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    let pipelines = b.wait_for_text(&row("pipelines"), "Neither the tenant nor the server enables it.").await;
    assert!(pipelines.contains("not granted"), "{pipelines}");
    let advanced = b.text(&row("user_management_advanced")).await;
    assert!(advanced.contains("The server enables it for the whole organization."), "{advanced}");

    b.goto(&format!("{}/tenants/{acme}", server.base)).await;
    sign_in(&b, &server.key, &server.secret).await;
    b.click("label[for=\"feature-pipelines-enable\"]").await;
    b.click(&by_test_id("save-settings")).await;
    b.wait_for_text(&by_test_id("page-success"), "Settings saved.").await;

    b.click("nav a[href=\"/effective-features\"]").await;
    b.choose(&by_test_id("explain-tenant"), &acme).await;
    let pipelines = b.wait_for_text(&row("pipelines"), "The tenant enables it.").await;
    assert!(pipelines.contains("Granted by \"users\" (no list set"), "{pipelines}");
    assert_eq!(b.find(&row("pipelines")).await.attr("data-granted").await.unwrap().as_deref(), Some("true"));

    // The users group's list leaves pipelines out; a group of the user's brings it back.
    b.click("nav a[href=\"/groups\"]").await;
    b.click(&by_test_id("set-users")).await;
    b.click(&by_test_id("preset-empty")).await;
    b.click(&by_test_id("add-group")).await;
    b.fill(&format!("{GROUP} [data-testid=\"group-key\"]"), "builders").await;
    b.click(&format!("{GROUP} input[data-feature=\"pipelines\"]")).await;
    b.click("nav a[href=\"/effective-features\"]").await;
    b.choose(&by_test_id("explain-tenant"), &acme).await;
    b.wait_for_text(&row("pipelines"), "The users group's list (the global whitelist) leaves it out").await;
    b.click(&by_test_id("member-builders")).await;
    b.wait_for_text(&row("pipelines"), "Granted by \"builders\".").await;
    b.wait_for_text(&by_test_id("granted-count"), "3 of 25 features granted").await;
    b.screenshot("43-effective-features").await;
    b.close().await;
}
