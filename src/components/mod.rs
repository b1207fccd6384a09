pub mod alert;
pub mod curl_preview;
pub mod feature_picker;
pub mod field;
pub mod page_header;
pub mod reauth;
pub mod shell;
pub mod tenants_store;
