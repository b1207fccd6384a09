//! Features: the catalogue, the groups that enable them, and why a user has one.

pub mod explain;
pub mod feature;
pub mod group;
