//! The wizard's run: its one record through core's executor, as bulk import and platform apply
//! run theirs, with progress saved for the tab and the credentials kept in memory for the result.

use crate::api::Client;
use crate::components::tenants_store::TenantsStore;
use crate::onboarding::Wizard;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tenantry_core::bulk::run::RecordRun;
use tenantry_core::clearml::wire::IssuedCredentials;
use tenantry_core::platform::execute::Journal;
use tenantry_core::platform::spec::GivenSecrets;

/// Runs what is left of the plan through core's executor, as bulk import and platform apply do.
/// A call that may have happened without an answer is looked for on the server before it is sent
/// again.
pub fn start(wizard: Wizard) {
    let Some(plan) = wizard.record() else { return };
    if wizard.running.get_untracked() {
        return;
    }
    let client = expect_context::<Client>();
    let store = use_context::<TenantsStore>();
    wizard.running.set(true);
    spawn_local(async move {
        let mut run = wizard.run.get_untracked();
        if !run.started() {
            run = RecordRun::new(&plan);
        }
        run.retry();
        crate::record_run::run(client, &plan, &mut run, &GivenSecrets::default(), &mut WizardJournal(wizard)).await;
        wizard.running.try_set(false);
        if let Some(store) = store {
            store.reload();
        }
    });
}

/// Progress goes to the tab's storage; the credentials to memory only, for the result page.
struct WizardJournal(Wizard);

impl Journal for WizardJournal {
    fn save(&mut self, run: &RecordRun) {
        self.0.save(run);
    }

    fn issued(&mut self, _admin_email: String, credentials: IssuedCredentials) {
        self.0.credentials.try_set(Some(credentials));
    }
}
