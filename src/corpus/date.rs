//! Dates as news pages write them, to ISO 8601 `YYYY-MM-DD`: numeric forms, English
//! month names, and Arabic month names in the Egyptian/Gulf (يناير), Levantine (كانون
//! الثاني) and Maghrebi (جانفي) series, with Western or Arabic-Indic digits.

use crate::text::normalize::search_key;

/// Month names after [`search_key`] folding (hamza forms on alef fold to bare alef), so
/// `آذار`, `أيار`, `إبريل` match as written or without hamza.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    // Egyptian / Gulf
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    // Levantine / Iraqi
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("اب", 8),
    ("ايلول", 9),
    ("تشرين الاول", 10),
    ("تشرين الثاني", 11),
    ("كانون الاول", 12),
    // Maghrebi
    ("جانفي", 1),
    ("فيفري", 2),
    ("افريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويليه", 7),
    ("اوت", 8),
];

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Number(u32, usize),
    Word(String),
}

/// Split a folded string into numbers and words; everything else separates.
/// A month's name or its short form ("November", "Apr", "كانون"), in any case.
pub(crate) fn is_month_word(word: &str) -> bool {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    MONTHS.iter().any(|(m, _)| *m == w)
}

fn tokens(folded: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<Token>| {
        if current.is_empty() {
            return;
        }
        let token = if current.chars().all(|c| c.is_ascii_digit()) {
            match current.parse::<u32>() {
                Ok(n) => Token::Number(n, current.len()),
                Err(_) => Token::Word(String::new()),
            }
        } else {
            Token::Word(std::mem::take(current))
        };
        current.clear();
        out.push(token);
    };
    for c in folded.chars() {
        let digit = c.is_ascii_digit();
        let letter = c.is_alphabetic();
        let same_kind = current
            .chars()
            .next()
            .is_none_or(|p| p.is_ascii_digit() == digit);
        if (digit || letter) && same_kind {
            current.push(c);
        } else {
            flush(&mut current, &mut out);
            if digit || letter {
                current.push(c);
            }
        }
    }
    flush(&mut current, &mut out);
    // "12th, September 2023", "September 1st, 2023": an ordinal's letters are not a word
    let mut kept: Vec<Token> = Vec::with_capacity(out.len());
    for t in out {
        let ordinal =
            matches!(&t, Token::Word(w) if ["st", "nd", "rd", "th"].contains(&w.as_str()));
        if ordinal && matches!(kept.last(), Some(Token::Number(_, len)) if *len <= 2) {
            continue;
        }
        kept.push(t);
    }
    kept
}

/// A month name starting at token `i` (one or two words); its number and token count.
fn month_at(toks: &[Token], i: usize) -> Option<(u32, usize)> {
    let word = |k: usize| match toks.get(k) {
        Some(Token::Word(w)) => Some(w.as_str()),
        _ => None,
    };
    let first = word(i)?;
    if let Some(second) = word(i + 1) {
        let pair = format!("{first} {second}");
        if let Some(&(_, m)) = MONTHS.iter().find(|(name, _)| *name == pair) {
            return Some((m, 2));
        }
    }
    // English abbreviations may carry a dot ("Nov."), already split off as punctuation.
    MONTHS
        .iter()
        .find(|(name, _)| *name == first)
        .map(|&(_, m)| (m, 1))
}

fn number_at(toks: &[Token], i: usize) -> Option<(u32, usize)> {
    match toks.get(i) {
        Some(Token::Number(n, len)) => Some((*n, *len)),
        _ => None,
    }
}

fn days_in(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// An ISO date if `y-m-d` is a real day between 1900 and 2100 (news, not Hijri years).
fn iso(y: u32, m: u32, d: u32) -> Option<String> {
    let valid =
        (1900..=2100).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in(y as i32, m);
    valid.then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The first date written in `s`, as `YYYY-MM-DD`. Numeric `a/b/yyyy` is read day first
/// (as Arabic and most non-US pages write it) unless only month-first makes a real date.
pub fn parse_date(s: &str) -> Option<String> {
    // every form has a year in digits: a line with none (most lines asked) is no date,
    // and needs no fold ("numeric" takes in every digit the fold makes ASCII of)
    if !s.chars().any(char::is_numeric) {
        return None;
    }
    let folded = search_key(s);
    let toks = tokens(&folded);
    for i in 0..toks.len() {
        // 2017-11-15
        if let (Some((y, 4)), Some((m, _)), Some((d, _))) = (
            number_at(&toks, i),
            number_at(&toks, i + 1),
            number_at(&toks, i + 2),
        ) {
            if let Some(date) = iso(y, m, d) {
                return Some(date);
            }
        }
        // 15/11/2017, 11/15/2017
        if let (Some((a, la)), Some((b, lb)), Some((y, 4))) = (
            number_at(&toks, i),
            number_at(&toks, i + 1),
            number_at(&toks, i + 2),
        ) {
            if la <= 2 && lb <= 2 {
                if let Some(date) = iso(y, b, a).or_else(|| iso(y, a, b)) {
                    return Some(date);
                }
            }
        }
        // 15 Nov 2017, ١٧ ديسمبر ٢٠١٧, 15/نوفمبر/2017, 15 تشرين الثاني 2017
        if let Some((d, ld)) = number_at(&toks, i) {
            if ld <= 2 {
                if let Some((m, n)) = month_at(&toks, i + 1) {
                    if let Some((y, 4)) = number_at(&toks, i + 1 + n) {
                        if let Some(date) = iso(y, m, d) {
                            return Some(date);
                        }
                    }
                }
            }
        }
        // November 15, 2017
        if let Some((m, n)) = month_at(&toks, i) {
            if let (Some((d, ld)), Some((y, 4))) =
                (number_at(&toks, i + n), number_at(&toks, i + n + 1))
            {
                if ld <= 2 {
                    if let Some(date) = iso(y, m, d) {
                        return Some(date);
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_dates_in_every_month_series() {
        assert_eq!(
            parse_date("الأحد، ١٧ ديسمبر ٢٠١٧").as_deref(),
            Some("2017-12-17")
        );
        assert_eq!(
            parse_date("الأربعاء 15/نوفمبر/2017 - 02:56 م").as_deref(),
            Some("2017-11-15")
        );
        assert_eq!(
            parse_date("3 كانون الثاني 2019").as_deref(),
            Some("2019-01-03")
        );
        assert_eq!(
            parse_date("نشر في 21 تشرين الأول 2016").as_deref(),
            Some("2016-10-21")
        );
        assert_eq!(parse_date("٥ آذار ٢٠٢٠").as_deref(), Some("2020-03-05"));
        assert_eq!(parse_date("1 آب 2014").as_deref(), Some("2014-08-01"));
        assert_eq!(parse_date("9 أيلول 2015").as_deref(), Some("2015-09-09"));
        assert_eq!(parse_date("12 إبريل 2018").as_deref(), Some("2018-04-12"));
        assert_eq!(parse_date("7 جانفي 2021").as_deref(), Some("2021-01-07"));
        assert_eq!(parse_date("۲۳ مايو ۲۰۱۹").as_deref(), Some("2019-05-23"));
    }

    #[test]
    fn english_and_numeric_dates() {
        assert_eq!(
            parse_date("November 15, 2017").as_deref(),
            Some("2017-11-15")
        );
        assert_eq!(parse_date("15 Nov 2017").as_deref(), Some("2017-11-15"));
        assert_eq!(
            parse_date("Updated: Nov. 3, 2017 at 10:00").as_deref(),
            Some("2017-11-03")
        );
        assert_eq!(parse_date("2017-11-15").as_deref(), Some("2017-11-15"));
        assert_eq!(
            parse_date("2017-11-15T08:30:00Z").as_deref(),
            Some("2017-11-15")
        );
        assert_eq!(parse_date("15/11/2017").as_deref(), Some("2017-11-15"));
        assert_eq!(parse_date("11/15/2017").as_deref(), Some("2017-11-15"));
        assert_eq!(parse_date("03/04/2017").as_deref(), Some("2017-04-03"));
        assert_eq!(
            parse_date("تاريخ النشر: 12th, September 2023 GMT").as_deref(),
            Some("2023-09-12")
        );
        assert_eq!(
            parse_date("Published September 1st, 2023").as_deref(),
            Some("2023-09-01")
        );
        assert_eq!(parse_date("the 4th floor, 2023 rooms"), None);
    }

    #[test]
    fn a_line_without_digits_is_no_date_and_digits_of_any_script_are_read() {
        assert_eq!(parse_date("الأحد، السابع عشر من ديسمبر"), None);
        assert_eq!(parse_date("Sunday, December the seventeenth"), None);
        // Extended Arabic-Indic (Persian, Urdu) and full-width digits fold to ASCII
        assert_eq!(parse_date("۱۷ ديسمبر ۲۰۱۷").as_deref(), Some("2017-12-17"));
        assert_eq!(
            parse_date("１７ December ２０１７").as_deref(),
            Some("2017-12-17")
        );
    }

    #[test]
    fn impossible_or_hijri_dates_are_not_dates() {
        assert_eq!(parse_date("31 February 2017"), None);
        assert_eq!(parse_date("29 Feb 2019"), None);
        assert_eq!(parse_date("29 Feb 2020").as_deref(), Some("2020-02-29"));
        assert_eq!(parse_date("28 صفر 1439 هـ"), None);
        assert_eq!(parse_date("قتل 48 شخصا في 2017"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("99999999999999999999 May 2017"), None);
    }
}
