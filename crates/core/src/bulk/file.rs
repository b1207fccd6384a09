//! The import file: one record per tenant, as CSV (one row each) or YAML (a list under `tenants:`),
//! with the same fields in both. Reading only splits it into records; every rule is `check`'s.

use crate::names::readable_name::quoted;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    Csv,
    Yaml,
}

impl Format {
    /// From the text when it shows (a YAML list of tenants; a CSV file starts with its header
    /// row), else from the file's name: text pasted over a picked file keeps that file's name.
    pub fn detect(file_name: &str, text: &str) -> Format {
        let first =
            text.trim_start_matches('\u{feff}').lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#'));
        match first {
            Some(l) if l.starts_with("tenants:") || l.starts_with("- ") || l == "-" || l == "---" => Format::Yaml,
            Some(l) if l.to_ascii_lowercase().split([',', '\t']).any(|c| c.trim() == "name") => Format::Csv,
            _ => {
                let lower = file_name.to_ascii_lowercase();
                if lower.ends_with(".yaml") || lower.ends_with(".yml") {
                    Format::Yaml
                } else {
                    Format::Csv
                }
            }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Yaml => "YAML",
        }
    }
}

/// A field of a record, with its CSV column and its key in YAML.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Name,
    AllowedUsers,
    Features,
    ExcludeFeatures,
    Domains,
    Whitelist,
    WhitelistAdmins,
    AdminName,
    AdminEmail,
    AdminCredentials,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::Name,
        Field::AllowedUsers,
        Field::Features,
        Field::ExcludeFeatures,
        Field::Domains,
        Field::Whitelist,
        Field::WhitelistAdmins,
        Field::AdminName,
        Field::AdminEmail,
        Field::AdminCredentials,
    ];

    pub fn column(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::AllowedUsers => "allowed_users",
            Field::Features => "features",
            Field::ExcludeFeatures => "exclude_features",
            Field::Domains => "domains",
            Field::Whitelist => "whitelist",
            Field::WhitelistAdmins => "whitelist_admins",
            Field::AdminName => "admin_name",
            Field::AdminEmail => "admin_email",
            Field::AdminCredentials => "admin_credentials",
        }
    }

    /// The key under a YAML record: the admin's fields are grouped under `admin:`.
    pub fn yaml_path(self) -> &'static str {
        match self {
            Field::AdminName => "admin.name",
            Field::AdminEmail => "admin.email",
            Field::AdminCredentials => "admin.credentials",
            other => other.column(),
        }
    }

    /// The field in the supervisor's words, as the single-tenant pages label it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Tenant name",
            Field::AllowedUsers => "Allowed users",
            Field::Features => "Enabled features",
            Field::ExcludeFeatures => "Excluded features",
            Field::Domains => "Email domains",
            Field::Whitelist => "Whitelist",
            Field::WhitelistAdmins => "Whitelist (admins)",
            Field::AdminName => "Admin name",
            Field::AdminEmail => "Admin email",
            Field::AdminCredentials => "Issue credentials",
        }
    }
}

/// Where a record is in the file: a CSV line (1-based, as an editor numbers it) or a YAML item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Origin {
    Line(u64),
    Item(usize),
}

impl Origin {
    /// The place of one field, the way the file's own format would point at it.
    pub fn field(self, field: Field) -> String {
        match self {
            Origin::Line(n) => format!("line {n}, {}", field.column()),
            Origin::Item(i) => format!("tenants[{i}].{}", field.yaml_path()),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Line(n) => write!(f, "line {n}"),
            Origin::Item(i) => write!(f, "tenants[{i}]"),
        }
    }
}

/// One tenant as the file gives it, every value still as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    pub name: String,
    pub allowed_users: String,
    pub features: Vec<String>,
    pub exclude_features: Vec<String>,
    pub domains: Vec<String>,
    pub whitelist: Vec<String>,
    pub whitelist_admins: Vec<String>,
    pub admin_name: String,
    pub admin_email: String,
    pub admin_credentials: String,
}

impl Record {
    fn set(&mut self, field: Field, text: String) {
        match field {
            Field::Name => self.name = text,
            Field::AllowedUsers => self.allowed_users = text,
            Field::AdminName => self.admin_name = text,
            Field::AdminEmail => self.admin_email = text,
            Field::AdminCredentials => self.admin_credentials = text,
            list => *self.list_mut(list) = crate::platform::read::split_list(&text),
        }
    }

    fn list_mut(&mut self, field: Field) -> &mut Vec<String> {
        match field {
            Field::Features => &mut self.features,
            Field::ExcludeFeatures => &mut self.exclude_features,
            Field::Domains => &mut self.domains,
            Field::Whitelist => &mut self.whitelist,
            _ => &mut self.whitelist_admins,
        }
    }
}

/// Something the file's shape prevents reading: no record can be checked until it is mended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub place: String,
    pub message: String,
}

fn unreadable(place: impl Into<String>, message: impl Into<String>) -> Unreadable {
    Unreadable { place: place.into(), message: message.into() }
}

pub const EMPTY_FILE: &str = "The file holds no tenants.";

fn columns_list() -> String {
    Field::ALL.iter().map(|f| f.column()).collect::<Vec<_>>().join(", ")
}

/// Reads the records and where each is; a file that cannot be read says every place why.
pub fn read(format: Format, text: &str) -> Result<Vec<(Origin, Record)>, Vec<Unreadable>> {
    let records = match format {
        Format::Csv => read_csv(text),
        Format::Yaml => read_yaml(text),
    }?;
    if records.is_empty() {
        return Err(vec![unreadable("the file", EMPTY_FILE)]);
    }
    Ok(records)
}

fn read_csv(text: &str) -> Result<Vec<(Origin, Record)>, Vec<Unreadable>> {
    let text = text.trim_start_matches('\u{feff}');
    let delimiter =
        if text.lines().next().is_some_and(|l| l.contains('\t') && !l.contains(',')) { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .comment(Some(b'#'))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text);
    let headers = reader.headers().map_err(|e| vec![unreadable("line 1", e.to_string())])?.clone();
    let header_line = lines.at(headers.position());
    let mut problems = Vec::new();
    let mut fields = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        match Field::ALL.iter().find(|f| f.column() == h.to_ascii_lowercase()) {
            Some(f) if fields.contains(&Some(*f)) => problems.push(unreadable(
                format!("line {header_line}"),
                format!("The column \"{}\" appears twice.", quoted(h)),
            )),
            Some(f) => fields.push(Some(*f)),
            None if h.is_empty() && i + 1 == headers.len() => fields.push(None),
            None => problems.push(unreadable(
                format!("line {header_line}"),
                format!("Unknown column \"{}\": the columns are {}.", quoted(h), columns_list()),
            )),
        }
    }
    if !fields.contains(&Some(Field::Name)) {
        problems.push(unreadable(
            format!("line {header_line}"),
            format!("The header row needs a \"name\" column; the columns are {}.", columns_list()),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut records = Vec::new();
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                let line = lines.at(e.position());
                problems.push(unreadable(format!("line {line}"), format!("This line cannot be read as CSV: {e}.")));
                continue;
            }
        };
        let line = lines.at(row.position());
        if row.iter().all(str::is_empty) {
            continue;
        }
        if row.len() > fields.len() && row.iter().skip(fields.len()).any(|c| !c.is_empty()) {
            problems.push(unreadable(
                format!("line {line}"),
                format!("This line has {} cells and the header {}: a list inside a cell needs quotes, or semicolons between its entries.", row.len(), fields.len()),
            ));
            continue;
        }
        let mut record = Record::default();
        for (field, cell) in fields.iter().zip(row.iter()) {
            if let Some(field) = field {
                record.set(*field, cell.to_owned());
            }
        }
        records.push((Origin::Line(line), record));
    }
    if problems.is_empty() {
        Ok(records)
    } else {
        Err(problems)
    }
}

/// The line a CSV record starts on. The reader counts no comment lines, so lines are counted from
/// the byte where the record starts, going on from the last record (records come in order: one
/// pass over the text in all). Blank lines before a record count towards its position, not its line.
struct LineCounter<'t> {
    bytes: &'t [u8],
    at: usize,
    line: u64,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        Self { bytes: text.as_bytes(), at: 0, line: 1 }
    }

    fn at(&mut self, position: Option<&csv::Position>) -> u64 {
        let mut to = position.map_or(0, |p| p.byte() as usize).min(self.bytes.len());
        while to < self.bytes.len() && matches!(self.bytes[to], b'\r' | b'\n') {
            to += 1;
        }
        if to < self.at {
            (self.at, self.line) = (0, 1);
        }
        self.line += self.bytes[self.at..to].iter().filter(|b| **b == b'\n').count() as u64;
        self.at = to;
        self.line
    }
}

/// Bulk import's YAML is a platform file with one admin a tenant and no SSO: read by the platform
/// file's reader, so both formats name the same fields and report the same paths.
fn read_yaml(text: &str) -> Result<Vec<(Origin, Record)>, Vec<Unreadable>> {
    let file = crate::platform::read::read(text)
        .map_err(|problems| problems.into_iter().map(|p| unreadable(p.path, p.message)).collect::<Vec<_>>())?;
    let mut problems = Vec::new();
    let records = file
        .tenants
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let origin = Origin::Item(i);
            if t.sso.is_some() {
                problems.push(unreadable(format!("{origin}.sso"), NO_SSO_HERE));
            }
            let admins = t.admins.unwrap_or_default();
            if admins.len() > 1 {
                problems.push(unreadable(format!("{origin}.admins"), ONE_ADMIN_HERE));
            }
            if admins.iter().any(|a| a.id.is_some()) {
                problems.push(unreadable(format!("{origin}.admins[0].id"), NO_ADMIN_ID_HERE));
            }
            let given = !admins.is_empty();
            let admin = admins.into_iter().next().unwrap_or_default();
            let credentials = match (given, admin.credentials) {
                (false, _) => "",
                (true, true) => "yes",
                (true, false) => "no",
            };
            let record = Record {
                name: t.name,
                allowed_users: t.allowed_users.unwrap_or_default(),
                features: t.features.unwrap_or_default(),
                exclude_features: t.exclude_features.unwrap_or_default(),
                domains: t.domains.unwrap_or_default(),
                whitelist: t.whitelist.unwrap_or_default(),
                whitelist_admins: t.whitelist_admins.unwrap_or_default(),
                admin_name: admin.name,
                admin_email: admin.email,
                admin_credentials: credentials.into(),
            };
            (origin, record)
        })
        .collect();
    if problems.is_empty() {
        Ok(records)
    } else {
        Err(problems)
    }
}

pub const NO_SSO_HERE: &str = "Bulk import does not set single sign-on: plan this file on the Platform file page (or with tenantry plan), which does.";
pub const ONE_ADMIN_HERE: &str =
    "Bulk import makes one admin a tenant: plan this file on the Platform file page (or with tenantry plan) for more.";
pub const NO_ADMIN_ID_HERE: &str =
    "Bulk import creates its admins: an admin's id belongs in a platform file, planned on the Platform file page.";

/// What the page offers to download: the header and one example row per kind of tenant.
pub const CSV_TEMPLATE: &str = "\
# Tenantry bulk onboarding: one row per tenant. Lists inside a cell: entries separated by semicolons or spaces.
# admin_credentials: yes (default) or no. Lines starting with # are ignored.
name,allowed_users,features,exclude_features,domains,whitelist,whitelist_admins,admin_name,admin_email,admin_credentials
Acme Corp,50,reports;pipelines,app_management,acme.io;acme.com,contractor@gmail.com,it-lead@acme-holding.com,Ana Lopez,ana@acme.io,yes
Globex,,,,globex.com,,,Hank Scorpio,hank@globex.com,no
";

pub const YAML_TEMPLATE: &str = "\
# Tenantry bulk onboarding: the same fields as the CSV template; the admin's are grouped under admin.
tenants:
  - name: Acme Corp
    allowed_users: 50
    features: [reports, pipelines]
    exclude_features: [app_management]
    domains: [acme.io, acme.com]
    whitelist: [contractor@gmail.com]
    whitelist_admins: [it-lead@acme-holding.com]
    admin:
      name: Ana Lopez
      email: ana@acme.io
      credentials: yes
  - name: Globex
    domains: [globex.com]
    admin:
      name: Hank Scorpio
      email: hank@globex.com
      credentials: no
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_is_taken_from_the_first_line_else_from_the_name() {
        assert_eq!(Format::detect("tenants.YML", "name,domains"), Format::Csv);
        assert_eq!(Format::detect("export.csv", "tenants:"), Format::Yaml);
        assert_eq!(Format::detect("tenants.yml", "{tenants: []}"), Format::Yaml);
        assert_eq!(Format::detect("export.txt", "nom,domaines"), Format::Csv);
        assert_eq!(Format::detect("", "# comment\ntenants:\n  - name: A"), Format::Yaml);
        assert_eq!(Format::detect("", "- name: A"), Format::Yaml);
        assert_eq!(Format::detect("", "\u{feff}name,domains\nA,a.io"), Format::Csv);
    }

    #[test]
    fn the_two_templates_hold_the_same_records() {
        let csv: Vec<Record> = read(Format::Csv, CSV_TEMPLATE).unwrap().into_iter().map(|(_, r)| r).collect();
        let yaml: Vec<Record> = read(Format::Yaml, YAML_TEMPLATE).unwrap().into_iter().map(|(_, r)| r).collect();
        assert_eq!(csv, yaml);
        assert_eq!(csv[0].domains, ["acme.io", "acme.com"]);
        assert_eq!(csv[0].admin_credentials, "yes");
    }

    #[test]
    fn csv_rows_know_their_lines_even_after_comments_and_quoted_line_breaks() {
        let text = "# note\nname,domains\n\"Acme\",\"a.io\nb.io\"\n\nGlobex,g.io\n";
        let records = read(Format::Csv, text).unwrap();
        assert_eq!(records[0].0, Origin::Line(3));
        assert_eq!(records[0].1.domains, ["a.io", "b.io"]);
        assert_eq!(records[1].0, Origin::Line(6));
    }

    #[test]
    fn tab_separated_text_pasted_from_a_spreadsheet_is_read() {
        let records = read(Format::Csv, "name\tdomains\nAcme\ta.io\n").unwrap();
        assert_eq!(records[0].1.domains, ["a.io"]);
    }

    #[test]
    fn an_unknown_column_names_the_known_ones() {
        let e = read(Format::Csv, "name,domain\nAcme,a.io\n").unwrap_err();
        assert_eq!(e[0].place, "line 1");
        assert_eq!(
            e[0].message,
            format!("Unknown column \"\u{2068}domain\u{2069}\": the columns are {}.", columns_list())
        );
    }

    #[test]
    fn the_name_column_is_required() {
        let e = read(Format::Csv, "domains\na.io\n").unwrap_err();
        assert!(e[0].message.starts_with("The header row needs a \"name\" column"), "{e:?}");
    }

    #[test]
    fn a_row_with_more_cells_than_the_header_says_why() {
        let e = read(Format::Csv, "name,domains\nAcme,a.io,b.io\n").unwrap_err();
        assert_eq!(e[0].place, "line 2");
        assert_eq!(e[0].message, "This line has 3 cells and the header 2: a list inside a cell needs quotes, or semicolons between its entries.");
    }

    #[test]
    fn an_empty_file_holds_no_tenants() {
        assert_eq!(read(Format::Csv, "name,domains\n").unwrap_err()[0].message, EMPTY_FILE);
        assert_eq!(read(Format::Yaml, "tenants:\n").unwrap_err()[0].message, EMPTY_FILE);
    }

    #[test]
    fn yaml_errors_name_the_path() {
        let e = read(Format::Yaml, "tenants:\n  - name: A\n    domain: a.io\n    admin:\n      mail: x\n").unwrap_err();
        assert_eq!(e[0].place, "tenants[0].\u{2068}domain\u{2069}");
        assert!(e[0].message.starts_with("Unknown field \"\u{2068}domain\u{2069}\""));
        assert_eq!(e[1].place, "tenants[0].admin.\u{2068}mail\u{2069}");
        let e = read(Format::Yaml, "tenants:\n  - name: [A, B]\n").unwrap_err();
        assert_eq!(
            (e[0].place.as_str(), e[0].message.as_str()),
            ("tenants[0].name", "This is one value, not a list or a mapping.")
        );
        let e = read(Format::Yaml, "tenants: 3\n").unwrap_err();
        assert_eq!(e[0].message, crate::platform::read::SHAPE);
        let e = read(Format::Yaml, "tenants:\n  - name: [A\n").unwrap_err();
        assert!(e[0].message.starts_with("This is not valid YAML"), "{e:?}");
    }

    #[test]
    fn a_platform_file_is_read_as_far_as_bulk_import_goes() {
        let e = read(Format::Yaml, "version: 1\ntenants:\n  - name: Acme\n    admins: [{name: A, email: a@acme.io}, {name: B, email: b@acme.io}]\n    sso: {tenant: acme}\n").unwrap_err();
        let got: Vec<(&str, &str)> = e.iter().map(|u| (u.place.as_str(), u.message.as_str())).collect();
        assert_eq!(got, [("tenants[0].sso", NO_SSO_HERE), ("tenants[0].admins", ONE_ADMIN_HERE)]);
        let r = read(
            Format::Yaml,
            "version: 1\ntenants:\n  - name: Acme\n    admins: [{name: A, email: a@acme.io, credentials: false}]\n",
        )
        .unwrap();
        assert_eq!((r[0].1.admin_email.as_str(), r[0].1.admin_credentials.as_str()), ("a@acme.io", "no"));
    }

    #[test]
    fn yaml_numbers_and_booleans_read_as_written() {
        let r = read(Format::Yaml, "- name: 2024\n  allowed_users: 5\n  admin: {credentials: false}\n").unwrap();
        assert_eq!(
            (r[0].1.name.as_str(), r[0].1.allowed_users.as_str(), r[0].1.admin_credentials.as_str()),
            ("2024", "5", "no")
        );
    }
}
