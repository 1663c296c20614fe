//! Loading real and hostile corpora: the seeds against the gold metadata and boilerplate,
//! and a folder of broken files that must load what it can and name the rest.

use claimdesk::corpus::{self, Corpus, CorpusError};
use claimdesk::model::{Article, Problem};
use std::path::{Path, PathBuf};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seeds() -> Corpus {
    corpus::load(&manifest().join("seeds")).expect("seeds load")
}

fn article<'a>(corpus: &'a Corpus, path: &str) -> &'a Article {
    corpus
        .articles
        .iter()
        .find(|a| a.path == path)
        .unwrap_or_else(|| panic!("{path} not loaded"))
}

fn boilerplate_lines(a: &Article) -> Vec<&str> {
    a.boilerplate
        .iter()
        .filter_map(|r| a.text.get(r.clone()))
        .collect()
}

fn body_contains(a: &Article, needle: &str) -> bool {
    a.body_lines()
        .iter()
        .any(|r| a.text[r.clone()].contains(needle))
}

#[test]
fn seeds_load_in_path_order_without_problems() {
    let c = seeds();
    let paths: Vec<&str> = c.articles.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "000_dc499fe31c0453c1.txt",
            "001_197059ec8c90ddde.txt",
            "002_d620f0c0ea8628c3.txt",
            "003_67a93063f5df4789.txt",
            "004_9dae1a76f652294f.txt"
        ]
    );
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    for a in &c.articles {
        assert_eq!(a.lang, "ar", "{}", a.path);
        assert_eq!(a.id, claimdesk::ids::article_id(&a.text));
        let raw = std::fs::read_to_string(manifest().join("seeds").join(&a.path)).unwrap();
        assert_eq!(a.text, raw, "the text is the file as decoded, nothing cut");
    }
}

/// Every `meta` and `not_claim` line of tests/fixtures/gold/*.jsonl.
#[test]
fn seeds_match_the_gold_metadata_and_boilerplate() {
    let c = seeds();
    let gold_dir = manifest().join("tests/fixtures/gold");
    let mut checked = 0;
    for entry in std::fs::read_dir(&gold_dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("jsonl") {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let g: serde_json::Value = serde_json::from_str(line).unwrap();
            let a = article(&c, g["article"].as_str().unwrap());
            if let Some(meta) = g.get("meta") {
                if let Some(title) = meta.get("title").and_then(|t| t.as_str()) {
                    assert_eq!(a.title, title, "{}", a.path);
                }
                if let Some(date) = meta.get("date").and_then(|t| t.as_str()) {
                    let got = a.date.as_deref().unwrap_or("");
                    assert!(got.starts_with(date), "{}: date {got:?}", a.path);
                }
                for (field, got) in [("outlet_any", &a.outlet), ("author_any", &a.author)] {
                    if let Some(any) = meta.get(field).and_then(|v| v.as_array()) {
                        let got = got.as_deref().unwrap_or("");
                        assert!(
                            any.iter().any(|w| got.contains(w.as_str().unwrap())),
                            "{}: {field} {got:?}",
                            a.path
                        );
                    }
                }
                checked += 1;
            }
            if let Some(s) = g.get("not_claim").and_then(|s| s.as_str()) {
                assert!(a.text.contains(s), "{}: gold string not in text", a.path);
                assert!(!body_contains(a, s), "{}: {s:?} left in the body", a.path);
                checked += 1;
            }
        }
    }
    assert!(checked >= 7, "gold lines checked: {checked}");
}

#[test]
fn seed_furniture_is_marked_and_story_paragraphs_are_not() {
    let c = seeds();
    let furniture = [
        ("000_dc499fe31c0453c1.txt", "إرم نيوز"),
        ("001_197059ec8c90ddde.txt", "fbpx"),
        ("001_197059ec8c90ddde.txt", "شاهد ايضا"),
        ("001_197059ec8c90ddde.txt", "اترك تعليقاً"),
        ("001_197059ec8c90ddde.txt", "لن يتم نشر عنوان بريدك"),
        ("002_d620f0c0ea8628c3.txt", "الأحد، ١٧ ديسمبر ٢٠١٧"),
        ("003_67a93063f5df4789.txt", "Author: Firas M"),
        ("003_67a93063f5df4789.txt", "Pin It on Pinterest"),
        ("003_67a93063f5df4789.txt", "شارك هذا المقال مع صديق!"),
        ("004_9dae1a76f652294f.txt", "الأربعاء 15/نوفمبر/2017"),
    ];
    for (path, s) in furniture {
        assert!(!body_contains(article(&c, path), s), "{path}: {s:?}");
    }
    // Each title is said once in the body: its repeats are furniture.
    for a in &c.articles {
        let said = a
            .body_lines()
            .iter()
            .filter(|r| a.text[(*r).clone()].contains(a.title.as_str()))
            .count();
        assert_eq!(said, 1, "{}: title lines left in the body", a.path);
        // Every long line that is not the title again or the comment form is story.
        for line in a.text.split('\n') {
            let long = line.split_whitespace().count() >= 12;
            if long && !line.contains(a.title.as_str()) && !line.contains("بريدك الإلكتروني")
            {
                assert!(
                    body_contains(a, line.trim()),
                    "{}: paragraph marked: {line}",
                    a.path
                );
            }
        }
    }
}

#[test]
fn seed_metadata_report() {
    let c = seeds();
    let a = article(&c, "004_9dae1a76f652294f.txt");
    assert_eq!(a.date.as_deref(), Some("2017-11-15"));
    let a = article(&c, "002_d620f0c0ea8628c3.txt");
    assert_eq!(a.date.as_deref(), Some("2017-12-17"));
    let a = article(&c, "003_67a93063f5df4789.txt");
    // the name under the headline, not the footer's "Author: Firas M" (the account
    // that posted it)
    assert_eq!(a.author.as_deref(), Some("فادي نصار"));
    let a = article(&c, "000_dc499fe31c0453c1.txt");
    assert_eq!(a.outlet.as_deref(), Some("إرم نيوز"));
    let a = article(&c, "001_197059ec8c90ddde.txt");
    assert_eq!(
        a.title,
        "“مسد” يطلب دعم دمشق وموسكو ضد التحالف الأمريكي التركي.. وخطة أمريكية لإحياء “داعش” من جديد"
    );
    for a in &c.articles {
        println!(
            "{} | title={:?} | outlet={:?} | date={:?} | author={:?} | boilerplate lines={}",
            a.path,
            a.title,
            a.outlet,
            a.date,
            a.author,
            a.boilerplate.len()
        );
        for line in boilerplate_lines(a) {
            println!("    bp: {}", line.chars().take(70).collect::<String>());
        }
    }
}

fn problem_for<'a>(c: &'a Corpus, path: &str) -> Vec<&'a Problem> {
    c.problems.iter().filter(|p| p.path == path).collect()
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn hostile_folder_loads_what_it_can_and_names_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut latin1 = b"Caf\xe9 owners said prices rose.\n".to_vec();
    latin1.extend_from_slice(b"More \xff\xfe text here.");
    write(root, "bad_utf8.txt", &latin1);
    write(root, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    write(root, "empty.txt", b"");
    write(root, "blank.md", b"  \n\r\n\t\n");
    write(
        root,
        "escapes.txt",
        b"\x1b]0;pwned\x07\x1b[2J Headline with \x1b[31mred\x1b[0m words\n\nThe mayor said the bridge would reopen next week after repairs.\n",
    );
    write(
        root,
        "crlf.txt",
        b"Storm closes port\r\n\r\nOfficials said the port would stay closed until Friday at least.\r\nLone CR line\rend\r\n",
    );
    write(
        root,
        "bom.txt",
        "\u{feff}عنوان الخبر الرئيسي اليوم\n\nقال المتحدث إن المحادثات ستستأنف الأسبوع المقبل في جنيف.\n"
            .as_bytes(),
    );
    write(
        root,
        "rows.jsonl",
        b"{\"title\":\"First row\",\"body\":\"Police said two people were hurt.\",\"outlet\":\"Daily\",\"date\":\"15 Nov 2017\"}\n{\"title\": broken\n{\"title\":\"No body\"}\n{\"title\":\"Third\",\"content\":\"Witnesses said the fire began at dawn.\"}\n",
    );
    write(
        root,
        "rows.csv",
        b"title,body,url\n\"Quoted, title\",\"Line one of the body.\nLine two of the body.\",https://www.example.org/a\n",
    );
    write(
        root,
        "nested/deeper/story.md",
        b"# Deep story title here\n\nThe council voted to close the road, officials said.\n",
    );
    write(root, ".claimdesk/ignored.txt", b"never loaded");
    write(root, "notes.html", b"<p>not an article</p>");
    write(
        root,
        "locked.txt",
        b"Secret headline goes here\n\nBody text.",
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            root.join("locked.txt"),
            std::fs::Permissions::from_mode(0o000),
        )
        .unwrap();
    }

    let c = corpus::load(root).unwrap();
    assert_eq!(c.root, root);
    let paths: Vec<&str> = c.articles.iter().map(|a| a.path.as_str()).collect();
    let readable_locked = std::fs::read(root.join("locked.txt")).is_ok();
    let mut want = vec!["bad_utf8.txt", "bom.txt", "crlf.txt", "escapes.txt"];
    if readable_locked {
        want.push("locked.txt");
    }
    want.extend([
        "nested/deeper/story.md",
        "rows.csv#1",
        "rows.jsonl#1",
        "rows.jsonl#4",
    ]);
    assert_eq!(paths, want);

    let gist = |path: &str| -> Vec<String> {
        problem_for(&c, path)
            .iter()
            .map(|p| p.message.clone())
            .collect()
    };
    assert_eq!(gist("bad_utf8.txt").len(), 1);
    assert!(gist("bad_utf8.txt")[0].starts_with("not valid UTF-8; 3 bytes replaced"));
    assert!(gist("binary.txt")[0].starts_with("binary data"));
    assert!(gist("empty.txt")[0].starts_with("empty"));
    assert!(gist("blank.md")[0].starts_with("empty"));
    let rows = gist("rows.jsonl");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].starts_with("row 2: not valid JSON"));
    assert!(rows[1].starts_with("row 3: no `body`"));
    if readable_locked {
        assert!(gist("locked.txt").is_empty());
    } else {
        assert!(gist("locked.txt")[0].contains("permission denied"));
    }
    let mut named: Vec<&str> = c.problems.iter().map(|p| p.path.as_str()).collect();
    named.dedup();
    let mut want_named = vec!["bad_utf8.txt", "binary.txt", "blank.md", "empty.txt"];
    if !readable_locked {
        want_named.push("locked.txt");
    }
    want_named.push("rows.jsonl");
    assert_eq!(named, want_named, "{:?}", c.problems);

    let a = article(&c, "escapes.txt");
    assert!(
        a.text.contains("\x1b[31mred"),
        "the text keeps escapes; display sanitises"
    );
    assert!(a.title.contains("Headline with"));
    let a = article(&c, "crlf.txt");
    assert_eq!(
        a.text,
        "Storm closes port\n\nOfficials said the port would stay closed until Friday at least.\nLone CR line\nend\n"
    );
    assert_eq!(a.title, "Storm closes port");
    let a = article(&c, "bom.txt");
    assert!(a.text.starts_with("عنوان"), "BOM dropped");
    assert_eq!(a.lang, "ar");
    let a = article(&c, "bad_utf8.txt");
    assert!(a.text.starts_with("Caf\u{fffd} owners"));
    let a = article(&c, "rows.jsonl#1");
    assert_eq!(a.title, "First row");
    assert_eq!(a.outlet.as_deref(), Some("Daily"));
    assert_eq!(a.date.as_deref(), Some("2017-11-15"));
    assert_eq!(a.text, "Police said two people were hurt.");
    assert_eq!(a.lang, "en");
    let a = article(&c, "rows.csv#1");
    assert_eq!(a.title, "Quoted, title");
    assert_eq!(a.text, "Line one of the body.\nLine two of the body.");
    assert_eq!(a.url.as_deref(), Some("https://www.example.org/a"));
    assert_eq!(
        a.outlet.as_deref(),
        Some("example.org"),
        "outlet from the url"
    );
    let a = article(&c, "nested/deeper/story.md");
    assert_eq!(a.title, "Deep story title here");

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(
            root.join("locked.txt"),
            std::fs::Permissions::from_mode(0o644),
        );
    }
}

#[test]
fn a_missing_corpus_is_not_found_and_a_single_file_loads_with_its_folder_as_root() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    assert!(matches!(
        corpus::load(&missing),
        Err(CorpusError::NotFound { .. })
    ));
    let seed = manifest().join("seeds/004_9dae1a76f652294f.txt");
    let c = corpus::load(&seed).unwrap();
    assert_eq!(c.root, manifest().join("seeds"));
    assert_eq!(c.articles.len(), 1);
    assert_eq!(c.articles[0].path, "004_9dae1a76f652294f.txt");
    write(dir.path(), "page.html", b"<p>x</p>");
    let c = corpus::load(&dir.path().join("page.html")).unwrap();
    assert!(c.articles.is_empty());
    assert_eq!(c.problems[0].path, "page.html");
    assert!(c.problems[0].message.starts_with("not a .txt"));
}

#[test]
fn duplicate_texts_load_once() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        b"Same headline twice\n\nThe agency said the talks would resume on Monday in Geneva.\n";
    write(dir.path(), "a.txt", text);
    write(dir.path(), "copy/a.txt", text);
    let c = corpus::load(dir.path()).unwrap();
    assert_eq!(c.articles.len(), 1);
    assert_eq!(c.articles[0].path, "a.txt");
    assert_eq!(c.problems.len(), 1);
    assert_eq!(c.problems[0].path, "copy/a.txt");
    assert!(c.problems[0].message.starts_with("same text as a.txt"));
}

#[test]
fn oversized_files_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(corpus::MAX_FILE_BYTES + 1).unwrap();
    let c = corpus::load(dir.path()).unwrap();
    assert!(c.articles.is_empty());
    assert!(c.problems[0]
        .message
        .starts_with("larger than the 20 MiB limit"));
}

#[test]
fn furniture_shared_by_several_files_is_marked_but_syndicated_paragraphs_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let syndicated =
        "وقالت وكالة الأنباء الرسمية إن القافلة غادرت المدينة فجر اليوم تحت حماية القوات.";
    for i in 0..5 {
        let text = format!(
            "عنوان الخبر رقم {i} عن القافلة\n\nتابعوا تغطيتنا المباشرة\n\n{syndicated}\n\nوأضاف المصدر أن عدد الشاحنات بلغ {i}0 شاحنة على الأقل بحسب الشهود.\n\nجميع المواد من موقعنا\n"
        );
        write(dir.path(), &format!("{i}.txt"), text.as_bytes());
    }
    let c = corpus::load(dir.path()).unwrap();
    assert_eq!(c.articles.len(), 5);
    for a in &c.articles {
        assert!(!body_contains(a, "تابعوا تغطيتنا المباشرة"), "{}", a.path);
        assert!(!body_contains(a, "جميع المواد من موقعنا"), "{}", a.path);
        assert!(body_contains(a, syndicated), "{}", a.path);
        assert!(a.title.starts_with("عنوان الخبر رقم"));
    }
}

/// Pages laid out unlike the seeds (a wire story, an Arabic portal): the judge of
/// "don't overfit".
#[test]
fn other_news_layouts_keep_the_story_and_mark_the_furniture() {
    let c = corpus::load(&manifest().join("tests/fixtures/corpus/pages")).unwrap();
    assert!(c.problems.is_empty(), "{:?}", c.problems);

    let a = article(&c, "en_wire.txt");
    assert_eq!(
        a.title,
        "Turkey says it will not allow a \"terror corridor\" on its southern border"
    );
    assert_eq!(a.author.as_deref(), Some("Orhan Coskun and Ece Toksabay"));
    assert_eq!(a.date.as_deref(), Some("2017-11-16"));
    assert_eq!(a.lang, "en");
    for furniture in [
        "Skip to main content",
        "Sustainability",
        "By Orhan Coskun",
        "4 minute read",
        "Updated November 16",
        "Advertisement · Scroll to continue",
        "Reporting by",
        "ANKARA (Reuters) -",
        "Read Next",
        "Syria talks to resume",
        "Share this article",
    ] {
        assert!(
            !body_contains(a, furniture),
            "en_wire: {furniture:?} left in the body"
        );
    }
    for story in [
        "Turkey will not allow",
        "\"We will never allow it,\" Erdogan told",
        "The United States has said its support",
        "A U.S. official, speaking on condition of anonymity",
        "No deal yet.",
    ] {
        assert!(
            body_contains(a, story),
            "en_wire: story line marked: {story:?}"
        );
    }

    let a = article(&c, "ar_portal.txt");
    assert_eq!(
        a.title,
        "أردوغان: لن نسمح بإقامة \"ممر إرهابي\" على حدودنا الجنوبية"
    );
    assert_eq!(a.author.as_deref(), Some("أحمد المصري"));
    assert_eq!(a.date.as_deref(), Some("2017-11-16"));
    for furniture in [
        "الرئيسية | أخبار",
        "آخر تحديث",
        "كتب: أحمد المصري",
        "إقرأ أيضاً",
        "كلمات مفتاحية",
        "تابعونا على فيسبوك",
        "جميع الحقوق محفوظة",
    ] {
        assert!(
            !body_contains(a, furniture),
            "ar_portal: {furniture:?} left in the body"
        );
    }
    for tag in ["بحث", "تركيا", "سوريا", "الأكراد"] {
        let as_line = a
            .body_lines()
            .iter()
            .any(|r| a.text[r.clone()].trim() == tag);
        assert!(!as_line, "ar_portal: the line {tag:?} left in the body");
    }
    for story in [
        "أنقرة - قال الرئيس التركي",
        "وأضاف أردوغان أمام نواب حزبه",
        "من جهته، قال مسؤول أمريكي",
        "ولم يصدر تعليق فوري من البيت الأبيض.",
    ] {
        assert!(
            body_contains(a, story),
            "ar_portal: story line marked: {story:?}"
        );
    }
}
