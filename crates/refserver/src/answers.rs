//! Which apiserver the reference server answers like: its own (the documented shapes) or the
//! open-source one where they differ.

/// Which apiserver the reference server answers like.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Answers {
    /// The documented (enterprise) shapes.
    Reference,
    /// The open-source apiserver's (API 2.31, `allegroai/clearml-server`) where the two share an
    /// endpoint: `users.get_all` lists the caller's company whatever `company` says, with
    /// `company` as a plain id and no role or email; `users.get_current_user` has no email; an
    /// unknown endpoint's envelope has `"actual_version": null`; only root may act for a user of
    /// another company (`apiserver/service_repo/validators.py`).
    OpenSource,
}
