//! The apiserver's error answers: status, subcode and message, shaped as `apierrors/errors.conf`
//! words them, so the console is tested against the messages a real server gives.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub code: u16,
    pub subcode: u16,
    pub msg: String,
}

pub type Outcome<T> = Result<T, Failure>;

impl Failure {
    fn new(code: u16, subcode: u16, msg: impl Into<String>) -> Self {
        Self { code, subcode, msg: msg.into() }
    }

    pub fn bad_request_path(path: &str, why: &str) -> Self {
        Self::new(400, 0, format!("Invalid request path {path} ({why})"))
    }

    /// A header that says who the call is from or acts as, given more than once: servers and
    /// proxies disagree on which copy counts, so none does.
    pub fn repeated_header(name: &str, times: usize) -> Self {
        Self::new(
            400,
            0,
            format!("Ambiguous request (the header {name} was given {times} times: a proxy that keeps another copy would act as someone else)"),
        )
    }

    pub fn both_impersonation_headers() -> Self {
        Self::new(400, 5, "Impersonation error (both X-Clearml-Impersonate-As and X-Clearml-Act-As were given)")
    }

    pub fn impersonation(why: &str) -> Self {
        Self::new(400, 6, format!("Impersonation error ({why})"))
    }

    pub fn invalid_company(id: &str) -> Self {
        Self::new(400, 10, format!("Invalid object id: company={id}"))
    }

    pub fn missing_fields(fields: &[&str]) -> Self {
        Self::new(400, 11, format!("Missing required fields: missing=({})", fields.join(", ")))
    }

    pub fn field(field: &str, why: &str) -> Self {
        Self::new(400, 12, format!("Validation error (error for field '{field}'. {why})"))
    }

    pub fn not_unique(field: &str, value: &str) -> Self {
        Self::new(400, 801, format!("Value combination already exists (unique field): {field}={value}"))
    }

    /// Taken in all but its letters: a name that reads like an existing one (UTS 39 confusables).
    pub fn look_alike(name: &str, existing: &str) -> Self {
        Self::new(
            400,
            801,
            format!("Value combination already exists (unique field): name={name} reads like the existing tenant {existing}"),
        )
    }

    pub fn missing_credentials() -> Self {
        Self::new(401, 20, "Unauthorized (missing credentials)")
    }

    pub fn malformed_credentials(why: &str) -> Self {
        Self::new(401, 21, format!("Unauthorized (malformed credentials) ({why})"))
    }

    pub fn invalid_credentials() -> Self {
        Self::new(401, 22, "Unauthorized (invalid credentials) (failed to locate provided credentials)")
    }

    pub fn invalid_token(why: &str) -> Self {
        Self::new(401, 30, format!("Invalid token ({why})"))
    }

    pub fn role_not_allowed(role: &str, allowed: &[tenantry_core::Role]) -> Self {
        let allowed: Vec<&str> = allowed.iter().map(|r| r.as_str()).collect();
        Self::new(403, 20, format!("Forbidden (not allowed for role): role={role}, allowed=({})", allowed.join(", ")))
    }

    pub fn other_company() -> Self {
        Self::new(403, 21, "Forbidden (not allowed for company): admins manage their own company only")
    }

    pub fn unknown_endpoint(name: &str, version: &str) -> Self {
        Self::new(404, 0, format!("Unable to find endpoint for name {name} and version {version}"))
    }

    /// A body the server would not read (too large, not readable), with the status it got.
    pub fn unreadable_body(status: u16, why: &str) -> Self {
        Self::new(status, 0, format!("Request body not accepted ({why})"))
    }

    pub fn body_too_large() -> Self {
        Self::unreadable_body(413, "larger than 2 MiB")
    }

    pub fn locked_out(seconds: u64) -> Self {
        Self::new(
            429,
            0,
            format!("Too many failed sign-ins for these credentials or from this address: try again in {seconds} s"),
        )
    }

    pub fn busy() -> Self {
        Self::new(429, 0, "Too many sign-ins at once: try again shortly")
    }

    pub fn internal() -> Self {
        Self::new(500, 0, "General server error")
    }
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Self {
        eprintln!("storage error: {e}");
        Failure::internal()
    }
}
