//! What the console writes for others to deploy: the server configuration, its YAML, env values.

pub mod env_value;
pub mod server_config;
pub mod yaml;
