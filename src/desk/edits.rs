//! Reviewers' corrections to extraction, laid over the extracted claims: a source named
//! by hand, a claim dismissed (not a claim) or restored, a missed sentence added. They are
//! stored apart from the claims, so re-extraction never loses them.

use super::{Desk, DeskError};
use crate::extract::fold_space;
use crate::ids;
use crate::model::{Attribution, Claim, QuoteSelector, SourceType};
use crate::store::{ClaimEdit, EditKind};
use std::ops::Range;

impl Desk {
    /// Apply every stored correction (after a load, or when another reviewer made one).
    pub fn apply_edits(&mut self) -> Result<(), DeskError> {
        let edits = self.store.edits()?;
        self.recount();
        self.last_edit_seq = edits.last().map_or(0, |e| e.seq);
        for e in &edits {
            if let EditKind::Add(selector) = &e.kind {
                if !self.by_id.contains(&self.claims, &e.claim_id) {
                    self.insert_added(e, selector);
                }
            }
        }
        self.dismissed.clear();
        self.edited.clear();
        for e in edits {
            let Some(i) = self.claim_index(&e.claim_id) else {
                continue;
            };
            match e.kind {
                EditKind::Source(source) => self.override_source(i, &source),
                EditKind::Dismiss => {
                    self.dismissed.insert(i);
                }
                EditKind::Restore => {
                    self.dismissed.remove(&i);
                }
                EditKind::Add(_) => {}
            }
        }
        Ok(())
    }

    /// Name the claim's source by hand (empty: the article asserts it itself).
    pub fn set_source(&mut self, claim: usize, source: &str) -> Result<ClaimEdit, DeskError> {
        let source = crate::text::sanitize::one_line(source).trim().to_string();
        let edit = self.record_edit(claim, EditKind::Source(source.clone()))?;
        self.override_source(claim, &source);
        Ok(edit)
    }

    /// Dismiss a claim the extractor should not have made, or restore it. Returns whether
    /// it is dismissed now.
    pub fn toggle_dismissed(&mut self, claim: usize) -> Result<bool, DeskError> {
        let now = !self.dismissed.contains(&claim);
        let kind = if now {
            EditKind::Dismiss
        } else {
            EditKind::Restore
        };
        self.record_edit(claim, kind)?;
        self.recount();
        if now {
            self.dismissed.insert(claim);
        } else {
            self.dismissed.remove(&claim);
        }
        Ok(now)
    }

    /// Make a sentence of article `a` a claim. Returns the claim's index (claims after it
    /// move up by one), or the existing claim's when that sentence already is one.
    pub fn add_claim(&mut self, a: usize, span: Range<usize>) -> Result<usize, DeskError> {
        self.load_text(a).map_err(DeskError::Text)?;
        let article = &self.corpus.articles[a];
        let text = fold_space(article.text.get(span.clone()).unwrap_or_default());
        let id = ids::claim_id(&article.id, &text);
        if let Some(i) = self.claim_index(&id) {
            return Ok(i);
        }
        let selector = QuoteSelector::for_span(&article.text, &span);
        let edit = self.store.record_edit(
            &id,
            &article.id,
            &EditKind::Add(selector.clone()),
            &self.reviewer,
        )?;
        self.insert_added(&edit, &selector);
        self.claim_index(&id).ok_or(DeskError::UnknownClaim(id))
    }

    pub fn is_dismissed(&self, claim: usize) -> bool {
        self.dismissed.contains(&claim)
    }

    fn record_edit(&mut self, claim: usize, kind: EditKind) -> Result<ClaimEdit, DeskError> {
        let c = self
            .claims
            .get(claim)
            .ok_or_else(|| DeskError::UnknownClaim(claim.to_string()))?;
        let edit = self
            .store
            .record_edit(&c.id, &c.article_id, &kind, &self.reviewer)?;
        self.last_edit_seq = self.last_edit_seq.max(edit.seq);
        Ok(edit)
    }

    fn override_source(&mut self, claim: usize, source: &str) {
        self.edited.push(claim);
        // without its text the source is still named, only not found in the sentence
        let _ = self.load_text(self.claim_article[claim]);
        let article = &self.corpus.articles[self.claim_article[claim]];
        let c = &mut self.claims[claim];
        let span = c.span.clone();
        let found = (!source.is_empty())
            .then(|| article.text.get(span.clone())?.find(source))
            .flatten()
            .map(|i| span.start + i..span.start + i + source.len());
        c.attribution = Attribution {
            source_type: if source.is_empty() {
                SourceType::Unattributed
            } else {
                SourceType::Named
            },
            source: (!source.is_empty()).then(|| source.to_string()),
            source_span: found,
            ..c.attribution.clone()
        };
    }

    /// Put a reviewer-added claim in its article, in text order.
    fn insert_added(&mut self, edit: &ClaimEdit, selector: &QuoteSelector) {
        let Some(ai) = self
            .corpus
            .articles
            .iter()
            .position(|a| a.id == edit.article_id)
        else {
            return; // its article is not in this corpus
        };
        if self.load_text(ai).is_err() {
            return; // like a sentence no longer in its article
        }
        let article = &self.corpus.articles[ai];
        let Some(span) = super::anchor::locate(selector, &article.text) else {
            return;
        };
        let claim = Claim {
            id: edit.claim_id.clone(),
            article_id: article.id.clone(),
            text: fold_space(&article.text[span.clone()]),
            span,
            ..Default::default()
        };
        let range = self.article_claims[ai].clone();
        let pos = range.start
            + self.claims[range.clone()].partition_point(|c| c.span.start <= claim.span.start);
        self.claims.insert(pos, claim);
        self.recount();
        self.claim_article.insert(pos, ai);
        for (k, r) in self.article_claims.iter_mut().enumerate() {
            if k == ai {
                r.end += 1;
            } else if k > ai {
                *r = r.start + 1..r.end + 1;
            }
        }
        let shift = |i: usize| if i >= pos { i + 1 } else { i };
        self.by_id.rebuild(&self.claims);
        for v in self.aliases.values_mut() {
            *v = shift(*v);
        }
        self.carried = std::mem::take(&mut self.carried)
            .into_iter()
            .map(|(k, v)| (shift(k), v))
            .collect();
        self.dismissed = std::mem::take(&mut self.dismissed)
            .into_iter()
            .map(shift)
            .collect();
    }
}
