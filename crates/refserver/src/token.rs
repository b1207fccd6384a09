//! Session tokens: HS256 JWTs naming the user and the access key they were issued for, so that
//! revoking that key also ends its tokens. The signing key is kept in its own owner-only file
//! (`private_files`), so tokens survive a restart and a copy of the database cannot forge them.

use crate::failure::{Failure, Outcome};
use jsonwebtoken::{decode, encode, errors::ErrorKind, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::distributions::Alphanumeric;
use rand::Rng;
use serde::{Deserialize, Serialize};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    pub sub: String,
    pub ak: String,
    pub iat: u64,
    pub exp: u64,
}

pub struct Tokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    ttl_seconds: u64,
}

pub fn new_signing_key() -> String {
    rand::thread_rng().sample_iter(&Alphanumeric).take(64).map(char::from).collect()
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

impl Tokens {
    pub fn new(signing_key: &str, ttl_seconds: u64) -> Self {
        Self {
            encoding: EncodingKey::from_secret(signing_key.as_bytes()),
            decoding: DecodingKey::from_secret(signing_key.as_bytes()),
            ttl_seconds,
        }
    }

    pub fn issue(&self, user: &str, access_key: &str) -> String {
        self.issue_at(user, access_key, unix_now())
    }

    fn issue_at(&self, user: &str, access_key: &str, iat: u64) -> String {
        let claims = Claims { sub: user.into(), ak: access_key.into(), iat, exp: iat + self.ttl_seconds };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).expect("HS256 signs any claims")
    }

    pub fn verify(&self, token: &str) -> Outcome<Claims> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        decode::<Claims>(token, &self.decoding, &validation).map(|d| d.claims).map_err(|e| match e.kind() {
            ErrorKind::ExpiredSignature => Failure::invalid_token("expired"),
            ErrorKind::InvalidSignature => Failure::invalid_token("signature mismatch"),
            _ => Failure::invalid_token("malformed"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_token_verifies() {
        let tokens = Tokens::new("k", 60);
        let claims = tokens.verify(&tokens.issue("u1", "AK")).unwrap();
        assert_eq!((claims.sub.as_str(), claims.ak.as_str()), ("u1", "AK"));
    }

    #[test]
    fn an_expired_token_is_refused_as_expired() {
        let tokens = Tokens::new("k", 60);
        let old = tokens.issue_at("u1", "AK", unix_now() - 120);
        assert_eq!(tokens.verify(&old).unwrap_err().msg, "Invalid token (expired)");
    }

    #[test]
    fn a_token_from_another_server_is_refused() {
        let other = Tokens::new("other", 60).issue("u1", "AK");
        let e = Tokens::new("k", 60).verify(&other).unwrap_err();
        assert_eq!((e.code, e.subcode, e.msg.as_str()), (401, 30, "Invalid token (signature mismatch)"));
        assert_eq!(Tokens::new("k", 60).verify("junk").unwrap_err().msg, "Invalid token (malformed)");
    }
}
