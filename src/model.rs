//! The reviewer's vocabulary: articles, claims, attribution, status and marks.
//! Plain data shared by every stage; nothing here touches files, SQLite or the terminal.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A reviewer's decision about a claim (or the extractor's suggestion of one).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Untriaged,
    Attributed,
    Unverified,
    Contradicted,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Untriaged,
        Status::Attributed,
        Status::Unverified,
        Status::Contradicted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Untriaged => "untriaged",
            Status::Attributed => "attributed",
            Status::Unverified => "unverified",
            Status::Contradicted => "contradicted",
        }
    }

    /// Accepts the full word or any unambiguous prefix (`a`, `unv`, `contra`).
    pub fn parse(s: &str) -> Option<Status> {
        let s = s.trim().to_ascii_lowercase();
        if s.is_empty() {
            return None;
        }
        let found: Vec<Status> = Status::ALL
            .into_iter()
            .filter(|st| st.as_str().starts_with(&s))
            .collect();
        match found.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// A glyph so that status never depends on colour alone (NO_COLOR, 16 colours).
    pub fn glyph(self) -> &'static str {
        match self {
            Status::Untriaged => "·",
            Status::Attributed => "✓",
            Status::Unverified => "?",
            Status::Contradicted => "✗",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who stands behind a claim.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceType {
    /// A person, institution or outlet is named.
    Named,
    /// "sources said", "a US official", "eyewitnesses".
    Anonymous,
    /// The article asserts it in its own voice.
    #[default]
    Unattributed,
}

impl SourceType {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceType::Named => "named",
            SourceType::Anonymous => "anonymous",
            SourceType::Unattributed => "unattributed",
        }
    }

    pub fn parse(s: &str) -> Option<SourceType> {
        match s.trim().to_ascii_lowercase().as_str() {
            "named" | "n" => Some(SourceType::Named),
            "anonymous" | "anon" | "a" => Some(SourceType::Anonymous),
            "unattributed" | "none" | "u" => Some(SourceType::Unattributed),
            _ => None,
        }
    }

    /// One-cell glyph for the claims sidebar.
    pub fn glyph(self) -> &'static str {
        match self {
            SourceType::Named => "N",
            SourceType::Anonymous => "A",
            SourceType::Unattributed => "-",
        }
    }
}

/// One news story. All byte ranges point into `text`, the file as decoded with line
/// endings normalised to `\n` (a BOM removed); nothing is ever cut out of `text`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id from the content (see [`crate::ids::article_id`]).
    pub id: String,
    /// Path relative to the corpus root; a row of a `.jsonl`/`.csv` file is `file.jsonl#N`
    /// (N counted from 1).
    pub path: String,
    pub title: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    /// ISO 8601 (`2017-11-15`), when one was found.
    pub date: Option<String>,
    pub author: Option<String>,
    /// `ar`, `en`, or `und`.
    pub lang: String,
    pub text: String,
    /// Byte ranges of `text` judged site furniture (menus, repeated titles, widgets).
    pub boilerplate: Vec<Range<usize>>,
    /// `text` was let go to save memory (the TUI keeps only the texts it shows) and is
    /// empty until read again from the file (see `Desk::load_text`).
    #[serde(skip)]
    pub shelved: bool,
}

impl Article {
    /// The readable body: byte ranges of the non-empty lines of `text` that are not
    /// boilerplate, in order. One range per line (a paragraph in news text); a line
    /// that starts with furniture (markup left by a page) gives only what follows it.
    pub fn body_lines(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in self.text.split('\n') {
            let end = start + line.len();
            let mut range = start..end;
            if let Some(b) = self
                .boilerplate
                .iter()
                .find(|b| b.start <= range.start && b.end > range.start && b.end < range.end)
            {
                range.start = b.end;
            }
            let blank = self
                .text
                .get(range.clone())
                .is_none_or(|t| t.trim().is_empty());
            if !blank && !self.is_boilerplate(&range) {
                out.push(range);
            }
            start = end + 1;
        }
        out
    }

    /// True when `range` lies entirely inside boilerplate.
    pub fn is_boilerplate(&self, range: &Range<usize>) -> bool {
        self.boilerplate
            .iter()
            .any(|b| b.start <= range.start && range.end <= b.end)
    }
}

/// Who says a claim, and through which words.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    pub source_type: SourceType,
    /// The source phrase as written ("وزارة الدفاع الروسية", "a US official").
    pub source: Option<String>,
    /// Byte range of the source phrase in the article text.
    pub source_span: Option<Range<usize>>,
    /// The cue word or phrase ("وقال", "بحسب", "according to").
    pub cue: Option<String>,
    pub cue_span: Option<Range<usize>>,
    /// Where one source quotes another, outermost first: outlet → agency → source.
    pub chain: Vec<String>,
}

/// What a checker wants to see at a glance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signals {
    /// The claim contains quoted speech.
    pub quoted: bool,
    /// Numbers as written, in order (Arabic-Indic digits kept as they are).
    pub numbers: Vec<String>,
    /// A hedge: "reportedly", "يُعتقد", "أنباء عن".
    pub hedged: bool,
    /// A denial: "نفى", "denied", "عارٍ عن الصحة".
    pub denial: bool,
}

/// A link between two claims that seem to report the same event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub claim_id: String,
    /// The two claims give different numbers for the same thing ("48 شاحنة" vs "50 شاحنة").
    pub numbers_disagree: bool,
}

/// One statement of fact made in an article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Stable id from the article id and the normalised text (see [`crate::ids::claim_id`]).
    pub id: String,
    pub article_id: String,
    /// Byte range of the claim in the article text.
    pub span: Range<usize>,
    /// The claim's text: the span with runs of white space folded to one space.
    pub text: String,
    pub attribution: Attribution,
    pub signals: Signals,
    /// The extractor's suggestion; never the reviewer's decision.
    pub suggested: Status,
    /// Filled by the corpus-wide pass in `extract::related`.
    #[serde(default)]
    pub related: Vec<Related>,
    /// `text` was moved to the session's spill file to save memory (the TUI of a large
    /// corpus) and is empty: `Desk::claim_text` reads it back.
    #[serde(skip)]
    pub spilled: Option<Spilled>,
}

/// Where a claim's text lies in a spill file (see `desk::spill`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Spilled {
    pub at: u64,
    pub len: u32,
}

/// W3C Web Annotation style text quote selector, so a mark can be re-anchored when
/// extraction changes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteSelector {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

impl QuoteSelector {
    /// Characters of context kept on each side.
    pub const CONTEXT_CHARS: usize = 32;

    pub fn for_span(text: &str, span: &Range<usize>) -> QuoteSelector {
        let exact = text.get(span.clone()).unwrap_or_default().to_string();
        let before = text.get(..span.start).unwrap_or_default();
        let after = text.get(span.end..).unwrap_or_default();
        let prefix: String = {
            let chars: Vec<char> = before.chars().rev().take(Self::CONTEXT_CHARS).collect();
            chars.into_iter().rev().collect()
        };
        let suffix: String = after.chars().take(Self::CONTEXT_CHARS).collect();
        QuoteSelector {
            exact,
            prefix,
            suffix,
        }
    }
}

/// One reviewer decision as stored in history. `seq` orders all events in a store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkEvent {
    pub seq: i64,
    pub claim_id: String,
    pub article_id: String,
    pub old_status: Status,
    pub new_status: Status,
    pub note: Option<String>,
    pub reviewer: String,
    /// RFC 3339 UTC, written by SQLite (`2026-11-23T16:41:39.123Z`).
    pub at: String,
    pub selector: QuoteSelector,
}

/// A claim's current state as the reviewers left it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub claim_id: String,
    pub status: Status,
    pub note: Option<String>,
    pub reviewer: String,
    pub at: String,
    /// Reviewers' latest decisions disagree (both are kept in history).
    pub disputed: bool,
}

/// Something wrong with the input that did not stop the load.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The file (relative to the corpus root) the problem is about.
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_parses_unambiguous_prefixes_only() {
        assert_eq!(Status::parse("a"), Some(Status::Attributed));
        assert_eq!(Status::parse("Unverified"), Some(Status::Unverified));
        assert_eq!(Status::parse("c"), Some(Status::Contradicted));
        assert_eq!(Status::parse("u"), None, "u is untriaged or unverified");
        assert_eq!(Status::parse("bogus"), None);
    }

    #[test]
    fn body_lines_skip_boilerplate_and_blank_lines() {
        let text = "Title\n\nBody one.\nMenu\nBody two.".to_string();
        let menu = text.find("Menu").unwrap();
        let furniture = menu..menu + 4;
        let a = Article {
            text: text.clone(),
            boilerplate: Vec::from([furniture]),
            ..Default::default()
        };
        let lines: Vec<&str> = a.body_lines().into_iter().map(|r| &text[r]).collect();
        assert_eq!(lines, vec!["Title", "Body one.", "Body two."]);
    }

    #[test]
    fn quote_selector_keeps_context_on_char_boundaries() {
        let text = "قال الوزير إن الجيش تقدم";
        let start = text.find("إن").unwrap();
        let sel = QuoteSelector::for_span(text, &(start..text.len()));
        assert_eq!(sel.exact, "إن الجيش تقدم");
        assert_eq!(sel.prefix, "قال الوزير ");
        assert_eq!(sel.suffix, "");
    }
}
