//! What MLflow accepts as a username and a password, checked before anything is sent.

/// MLflow refuses shorter passwords.
pub const MIN_PASSWORD_CHARS: usize = 12;

pub fn check_username(username: &str, existing: &[String]) -> Result<(), String> {
    if username.trim().is_empty() {
        return Err("Enter a username.".into());
    }
    if username != username.trim() {
        return Err("Remove the spaces at the start or end: MLflow would keep them in the username.".into());
    }
    if username.contains(':') {
        return Err(format!(
            "\"{username}\" can't be a username: Basic authentication splits at \":\", so this user could never sign in."
        ));
    }
    if existing.iter().any(|e| e == username) {
        return Err(format!("A user named \"{username}\" already exists."));
    }
    Ok(())
}

/// A new role's name: present, not taken, and not one of the names MLflow gives per-user roles.
pub fn check_role_name(name: &str, taken: &[String]) -> Result<(), String> {
    let name = name.trim();
    if name.is_empty() {
        Err("Enter the role's name.".into())
    } else if taken.iter().any(|t| t == name) {
        Err(format!("A role named \"{name}\" already exists."))
    } else if super::permission::is_per_user_role(name) {
        Err("Names like \"__user_<id>__\" are MLflow's own per-user roles.".into())
    } else {
        Ok(())
    }
}

pub fn check_password(password: &str) -> Result<(), String> {
    let count = password.chars().count();
    if count < MIN_PASSWORD_CHARS {
        return Err(format!(
            "Use at least {MIN_PASSWORD_CHARS} characters ({count} so far): MLflow refuses shorter passwords."
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_must_be_usable_for_basic_auth_and_new() {
        let existing = vec!["alice".to_owned()];
        assert_eq!(check_username("  ", &existing), Err("Enter a username.".into()));
        assert_eq!(
            check_username(" bob", &existing),
            Err("Remove the spaces at the start or end: MLflow would keep them in the username.".into())
        );
        assert_eq!(
            check_username("team:bob", &existing),
            Err("\"team:bob\" can't be a username: Basic authentication splits at \":\", so this user could never sign in.".into())
        );
        assert_eq!(check_username("alice", &existing), Err("A user named \"alice\" already exists.".into()));
        assert_eq!(check_username("Jürgen", &existing), Ok(()));
    }

    #[test]
    fn role_names_are_new_and_not_mlflows_own() {
        let taken = vec!["analysts".to_owned()];
        assert_eq!(check_role_name(" ", &taken), Err("Enter the role's name.".into()));
        assert_eq!(check_role_name(" analysts ", &taken), Err("A role named \"analysts\" already exists.".into()));
        assert_eq!(
            check_role_name("__user_7__", &taken),
            Err("Names like \"__user_<id>__\" are MLflow's own per-user roles.".into())
        );
        assert_eq!(check_role_name("devops", &taken), Ok(()));
    }

    #[test]
    fn passwords_have_at_least_twelve_characters_not_bytes() {
        assert_eq!(
            check_password("ééééééééééé"),
            Err("Use at least 12 characters (11 so far): MLflow refuses shorter passwords.".into())
        );
        assert_eq!(check_password("éééééééééééé"), Ok(()));
    }
}
