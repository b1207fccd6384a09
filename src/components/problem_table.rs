//! A checked file's problems, one row each: errors (which block sending) and warnings, where in
//! the file (a line and column, or a path), and the message. Bulk import and the platform file
//! show theirs in this one table.

use leptos::prelude::*;

pub struct ProblemRow {
    pub blocks: bool,
    pub place: String,
    /// The field's name, where the file's format has columns (bulk import's CSV).
    pub field: Option<&'static str>,
    pub message: String,
}

#[component]
pub fn ProblemTable(
    rows: Vec<ProblemRow>,
    /// Show the field column.
    #[prop(optional)]
    with_field: bool,
    table_test_id: &'static str,
    row_test_id: &'static str,
) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="table" data-testid=table_test_id>
                <thead><tr>
                    <th><span class="visually-hidden">"Kind"</span></th>
                    <th>"Where"</th>
                    {with_field.then(|| view! { <th>"Field"</th> })}
                    <th>"Problem"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|p| view! {
                        <tr class=("problem-error", p.blocks) data-testid=row_test_id>
                            <td><span class=if p.blocks { "badge badge-error" } else { "badge badge-warn" }>{if p.blocks { "Error" } else { "Warning" }}</span></td>
                            <td><code>{p.place}</code></td>
                            {with_field.then(|| view! { <td>{p.field.unwrap_or("")}</td> })}
                            <td><bdi>{p.message}</bdi></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
