//! Claims by id without a second copy of each id: the table holds claim positions, and
//! hashes and compares the ids where the claims keep them.

use crate::model::Claim;
use std::hash::BuildHasher;

#[derive(Debug, Default)]
pub(super) struct ClaimsById {
    table: hashbrown::HashTable<u32>,
    hasher: foldhash::fast::FixedState,
}

impl ClaimsById {
    fn hash(&self, id: &str) -> u64 {
        self.hasher.hash_one(id)
    }

    /// The position of the claim with `id` among `claims`.
    pub fn get(&self, claims: &[Claim], id: &str) -> Option<usize> {
        self.table
            .find(self.hash(id), |&i| {
                claims.get(i as usize).is_some_and(|c| c.id == id)
            })
            .map(|&i| i as usize)
    }

    pub fn contains(&self, claims: &[Claim], id: &str) -> bool {
        self.get(claims, id).is_some()
    }

    /// Index `claims[i]`, whose id is not indexed yet.
    pub fn insert(&mut self, claims: &[Claim], i: usize) {
        let Some(c) = claims.get(i) else {
            return;
        };
        let hash = self.hash(&c.id);
        let hasher = &self.hasher;
        self.table.insert_unique(hash, i as u32, |&k| {
            claims
                .get(k as usize)
                .map_or(0, |c| hasher.hash_one(c.id.as_str()))
        });
    }

    pub fn reserve(&mut self, claims: &[Claim], more: usize) {
        let hasher = &self.hasher;
        self.table.reserve(more, |&k| {
            claims
                .get(k as usize)
                .map_or(0, |c| hasher.hash_one(c.id.as_str()))
        });
    }

    /// Index every claim again (after claims moved).
    pub fn rebuild(&mut self, claims: &[Claim]) {
        self.table.clear();
        self.reserve(claims, claims.len());
        for i in 0..claims.len() {
            self.insert(claims, i);
        }
    }

    pub fn clear(&mut self) {
        self.table.clear();
    }
}
