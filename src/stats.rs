//! Figures a desk lead asks for: counts by status, attribution type, outlet and
//! reviewer, progress per article, agreement between reviewers (Cohen's κ). Also what
//! the TUI dashboard draws. Reads the desk and its store; never writes.

use crate::desk::Desk;
use crate::model::{SourceType, Status};
use crate::store::StoreError;
use crate::text::sanitize;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// Claims by status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    pub untriaged: usize,
    pub attributed: usize,
    pub unverified: usize,
    pub contradicted: usize,
}

impl StatusCounts {
    pub fn add(&mut self, status: Status) {
        match status {
            Status::Untriaged => self.untriaged += 1,
            Status::Attributed => self.attributed += 1,
            Status::Unverified => self.unverified += 1,
            Status::Contradicted => self.contradicted += 1,
        }
    }

    pub fn get(&self, status: Status) -> usize {
        match status {
            Status::Untriaged => self.untriaged,
            Status::Attributed => self.attributed,
            Status::Unverified => self.unverified,
            Status::Contradicted => self.contradicted,
        }
    }

    pub fn total(&self) -> usize {
        self.untriaged + self.attributed + self.unverified + self.contradicted
    }

    pub fn triaged(&self) -> usize {
        self.total() - self.untriaged
    }
}

/// One attribution type's claims.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceTypeRow {
    pub source_type: &'static str,
    #[serde(flatten)]
    pub counts: StatusCounts,
}

/// One outlet's articles and claims ("(unknown)" for articles without one).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutletRow {
    pub outlet: String,
    pub articles: usize,
    #[serde(flatten)]
    pub counts: StatusCounts,
}

/// One reviewer's work on this corpus.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReviewerRow {
    pub reviewer: String,
    /// Claims whose latest decision by this reviewer is not untriaged.
    pub decided: usize,
    /// Those decisions by status (`untriaged` counts claims they cleared).
    #[serde(flatten)]
    pub counts: StatusCounts,
    /// History events by this reviewer, undos and changes of mind included.
    pub events: usize,
    pub last_at: Option<String>,
}

/// One article's progress.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleRow {
    pub id: String,
    pub path: String,
    pub title: String,
    pub outlet: Option<String>,
    pub claims: usize,
    pub triaged: usize,
    #[serde(flatten)]
    pub counts: StatusCounts,
}

/// How far two reviewers agree on the claims both of them decided.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Agreement {
    pub reviewers: [String; 2],
    /// Claims both decided (latest decision not untriaged).
    pub n: usize,
    /// Of those, claims where they chose the same status.
    pub agreed: usize,
    /// Cohen's κ; `None` when undefined (both always chose the one same status).
    pub kappa: Option<f64>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Stats {
    pub claims: usize,
    pub triaged: usize,
    pub articles: usize,
    /// Claims whose reviewers' latest decisions differ.
    pub disputed: usize,
    /// Marks on claims this corpus no longer has.
    pub orphans: usize,
    pub by_status: StatusCounts,
    pub by_source_type: Vec<SourceTypeRow>,
    pub by_outlet: Vec<OutletRow>,
    pub by_reviewer: Vec<ReviewerRow>,
    pub per_article: Vec<ArticleRow>,
    pub agreement: Vec<Agreement>,
    /// What could not be read (the figures above then leave it out).
    pub problems: Vec<String>,
}

impl Stats {
    /// As [`Stats::try_compute`]; a store that cannot be read leaves the reviewer
    /// figures empty and says so in `problems`.
    pub fn compute(desk: &Desk) -> Stats {
        Self::try_compute(desk).unwrap_or_else(|e| {
            let mut stats = Self::from_claims(desk);
            stats.problems.push(e.to_string());
            stats
        })
    }

    pub fn try_compute(desk: &Desk) -> Result<Stats, StoreError> {
        let mut stats = Self::from_claims(desk);
        stats.add_reviewers(desk)?;
        Ok(stats)
    }

    /// Everything the desk's current marks tell, without reading history.
    fn from_claims(desk: &Desk) -> Stats {
        let mut stats = Stats {
            // Claims a reviewer dismissed (not claims) are not counted.
            claims: desk.counts().iter().sum(),
            articles: desk.corpus.articles.len(),
            orphans: desk.orphans().len(),
            ..Stats::default()
        };
        let mut by_type: BTreeMap<usize, StatusCounts> = BTreeMap::new();
        let mut by_outlet: BTreeMap<String, (usize, StatusCounts)> = BTreeMap::new();
        for (ai, article) in desk.corpus.articles.iter().enumerate() {
            let mut counts = StatusCounts::default();
            let range = desk.article_claims.get(ai).cloned().unwrap_or(0..0);
            for ci in range.clone().filter(|&c| !desk.is_dismissed(c)) {
                let status = desk.status(ci);
                counts.add(status);
                if let Some(claim) = desk.claims.get(ci) {
                    by_type
                        .entry(type_order(claim.attribution.source_type))
                        .or_default()
                        .add(status);
                }
                if desk.mark_of(ci).is_some_and(|m| m.disputed) {
                    stats.disputed += 1;
                }
            }
            let outlet = article
                .outlet
                .clone()
                .filter(|o| !o.trim().is_empty())
                .unwrap_or_else(|| "(unknown)".to_string());
            let row = by_outlet.entry(outlet).or_default();
            row.0 += 1;
            add_counts(&mut row.1, &counts);
            add_counts(&mut stats.by_status, &counts);
            stats.per_article.push(ArticleRow {
                id: article.id.clone(),
                path: article.path.clone(),
                title: article.title.clone(),
                outlet: article.outlet.clone(),
                claims: counts.total(),
                triaged: counts.triaged(),
                counts,
            });
        }
        stats.triaged = stats.by_status.triaged();
        let types = [
            SourceType::Named,
            SourceType::Anonymous,
            SourceType::Unattributed,
        ];
        stats.by_source_type = types
            .into_iter()
            .map(|t| SourceTypeRow {
                source_type: t.as_str(),
                counts: by_type.get(&type_order(t)).copied().unwrap_or_default(),
            })
            .collect();
        stats.by_outlet = by_outlet
            .into_iter()
            .map(|(outlet, (articles, counts))| OutletRow {
                outlet,
                articles,
                counts,
            })
            .collect();
        stats
    }

    /// Per-reviewer progress and pairwise agreement, from each reviewer's latest
    /// decisions and the history, limited to claims in this corpus.
    fn add_reviewers(&mut self, desk: &Desk) -> Result<(), StoreError> {
        let mut rows: BTreeMap<String, ReviewerRow> = BTreeMap::new();
        // Each claim's decided statuses by reviewer, for agreement.
        let mut decisions: HashMap<String, Vec<(String, Status)>> = HashMap::new();
        for m in desk.store.reviewer_marks()? {
            if desk.claim_index(&m.claim_id).is_none() {
                continue;
            }
            let r = reviewer_row(&mut rows, &m.reviewer);
            r.counts.add(m.status);
            if m.status != Status::Untriaged {
                r.decided += 1;
            }
            if m.status != Status::Untriaged {
                decisions
                    .entry(m.claim_id)
                    .or_default()
                    .push((m.reviewer, m.status));
            }
        }
        for e in desk.store.events_since(0)? {
            if desk.claim_index(&e.claim_id).is_none() {
                continue;
            }
            let r = reviewer_row(&mut rows, &e.reviewer);
            r.events += 1;
            if r.last_at.as_deref().is_none_or(|last| e.at.as_str() > last) {
                r.last_at = Some(e.at);
            }
        }
        self.by_reviewer = rows.into_values().collect();

        let mut pairs: BTreeMap<(String, String), Vec<(Status, Status)>> = BTreeMap::new();
        for mut decided in decisions.into_values() {
            decided.sort();
            for (i, (a, sa)) in decided.iter().enumerate() {
                for (b, sb) in &decided[i + 1..] {
                    pairs
                        .entry((a.clone(), b.clone()))
                        .or_default()
                        .push((*sa, *sb));
                }
            }
        }
        self.agreement = pairs
            .into_iter()
            .map(|((a, b), both)| Agreement {
                reviewers: [a, b],
                n: both.len(),
                agreed: both.iter().filter(|(x, y)| x == y).count(),
                kappa: cohen_kappa(&both),
            })
            .collect();
        Ok(())
    }

    /// The plain-text report `claimdesk stats` prints. Names come last on each line so
    /// that right-to-left outlet names and titles cannot break the columns.
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} claims in {} articles, {} triaged ({}), {} disputed, {} orphaned marks",
            self.claims,
            self.articles,
            self.triaged,
            percent(self.triaged, self.claims),
            self.disputed,
            self.orphans
        );
        let header = "claims untriaged attributed unverified contradicted";
        let counts = |c: &StatusCounts| {
            format!(
                "{:>6} {:>9} {:>10} {:>10} {:>12}",
                c.total(),
                c.untriaged,
                c.attributed,
                c.unverified,
                c.contradicted
            )
        };

        let _ = writeln!(out, "\nclaims  status");
        for status in Status::ALL {
            let _ = writeln!(out, "{:>6}  {status}", self.by_status.get(status));
        }

        let _ = writeln!(out, "\n{header}  attribution");
        for row in &self.by_source_type {
            let _ = writeln!(out, "{}  {}", counts(&row.counts), row.source_type);
        }

        let _ = writeln!(out, "\n{header} articles  outlet");
        for row in &self.by_outlet {
            let _ = writeln!(
                out,
                "{} {:>8}  {}",
                counts(&row.counts),
                row.articles,
                name(&row.outlet)
            );
        }

        let _ = writeln!(out, "\ntriaged  done  article");
        for a in &self.per_article {
            let title = if a.title.trim().is_empty() {
                name(&a.path)
            } else {
                format!("{}  {}", name(&a.path), name(&a.title))
            };
            let _ = writeln!(
                out,
                "{:>7} {:>5}  {title}",
                format!("{}/{}", a.triaged, a.claims),
                percent(a.triaged, a.claims),
            );
        }

        if !self.by_reviewer.is_empty() {
            let _ = writeln!(out, "\ndecided events {header}  reviewer");
            for r in &self.by_reviewer {
                let _ = writeln!(
                    out,
                    "{:>7} {:>6} {}  {}",
                    r.decided,
                    r.events,
                    counts(&r.counts),
                    name(&r.reviewer)
                );
            }
        }

        if !self.agreement.is_empty() {
            let _ = writeln!(out, "\nboth agreed  kappa  reviewers");
            for a in &self.agreement {
                let kappa = a.kappa.map_or("n/a".to_string(), |k| format!("{k:.2}"));
                let _ = writeln!(
                    out,
                    "{:>4} {:>6} {:>6}  {} / {}",
                    a.n,
                    a.agreed,
                    kappa,
                    name(&a.reviewers[0]),
                    name(&a.reviewers[1])
                );
            }
        }
        for p in &self.problems {
            let _ = writeln!(out, "\nproblem: {}", name(p));
        }
        out
    }
}

/// Cohen's κ for two raters' statuses on the same claims: (pₒ − pₑ) / (1 − pₑ).
/// `None` for no claims, or when chance agreement is certain (κ is then undefined).
pub fn cohen_kappa(pairs: &[(Status, Status)]) -> Option<f64> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let observed = pairs.iter().filter(|(a, b)| a == b).count() as f64 / n;
    let chance: f64 = Status::ALL
        .iter()
        .map(|s| {
            let a = pairs.iter().filter(|(x, _)| x == s).count() as f64 / n;
            let b = pairs.iter().filter(|(_, y)| y == s).count() as f64 / n;
            a * b
        })
        .sum();
    if (1.0 - chance).abs() < 1e-12 {
        return None;
    }
    Some((observed - chance) / (1.0 - chance))
}

fn reviewer_row<'a>(
    rows: &'a mut BTreeMap<String, ReviewerRow>,
    name: &str,
) -> &'a mut ReviewerRow {
    rows.entry(name.to_string()).or_insert_with(|| ReviewerRow {
        reviewer: name.to_string(),
        decided: 0,
        counts: StatusCounts::default(),
        events: 0,
        last_at: None,
    })
}

fn add_counts(into: &mut StatusCounts, from: &StatusCounts) {
    into.untriaged += from.untriaged;
    into.attributed += from.attributed;
    into.unverified += from.unverified;
    into.contradicted += from.contradicted;
}

fn type_order(t: SourceType) -> usize {
    match t {
        SourceType::Named => 0,
        SourceType::Anonymous => 1,
        SourceType::Unattributed => 2,
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "-".to_string();
    }
    format!("{}%", part * 100 / whole)
}

/// Untrusted text on one terminal line.
fn name(s: &str) -> String {
    sanitize::one_line(s).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::{Attributed as A, Contradicted as C, Unverified as U};

    #[test]
    fn kappa_matches_a_worked_example() {
        // 10 claims: 7 agreements (4 A/A, 3 C/C), 3 disagreements.
        let mut pairs = vec![(A, A); 4];
        pairs.extend(vec![(C, C); 3]);
        pairs.extend([(A, C), (C, U), (U, A)]);
        // pₒ = 0.7; rater 1: A 5, C 4, U 1; rater 2: A 5, C 4, U 1 → pₑ = 0.25+0.16+0.01.
        let expected = (0.7 - 0.42) / (1.0 - 0.42);
        let k = cohen_kappa(&pairs).expect("defined");
        assert!((k - expected).abs() < 1e-9, "{k} vs {expected}");
    }

    #[test]
    fn kappa_is_one_for_full_agreement_and_undefined_without_variety() {
        assert_eq!(cohen_kappa(&[(A, A), (C, C)]), Some(1.0));
        assert_eq!(cohen_kappa(&[(A, A), (A, A)]), None);
        assert_eq!(cohen_kappa(&[]), None);
        let k = cohen_kappa(&[(A, C), (C, A)]).expect("defined");
        assert!(k < 0.0, "systematic disagreement is below chance: {k}");
    }
}
