//! Adding an admin to a tenant that exists (one made with "New tenant only", or one whose admin
//! left): the user, made as the onboarding wizard makes it (role admin, internal), then, if asked,
//! its first credentials, made as that user so they belong to it.

use crate::clearml::curl::CurlCall;
use crate::clearml::onboarding::{validate_admin, Admin, AdminErrors, Plan};
use crate::clearml::wire::{CreateAdminUser, CreateCredentials, User};
use crate::{CompanyId, EmailAddress};

pub const USER_ID_PLACEHOLDER: &str = "<USER_ID>";

#[derive(Clone, Debug, PartialEq)]
pub struct AddAdmin {
    pub company: CompanyId,
    pub admin: Admin,
    pub issue_credentials: bool,
}

impl AddAdmin {
    /// The request, or what is wrong with it: the name and email rules, and an email that a
    /// listed user of the tenant already has (the server would refuse it, or make a second user).
    pub fn check(
        company: &CompanyId,
        name: &str,
        email: &str,
        issue_credentials: bool,
        users: &[User],
    ) -> Result<Self, AdminErrors> {
        let admin = validate_admin(name, email)?;
        let key = admin.email.key();
        let taken = users.iter().find(|u| EmailAddress::parse(&u.email).is_ok_and(|e| e.key() == key));
        if let Some(user) = taken {
            let who = if user.name.is_empty() { user.id.clone() } else { user.name.clone() };
            return Err(AdminErrors {
                name: None,
                email: Some(format!("{who} already has this email in this tenant.")),
            });
        }
        Ok(Self { company: company.clone(), admin, issue_credentials })
    }

    pub fn create_user(&self) -> CreateAdminUser {
        CreateAdminUser::new(self.admin.name.clone(), self.company.clone(), self.admin.email.clone())
    }

    pub fn create_credentials() -> CreateCredentials {
        Plan::create_credentials()
    }

    /// The calls as curl commands, in order; the new user's id is a placeholder until known.
    pub fn commands(&self, api_url: &str) -> Vec<(&'static str, CurlCall)> {
        let mut calls = vec![("Create the admin", CurlCall::new(api_url, "auth.create_user", &self.create_user()))];
        if self.issue_credentials {
            let mut issue = CurlCall::new(api_url, "auth.create_credentials", &Self::create_credentials());
            issue.headers.push((crate::clearml::wire::IMPERSONATE_AS.into(), USER_ID_PLACEHOLDER.into()));
            calls.push(("Issue its credentials, as the new admin", issue));
        }
        calls
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clearml::onboarding::{ADMIN_NAME_REQUIRED, USER_NAME_BIDI};
    use serde_json::json;

    const COMPANY: &str = "0123456789abcdef0123456789abcdef";

    fn company() -> CompanyId {
        CompanyId::parse(COMPANY).unwrap()
    }

    fn user(name: &str, email: &str) -> User {
        serde_json::from_value(json!({"id": "u1", "name": name, "company": COMPANY, "role": "user", "email": email}))
            .unwrap()
    }

    #[test]
    fn the_admin_is_made_as_the_wizard_makes_it_then_its_credentials_as_itself() {
        let add = AddAdmin::check(&company(), " Ana ", "Ana@Acme.io", true, &[]).unwrap();
        let body = serde_json::to_value(add.create_user()).unwrap();
        assert_eq!(
            body,
            json!({"name": "Ana", "company": COMPANY, "email": "ana@acme.io", "role": "admin", "internal": "true"})
        );
        let commands = add.commands("http://x/api");
        assert_eq!(commands.len(), 2);
        assert_eq!(
            commands[1].1.headers,
            vec![("X-Clearml-Impersonate-As".to_owned(), USER_ID_PLACEHOLDER.to_owned())]
        );
        let without = AddAdmin { issue_credentials: false, ..add };
        assert_eq!(without.commands("http://x/api").len(), 1);
    }

    #[test]
    fn each_mistake_is_told_under_its_field() {
        let errors = AddAdmin::check(&company(), "", "ana@acme.io", false, &[]).unwrap_err();
        assert_eq!(errors.name.as_deref(), Some(ADMIN_NAME_REQUIRED));
        let errors = AddAdmin::check(&company(), "Ana\u{202E}", "ana@acme.io", false, &[]).unwrap_err();
        assert_eq!(errors.name.as_deref(), Some(USER_NAME_BIDI));
        let listed = [user("Ana Lopez", "ANA@acme.io")];
        let errors = AddAdmin::check(&company(), "Ana", "ana@Acme.io", false, &listed).unwrap_err();
        assert_eq!(errors.email.as_deref(), Some("Ana Lopez already has this email in this tenant."));
    }
}
