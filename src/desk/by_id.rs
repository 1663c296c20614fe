//! Claims by id without a second copy of each id: the table holds claim positions, and
//! compares the ids where the claims keep them. Each entry keeps its id's hash too, so
//! growing the table never reads a claim (a 200k-claim load grows it a dozen times).

use crate::model::Claim;
use std::hash::BuildHasher;

#[derive(Debug, Default)]
pub(super) struct ClaimsById {
    /// Claim position and its id's hash (see [`ClaimsById::hash`]).
    table: hashbrown::HashTable<(u32, u32)>,
    hasher: foldhash::fast::FixedState,
}

/// The table's hash of an entry: 32 bits kept, spread over 64 (the table takes its
/// buckets from the low bits and its tags from the high ones).
fn spread(h: u32) -> u64 {
    u64::from(h).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl ClaimsById {
    fn hash(&self, id: &str) -> u32 {
        self.hasher.hash_one(id) as u32
    }

    /// The position of the claim with `id` among `claims`.
    pub fn get(&self, claims: &[Claim], id: &str) -> Option<usize> {
        let h = self.hash(id);
        self.table
            .find(spread(h), |&(i, eh)| {
                eh == h && claims.get(i as usize).is_some_and(|c| c.id == id)
            })
            .map(|&(i, _)| i as usize)
    }

    pub fn contains(&self, claims: &[Claim], id: &str) -> bool {
        self.get(claims, id).is_some()
    }

    /// Index `claims[i]`, whose id is not indexed yet.
    pub fn insert(&mut self, claims: &[Claim], i: usize) {
        if let Some(c) = claims.get(i) {
            let h = self.hash(&c.id);
            self.table
                .insert_unique(spread(h), (i as u32, h), |&(_, h)| spread(h));
        }
    }

    /// Index the claim with `id` at position `i` (which `claims` may not hold yet),
    /// unless `claims` has one with that id: then false.
    pub fn insert_new(&mut self, claims: &[Claim], id: &str, i: usize) -> bool {
        let h = self.hash(id);
        let same =
            |&(k, kh): &(u32, u32)| kh == h && claims.get(k as usize).is_some_and(|c| c.id == id);
        match self.table.entry(spread(h), same, |&(_, h)| spread(h)) {
            hashbrown::hash_table::Entry::Occupied(_) => false,
            hashbrown::hash_table::Entry::Vacant(v) => {
                v.insert((i as u32, h));
                true
            }
        }
    }

    pub fn reserve(&mut self, more: usize) {
        self.table.reserve(more, |&(_, h)| spread(h));
    }

    /// Index every claim again (after claims moved).
    pub fn rebuild(&mut self, claims: &[Claim]) {
        self.table.clear();
        self.reserve(claims.len());
        for i in 0..claims.len() {
            self.insert(claims, i);
        }
    }

    pub fn clear(&mut self) {
        self.table.clear();
    }
}
