//! The tenant forms' model (what the user typed) and the only way from it to a request:
//! `validate_new_tenant` and `validate_settings` return either the request or every field's error.

use crate::clearml::tenant::TakenNames;
use crate::clearml::wire::{CreateCompany, TenantDefaults, UpdateCompanySettings};
use crate::{AllowedUsers, CompanyId, FeatureName, TenantName};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TenantField {
    Name,
    AllowedUsers,
    Features,
    ExcludeFeatures,
}

impl TenantField {
    pub fn label(self) -> &'static str {
        match self {
            TenantField::Name => "Tenant name",
            TenantField::AllowedUsers => "Allowed users",
            TenantField::Features => "Enabled features",
            TenantField::ExcludeFeatures => "Excluded features",
        }
    }
}

/// What one feature is for a tenant.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FeatureChoice {
    /// Neither listed nor excluded: the tenant gets what the server gives.
    #[default]
    Inherit,
    Enabled,
    Excluded,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantForm {
    pub name: String,
    pub allowed_users: String,
    pub features: Vec<String>,
    pub exclude_features: Vec<String>,
}

impl TenantForm {
    pub fn choice(&self, feature: &str) -> FeatureChoice {
        if self.features.iter().any(|f| f == feature) {
            FeatureChoice::Enabled
        } else if self.exclude_features.iter().any(|f| f == feature) {
            FeatureChoice::Excluded
        } else {
            FeatureChoice::Inherit
        }
    }

    pub fn set_choice(&mut self, feature: &str, choice: FeatureChoice) {
        self.features.retain(|f| f != feature);
        self.exclude_features.retain(|f| f != feature);
        match choice {
            FeatureChoice::Inherit => {}
            FeatureChoice::Enabled => self.features.push(feature.to_owned()),
            FeatureChoice::Excluded => self.exclude_features.push(feature.to_owned()),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<TenantField, String>);

impl FieldErrors {
    pub fn get(&self, field: TenantField) -> Option<&str> {
        self.0.get(&field).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// One line for the form's action bar, naming the fields that block the submit.
    pub fn summary(&self) -> Option<String> {
        let names: Vec<&str> = self.0.keys().map(|f| f.label()).collect();
        (!names.is_empty()).then(|| format!("Fix to continue: {}.", names.join(", ")))
    }

    fn note<T>(&mut self, field: TenantField, result: Result<T, String>) -> Option<T> {
        result.map_err(|e| self.0.entry(field).or_insert(e)).ok()
    }
}

fn feature_list(raw: &[String]) -> Result<Vec<FeatureName>, String> {
    raw.iter().map(|f| FeatureName::parse(f)).collect()
}

fn no_overlap(features: &[FeatureName], excluded: &[FeatureName]) -> Result<(), String> {
    let enabled: HashSet<_> = features.iter().collect();
    match excluded.iter().find(|f| enabled.contains(f)) {
        Some(f) => Err(format!("\"{f}\" is both enabled and excluded: choose one.")),
        None => Ok(()),
    }
}

fn optional_allowed_users(raw: &str) -> Result<Option<AllowedUsers>, String> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        AllowedUsers::parse(raw).map(Some)
    }
}

struct CheckedSettings {
    allowed_users: Option<AllowedUsers>,
    features: Vec<FeatureName>,
    exclude_features: Vec<FeatureName>,
}

fn check_settings(form: &TenantForm, errors: &mut FieldErrors) -> Option<CheckedSettings> {
    let allowed_users = errors.note(TenantField::AllowedUsers, optional_allowed_users(&form.allowed_users));
    let features = errors.note(TenantField::Features, feature_list(&form.features));
    let exclude_features = errors.note(TenantField::ExcludeFeatures, feature_list(&form.exclude_features));
    let (features, exclude_features) = (features?, exclude_features?);
    errors.note(TenantField::ExcludeFeatures, no_overlap(&features, &exclude_features))?;
    Some(CheckedSettings { allowed_users: allowed_users?, features, exclude_features })
}

/// A new tenant: every field checked, the name against the tenants that already exist.
pub fn validate_new_tenant(form: &TenantForm, taken: &TakenNames) -> Result<CreateCompany, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = errors.note(TenantField::Name, TenantName::parse(&form.name).and_then(|n| taken.check(&n).map(|_| n)));
    let settings = check_settings(form, &mut errors);
    match (name, settings) {
        (Some(name), Some(s)) if errors.is_empty() => Ok(CreateCompany {
            name,
            defaults: TenantDefaults {
                allowed_users: s.allowed_users,
                features: s.features,
                exclude_features: s.exclude_features,
            },
        }),
        _ => Err(errors),
    }
}

/// An existing tenant's settings; the name is not part of this call.
pub fn validate_settings(company: &CompanyId, form: &TenantForm) -> Result<UpdateCompanySettings, FieldErrors> {
    let mut errors = FieldErrors::default();
    match check_settings(form, &mut errors) {
        Some(s) if errors.is_empty() => Ok(UpdateCompanySettings {
            company: company.clone(),
            features: s.features,
            exclude_features: s.exclude_features,
            allowed_users: s.allowed_users,
        }),
        _ => Err(errors),
    }
}

/// Things that are allowed but probably not meant: enabling a deprecated feature does nothing.
pub fn warnings(form: &TenantForm) -> Vec<String> {
    form.features
        .iter()
        .filter_map(|f| FeatureName::parse(f).ok())
        .filter(|f| f.info().deprecated)
        .map(|f| format!("\"{f}\" is deprecated and does nothing: all users have access regardless of this flag."))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(name: &str, users: &str, features: &[&str], excluded: &[&str]) -> TenantForm {
        TenantForm {
            name: name.into(),
            allowed_users: users.into(),
            features: features.iter().map(|s| s.to_string()).collect(),
            exclude_features: excluded.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_valid_form_becomes_the_request() {
        let req = validate_new_tenant(&form(" Acme ", "10", &["pipelines"], &["applications"]), &TakenNames::default())
            .unwrap();
        assert_eq!(req.name.as_str(), "Acme");
        assert_eq!(req.defaults.allowed_users.unwrap().get(), 10);
        assert_eq!(req.defaults.features, [FeatureName::parse("pipelines").unwrap()]);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let errors = validate_new_tenant(&form("", "0", &["nope"], &[]), &TakenNames::default()).unwrap_err();
        assert_eq!(errors.get(TenantField::Name), Some("Enter a tenant name."));
        assert_eq!(errors.get(TenantField::AllowedUsers), Some("Allowed users must be a whole number of 1 or more."));
        assert_eq!(
            errors.get(TenantField::Features),
            Some("Unknown feature \"nope\": pick one from the feature catalogue")
        );
    }

    #[test]
    fn the_summary_names_every_blocking_field() {
        let errors = validate_new_tenant(&form("", "0", &[], &[]), &TakenNames::default()).unwrap_err();
        assert_eq!(errors.summary().as_deref(), Some("Fix to continue: Tenant name, Allowed users."));
        assert_eq!(FieldErrors::default().summary(), None);
    }

    #[test]
    fn unknown_excluded_feature_is_an_error() {
        let errors = validate_new_tenant(&form("Acme", "", &[], &["bogus"]), &TakenNames::default()).unwrap_err();
        assert_eq!(
            errors.get(TenantField::ExcludeFeatures),
            Some("Unknown feature \"bogus\": pick one from the feature catalogue")
        );
    }

    #[test]
    fn enabled_and_excluded_must_not_overlap() {
        let errors =
            validate_new_tenant(&form("Acme", "", &["reports"], &["reports"]), &TakenNames::default()).unwrap_err();
        assert_eq!(
            errors.get(TenantField::ExcludeFeatures),
            Some("\"reports\" is both enabled and excluded: choose one.")
        );
    }

    #[test]
    fn a_taken_name_is_refused() {
        let errors = validate_new_tenant(&form("ACME", "", &[], &[]), &TakenNames::new(["acme"])).unwrap_err();
        assert_eq!(errors.get(TenantField::Name), Some("A tenant named \"ACME\" already exists."));
    }

    #[test]
    fn allowed_users_may_be_left_empty() {
        let req = validate_new_tenant(&form("Acme", "  ", &[], &[]), &TakenNames::default()).unwrap();
        assert!(req.defaults.is_empty());
    }

    #[test]
    fn deprecated_features_warn() {
        assert_eq!(
            warnings(&form("Acme", "", &["experiments", "reports"], &[])),
            ["\"experiments\" is deprecated and does nothing: all users have access regardless of this flag."]
        );
    }

    #[test]
    fn settings_validate_without_a_name() {
        let id = CompanyId::parse("d1bd92a3b039400cbafc60a7a5b1e52b").unwrap();
        let req = validate_settings(&id, &form("", "3", &["reports"], &[])).unwrap();
        assert_eq!(req.allowed_users.unwrap().get(), 3);
        let errors = validate_settings(&id, &form("", "x", &[], &[])).unwrap_err();
        assert_eq!(errors.get(TenantField::Name), None);
        assert!(errors.get(TenantField::AllowedUsers).is_some());
    }

    #[test]
    fn choosing_a_feature_moves_it_between_lists() {
        let mut f = TenantForm::default();
        f.set_choice("reports", FeatureChoice::Enabled);
        assert_eq!(f.choice("reports"), FeatureChoice::Enabled);
        f.set_choice("reports", FeatureChoice::Excluded);
        assert_eq!((f.features.len(), f.exclude_features.len()), (0, 1));
        f.set_choice("reports", FeatureChoice::Inherit);
        assert_eq!(f.choice("reports"), FeatureChoice::Inherit);
    }
}
