//! "Who lands where": type an email, see which tenant a sign-in with it reaches and why. It needs
//! every tenant's rules, so the first email typed starts reading them (`on_need`); the page shows
//! how far that has come.

use leptos::prelude::*;
use std::sync::Arc;
use tenantry_core::login_routing::{Landing, RoutingIndex};
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
pub fn RoutingTester(
    /// Every tenant's rules, once all are read.
    #[prop(into)]
    index: Signal<Option<Arc<RoutingIndex>>>,
    on_need: Callback<()>,
) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let answer = move || {
        let typed = email.get();
        if typed.trim().is_empty() {
            return None;
        }
        Some(match EmailAddress::parse(&typed) {
            Err(e) => e,
            Ok(address) => match index.get() {
                Some(index) => explain(index.route(&address)),
                None => "Reading every tenant's rules first…".into(),
            },
        })
    };
    view! {
        <section class="card tester" data-testid="routing-tester">
            <h2>"Who lands where?"</h2>
            <div class="field">
                <label for="tester-email">"Email"</label>
                <input id="tester-email" type="text" inputmode="email" autocomplete="off" autocapitalize="none" spellcheck="false"
                    placeholder="ana@example.com"
                    prop:value=move || email.get() on:input=move |ev| { on_need.run(()); email.set(event_target_value(&ev)) }/>
                {move || email.with(|typed| EmailAddress::sent_instead_of(typed)).map(|checked| view! {
                    <p class="hint sent-as" data-testid="tester-email-sent-as">"Checked as " <bdi><code>{checked}</code></bdi></p>
                })}
            </div>
            <p class="tester-answer" role="status" data-testid="tester-answer">{answer}</p>
        </section>
    }
}
