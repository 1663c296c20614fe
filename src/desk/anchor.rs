//! Re-anchoring: a mark whose claim id is no longer produced (the extractor or a lexicon
//! changed, a sentence is cut differently) is matched back to a claim through its quote
//! selector. What cannot be matched stays an orphan: reported, never dropped.

use crate::model::{Claim, QuoteSelector};
use std::ops::Range;

/// Where `selector` points in `text`: the occurrence of its exact text whose
/// surroundings agree best with its prefix and suffix.
pub fn locate(selector: &QuoteSelector, text: &str) -> Option<Range<usize>> {
    if selector.exact.trim().is_empty() {
        return None;
    }
    text.match_indices(&selector.exact)
        .map(|(start, m)| {
            let range = start..start + m.len();
            let before = &text[..start];
            let after = &text[range.end..];
            let score =
                common_suffix(before, &selector.prefix) + common_prefix(after, &selector.suffix);
            (score, range)
        })
        .max_by_key(|(score, range)| (*score, std::cmp::Reverse(range.start)))
        .map(|(_, range)| range)
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// The claim (index into `claims`) that covers `range` best: at least half of the
/// shorter of the two must overlap.
pub fn best_claim(range: &Range<usize>, claims: &[Claim]) -> Option<usize> {
    claims
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let overlap = c
                .span
                .end
                .min(range.end)
                .saturating_sub(c.span.start.max(range.start));
            let shorter = c.span.len().min(range.len()).max(1);
            (overlap * 2 >= shorter).then_some((overlap, i))
        })
        .max()
        .map(|(_, i)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(span: Range<usize>) -> Claim {
        Claim {
            span,
            ..Default::default()
        }
    }

    #[test]
    fn the_occurrence_with_matching_context_wins() {
        let text = "قال الوزير نعم. ثم قال الوزير نعم مرة أخرى.";
        let second = text.rfind("قال الوزير نعم").unwrap();
        let sel = QuoteSelector {
            exact: "قال الوزير نعم".into(),
            prefix: "ثم ".into(),
            suffix: " مرة".into(),
        };
        assert_eq!(locate(&sel, text).map(|r| r.start), Some(second));
    }

    #[test]
    fn a_sentence_cut_differently_still_finds_its_claim() {
        // The old claim was the whole sentence; the new extractor splits it in two.
        let claims = [claim(0..20), claim(21..60)];
        assert_eq!(best_claim(&(21..50), &claims), Some(1));
        assert_eq!(best_claim(&(0..60), &claims), Some(1), "the larger overlap");
        assert_eq!(best_claim(&(70..90), &claims), None);
    }

    #[test]
    fn text_that_is_gone_is_not_found() {
        let sel = QuoteSelector {
            exact: "removed sentence".into(),
            ..Default::default()
        };
        assert_eq!(locate(&sel, "another text"), None);
        assert_eq!(locate(&QuoteSelector::default(), "x"), None);
    }
}
