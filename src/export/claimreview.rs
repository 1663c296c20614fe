//! schema.org ClaimReview JSON-LD for the claims reviewers contradicted: one JSON array,
//! one review per contradicted claim, nothing for the others.

use super::ExportOptions;
use crate::desk::Desk;
use crate::model::{SourceType, Status};
use serde_json::{json, Map, Value};
use std::io::{self, Write};

/// `reviewRating.alternateName` when the config's verdict map has no entry.
const DEFAULT_VERDICT: &str = "False";

pub fn write(
    desk: &Desk,
    claims: &[usize],
    opts: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let reviews: Vec<Value> = claims
        .iter()
        .copied()
        .filter(|&i| desk.status(i) == Status::Contradicted)
        .map(|i| review(desk, i, opts))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &reviews)?;
    out.write_all(b"\n")
}

fn review(desk: &Desk, i: usize, opts: &ExportOptions) -> Value {
    let claim = &desk.claims[i];
    let article = desk.article_of(i);
    let mark = desk.mark_of(i);
    let verdict = opts
        .verdicts
        .get(Status::Contradicted.as_str())
        .filter(|v| !v.trim().is_empty())
        .map_or(DEFAULT_VERDICT, String::as_str);

    let mut item = Map::new();
    item.insert("@type".into(), json!("Claim"));
    // Who made the claim: the named source, else the outlet that printed it (an
    // anonymous source or the article's own voice is the outlet's responsibility).
    let source = claim
        .attribution
        .source
        .as_deref()
        .filter(|s| !s.trim().is_empty());
    let author = match (claim.attribution.source_type, source) {
        (SourceType::Named, Some(name)) => Some(name),
        _ => article.outlet.as_deref().or(source),
    };
    if let Some(name) = author {
        // claimdesk cannot tell a person from an institution; most sources in news
        // attribution are institutions.
        item.insert(
            "author".into(),
            json!({ "@type": "Organization", "name": name }),
        );
    }
    let mut appearance = Map::new();
    appearance.insert("@type".into(), json!("NewsArticle"));
    if let Some(url) = article.url.as_deref().filter(|u| !u.trim().is_empty()) {
        appearance.insert("url".into(), json!(url));
    }
    if !article.title.trim().is_empty() {
        appearance.insert("headline".into(), json!(article.title));
    }
    if let Some(date) = &article.date {
        appearance.insert("datePublished".into(), json!(date));
        item.insert("datePublished".into(), json!(date));
    }
    if let Some(outlet) = &article.outlet {
        appearance.insert(
            "publisher".into(),
            json!({ "@type": "Organization", "name": outlet }),
        );
    }
    if appearance.contains_key("url") || appearance.contains_key("headline") {
        item.insert("appearance".into(), Value::Object(appearance));
    }

    let mut review = Map::new();
    review.insert("@context".into(), json!("https://schema.org"));
    review.insert("@type".into(), json!("ClaimReview"));
    review.insert("claimReviewed".into(), json!(claim.text));
    review.insert(
        "reviewRating".into(),
        json!({ "@type": "Rating", "alternateName": verdict }),
    );
    review.insert("itemReviewed".into(), Value::Object(item));
    review.insert(
        "author".into(),
        json!({ "@type": "Organization", "name": opts.organisation }),
    );
    // The day the reviewer decided, from the store's RFC 3339 time.
    if let Some(day) = mark.and_then(|m| m.at.get(..10)) {
        review.insert("datePublished".into(), json!(day));
    }
    review.insert("identifier".into(), json!(claim.id));
    Value::Object(review)
}
