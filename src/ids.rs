//! The one place that decides ids. Ids are stable: an article's comes from its content,
//! a claim's from its article id and its normalised text, so marks survive renames,
//! restarts and re-extraction.

use sha2::{Digest, Sha256};

fn short_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    let digest = h.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// 16 hex digits from the article text (as decoded, `\n` line endings).
pub fn article_id(text: &str) -> String {
    short_hash(&["article", text])
}

/// 16 hex digits from the article id and the claim's normalised text (white space folded,
/// letters folded as for search), so a re-extraction that finds the same sentence gives the
/// same id.
pub fn claim_id(article_id: &str, claim_text: &str) -> String {
    let key = crate::text::normalize::search_key(claim_text);
    let folded: Vec<&str> = key.split_whitespace().collect();
    short_hash(&["claim", article_id, &folded.join(" ")])
}

/// 16 hex digits naming a whole corpus's claims as one extractor made them: the key of
/// results computed across the corpus (related-claim links).
pub fn corpus_key<'a>(extractor: &str, claim_ids: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = claim_ids.collect();
    let mut parts = vec!["corpus", extractor];
    parts.extend(ids);
    short_hash(&parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_id_ignores_spacing_and_harakat_but_not_words() {
        let a = claim_id("abc", "قال  الوزيرُ إن");
        assert_eq!(a, claim_id("abc", "قال الوزير إن"));
        assert_ne!(a, claim_id("abc", "قال الوزير أن ذلك"));
        assert_ne!(a, claim_id("abd", "قال الوزير إن"));
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn article_id_is_content_only() {
        assert_eq!(article_id("x"), article_id("x"));
        assert_ne!(article_id("x"), article_id("y"));
    }
}
