//! A tenant admin's own pages (M10): the tenant's users, and the admin's API credentials
//! (create, with the secret shown once; revoke). Calls carry no acting header: the server keeps
//! them to the admin's own tenant.

use crate::api::{sso, users, Client};
use crate::components::credentials_manager::CredentialsManager;
use crate::components::fetched::Fetched;
use crate::components::loaded::Loaded;
use crate::components::page_header::PageHeader;
use crate::components::users_table::UsersTable;
use crate::session::Auth;
use leptos::prelude::*;

fn company_name() -> String {
    expect_context::<Auth>().session_untracked().map(|s| s.user.company.name).unwrap_or_default()
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let client = expect_context::<Client>();
    let people = Fetched::new(move || users::own(client));
    view! {
        <PageHeader title=format!("Users · {}", company_name())/>
        <Loaded source=Signal::derive(move || people.get()) loading="Loading the users…" failed="Could not load the users"
            on_retry=Callback::new(move |_| people.refetch()) let:listed>
            <UsersTable people=listed test_id="users-table"/>
        </Loaded>
    }
}

/// The tenant's groups as the server lists them, their members, and what each gives.
#[component]
pub fn GroupsPage() -> impl IntoView {
    let client = expect_context::<Client>();
    let groups = Fetched::new(move || sso::groups_of(client, None));
    let people = Fetched::new(move || users::own(client));
    let name_of = move |id: &str| {
        people
            .get()
            .and_then(Result::ok)
            .and_then(|us| us.into_iter().find(|u| u.id == id))
            .map_or_else(|| id.to_owned(), |u| if u.name.is_empty() { u.id } else { u.name })
    };
    view! {
        <PageHeader title=format!("Groups · {}", company_name())/>
        <p class="hint page-lede">
            "The groups of your tenant and who is in each. A feature a group gives counts only where your tenant or the server enables it."
        </p>
        <Loaded source=Signal::derive(move || groups.get()) loading="Loading the groups…" failed="Could not load the groups"
            on_retry=Callback::new(move |_| groups.refetch()) let:listed>
        <table class="table" data-testid="groups-table">
            <thead><tr><th scope="col">"Group"</th><th scope="col">"What it gives"</th><th scope="col">"Members"</th><th scope="col">"Kind"</th></tr></thead>
            <tbody>
                {listed.into_iter().map(|g| {
                    let members = g.users.iter().map(|id| name_of(id)).collect::<Vec<_>>();
                    let kind = match (g.system, g.assignable) {
                        (true, _) => "built in",
                        (false, true) => "assignable",
                        (false, false) => "not assignable",
                    };
                    view! {
                        <tr data-group=g.name.clone()>
                            <th scope="row"><code>{g.name.clone()}</code>
                                // A built-in group's description says what "What it gives" says.
                                {(!g.system && !g.description.is_empty()).then(|| view! { <span class="note">{g.description.clone()}</span> })}
                            </th>
                            <td class="note">{g.grants()}</td>
                            <td>{if members.is_empty() { "none".to_owned() } else { members.join(", ") }}</td>
                            <td><span class="badge">{kind}</span></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </Loaded>
    }
}

#[component]
pub fn CredentialsPage() -> impl IntoView {
    view! {
        <PageHeader title=format!("Credentials · {}", company_name())/>
        <p class="hint page-lede">"Your API keys. Revoking the key you signed in with ends this session."</p>
        <CredentialsManager acting=None whose="your".to_owned()/>
    }
}
