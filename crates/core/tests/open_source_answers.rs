//! Answers of every endpoint the console shares with the open-source apiserver
//! (allegroai/clearml-server, API 2.31), written from that server's models, read through the same
//! two functions the console reads every answer with. Each fixture names the file it follows.

use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use tenantry_core::clearml::api_error::{decode_envelope, read_data};
use tenantry_core::clearml::wire::{
    CreateCredentialsResponse, CurrentUserResponse, GetCredentialsResponse, IdResponse, LoginResponse, ServerInfo,
    UsersResponse,
};
use tenantry_core::ApiError;

/// apiserver/service_repo/apicall.py: every answer's envelope. `actual_version` is null until an
/// endpoint matched; `error_stack` is null unless the server runs in debug mode.
fn envelope(endpoint: &str, actual_version: Value, code: u16, subcode: u16, msg: &str, data: Value) -> String {
    json!({
        "meta": {
            "id": "5e4c2b6d3b0e4a8f9c1d7e2f3a4b5c6d",
            "trx": "5e4c2b6d3b0e4a8f9c1d7e2f3a4b5c6d",
            "endpoint": {"name": endpoint, "requested_version": "2.31", "actual_version": actual_version},
            "result_code": code,
            "result_subcode": subcode,
            "result_msg": msg,
            "error_stack": null,
            "error_data": {}
        },
        "data": data
    })
    .to_string()
}

fn ok<T: DeserializeOwned>(endpoint: &str, data: Value) -> T {
    let body = envelope(endpoint, json!("2.31"), 200, 0, "OK", data);
    decode_envelope(200, &body).and_then(|d| read_data(endpoint, &d)).unwrap_or_else(|e| panic!("{endpoint}: {e}"))
}

fn refused(endpoint: &str, code: u16, subcode: u16, msg: &str) -> ApiError {
    let body = envelope(endpoint, json!("2.31"), code, subcode, msg, json!({}));
    decode_envelope(code, &body).unwrap_err()
}

#[test]
fn auth_login() {
    // apiserver/apimodels/auth.py GetTokenResponse.
    let answer: LoginResponse = ok("auth.login", json!({"token": "eyJhbGciOiJIUzI1NiJ9.e30.sig"}));
    assert_eq!(answer.token, "eyJhbGciOiJIUzI1NiJ9.e30.sig");
}

#[test]
fn users_get_current_user_has_no_email() {
    // apiserver/services/users.py get_current_user: the user model joined with company.name, the
    // role from the identity, and getting_started; apiserver/database/model/user.py has no email.
    let answer: CurrentUserResponse = ok(
        "users.get_current_user",
        json!({"user": {"id": "8f0c0a1de9b84c2f9d2a6a1c3e5b7d90", "name": "Ana Silva", "given_name": "Ana",
                         "family_name": "Silva", "avatar": null, "created": "2025-01-01T10:54:27.000+00:00",
                         "company": {"id": "d1bd92a3b039400cbafc60a7a5b1e52b", "name": "Acme"}, "role": "admin"},
               "getting_started": null}),
    );
    let u = answer.user;
    assert_eq!(
        (u.id.as_str(), u.company.id.as_str(), u.company.name.as_str()),
        ("8f0c0a1de9b84c2f9d2a6a1c3e5b7d90", "d1bd92a3b039400cbafc60a7a5b1e52b", "Acme")
    );
    assert_eq!((u.role.as_str(), u.email.as_str()), ("admin", ""));
}

#[test]
fn users_get_all_has_company_ids_and_no_role_or_email() {
    // apiserver/services/users.py get_all over apiserver/database/model/user.py.
    let answer: UsersResponse = ok(
        "users.get_all",
        json!({"users": [
            {"id": "8f0c0a1de9b84c2f9d2a6a1c3e5b7d90", "company": "d1bd92a3b039400cbafc60a7a5b1e52b", "name": "Ana Silva",
             "given_name": "Ana", "family_name": "Silva", "avatar": null, "created": "2025-01-01T10:54:27.000+00:00"},
            {"id": "__tests__", "company": "d1bd92a3b039400cbafc60a7a5b1e52b", "name": null}
        ]}),
    );
    assert_eq!(answer.users.len(), 2);
    assert_eq!(
        (answer.users[0].role.as_str(), answer.users[0].email.as_str(), answer.users[1].name.as_str()),
        ("", "", "")
    );
    assert_eq!(answer.users[0].company.id, "d1bd92a3b039400cbafc60a7a5b1e52b");
}

#[test]
fn auth_create_user() {
    // apiserver/apimodels/auth.py CreateUserResponse.
    let answer: IdResponse = ok("auth.create_user", json!({"id": "0a1b2c3d4e5f60718293a4b5c6d7e8f9"}));
    assert_eq!(answer.id, "0a1b2c3d4e5f60718293a4b5c6d7e8f9");
}

#[test]
fn auth_create_credentials_without_a_label() {
    // apiserver/apimodels/auth.py CreateCredentialsResponse embeds Credentials; label is optional.
    let answer: CreateCredentialsResponse =
        ok("auth.create_credentials", json!({"credentials": {"access_key": "K7Q2ZL0XW8Y3", "secret_key": "s3cr3t"}}));
    assert_eq!((answer.credentials.access_key.as_str(), answer.credentials.label.as_str()), ("K7Q2ZL0XW8Y3", ""));
}

#[test]
fn auth_get_credentials_with_null_last_use_and_no_label() {
    // apiserver/services/auth.py get_credentials: access_key and last_used only, never a secret.
    let answer: GetCredentialsResponse = ok(
        "auth.get_credentials",
        json!({"credentials": [{"access_key": "K7Q2ZL0XW8Y3", "last_used": null},
                               {"access_key": "P4M9RT1VB6N2", "last_used": "2025-03-02T08:01:00.000+00:00", "label": null}]}),
    );
    assert_eq!(answer.credentials[0].last_used, None);
    assert_eq!(answer.credentials[1].last_used.as_deref(), Some("2025-03-02T08:01:00.000+00:00"));
    assert_eq!(answer.credentials[1].label, "");
}

#[test]
fn auth_revoke_credentials_and_a_key_that_is_not_there() {
    // apiserver/apimodels/auth.py RevokeCredentialsResponse; apiserver/services/auth.py raises
    // InvalidUser (400/300) when the key is not the caller's.
    let answer: Value = ok("auth.revoke_credentials", json!({"revoked": 1}));
    assert_eq!(answer["revoked"], 1);
    let e = refused("auth.revoke_credentials", 400, 300, "Invalid user (invalid user or invalid access key)");
    assert_eq!(e.codes(), (400, 300));
    assert_eq!(
        e.explained(),
        "Invalid user (invalid user or invalid access key) — No such user or credentials: they may have been removed or revoked already."
    );
}

#[test]
fn server_info_with_a_null_build() {
    // apiserver/services/server/__init__.py info: version, build and commit (null when the image
    // was built without them), uid, api_version.
    let answer: ServerInfo = ok(
        "server.info",
        json!({"version": "2.0.0", "build": null, "commit": null, "uid": "f3a1", "api_version": "2.31"}),
    );
    assert_eq!((answer.version.as_str(), answer.build.as_str()), ("2.0.0", ""));
}

#[test]
fn a_missing_field_is_a_validation_error_400_12() {
    // apiserver/service_repo/validators.py: jsonmodels' "field is required" surfaces as 400/12.
    let e = refused("auth.create_user", 400, 12, "Validation error (error for field 'company'. Field is required!)");
    assert!(matches!(e, ApiError::Rejected { code: 400, subcode: 12, .. }));
    assert!(e
        .explained()
        .ends_with("— The server did not accept a value in the request (or found a required field missing)."));
}

#[test]
fn acting_for_another_companys_user_is_400_6() {
    // apiserver/service_repo/validators.py validate_impersonation: only root reaches other companies.
    let e = refused("users.get_all", 400, 6, "Impersonation error (Unknown user): id=8f0c, company=d1bd");
    assert_eq!(e.codes(), (400, 6));
}

#[test]
fn unauthorized_answers_ask_to_sign_in_again() {
    // apiserver/apierrors/errors.conf 401: 10 bad auth type, 20 no credentials, 30 invalid token, 31 blocked.
    for (subcode, msg) in [
        (10, "Unauthorized (bad authentication header type)"),
        (20, "Unauthorized (missing credentials)"),
        (30, "Invalid token"),
        (31, "Token is blocked"),
    ] {
        let e = refused("users.get_current_user", 401, subcode, msg);
        assert!(e.needs_sign_in(), "401/{subcode}");
        assert!(e.meaning().is_some(), "401/{subcode} has a meaning");
    }
}

#[test]
fn forbidden_answers_keep_their_subcode() {
    // apiserver/apierrors/errors.conf 403: 10 routing, 12 blocked internal endpoint, 20 role, 21 no write.
    for subcode in [10, 12, 20, 21] {
        let e = refused("auth.create_user", 403, subcode, "Forbidden");
        assert_eq!(e.codes(), (403, subcode));
        assert!(e.meaning().is_some(), "403/{subcode} has a meaning");
    }
}

#[test]
fn an_unknown_endpoint_is_404_with_a_null_version() {
    // apiserver/service_repo/service_repo.py: no endpoint matched, so actual_version stays null.
    let body = envelope(
        "login.get_settings",
        Value::Null,
        404,
        0,
        "Unable to find endpoint for name login.get_settings and version 2.31",
        json!({}),
    );
    assert_eq!(
        decode_envelope(404, &body).unwrap_err(),
        ApiError::NotFound { message: "Unable to find endpoint for name login.get_settings and version 2.31".into() }
    );
}

#[test]
fn a_malformed_path_echoes_a_numeric_version() {
    // apiserver/service_repo/service_repo.py parse_endpoint_path: a path such as
    // /v2.31x/users.get_all raises RequestPathHasInvalidVersion (400/2); the envelope built by
    // apiserver/service_repo/apicall.py may then echo the version as a number and carry no data.
    let body = json!({"meta": {"id": "i", "trx": "i", "endpoint": {"name": "", "requested_version": 2.31, "actual_version": null},
        "result_code": 400, "result_subcode": 2, "result_msg": "Request path has invalid version",
        "error_stack": null, "error_data": {}}})
    .to_string();
    assert_eq!(
        decode_envelope(400, &body).unwrap_err(),
        ApiError::Rejected { code: 400, subcode: 2, message: "Request path has invalid version".into() }
    );
}
