//! The keyed hash of the duplicate-id index: SipHash-1-3 (the standard library's
//! `DefaultHasher`, which its `HashMap` uses against hash flooding) under a key secret to the
//! run, so that ids chosen to collide cannot be built ahead of a run.
//!
//! A set's key is derived from a seed and a counter of the sets made, so that no two sets share
//! one. The seed comes from the operating system natively (the standard library's
//! `RandomState`); `wasm32-unknown-unknown` has no randomness of its own, so the JavaScript entry
//! gives it from `crypto.getRandomValues` when it loads the module (`seed_hashes`). Without that
//! (a wasm module used through its raw bindings), the key is still distinct per set but
//! predictable.

use std::hash::{BuildHasher, DefaultHasher, Hasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};

/// The seed given by the host, mixed into every key (0, 0 until given).
static SEED: [AtomicU64; 2] = [AtomicU64::new(0), AtomicU64::new(0)];

/// Sets made, which makes every set's key a different one.
static SETS: AtomicU64 = AtomicU64::new(0);

/// Mixes 16 bytes of randomness from the host into the keys of the sets made from now on.
#[cfg(all(target_arch = "wasm32", feature = "data"))]
pub fn seed_hashes(random: &[u8]) {
    for (slot, word) in SEED.iter().zip(random.chunks(8)) {
        let mut bytes = [0u8; 8];
        for (byte, given) in bytes.iter_mut().zip(word) {
            *byte = *given;
        }
        slot.fetch_xor(u64::from_le_bytes(bytes), Ordering::Relaxed);
    }
}

/// A 64-bit hash of ids under one secret key.
#[derive(Clone)]
pub(super) struct HashKey {
    /// The hasher after absorbing the key: each id is hashed by a copy of it.
    keyed: DefaultHasher,
}

impl Default for HashKey {
    /// A new key: the host's seed, the operating system's randomness where there is some, and
    /// the number of sets made before.
    fn default() -> Self {
        let mut keyed = DefaultHasher::new();
        keyed.write_u64(SEED[0].load(Ordering::Relaxed));
        keyed.write_u64(SEED[1].load(Ordering::Relaxed));
        keyed.write_u64(SETS.fetch_add(1, Ordering::Relaxed));
        // Natively, keys drawn from the operating system once per thread (a counter after that);
        // constant on wasm32-unknown-unknown.
        keyed.write_u64(RandomState::new().hash_one(0u8));
        HashKey { keyed }
    }
}

impl HashKey {
    /// The hash of `id` under this key.
    pub(super) fn hash(&self, id: &[u8]) -> u64 {
        let mut hasher = self.keyed.clone();
        hasher.write(id);
        hasher.finish()
    }
}
