//! The values people type, made valid once: readable names, email addresses and domains
//! (IDNA), and lists pasted from elsewhere.

pub mod domain;
pub mod email;
pub mod look_alike;
pub mod paste;
pub mod readable_name;
pub mod unicode;
