//! A tenant's users as a table: name, email, role and, where the reader acts on users by id, the
//! id. What a server leaves out of its list (some report no email or no role) is said, not guessed.

use leptos::prelude::*;
use tenantry_core::clearml::wire::User;

fn or_not_reported(value: String, view: impl FnOnce(String) -> AnyView) -> AnyView {
    if value.is_empty() {
        view! { <span class="hint">"not reported by this server"</span> }.into_any()
    } else {
        view(value)
    }
}

#[component]
pub fn UsersTable(people: Vec<User>, test_id: &'static str, #[prop(optional)] with_ids: bool) -> impl IntoView {
    view! {
        <table class="table" data-testid=test_id>
            <thead>
                <tr>
                    <th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th>
                    {with_ids.then(|| view! { <th scope="col">"User id"</th> })}
                </tr>
            </thead>
            <tbody>
                {people.into_iter().map(|u| { let role = u.role.clone(); view! {
                    <tr data-role=role>
                        <td><bdi>{u.name}</bdi></td>
                        <td>{or_not_reported(u.email, |email| view! { <bdi>{email}</bdi> }.into_any())}</td>
                        <td>{or_not_reported(u.role, |role| view! { <span class="badge">{role}</span> }.into_any())}</td>
                        {with_ids.then(|| view! { <td><code>{u.id}</code></td> })}
                    </tr>
                }}).collect_view()}
            </tbody>
        </table>
    }
}
