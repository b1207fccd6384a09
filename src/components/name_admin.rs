//! Where the server cannot say who a tenant's admin is, the supervisor names it by user id: the
//! console acts as that user to check it belongs to the tenant, then remembers it (`known_admins`).

use crate::api::{users, Client};
use crate::components::field::TextField;
use crate::components::saving::Saving;
use crate::known_admins;
use leptos::prelude::*;
use tenantry_core::clearml::wire::User;
use tenantry_core::{CompanyId, UserId};

#[component]
pub fn NameTheAdmin(
    company: CompanyId,
    /// Why the console does not know the admin, in the server's terms.
    why: &'static str,
    #[prop(into)] on_named: Callback<User>,
) -> impl IntoView {
    let client = expect_context::<Client>();
    let text = RwSignal::new(String::new());
    let tried = RwSignal::new(false);
    let parsed = Memo::new(move |_| UserId::parse(text.get().trim()));
    let field_error = Signal::derive(move || tried.get().then(|| parsed.get().err()).flatten());
    let confirming = Saving::checking();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        if let Ok(id) = parsed.get_untracked() {
            let company = company.clone();
            let check = async move {
                let user = users::confirm_admin(client, &company, &id).await?;
                known_admins::remember(client, &company, &id);
                Ok(user)
            };
            confirming.run(check, move |user| {
                on_named.run(user);
                None
            });
        }
    };
    view! {
        <div class="alert alert-info" role="note" data-testid="admin-unknown">
            <div class="stacked">
                <p>{why}</p>
                <p>"Enter the admin's user id (ClearML web UI: Settings → Users) and the console acts as that user for this tenant, after checking that the user belongs to it. This browser remembers it."</p>
                <form class="inline-form" on:submit=submit novalidate>
                    <TextField id="admin-id" label="Admin's user id" value=text error=field_error placeholder="32 hex characters" autocomplete="off"/>
                    <button class="btn btn-primary" type="submit" data-testid="admin-id-use" disabled=move || confirming.busy()>
                        {move || confirming.label("Act as this admin", "Checking…")}
                    </button>
                </form>
                {confirming.view("Could not act as that user")}
            </div>
        </div>
    }
}
