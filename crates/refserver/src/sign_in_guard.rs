//! Password checks cannot exhaust the server. One Argon2 check takes 19 MiB and tens of
//! milliseconds, so a flood of wrong secrets used to grow the server by gigabytes and make the
//! real supervisor wait seconds. Now:
//! - at most one check per core runs at once; a call that waits `QUEUE_WAIT` for a turn gets 429;
//! - failures are counted per access key and per client address, as Keycloak's brute-force
//!   detection does: after `FAILURES_BEFORE_LOCK` failures each further one locks that key (or
//!   address) out for a wait that doubles from `FIRST_WAIT` up to `MAX_WAIT`; a locked-out attempt
//!   is answered 429 without hashing; a success clears the key's count; counts are forgotten after
//!   `FORGET_AFTER` without failures;
//! - an unknown or revoked key is checked against a dummy hash, so its answer takes as long as a
//!   known key's and does not tell which keys exist.
//!
//! Loopback addresses are not counted by address: behind a reverse proxy on the same machine every
//! client has the proxy's address, and locking it out would lock everyone out.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

pub const FAILURES_BEFORE_LOCK: u32 = 5;
pub const FIRST_WAIT: Duration = Duration::from_secs(1);
pub const MAX_WAIT: Duration = Duration::from_secs(15 * 60);
pub const FORGET_AFTER: Duration = Duration::from_secs(15 * 60);
pub const QUEUE_WAIT: Duration = Duration::from_secs(5);
/// How many keys and addresses are remembered at most; the oldest are forgotten first.
const MAX_TRACKED: usize = 50_000;

struct Failures {
    count: u32,
    last: Instant,
    locked_until: Option<Instant>,
}

pub struct SignInGuard {
    free: Mutex<usize>,
    freed: Condvar,
    failures: Mutex<HashMap<String, Failures>>,
}

/// Why a sign-in was not checked.
#[derive(Debug, PartialEq, Eq)]
pub enum NotChecked {
    LockedOut(Duration),
    Busy,
}

fn key_entry(access_key: &str) -> String {
    format!("key:{access_key}")
}

fn address_entry(remote: &str) -> Option<String> {
    let ip: IpAddr = remote.parse().ok()?;
    (!ip.is_loopback()).then(|| format!("address:{ip}"))
}

impl SignInGuard {
    pub fn new(checks_at_once: usize) -> Self {
        Self { free: Mutex::new(checks_at_once.max(1)), freed: Condvar::new(), failures: Mutex::new(HashMap::new()) }
    }

    /// One check per core.
    pub fn for_this_machine() -> Self {
        Self::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    }

    fn entries(access_key: &str, remote: &str) -> Vec<String> {
        std::iter::once(key_entry(access_key)).chain(address_entry(remote)).collect()
    }

    /// Runs `verify` (the password check) unless the key or address is locked out or no turn comes.
    pub fn check(&self, access_key: &str, remote: &str, verify: impl FnOnce() -> bool) -> Result<bool, NotChecked> {
        self.not_locked_out(access_key, remote)?;
        self.take_turn()?;
        // Looked at again with the turn taken: callers that queued while a lock-out ended must
        // not all hash at once when the first of them has already locked the key out again.
        let matched = self.not_locked_out(access_key, remote).map(|()| verify());
        *self.free.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        self.freed.notify_one();
        let matched = matched?;
        if matched {
            self.failures.lock().unwrap_or_else(|p| p.into_inner()).remove(&key_entry(access_key));
        } else {
            self.count_failure(access_key, remote);
        }
        Ok(matched)
    }

    fn not_locked_out(&self, access_key: &str, remote: &str) -> Result<(), NotChecked> {
        let now = Instant::now();
        let failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let until = Self::entries(access_key, remote)
            .iter()
            .filter_map(|e| failures.get(e)?.locked_until)
            .filter(|until| *until > now)
            .max();
        until.map_or(Ok(()), |until| Err(NotChecked::LockedOut(until - now)))
    }

    fn take_turn(&self) -> Result<(), NotChecked> {
        let free = self.free.lock().unwrap_or_else(|p| p.into_inner());
        let (mut free, waited) =
            self.freed.wait_timeout_while(free, QUEUE_WAIT, |free| *free == 0).unwrap_or_else(|p| p.into_inner());
        if waited.timed_out() && *free == 0 {
            return Err(NotChecked::Busy);
        }
        *free -= 1;
        Ok(())
    }

    fn count_failure(&self, access_key: &str, remote: &str) {
        let now = Instant::now();
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if failures.len() >= MAX_TRACKED {
            failures.retain(|_, f| now.duration_since(f.last) < FORGET_AFTER);
            if failures.len() >= MAX_TRACKED {
                let oldest = failures.iter().min_by_key(|(_, f)| f.last).map(|(e, _)| e.clone());
                oldest.map(|e| failures.remove(&e));
            }
        }
        for entry in Self::entries(access_key, remote) {
            let f = failures.entry(entry).or_insert(Failures { count: 0, last: now, locked_until: None });
            if now.duration_since(f.last) >= FORGET_AFTER {
                *f = Failures { count: 0, last: now, locked_until: None };
            }
            f.count += 1;
            f.last = now;
            if f.count >= FAILURES_BEFORE_LOCK {
                f.locked_until = Some(now + lock_for(f.count));
            }
        }
    }
}

/// Makes glibc's malloc give every block of a megabyte or more its own mapping, returned to the
/// system when freed. By default the threshold rises after the first such block is freed, and each
/// of the up to 8-per-core malloc arenas then keeps a 19 MiB Argon2 block for good: 300 MiB after
/// a flood, though only one check per core ever ran at once.
pub fn return_big_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's tuning, and glibc takes its own locks for it.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// The lock-out after the `count`th failure in a row: `FIRST_WAIT` at the threshold, doubling.
pub fn lock_for(count: u32) -> Duration {
    let doublings = count.saturating_sub(FAILURES_BEFORE_LOCK).min(20);
    FIRST_WAIT.saturating_mul(1 << doublings).min(MAX_WAIT)
}

/// A hash no secret matches, checked for unknown or revoked keys so their answer takes as long.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| crate::store::credentials::prepare().1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_out_doubles_from_one_second_up_to_fifteen_minutes() {
        assert_eq!(lock_for(FAILURES_BEFORE_LOCK), Duration::from_secs(1));
        assert_eq!(lock_for(FAILURES_BEFORE_LOCK + 1), Duration::from_secs(2));
        assert_eq!(lock_for(FAILURES_BEFORE_LOCK + 5), Duration::from_secs(32));
        assert_eq!(lock_for(FAILURES_BEFORE_LOCK + 30), MAX_WAIT);
    }

    #[test]
    fn a_key_is_locked_out_after_repeated_failures_and_a_success_clears_it() {
        let guard = SignInGuard::new(1);
        for _ in 0..FAILURES_BEFORE_LOCK - 1 {
            assert_eq!(guard.check("K", "127.0.0.1", || false), Ok(false));
        }
        assert_eq!(guard.check("K", "127.0.0.1", || true), Ok(true));
        for _ in 0..FAILURES_BEFORE_LOCK {
            assert_eq!(guard.check("K", "127.0.0.1", || false), Ok(false));
        }
        assert!(matches!(guard.check("K", "127.0.0.1", || unreachable!("not checked")), Err(NotChecked::LockedOut(_))));
        assert_eq!(guard.check("OTHER", "127.0.0.1", || true), Ok(true), "loopback is not locked by address");
    }

    #[test]
    fn an_address_that_keeps_failing_is_locked_out_for_every_key() {
        let guard = SignInGuard::new(1);
        for i in 0..FAILURES_BEFORE_LOCK {
            assert_eq!(guard.check(&format!("K{i}"), "203.0.113.9", || false), Ok(false));
        }
        assert!(matches!(guard.check("NEW", "203.0.113.9", || true), Err(NotChecked::LockedOut(_))));
        assert_eq!(guard.check("NEW", "198.51.100.1", || true), Ok(true));
    }
}
