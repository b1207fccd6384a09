//! MLflow with its basic-auth app: the permission model, the calls for each API generation,
//! account rules and the auth ini with the seed's role mapping.

pub mod account;
pub mod auth_ini;
pub mod call;
pub mod connection;
pub mod permission;
pub mod wire;

pub use call::{ApiGeneration, MlflowCall};
pub use permission::{Permission, Resource, ResourceType};
