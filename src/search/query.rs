//! The query language: fzf's extended syntax plus claim fields, parsed once into folded
//! needles. Owns what a query means and when one query can only narrow another; it never
//! touches items.

use crate::model::{SourceType, Status};
use crate::text::normalize::search_key;

/// A parsed query: clauses that must all hold, each a choice of terms (`a | b`).
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub raw: String,
    pub(crate) clauses: Vec<Clause>,
}

/// A query that cannot be understood, with what to do about it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("query {query:?}: {message}")]
pub struct QueryError {
    pub query: String,
    pub message: String,
}

/// Terms joined by `|`: one of them must hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Clause {
    pub terms: Vec<Term>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Term {
    pub negated: bool,
    pub test: Test,
}

/// What one term looks at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Test {
    Text(Pattern),
    Source(Pattern),
    Outlet(Pattern),
    Article(Pattern),
    Status(Status),
    Type(SourceType),
    /// Inclusive ISO date bounds at the precision written (`2017-11` covers the month).
    Date {
        from: Option<String>,
        to: Option<String>,
    },
    Flag(Flag),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flag {
    Note,
    Related,
    Disputed,
    Source,
    Date,
}

/// How a needle must appear in a haystack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Its chars in order, gaps allowed (`abc`).
    Fuzzy,
    /// As one run (`'abc`, and negations and field values by default).
    Exact,
    /// As one run starting and ending at word boundaries (`'abc'`).
    Boundary,
    /// At the start (`^abc`).
    Prefix,
    /// At the end (`abc$`).
    Suffix,
    /// The whole haystack (`^abc$`).
    Equal,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pattern {
    pub kind: Kind,
    /// Folded with the one search normalisation, like the haystacks.
    pub needle: String,
}

const FIELDS: &str = "status, type, source, outlet, article, date, has, related, disputed";

impl Query {
    /// Parse `raw`. Incomplete terms (`status:`, a lone `!` or `^`) are ignored so that a
    /// query being typed is always usable; a field value that cannot be understood is an
    /// error that names the accepted values.
    pub fn parse(raw: &str) -> Result<Query, QueryError> {
        let fail = |message: String| QueryError {
            query: raw.to_string(),
            message,
        };
        let mut clauses: Vec<Clause> = Vec::new();
        let mut join_next = false;
        for token in tokens(raw) {
            if token == "|" {
                join_next = !clauses.is_empty();
                continue;
            }
            let Some(term) = parse_term(&token).map_err(fail)? else {
                continue;
            };
            match clauses.last_mut() {
                Some(last) if join_next => last.terms.push(term),
                _ => clauses.push(Clause { terms: vec![term] }),
            }
            join_next = false;
        }
        // Cheap tests first: fields, then exact runs, then fuzzy scoring.
        clauses.sort_by_key(Clause::cost);
        Ok(Query {
            raw: raw.to_string(),
            clauses,
        })
    }

    /// True when the query selects every item in its original order.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// True when results are ranked by score: some term scores the text. Otherwise
    /// (fields or negations only) matches keep their original order, as in fzf.
    pub fn is_ranked(&self) -> bool {
        self.clauses
            .iter()
            .any(|c| c.terms.iter().any(|t| !t.negated && t.text().is_some()))
    }

    /// True when every item matching `self` also matches `wider`, so that `self` can be
    /// answered by rescanning `wider`'s matches (typing more, or adding a term).
    pub fn narrows(&self, wider: &Query) -> bool {
        wider
            .clauses
            .iter()
            .all(|w| self.clauses.iter().any(|c| c.implies(w)))
    }

    /// True when the query reads item fields (its results change when a mark does).
    pub fn uses_fields(&self) -> bool {
        self.clauses
            .iter()
            .any(|c| c.terms.iter().any(|t| t.text().is_none()))
    }

    /// Same meaning, whatever the spelling (`ab  'c` and `ab 'c`).
    pub fn same_as(&self, other: &Query) -> bool {
        self.clauses == other.clauses
    }
}

impl Clause {
    fn cost(&self) -> u8 {
        self.terms.iter().map(Term::cost).max().unwrap_or(0)
    }

    /// Every term of `self` implies some term of `wider`.
    fn implies(&self, wider: &Clause) -> bool {
        self.terms
            .iter()
            .all(|t| wider.terms.iter().any(|w| t.implies(w)))
    }
}

impl Term {
    pub(crate) fn text(&self) -> Option<&Pattern> {
        match &self.test {
            Test::Text(p) => Some(p),
            _ => None,
        }
    }

    fn cost(&self) -> u8 {
        match &self.test {
            Test::Text(p) if p.kind == Kind::Fuzzy && !self.negated => 3,
            Test::Text(_) => 2,
            Test::Source(_) | Test::Outlet(_) | Test::Article(_) => 1,
            _ => 0,
        }
    }

    /// True when an item satisfying `self` always satisfies `wider`.
    fn implies(&self, wider: &Term) -> bool {
        if self == wider {
            return true;
        }
        match (&self.test, &wider.test) {
            (Test::Text(a), Test::Text(b))
            | (Test::Source(a), Test::Source(b))
            | (Test::Outlet(a), Test::Outlet(b))
            | (Test::Article(a), Test::Article(b)) => match (self.negated, wider.negated) {
                (false, false) => a.implies(b),
                // "has no ab" implies "has no abc" when both are plain runs
                (true, true) => {
                    a.kind == Kind::Exact && b.kind == Kind::Exact && b.needle.contains(&a.needle)
                }
                _ => false,
            },
            _ => false,
        }
    }
}

impl Pattern {
    /// True when a haystack matching `self` always matches `wider`.
    fn implies(&self, wider: &Pattern) -> bool {
        let (a, b) = (&self.needle, &wider.needle);
        match wider.kind {
            Kind::Fuzzy => is_subsequence(b, a),
            Kind::Exact => self.kind != Kind::Fuzzy && a.contains(b.as_str()),
            Kind::Boundary => self.kind == Kind::Boundary && a == b,
            Kind::Prefix => {
                matches!(self.kind, Kind::Prefix | Kind::Equal) && a.starts_with(b.as_str())
            }
            Kind::Suffix => {
                matches!(self.kind, Kind::Suffix | Kind::Equal) && a.ends_with(b.as_str())
            }
            Kind::Equal => self.kind == Kind::Equal && a == b,
        }
    }
}

/// True when the chars of `short` appear in `long` in order.
fn is_subsequence(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// Split on whitespace; `\ ` keeps a space inside a term.
fn tokens(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_whitespace()) {
            cur.push(' ');
            chars.next();
        } else if c.is_whitespace() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn parse_term(token: &str) -> Result<Option<Term>, String> {
    let (negated, body) = match token.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, token),
    };
    let test = match body.split_once(':') {
        // Buckwalter transliteration, for typing Arabic on a Latin keyboard: bw:AlslAm.
        Some((name, value)) if name.eq_ignore_ascii_case("bw") => {
            text_pattern(&crate::text::keyboard::buckwalter(value), negated).map(Test::Text)
        }
        Some((name, value)) if is_field(name) => parse_field(&name.to_ascii_lowercase(), value)?,
        _ => text_pattern(body, negated).map(Test::Text),
    };
    Ok(test.map(|test| Term { negated, test }))
}

fn is_field(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "status"
            | "type"
            | "source"
            | "outlet"
            | "article"
            | "date"
            | "has"
            | "related"
            | "disputed"
    )
}

/// A field term; `None` while its value is still empty.
fn parse_field(name: &str, value: &str) -> Result<Option<Test>, String> {
    let flag_value = |flag: Flag| match value.to_ascii_lowercase().as_str() {
        "" | "yes" | "true" | "1" => Ok(Some(Test::Flag(flag))),
        other => Err(format!(
            "{name}:{other}: write `{name}:` for claims that are {name}, `!{name}:` for the others"
        )),
    };
    match name {
        "related" => return flag_value(Flag::Related),
        "disputed" => return flag_value(Flag::Disputed),
        _ => {}
    }
    if value.is_empty() {
        return Ok(None);
    }
    let test = match name {
        "status" => Test::Status(Status::parse(value).ok_or_else(|| {
            format!("status:{value}: use attributed, unverified, contradicted or untriaged (or an unambiguous prefix)")
        })?),
        "type" => Test::Type(source_type(value).ok_or_else(|| {
            format!("type:{value}: use named, anonymous or unattributed (or a prefix)")
        })?),
        "has" => Test::Flag(match value.to_ascii_lowercase().as_str() {
            "note" | "notes" => Flag::Note,
            "related" => Flag::Related,
            "disputed" | "dispute" => Flag::Disputed,
            "source" => Flag::Source,
            "date" => Flag::Date,
            _ => return Err(format!("has:{value}: use has:note, has:related, has:disputed, has:source or has:date")),
        }),
        "date" => parse_date_range(value)?,
        "source" | "outlet" | "article" => {
            let Some(p) = text_pattern(value, true) else {
                return Ok(None);
            };
            match name {
                "source" => Test::Source(p),
                "outlet" => Test::Outlet(p),
                _ => Test::Article(p),
            }
        }
        _ => return Err(format!("{name}: is not a field; fields are {FIELDS}")),
    };
    Ok(Some(test))
}

/// A source type by any prefix of its name, so that `type:an` works while typing.
fn source_type(value: &str) -> Option<SourceType> {
    let v = value.to_ascii_lowercase();
    [
        SourceType::Named,
        SourceType::Anonymous,
        SourceType::Unattributed,
    ]
    .into_iter()
    .find(|t| t.as_str().starts_with(&v))
    .or_else(|| SourceType::parse(value))
}

/// `2017-11..2017-12`, `2017-11..`, `..2017-12` or `2017-11-15`.
fn parse_date_range(value: &str) -> Result<Test, String> {
    let check = |d: &str| -> Result<Option<String>, String> {
        if d.is_empty() {
            return Ok(None);
        }
        let ok = matches!(d.len(), 4 | 7 | 10)
            && d.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if ok {
            Ok(Some(d.to_string()))
        } else {
            Err(format!(
                "date:{value}: write dates as YYYY, YYYY-MM or YYYY-MM-DD, ranges as FROM..TO (either side may be left out)"
            ))
        }
    };
    Ok(match value.split_once("..") {
        Some((from, to)) => Test::Date {
            from: check(from)?,
            to: check(to)?,
        },
        None => {
            let d = check(value)?;
            Test::Date {
                from: d.clone(),
                to: d,
            }
        }
    })
}

/// A text pattern with fzf's operators; `exact_default` makes a bare word an exact run
/// (negations and field values). `None` when nothing is left to match.
fn text_pattern(body: &str, exact_default: bool) -> Option<Pattern> {
    let mut text = body;
    let mut kind = if exact_default {
        Kind::Exact
    } else {
        Kind::Fuzzy
    };
    let mut literal_dollar = false;
    if let Some(rest) = text.strip_prefix('\'') {
        text = rest;
        kind = Kind::Exact;
        if let Some(inner) = text.strip_suffix('\'').filter(|s| !s.is_empty()) {
            text = inner;
            kind = Kind::Boundary;
        }
    } else if let Some(rest) = text.strip_prefix('^') {
        text = rest;
        kind = Kind::Prefix;
    }
    if kind != Kind::Boundary {
        if let Some(rest) = text.strip_suffix("\\$") {
            text = rest;
            literal_dollar = true;
        } else if let Some(rest) = text.strip_suffix('$').filter(|s| !s.is_empty()) {
            text = rest;
            kind = if kind == Kind::Prefix {
                Kind::Equal
            } else {
                Kind::Suffix
            };
        }
    }
    let mut needle = search_key(text);
    if literal_dollar {
        needle.push('$');
    }
    (!needle.is_empty()).then_some(Pattern { kind, needle })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(raw: &str) -> Query {
        Query::parse(raw).unwrap_or_else(|e| panic!("{e}"))
    }

    fn only(raw: &str) -> Term {
        let query = q(raw);
        assert_eq!(query.clauses.len(), 1, "{raw}");
        assert_eq!(query.clauses[0].terms.len(), 1, "{raw}");
        query.clauses[0].terms[0].clone()
    }

    fn text(kind: Kind, needle: &str) -> Test {
        Test::Text(Pattern {
            kind,
            needle: needle.into(),
        })
    }

    #[test]
    fn fzf_operators_pick_the_match_kind() {
        assert_eq!(only("abc").test, text(Kind::Fuzzy, "abc"));
        assert_eq!(only("'abc").test, text(Kind::Exact, "abc"));
        assert_eq!(only("'abc'").test, text(Kind::Boundary, "abc"));
        assert_eq!(only("^abc").test, text(Kind::Prefix, "abc"));
        assert_eq!(only("abc$").test, text(Kind::Suffix, "abc"));
        assert_eq!(only("^abc$").test, text(Kind::Equal, "abc"));
        assert_eq!(only("abc\\$").test, text(Kind::Fuzzy, "abc$"));
        let neg = only("!abc");
        assert!(neg.negated);
        assert_eq!(
            neg.test,
            text(Kind::Exact, "abc"),
            "negation is exact, as in fzf"
        );
        assert_eq!(only("!^abc").test, text(Kind::Prefix, "abc"));
        assert_eq!(only("!abc$").test, text(Kind::Suffix, "abc"));
    }

    #[test]
    fn space_is_and_and_bar_is_or() {
        let query = q("a b | c d");
        let shape: Vec<usize> = query.clauses.iter().map(|c| c.terms.len()).collect();
        assert_eq!(shape, vec![1, 2, 1]);
        assert_eq!(q("| a |").clauses.len(), 1, "dangling bars are ignored");
        assert_eq!(
            only("a\\ b").test,
            text(Kind::Fuzzy, "a b"),
            "escaped space"
        );
    }

    #[test]
    fn needles_are_folded_like_haystacks() {
        assert_eq!(only("إسلام").test, text(Kind::Fuzzy, "اسلام"));
        assert_eq!(only("'مدرسة").test, text(Kind::Exact, "مدرسه"));
        assert_eq!(only("MOSCOW").test, text(Kind::Fuzzy, "moscow"));
        assert_eq!(only("١٢٣").test, text(Kind::Fuzzy, "123"));
    }

    #[test]
    fn every_field_parses() {
        assert_eq!(only("status:unv").test, Test::Status(Status::Unverified));
        assert_eq!(
            only("Status:contradicted").test,
            Test::Status(Status::Contradicted)
        );
        assert_eq!(
            only("type:anonymous").test,
            Test::Type(SourceType::Anonymous)
        );
        assert_eq!(
            only("source:لافروف").test,
            Test::Source(Pattern {
                kind: Kind::Exact,
                needle: "لافروف".into()
            })
        );
        assert_eq!(
            only("outlet:^ديلي").test,
            Test::Outlet(Pattern {
                kind: Kind::Prefix,
                needle: "ديلي".into()
            })
        );
        assert!(matches!(only("article:سوريا").test, Test::Article(_)));
        assert_eq!(
            only("date:2017-11..2017-12").test,
            Test::Date {
                from: Some("2017-11".into()),
                to: Some("2017-12".into())
            }
        );
        assert_eq!(
            only("date:..2017").test,
            Test::Date {
                from: None,
                to: Some("2017".into())
            }
        );
        assert_eq!(only("has:note").test, Test::Flag(Flag::Note));
        assert_eq!(only("related:").test, Test::Flag(Flag::Related));
        assert_eq!(only("disputed:").test, Test::Flag(Flag::Disputed));
        let not_disputed = only("!disputed:");
        assert!(not_disputed.negated);
    }

    #[test]
    fn unknown_names_before_a_colon_are_text() {
        assert_eq!(only("10:30").test, text(Kind::Fuzzy, "10:30"));
        assert_eq!(only("http://x").test, text(Kind::Fuzzy, "http://x"));
    }

    #[test]
    fn bad_field_values_are_errors_that_say_what_to_write() {
        for (raw, hint) in [
            ("status:maybe", "attributed"),
            ("status:u", "unambiguous"),
            ("type:secret", "anonymous"),
            ("has:cats", "has:note"),
            ("date:nov", "YYYY-MM"),
            ("date:2017-1", "YYYY-MM"),
            ("related:perhaps", "related:"),
        ] {
            let err = Query::parse(raw).expect_err(raw);
            assert!(err.message.contains(hint), "{raw}: {}", err.message);
        }
    }

    #[test]
    fn incomplete_terms_are_ignored_while_typing() {
        for raw in ["", "  ", "!", "^", "'", "status:", "source:", "date:"] {
            assert!(q(raw).is_empty(), "{raw:?}");
        }
    }

    #[test]
    fn ranking_needs_a_positive_text_term() {
        assert!(q("abc").is_ranked());
        assert!(!q("!abc").is_ranked());
        assert!(!q("status:unverified").is_ranked());
        assert!(q("status:unverified abc").is_ranked());
    }

    #[test]
    fn typing_more_narrows_and_backspace_or_or_widens() {
        assert!(q("lav").narrows(&q("la")));
        assert!(q("lav ros").narrows(&q("lav")));
        assert!(
            q("'lavr").narrows(&q("lav")),
            "an exact run implies its fuzzy form"
        );
        assert!(q("^lavr").narrows(&q("^lav")));
        assert!(!q("la").narrows(&q("lav")));
        assert!(!q("lav | x").narrows(&q("lav")), "OR widens");
        assert!(!q("!lavr").narrows(&q("!lav")), "a longer negation widens");
        assert!(q("!lav").narrows(&q("!lavr")));
        assert!(q("lav status:unverified").narrows(&q("status:unverified")));
        assert!(q("anything").narrows(&q("")));
    }
}
