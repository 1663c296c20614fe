//! The filter as a reviewer uses it: the query language over a small hand-made set of
//! claims, Arabic folding with highlights on the original letters, the background worker,
//! and `claimdesk filter --lines` through the real binary.

use claimdesk::model::{SourceType, Status};
use claimdesk::search::{filter, highlight, Fields, Index, Item, Query, Worker};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

fn claim(text: &str, fields: Fields) -> Item {
    Item {
        text: text.to_string(),
        packed: None,
        fields,
    }
}

/// Six claims with every field in play.
fn claims() -> Vec<Item> {
    vec![
        claim(
            "وقال وزير الخارجية الروسي سيرغي لافروف إن موسكو مستعدة للحوار",
            Fields {
                status: Some(Status::Unverified),
                source_type: Some(SourceType::Named),
                source: "سيرغي لافروف".into(),
                outlet: "روسيا اليوم".into(),
                article: "001.txt موسكو والحوار".into(),
                date: Some("2017-11-15".into()),
                has_note: true,
                ..Fields::default()
            },
        ),
        claim(
            "وأفادت مصادر مطلعة بأن 48 شاحنة دخلت المدينة",
            Fields {
                status: Some(Status::Contradicted),
                source_type: Some(SourceType::Anonymous),
                source: "مصادر مطلعة".into(),
                outlet: "الجزيرة".into(),
                article: "002.txt قافلة المساعدات".into(),
                date: Some("2017-12-02".into()),
                related: true,
                disputed: true,
                ..Fields::default()
            },
        ),
        claim(
            "The Pentagon said the trained rebels remain loyal to Washington",
            Fields {
                status: Some(Status::Attributed),
                source_type: Some(SourceType::Named),
                source: "The Pentagon".into(),
                outlet: "Daily Beast".into(),
                article: "003.txt Rebels".into(),
                date: Some("2018-01-20".into()),
                ..Fields::default()
            },
        ),
        claim(
            "Moscow denied the report",
            Fields {
                status: Some(Status::Untriaged),
                source_type: Some(SourceType::Unattributed),
                outlet: "Daily Beast".into(),
                article: "003.txt Rebels".into(),
                ..Fields::default()
            },
        ),
        claim(
            "افتتحت المدرسة الجديدة في حي الإسلام ١٢٣",
            Fields {
                status: Some(Status::Untriaged),
                source_type: Some(SourceType::Unattributed),
                article: "004.txt مدرسة".into(),
                date: Some("2017-11-30".into()),
                ..Fields::default()
            },
        ),
        claim(
            "قال مُحَمَّد إن المستشفى مغلق",
            Fields {
                status: Some(Status::Unverified),
                source_type: Some(SourceType::Named),
                source: "محمد".into(),
                article: "005.txt".into(),
                related: true,
                ..Fields::default()
            },
        ),
    ]
}

/// The six claims, indexed (the index keeps no text: highlights take it from `claims()`).
fn desk() -> Index {
    Index::new(claims())
}

fn hits(index: &Index, raw: &str) -> Vec<usize> {
    let q = Query::parse(raw).unwrap_or_else(|e| panic!("{e}"));
    filter(index, &q).iter().map(|h| h.index).collect()
}

fn sorted(mut v: Vec<usize>) -> Vec<usize> {
    v.sort_unstable();
    v
}

#[test]
fn empty_query_keeps_every_claim_in_corpus_order() {
    assert_eq!(hits(&desk(), ""), vec![0, 1, 2, 3, 4, 5]);
    assert_eq!(hits(&desk(), "   "), vec![0, 1, 2, 3, 4, 5]);
}

#[test]
fn fuzzy_terms_find_letters_in_order_and_rank_tight_matches_first() {
    let index = desk();
    assert_eq!(
        hits(&index, "moscow"),
        vec![3],
        "only the English claim spells it"
    );
    assert_eq!(hits(&index, "pntgn"), vec![2]);
    let ranked = hits(&index, "denied");
    assert_eq!(ranked.first(), Some(&3), "the contiguous match wins");
}

#[test]
fn space_is_and_bar_is_or() {
    let index = desk();
    assert_eq!(hits(&index, "'moscow 'report"), vec![3]);
    assert_eq!(hits(&index, "'moscow 'loyal"), Vec::<usize>::new());
    assert_eq!(sorted(hits(&index, "'loyal | 'denied")), vec![2, 3]);
}

#[test]
fn exact_prefix_suffix_and_negation() {
    let index = desk();
    assert_eq!(hits(&index, "'rebels"), vec![2]);
    assert_eq!(
        hits(&index, "'rbls"),
        Vec::<usize>::new(),
        "exact needs one run"
    );
    assert_eq!(hits(&index, "^moscow"), vec![3]);
    assert_eq!(hits(&index, "washington$"), vec![2]);
    assert_eq!(hits(&index, "^moscow\\ denied\\ the\\ report$"), vec![3]);
    assert_eq!(
        hits(&index, "^moscow\\ denied$"),
        Vec::<usize>::new(),
        "equal is whole"
    );
    assert_eq!(
        hits(&index, "!the"),
        vec![0, 1, 4, 5],
        "negation only: the others, in corpus order"
    );
    assert_eq!(hits(&index, "!^the !^moscow"), vec![0, 1, 4, 5]);
}

#[test]
fn fields_filter_by_what_the_reviewer_decided() {
    let index = desk();
    assert_eq!(hits(&index, "status:unverified"), vec![0, 5]);
    assert_eq!(hits(&index, "status:contra"), vec![1]);
    assert_eq!(hits(&index, "!status:untriaged"), vec![0, 1, 2, 5]);
    assert_eq!(hits(&index, "type:anonymous"), vec![1]);
    assert_eq!(hits(&index, "has:note"), vec![0]);
    assert_eq!(hits(&index, "related:"), vec![1, 5]);
    assert_eq!(hits(&index, "disputed:"), vec![1]);
    assert_eq!(hits(&index, "!disputed:"), vec![0, 2, 3, 4, 5]);
    assert_eq!(hits(&index, "has:source"), vec![0, 1, 2, 5]);
    assert_eq!(hits(&index, "has:date"), vec![0, 1, 2, 4]);
}

#[test]
fn text_fields_match_folded_runs_in_arabic_and_latin() {
    let index = desk();
    assert_eq!(hits(&index, "source:لافروف"), vec![0]);
    assert_eq!(hits(&index, "outlet:daily"), vec![2, 3]);
    assert_eq!(
        hits(&index, "outlet:^daily article:rebels 'denied"),
        vec![3]
    );
    assert_eq!(hits(&index, "article:مدرسه"), vec![4], "ta marbuta folds");
    assert_eq!(hits(&index, "source:^مصادر"), vec![1]);
}

#[test]
fn date_ranges_cover_whole_months() {
    let index = desk();
    assert_eq!(hits(&index, "date:2017-11..2017-12"), vec![0, 1, 4]);
    assert_eq!(hits(&index, "date:2017-11"), vec![0, 4]);
    assert_eq!(hits(&index, "date:2018.."), vec![2]);
    assert_eq!(hits(&index, "date:..2017-11-20"), vec![0]);
    assert_eq!(
        hits(&index, "!date:2017"),
        vec![2, 3, 5],
        "no date is not 2017"
    );
}

#[test]
fn fields_combine_with_free_text() {
    let index = desk();
    assert_eq!(hits(&index, "status:unverified موسكو"), vec![0]);
    assert_eq!(
        sorted(hits(&index, "type:named | status:contradicted 'قال")),
        vec![0, 5]
    );
}

#[test]
fn bad_field_values_are_usage_errors_not_empty_results() {
    let err = Query::parse("status:maybe").expect_err("not a status");
    assert!(err.to_string().contains("status:maybe"), "{err}");
    assert!(Query::parse("date:yesterday").is_err());
}

#[test]
fn arabic_letter_variants_find_each_other() {
    let index = desk();
    assert_eq!(hits(&index, "'اسلام"), vec![4], "bare alef finds hamza alef");
    assert_eq!(hits(&index, "'مدرسه"), vec![4], "ha finds ta marbuta");
    assert_eq!(
        hits(&index, "'محمد"),
        vec![5],
        "bare letters find vowelled ones"
    );
    assert_eq!(
        hits(&index, "'123"),
        vec![4],
        "Latin digits find Arabic-Indic ones"
    );
    assert_eq!(hits(&index, "'مستشفي"), vec![5], "ya finds alef maqsura");
}

#[test]
fn highlights_cover_the_original_graphemes_with_their_harakat() {
    let claims = claims();
    let text = &claims[5].text;
    let q = Query::parse("'محمد").expect("query");
    let ranges = highlight(text, &q);
    assert_eq!(ranges.len(), 1, "{ranges:?}");
    assert_eq!(&text[ranges[0].clone()], "مُحَمَّد");

    let text4 = &claims[4].text;
    let digits = highlight(text4, &Query::parse("123").expect("query"));
    let shown: Vec<&str> = digits.iter().map(|r| &text4[r.clone()]).collect();
    assert_eq!(shown, vec!["١٢٣"]);
    let islam = highlight(text4, &Query::parse("'اسلام").expect("query"));
    assert_eq!(&text4[islam[0].clone()], "إسلام");
}

#[test]
fn negated_terms_are_not_highlighted() {
    let q = Query::parse("moscow !loyal").expect("query");
    let text = &claims()[3].text;
    let shown: Vec<&str> = highlight(text, &q)
        .iter()
        .map(|r| &text[r.clone()])
        .collect();
    assert_eq!(shown, vec!["Moscow"]);
}

#[test]
fn worker_answers_like_filter_and_sees_new_marks() {
    let worker = Worker::new(desk());
    let wait = |g| {
        worker
            .wait(g, Duration::from_secs(10))
            .expect("worker answers")
    };
    let g = worker.search(Query::parse("status:unverified").expect("query"));
    let snap = wait(g);
    let found: Vec<usize> = snap.top.iter().map(|h| h.index).collect();
    assert_eq!(found, vec![0, 5]);
    assert_eq!(snap.matched, 2);

    // A mark changes a claim's status: the same query is answered again, fresh.
    worker.set_fields(
        1,
        Fields {
            status: Some(Status::Unverified),
            ..Fields::default()
        },
    );
    let again = worker.search(Query::parse("status:unverified").expect("query"));
    let found: Vec<usize> = wait(again).top.iter().map(|h| h.index).collect();
    assert_eq!(found, vec![0, 1, 5]);
}

#[test]
fn worker_narrows_then_backspaces_to_the_same_answers() {
    let index = desk();
    let worker = Worker::new(desk());
    for raw in [
        "m", "mo", "mos", "mosc", "mos", "mo", "m", "", "!the", "!the s",
    ] {
        let g = worker.search(Query::parse(raw).expect("query"));
        let snap = worker.wait(g, Duration::from_secs(10)).expect("answer");
        let got: Vec<usize> = snap.top.iter().map(|h| h.index).collect();
        assert_eq!(got, hits(&index, raw), "query {raw:?}");
        assert!(snap.done);
    }
}

#[test]
fn worker_ranks_many_claims_like_filter_and_more_rows_when_asked() {
    // Enough claims that the worker scans in several chunks and stops scoring claims
    // that cannot reach the rows shown; asking for more rows must still rank them right.
    let text = |i: usize| match i % 5 {
        0 => format!("the pentagon said {i}"),
        1 => format!("p-e-n-t-a-g-o-n {i}"),
        2 => format!("pen tag on {}", "x".repeat(i % 7)),
        3 => format!("xpentagonx {i}"),
        _ => format!("nothing {i}"),
    };
    let items = |n| -> Vec<Item> { (0..n).map(|i| claim(&text(i), Fields::default())).collect() };
    let n = 12_000;
    let index = Index::new(items(n));
    let worker = Worker::new(Index::new(items(n)));
    for raw in ["pentagon", "pen", "p n", "'pen", "pentagon !said"] {
        let q = Query::parse(raw).expect("query");
        let want: Vec<usize> = filter(&index, &q).iter().map(|h| h.index).collect();
        let snap = worker
            .wait(worker.search(q), Duration::from_secs(30))
            .expect("answer");
        let got: Vec<usize> = snap.top.iter().map(|h| h.index).collect();
        assert_eq!(snap.matched, want.len(), "{raw:?}");
        assert_eq!(got, want[..got.len()], "{raw:?}");
        assert_eq!(got.len(), want.len().min(claimdesk::search::DEFAULT_ROWS));
    }
    worker.show_rows(n);
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let want: Vec<usize> = hits(&index, "pentagon !said");
    loop {
        let snap = worker.snapshot();
        if snap.top.len() == want.len() {
            let got: Vec<usize> = snap.top.iter().map(|h| h.index).collect();
            assert_eq!(got, want);
            break;
        }
        assert!(std::time::Instant::now() < deadline, "more rows never came");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn only_the_newest_query_is_answered() {
    let worker = Worker::new(desk());
    let _old = worker.search(Query::parse("moscow").expect("query"));
    let new = worker.search(Query::parse("pentagon").expect("query"));
    let first = worker
        .wait_first(new, Duration::from_secs(10))
        .expect("first rows");
    assert_eq!(
        first.generation, new,
        "the first rows shown are the new query's"
    );
    let snap = worker.wait(new, Duration::from_secs(10)).expect("answer");
    assert_eq!(snap.generation, new);
    assert_eq!(
        snap.top.iter().map(|h| h.index).collect::<Vec<_>>(),
        vec![2]
    );
}

fn filter_lines_cli(query: &str, input: &str) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(["filter", query, "--lines"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run claimdesk");
    let mut stdin = child.stdin.take().expect("stdin");
    // A bad query exits before reading stdin: a broken pipe then is expected, not a failure.
    if let Err(e) = stdin.write_all(input.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    drop(stdin);
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("utf8 output"),
    )
}

#[test]
fn filter_lines_ranks_stdin_best_first_like_fzf_filter() {
    let input = "قال وزير الخارجية\nإسلام آباد\nالاسلام\nsomething else\n";
    let (code, out) = filter_lines_cli("اسلام", input);
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines.contains(&"إسلام آباد") && lines.contains(&"الاسلام"),
        "{out}"
    );
}

#[test]
fn filter_lines_exits_1_when_nothing_matches_and_2_on_a_bad_query() {
    assert_eq!(filter_lines_cli("zzz", "abc\n"), (Some(1), String::new()));
    assert_eq!(filter_lines_cli("status:what", "abc\n").0, Some(2));
}

#[test]
fn every_form_in_the_query_help_parses() {
    for (form, meaning) in claimdesk::search::QUERY_HELP {
        let q = Query::parse(form).unwrap_or_else(|e| panic!("{form} ({meaning}): {e}"));
        assert!(!q.is_empty(), "{form}");
    }
}

#[test]
fn buckwalter_prefix_types_arabic_on_a_latin_keyboard() {
    use claimdesk::search::{filter, Index, Item, Query};
    let index = Index::new(
        ["عليكم السلام", "peace be upon you", "سلام"]
            .iter()
            .map(|t| Item {
                text: t.to_string(),
                ..Default::default()
            })
            .collect(),
    );
    let hits: Vec<usize> = filter(&index, &Query::parse("bw:AlslAm").unwrap())
        .iter()
        .map(|h| h.index)
        .collect();
    assert_eq!(hits, vec![0]);
}

#[test]
fn an_index_grown_batch_by_batch_answers_as_one_built_at_once() {
    let whole = desk();
    let all = claims();
    let mut grown = Index::new(all[..2].to_vec());
    grown.extend(all[2..5].to_vec());
    grown.extend(Vec::new());
    grown.extend(all[5..].to_vec());
    assert_eq!(grown.len(), whole.len());
    for raw in [
        "موسكو",
        "status:unverified",
        "source:مصادر",
        "'شاحنه",
        "!the s",
    ] {
        assert_eq!(hits(&grown, raw), hits(&whole, raw), "query {raw:?}");
    }

    // The worker takes new items while a query is showing, and answers it again over all.
    let worker = Worker::new(Index::new(all[..2].to_vec()));
    let q = Query::parse("status:unverified").expect("query");
    let first = worker.search(q.clone());
    let snap = worker.wait(first, Duration::from_secs(10)).expect("answer");
    assert_eq!(snap.matched, 1);
    worker.extend(all[2..].to_vec());
    let again = worker.search(q);
    let snap = worker.wait(again, Duration::from_secs(10)).expect("answer");
    assert_eq!(snap.total, whole.len());
    assert_eq!(
        snap.top.iter().map(|h| h.index).collect::<Vec<_>>(),
        vec![0, 5]
    );
}
