//! One record through core's executor with the console's client: the wizard's one record, each of
//! bulk import's and of a platform apply's. The admin a record made is remembered, for servers
//! that cannot say who a tenant's admin is.

use crate::api::Client;
use crate::known_admins;
use tenantry_core::bulk::plan::{CallKind, RecordPlan};
use tenantry_core::bulk::run::RecordRun;
use tenantry_core::platform::execute::{self, Journal};
use tenantry_core::platform::spec::Secrets;
use tenantry_core::{CompanyId, UserId};

pub async fn run(
    client: Client,
    plan: &RecordPlan,
    record: &mut RecordRun,
    secrets: &dyn Secrets,
    journal: &mut impl Journal,
) {
    execute::run_record(&client, plan, record, secrets, journal).await;
    let made_admin = plan.calls[..record.done.min(plan.calls.len())].iter().any(|c| c.kind == CallKind::CreateAdmin);
    let company = record.tenant_id.as_deref().and_then(|c| CompanyId::parse(c).ok());
    let admin = record.admin_id.as_deref().and_then(|a| UserId::parse(a).ok());
    if let (true, Some(company), Some(admin)) = (made_admin, company, admin) {
        known_admins::remember(client, &company, &admin);
    }
}
