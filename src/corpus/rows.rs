//! One article per row: `.jsonl` lines and `.csv` records with `title`, `body` (or
//! `content`/`text`), and optional `url`, `outlet`, `date`, `author`. A row that cannot
//! be used is reported with its number and skipped; the other rows still load.

use super::decode::normalize_newlines;

/// Metadata a row states outright (it wins over what is guessed from the text).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowFields {
    pub title: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
}

/// One usable row. `number` is the `N` in `file.jsonl#N`: the line of a `.jsonl` file,
/// the record (after the header) of a `.csv` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub number: usize,
    pub body: String,
    pub fields: RowFields,
}

/// A row that was skipped, and why (the message names the row).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    pub number: Option<usize>,
    pub message: String,
}

const TITLE: &[&str] = &["title", "headline"];
const BODY: &[&str] = &["body", "content", "text"];
const URL: &[&str] = &["url", "link"];
const OUTLET: &[&str] = &["outlet", "publisher", "site", "source"];
const DATE: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publish_date",
    "pubdate",
];
const AUTHOR: &[&str] = &["author", "byline", "authors"];

fn no_body(number: usize) -> RowProblem {
    RowProblem {
        number: Some(number),
        message: format!(
            "row {number}: no `body` or `content` text; skipped (put the article text in `body`)"
        ),
    }
}

/// Rows of a `.jsonl` file (text already decoded). Blank lines are not rows.
pub fn jsonl(text: &str) -> (Vec<Row>, Vec<RowProblem>) {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let (mut bodiless, mut keys) = (0, Vec::<String>::new());
    for (i, line) in text.split('\n').enumerate() {
        let number = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                problems.push(RowProblem {
                    number: Some(number),
                    message: format!(
                        "row {number}: not valid JSON ({e}); skipped (fix or remove that line)"
                    ),
                });
                continue;
            }
        };
        let Some(object) = value.as_object() else {
            problems.push(RowProblem {
                number: Some(number),
                message: format!(
                    "row {number}: not a JSON object; skipped (each line should be {{\"title\": …, \"body\": …}})"
                ),
            });
            continue;
        };
        let field = |names: &[&str]| {
            names.iter().find_map(|name| {
                object
                    .iter()
                    .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
                    .and_then(|(_, v)| json_text(v))
            })
        };
        match field(BODY) {
            Some(body) => rows.push(Row {
                number,
                body: normalize_newlines(body),
                fields: RowFields {
                    title: field(TITLE),
                    url: field(URL),
                    outlet: field(OUTLET),
                    date: field(DATE),
                    author: field(AUTHOR),
                },
            }),
            None => {
                bodiless += 1;
                if keys.is_empty() {
                    keys = object.keys().map(|k| format!("`{k}`")).take(12).collect();
                }
                problems.push(no_body(number));
            }
        }
    }
    if rows.is_empty() && bodiless > 1 {
        // The file's layout is wrong, not its rows: say so once, with what was found.
        problems.retain(|p| !p.message.contains("no `body`"));
        let found = if keys.is_empty() {
            "no fields".to_string()
        } else {
            keys.join(", ")
        };
        problems.insert(
            0,
            RowProblem {
                number: None,
                message: format!(
                    "none of its {bodiless} rows has a `body`, `content` or `text` field (the first has {found}); skipped (put each article's text in `body`)"
                ),
            },
        );
    }
    (rows, problems)
}

/// A JSON value as text: strings as they are, numbers as written, a list of strings
/// (paragraphs, several authors) joined. Blank text counts as absent.
fn json_text(v: &serde_json::Value) -> Option<String> {
    let text = match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::Array(items) => {
            let parts: Vec<&str> = items.iter().filter_map(|i| i.as_str()).collect();
            parts.join("\n\n")
        }
        _ => return None,
    };
    (!text.trim().is_empty()).then_some(text)
}

/// Rows of a `.csv` file with a header row (text already decoded, so quoted newlines
/// are already `\n`).
pub fn csv(text: &str) -> (Vec<Row>, Vec<RowProblem>) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            return (
                Vec::new(),
                vec![RowProblem {
                    number: None,
                    message: format!("cannot read the header row ({e}); skipped"),
                }],
            )
        }
    };
    let column = |names: &[&str]| {
        names
            .iter()
            .find_map(|name| header.iter().position(|h| h == name))
    };
    let Some(body_col) = column(BODY) else {
        return (
            Vec::new(),
            vec![RowProblem {
                number: None,
                message: "no `body` or `content` column in the header row; skipped (the first \
                          row must name the columns: title,body,url,outlet,date,author)"
                    .into(),
            }],
        );
    };
    let (title, url, outlet, date, author) = (
        column(TITLE),
        column(URL),
        column(OUTLET),
        column(DATE),
        column(AUTHOR),
    );
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let number = i + 1;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(RowProblem {
                    number: Some(number),
                    message: format!("row {number}: unreadable CSV ({e}); skipped"),
                });
                continue;
            }
        };
        let cell = |col: Option<usize>| {
            col.and_then(|c| record.get(c))
                .filter(|s| !s.trim().is_empty())
                .map(str::to_string)
        };
        match cell(Some(body_col)) {
            Some(body) => rows.push(Row {
                number,
                body: normalize_newlines(body),
                fields: RowFields {
                    title: cell(title),
                    url: cell(url),
                    outlet: cell(outlet),
                    date: cell(date),
                    author: cell(author),
                },
            }),
            None => problems.push(no_body(number)),
        }
    }
    (rows, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_rows_take_body_or_content_and_report_broken_lines() {
        let text = "{\"title\":\"T1\",\"body\":\"B1\",\"date\":\"2017-11-15\"}\n\
                    {broken\n\
                    \n\
                    {\"Title\":\"T4\",\"content\":\"line\\r\\nnext\",\"author\":[\"A\",\"B\"]}\n\
                    {\"title\":\"no text\"}\n\
                    [1,2]\n";
        let (rows, problems) = jsonl(text);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].number, 1);
        assert_eq!(rows[0].fields.date.as_deref(), Some("2017-11-15"));
        assert_eq!(rows[1].number, 4);
        assert_eq!(rows[1].body, "line\nnext");
        assert_eq!(rows[1].fields.title.as_deref(), Some("T4"));
        let numbers: Vec<Option<usize>> = problems.iter().map(|p| p.number).collect();
        assert_eq!(numbers, [Some(2), Some(5), Some(6)]);
        assert!(problems[0].message.contains("not valid JSON"));
        assert!(problems[1].message.contains("no `body`"));
    }

    #[test]
    fn csv_rows_keep_quoted_newlines_and_number_records_after_the_header() {
        let text = "title,body,outlet\n\"A, b\",\"first\nsecond\",X\nEmpty,,Y\nC,third\n";
        let (rows, problems) = csv(text);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].body, "first\nsecond");
        assert_eq!(rows[0].fields.title.as_deref(), Some("A, b"));
        assert_eq!(rows[0].fields.outlet.as_deref(), Some("X"));
        assert_eq!(rows[1].number, 3);
        assert_eq!(rows[1].fields.outlet, None, "a short record has no outlet");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].number, Some(2));
    }

    #[test]
    fn jsonl_without_a_body_in_any_row_is_one_problem_naming_the_fields_found() {
        let text = "{\"headline\": \"a\", \"summary\": \"b\"}\n{\"headline\": \"c\"}\nnot json\n";
        let (rows, problems) = jsonl(text);
        assert!(rows.is_empty());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].number, None);
        assert!(
            problems[0].message.contains("none of its 2 rows"),
            "{problems:?}"
        );
        assert!(problems[0].message.contains("`summary`"), "{problems:?}");
        assert!(problems[1].message.contains("not valid JSON"));
    }

    #[test]
    fn csv_without_a_body_column_is_one_problem() {
        let (rows, problems) = csv("name,age\nx,1\n");
        assert!(rows.is_empty());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].number, None);
    }
}
