//! "Who lands where": type an email, see which tenant a sign-in with it reaches and why.

use crate::components::routing_store::RoutingStore;
use leptos::prelude::*;
use tenantry_core::routing::Landing;
use tenantry_core::EmailAddress;

fn explain(landing: Landing) -> String {
    match landing {
        Landing::Whitelist { tenant, is_admin } => format!(
            "Lands in {tenant}, by its whitelist entry, {}.",
            match is_admin {
                Some(true) => "as an admin",
                Some(false) => "as a non-admin",
                None => "with the role the server keeps for the entry",
            }
        ),
        Landing::Domain { tenant, domain } => format!("Lands in {tenant}, by the domain {domain}, as a non-admin."),
        Landing::Ambiguous { tenants } => {
            format!(
                "Claimed by {}: the server's choice is unpredictable. Fix it under Conflicts.",
                tenants.join(" and ")
            )
        }
        Landing::Nowhere => "No tenant routes this email: no whitelist entry and no domain match.".into(),
    }
}

#[component]
pub fn RoutingTester() -> impl IntoView {
    let store = RoutingStore::get();
    let email = RwSignal::new(String::new());
    let answer = move || {
        let typed = email.get();
        if typed.trim().is_empty() {
            return None;
        }
        Some(match EmailAddress::parse(&typed) {
            Err(e) => e,
            Ok(address) => match store.loaded() {
                Some(Ok(state)) => explain(state.index.route(&address)),
                Some(Err(e)) => e.message(),
                None => "Loading every tenant's rules…".into(),
            },
        })
    };
    view! {
        <section class="card tester" data-testid="routing-tester">
            <h2>"Who lands where?"</h2>
            <div class="field">
                <label for="tester-email">"Email"</label>
                <input id="tester-email" type="email" autocomplete="off" placeholder="ana@example.com"
                    prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev))/>
            </div>
            <p class="tester-answer" role="status" data-testid="tester-answer">{answer}</p>
        </section>
    }
}
