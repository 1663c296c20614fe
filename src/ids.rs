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
    hex16(&h.finalize())
}

/// The first 8 bytes of a digest as 16 lower-case hex digits.
fn hex16(digest: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(16);
    for &b in digest.iter().take(8) {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xF)]));
    }
    out
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
    claim_id_of_key(article_id, &crate::extract::fold_space_owned(key))
}

/// [`claim_id`] from the claim text's search key with its white space folded as
/// [`crate::extract::fold_space`] folds it, for a caller that has that key already.
pub fn claim_id_of_key(article_id: &str, folded_key: &str) -> String {
    short_hash(&["claim", article_id, folded_key])
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
    fn claim_id_is_the_hash_of_the_folded_words_joined_by_one_space() {
        // The id scheme as first written: ids in stores in the field depend on it.
        fn reference(article_id: &str, claim_text: &str) -> String {
            let key = crate::text::normalize::search_key(claim_text);
            let folded: Vec<&str> = key.split_whitespace().collect();
            let mut h = Sha256::new();
            for p in ["claim", article_id, &folded.join(" ")] {
                h.update((p.len() as u64).to_le_bytes());
                h.update(p.as_bytes());
            }
            h.finalize()[..8]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        }
        for text in [
            "",
            "   ",
            "قال  الوزيرُ إن\nالجيش\u{a0}تقدم ١٥٪",
            " Said\tthe Minister, “48 trucks” ",
            "ﻻ إله\u{2003}x",
            "e\u{301}t\u{e9} \u{1F600} 🙂",
        ] {
            assert_eq!(claim_id("ab12", text), reference("ab12", text), "{text:?}");
        }
    }

    #[test]
    fn ids_are_the_digest_prefix_in_lower_case_hex() {
        let mut h = Sha256::new();
        h.update(7u64.to_le_bytes());
        h.update("article");
        h.update(1u64.to_le_bytes());
        h.update("x");
        let hex: String = h.finalize()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(article_id("x"), hex);
    }

    #[test]
    fn article_id_is_content_only() {
        assert_eq!(article_id("x"), article_id("x"));
        assert_ne!(article_id("x"), article_id("y"));
    }
}
