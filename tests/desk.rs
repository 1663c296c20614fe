//! The desk across restarts: marks keep their claims when extraction changes.

mod common;

use claimdesk::desk::{Desk, Loaded, OpenOptions};
use claimdesk::ids;
use claimdesk::model::{Article, Claim, Problem, Status};
use claimdesk::search::{Item, Packed};
use claimdesk::store::snapshot::{self, Snapshot};
use claimdesk::store::Store;
use std::path::PathBuf;

#[test]
fn marks_follow_their_claim_when_extraction_cuts_it_differently() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("triage.db");
    {
        let mut desk = common::sample_desk_at(&db, "rana");
        desk.mark(0, Status::Contradicted, Some("checked".into()))
            .unwrap();
        desk.mark(1, Status::Attributed, None).unwrap();
    }
    // A new extractor: claim 0 now leaves out its last words (new text, new id), and
    // claim 1 is no longer made at all.
    let (corpus, mut claims) = common::sample_corpus();
    let article = &corpus.articles[0];
    let c0 = &mut claims[0][0];
    let shorter = "وقال سيجرا إنه التقى ممثل موسكو";
    let start = article.text.find(shorter).unwrap();
    c0.span = start..start + shorter.len();
    c0.text = shorter.to_string();
    c0.id = ids::claim_id(&article.id, shorter);
    let dropped = claims[0].remove(1);
    let desk = Desk::from_parts(corpus, claims, Store::open(&db).unwrap(), "rana").unwrap();
    let mark = desk.mark_of(0).expect("the mark was re-anchored");
    assert_eq!(mark.status, Status::Contradicted);
    assert_eq!(mark.note.as_deref(), Some("checked"));
    assert_eq!(desk.reanchored(), 1);
    // The dropped claim's sentence lies inside no claim now: its mark is reported.
    let orphans = desk.orphans();
    assert_eq!(orphans.len(), 1);
    assert_eq!(orphans[0].claim_id, dropped.id);
    assert_eq!(orphans[0].status, Status::Attributed);
}

#[test]
fn a_mark_whose_sentence_is_gone_is_an_orphan_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("triage.db");
    {
        let mut desk = common::sample_desk_at(&db, "rana");
        desk.mark(3, Status::Unverified, None).unwrap();
    }
    let (corpus, mut claims) = common::sample_corpus();
    claims[1].truncate(1);
    let desk = Desk::from_parts(corpus, claims, Store::open(&db).unwrap(), "rana").unwrap();
    let orphans = desk.orphans();
    assert_eq!(orphans.len(), 1);
    assert_eq!(orphans[0].status, Status::Unverified);
    assert_eq!(desk.counts()[0], 3, "no remaining claim picked the mark up");
}

/// Open `corpus` with its default store and the built-in cues.
fn open_options(corpus: &std::path::Path) -> claimdesk::desk::OpenOptions {
    claimdesk::desk::OpenOptions {
        corpus: corpus.to_path_buf(),
        db: None,
        reviewer: "rana".into(),
        cues: claimdesk::extract::Cues::builtin(),
    }
}

/// What a load found: articles (a text the TUI let go read again), claims (with their
/// links) and problems.
fn loaded(desk: &Desk) -> (Vec<Article>, Vec<Claim>, Vec<Problem>) {
    let articles = (desk.corpus.articles.iter())
        .map(|a| {
            let mut a = a.clone();
            if a.shelved {
                a.text = claimdesk::corpus::reread(&desk.corpus.root, &a).unwrap();
                a.shelved = false;
            }
            a
        })
        .collect();
    // and claims whose text went to the spill file read back
    let claims = (desk.claims.iter().enumerate())
        .map(|(i, c)| {
            let mut c = c.clone();
            if c.spilled.take().is_some() {
                c.text = desk.claim_text(i).into_owned();
            }
            c
        })
        .collect();
    (articles, claims, desk.corpus.problems.clone())
}

/// The corpus as a first load with no store at all finds it.
fn fresh(opts: &OpenOptions) -> (Vec<Article>, Vec<Claim>, Vec<Problem>) {
    let opts = OpenOptions {
        db: Some(":memory:".into()),
        ..opts.clone()
    };
    loaded(&Desk::open(&opts).unwrap())
}

/// A corpus with two reports of one convoy that give different truck counts (related
/// claims, numbers disagreeing), other stories, a `.jsonl` file of rows, and a bad file.
fn convoy_corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let story = |title: &str, body: &str| format!("{title}\n\n{body}\n");
    std::fs::write(
        corpus.join("a.txt"),
        story(
            "قافلة تغادر الرقة",
            "خرجت قافلة محملة بعناصر داعش تضم نحو 48 شاحنة من الرقة باتجاه الشرق. \
             وقال المرصد السوري لحقوق الإنسان إن القافلة ضمت مئات المقاتلين وعائلاتهم.",
        ),
    )
    .unwrap();
    std::fs::write(
        corpus.join("b.txt"),
        story(
            "شاحنات السلاح تغادر المدينة",
            "غادرت الرقة قافلة تضم 50 شاحنة كبيرة محملة بالسلاح وعناصر داعش. \
             وأكدت مصادر محلية أن الطريق أغلق لساعات طويلة أمام المدنيين.",
        ),
    )
    .unwrap();
    for k in 0..6 {
        std::fs::write(
            corpus.join(format!("other{k}.txt")),
            story(
                &format!("خبر رقم {k}"),
                &format!(
                    "التقى الوزير نظيره في العاصمة لبحث ملفات التجارة والطاقة رقم {k} هذا الأسبوع. \
                     وقال المتحدث باسم الوزارة إن اللقاء تناول التعاون الاقتصادي بين البلدين."
                ),
            ),
        )
        .unwrap();
    }
    std::fs::write(
        corpus.join("wire.jsonl"),
        "{\"title\": \"Talks\", \"body\": \"The minister said the talks would resume on Monday after a long pause.\"}\n\
         {\"title\": \"Trucks\", \"body\": \"A senior official said 50 trucks left the city before dawn on Sunday.\"}\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("broken.txt"),
        b"\xC7\xE1 \xE3\xD5\xCF\xD1 said the agency on Sunday morning",
    )
    .unwrap();
    (dir, corpus)
}

/// The snapshot of the store of `desk`.
fn snapshot_of(desk: &Desk) -> PathBuf {
    snapshot::path_for(desk.store.path()).expect("a store on disk has a snapshot")
}

/// Write a snapshot like `snap` whose first claim is suggested `contradicted`, with
/// `key`: a start that shows that suggestion took its claims from the snapshot.
fn doctored(snap: &Snapshot, key: snapshot::Key, articles: &[Article], path: &std::path::Path) {
    let mut w = snapshot::Writer::new(key);
    for s in &snap.sources {
        w.source(&s.rel, &s.stamp, s.racy, &s.docs);
    }
    for (i, a) in articles.iter().enumerate() {
        let mut claims = snap.claims(i, a).unwrap();
        if i == 0 {
            claims[0].suggested = Status::Contradicted;
        }
        w.article(a, &claims, None);
    }
    w.finish(&snap.links).write(path).unwrap();
}

#[test]
fn a_warm_start_takes_everything_from_the_snapshot_and_finds_the_same_desk() {
    let (_dir, corpus) = convoy_corpus();
    let opts = open_options(&corpus);
    let first = Desk::open(&opts).unwrap();
    let truth = loaded(&first);
    assert_eq!(truth, fresh(&opts), "a first load is a fresh load");
    let linked: Vec<&Claim> = truth.1.iter().filter(|c| !c.related.is_empty()).collect();
    assert_eq!(linked.len(), 2, "the two convoy reports are related");
    assert!(linked.iter().all(|c| c.related[0].numbers_disagree));
    assert!(linked.iter().all(|c| c.suggested == Status::Contradicted));
    assert!(!truth.2.is_empty(), "broken.txt is reported");
    let path = snapshot_of(&first);
    drop(first);
    let snap = Snapshot::read(&path).expect("the first load keeps a snapshot");
    assert_eq!(snap.articles.len(), truth.0.len());
    assert_eq!(
        loaded(&Desk::open(&opts).unwrap()),
        truth,
        "a warm start finds the same"
    );

    // Proof that a warm start reads the snapshot rather than the corpus: a snapshot
    // saying something else (with the right key and stamps) is what the desk shows.
    doctored(&snap, snap.key.clone(), &truth.0, &path);
    let warm = Desk::open(&opts).unwrap();
    assert_eq!(warm.claims[0].suggested, Status::Contradicted);
    assert_eq!(warm.corpus.articles, truth.0);
}

#[test]
fn a_changed_added_removed_or_renamed_file_is_picked_up() {
    let (_dir, corpus) = convoy_corpus();
    let opts = open_options(&corpus);
    Desk::open(&opts).unwrap();
    let check = |what: &str| {
        assert_eq!(loaded(&Desk::open(&opts).unwrap()), fresh(&opts), "{what}");
    };
    let a = corpus.join("a.txt");
    let text = std::fs::read_to_string(&a).unwrap();
    std::fs::write(&a, text.replace("48", "47")).unwrap();
    check("a file changed, same size");
    std::fs::write(
        &a,
        format!("{text}وأضاف المرصد أن القافلة وصلت إلى دير الزور مساء الأحد.\n"),
    )
    .unwrap();
    check("a file grew");
    std::fs::write(
        corpus.join("new.txt"),
        "عنوان\n\nقال الوزير إن المحادثات ستستأنف الأسبوع المقبل في جنيف.\n",
    )
    .unwrap();
    check("a file added");
    std::fs::remove_file(corpus.join("other3.txt")).unwrap();
    check("a file removed");
    std::fs::rename(corpus.join("b.txt"), corpus.join("z.txt")).unwrap();
    check("a file renamed");
    let rows = corpus.join("wire.jsonl");
    let jsonl = std::fs::read_to_string(&rows).unwrap();
    std::fs::write(&rows, jsonl.replace("Sunday", "Monday")).unwrap();
    check("a row changed");
    // A file written again with the same text has a new stamp: it is read and hashed,
    // and the rest still comes from the snapshot.
    std::fs::write(&rows, &jsonl).unwrap();
    check("a row changed back");
    std::fs::write(&rows, &jsonl).unwrap();
    check("the same text written again");
}

#[test]
fn a_changed_lexicon_or_extractor_is_not_served_from_the_snapshot() {
    let (dir, corpus) = convoy_corpus();
    let opts = open_options(&corpus);
    let first = Desk::open(&opts).unwrap();
    let truth = loaded(&first);
    let path = snapshot_of(&first);
    drop(first);
    let snap = Snapshot::read(&path).unwrap();
    // A snapshot from another extractor (or another lexicon: both are in its key) is
    // never served, not even for its claims.
    let other = snapshot::Key {
        extractor: format!("{}-older", snap.key.extractor),
        ..snap.key.clone()
    };
    doctored(&snap, other, &truth.0, &path);
    assert_eq!(loaded(&Desk::open(&opts).unwrap()), truth);
    let relaid = snapshot::Key {
        layout: "another layout reader".into(),
        ..snap.key.clone()
    };
    doctored(&snap, relaid, &truth.0, &path);
    assert_eq!(loaded(&Desk::open(&opts).unwrap()).1, truth.1);

    // A user lexicon that adds a cue changes the claims, and the next start sees it.
    let cue_file = dir.path().join("cues.toml");
    std::fs::write(&cue_file, "reporting = [\"تبجح\"]\n").unwrap();
    std::fs::write(
        corpus.join("claimed.txt"),
        "انسحاب القوات من المدينة الشمالية\n\nتبجح المتحدث بأن القوات انسحبت من المدينة بالكامل.\n",
    )
    .unwrap();
    let with_cue = OpenOptions {
        cues: claimdesk::extract::Cues::load(&[cue_file]).unwrap(),
        ..opts.clone()
    };
    let builtin = loaded(&Desk::open(&opts).unwrap());
    let extended = loaded(&Desk::open(&with_cue).unwrap());
    assert_eq!(extended, fresh(&with_cue));
    assert_ne!(
        extended.1, builtin.1,
        "the new cue makes a claim attributed"
    );
    assert_eq!(loaded(&Desk::open(&opts).unwrap()), builtin, "and back");
}

#[test]
fn a_damaged_or_foreign_snapshot_is_ignored() {
    let (_dir, corpus) = convoy_corpus();
    let opts = open_options(&corpus);
    let first = Desk::open(&opts).unwrap();
    let truth = loaded(&first);
    let path = snapshot_of(&first);
    drop(first);
    let good = std::fs::read(&path).unwrap();
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 1;
    let mut wrong_sizes = Snapshot::read(&path).unwrap();
    for s in &mut wrong_sizes.sources {
        for d in &mut s.docs {
            d.text_len += 1;
        }
    }
    let sources = wrong_sizes.sources.clone();
    let inconsistent = wrong_sizes.with_sources(&sources).to_bytes();
    for (what, bytes) in [
        ("flipped", flipped),
        ("truncated", good[..good.len() - 9].to_vec()),
        ("empty", Vec::new()),
        ("not a snapshot", b"SQLite format 3\0".repeat(40)),
        ("checksummed but not of these files", inconsistent),
    ] {
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(loaded(&Desk::open(&opts).unwrap()), truth, "{what}");
    }
    assert!(
        Snapshot::read(&path).is_some(),
        "a good snapshot replaces a bad one"
    );
}

#[test]
fn marks_keep_their_claims_across_snapshot_starts() {
    let (_dir, corpus) = convoy_corpus();
    let opts = open_options(&corpus);
    let mut first = Desk::open(&opts).unwrap();
    let ids: Vec<String> = first.claims.iter().map(|c| c.id.clone()).collect();
    first
        .mark(0, Status::Contradicted, Some("two counts".into()))
        .unwrap();
    let last = ids.len() - 1;
    first.mark(last, Status::Attributed, None).unwrap();
    drop(first);
    let warm = Desk::open(&opts).unwrap();
    assert_eq!(
        warm.claims.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
        ids
    );
    assert_eq!(warm.status(0), Status::Contradicted);
    assert_eq!(warm.mark_of(0).unwrap().note.as_deref(), Some("two counts"));
    assert_eq!(warm.status(last), Status::Attributed);
    drop(warm);
    // Another file changes: the marks stay on the same claims.
    std::fs::write(
        corpus.join("new.txt"),
        "عنوان\n\nقال الوزير إن المحادثات ستستأنف الأسبوع المقبل في جنيف.\n",
    )
    .unwrap();
    let changed = Desk::open(&opts).unwrap();
    let c0 = changed.claim_index(&ids[0]).unwrap();
    assert_eq!(changed.status(c0), Status::Contradicted);
    assert_eq!(
        changed.status(changed.claim_index(&ids[last]).unwrap()),
        Status::Attributed
    );
    assert!(changed.orphans().is_empty());
}

/// A TUI start to its end: the loader's messages applied to a desk as the TUI applies
/// them, the filter items they brought, and whether the load started over.
fn tui_start(opts: &OpenOptions) -> (Desk, Vec<Item>, bool) {
    let (mut desk, loader) = Desk::open_in_background(opts).unwrap();
    let started = std::time::Instant::now();
    let (mut items, mut reset) = (Vec::new(), false);
    loop {
        match loader.try_recv() {
            Some(message) => {
                match &message {
                    Loaded::Indexed { items: some, .. } => items.extend(some.iter().cloned()),
                    Loaded::Reset => {
                        items.clear();
                        reset = true;
                    }
                    _ => {}
                }
                if desk.apply(message) {
                    break;
                }
            }
            None => {
                assert!(started.elapsed().as_secs() < 60, "the load never ended");
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        }
    }
    // Waits for the loader's thread, and so for the snapshot it keeps.
    loader.finish();
    (desk, items, reset)
}

#[test]
fn a_tui_start_loads_the_same_desk_as_a_headless_one() {
    let (_dir, corpus) = convoy_corpus();
    let opts = open_options(&corpus);
    for round in ["cold", "warm"] {
        let (desk, _, _) = tui_start(&opts);
        assert_eq!(loaded(&desk), fresh(&opts), "{round}");
        // The loader keeps its snapshot once the desk has everything: the second round
        // starts from it.
        assert!(snapshot_of(&desk).exists(), "no snapshot was kept");
    }
}

/// A warm TUI start reads the search keys with the articles, front to back: every claim
/// comes with its key from the snapshot, the first batch's too. A key section damaged
/// where only its checksum can tell is found at its end, and the start begins again from
/// the files: the same desk, keys folded anew.
#[test]
fn a_warm_tui_start_takes_every_key_from_the_snapshot_and_starts_over_when_they_are_damaged() {
    let (_dir, corpus) = convoy_corpus();
    let opts = open_options(&corpus);
    let want = fresh(&opts);
    let texts: Vec<String> = want.1.iter().map(|c| c.text.clone()).collect();
    let keys_of = |items: &[Item]| -> Vec<Option<Vec<u8>>> {
        (items.iter())
            .map(|i| i.packed.as_ref().map(|p| p.key().to_vec()))
            .collect()
    };
    let folded: Vec<Option<Vec<u8>>> = (texts.iter())
        .map(|t| Some(Packed::of(t).key().to_vec()))
        .collect();
    let (desk, _, _) = tui_start(&opts);
    let path = snapshot_of(&desk);
    drop(desk);
    let (desk, items, reset) = tui_start(&opts);
    assert!(!reset);
    assert_eq!(loaded(&desk), want, "warm");
    assert_eq!(keys_of(&items), folded, "every key, from the snapshot");
    drop(desk);

    // a bit flipped in the last key: still well formed, its checksum fails
    let mut bytes = std::fs::read(&path).unwrap();
    let last = bytes.len() - 10;
    bytes[last] ^= 0x01;
    std::fs::write(&path, &bytes).unwrap();
    let (desk, items, reset) = tui_start(&opts);
    assert!(reset, "the damage is found, and the load begins again");
    assert_eq!(loaded(&desk), want, "after the damaged keys");
    assert_eq!(keys_of(&items), folded, "keys folded again");
    drop(desk);
    let (_, items, reset) = tui_start(&opts);
    assert!(!reset, "a good snapshot replaced the damaged one");
    assert_eq!(keys_of(&items), folded);
}

/// Every claim's text as the desk gives it (read back from a spill file if need be).
fn claim_texts_of(desk: &Desk) -> Vec<String> {
    (0..desk.claims.len())
        .map(|c| desk.claim_text(c).into_owned())
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn a_warm_tui_start_reads_the_claims_texts_from_the_file_the_cold_one_kept() {
    let (_dir, corpus) = convoy_corpus();
    let opts = open_options(&corpus);
    let (_, claims, _) = fresh(&opts);
    let claim_texts: Vec<String> = claims.into_iter().map(|c| c.text).collect();
    let stamp =
        |path: &std::path::Path| claimdesk::corpus::Stamp::of(&std::fs::metadata(path).unwrap());
    let (desk, _, _) = tui_start(&opts);
    let snap_path = snapshot_of(&desk);
    let kept = snapshot::texts_path(&snap_path);
    let named = Snapshot::read(&snap_path)
        .unwrap()
        .texts
        .expect("the snapshot names its texts");
    let all: usize = claim_texts.iter().map(String::len).sum();
    assert_eq!((named.start, named.len), (0, all as u64));
    assert_eq!(named.stamp, stamp(&kept));
    drop(desk);

    // the next start points its claims into that file, and writes no texts
    let (desk, _, reset) = tui_start(&opts);
    assert!(!reset);
    assert_eq!(claim_texts_of(&desk), claim_texts);
    assert_eq!(stamp(&kept), named.stamp, "the kept file is left as it was");
    drop(desk);

    // without it (or with another file in its place) a start writes the texts again,
    // and keeps them for the start after
    for replace in [false, true] {
        std::fs::remove_file(&kept).unwrap();
        if replace {
            std::fs::write(&kept, vec![b'x'; all]).unwrap();
        }
        let (desk, _, _) = tui_start(&opts);
        assert_eq!(claim_texts_of(&desk), claim_texts, "replaced: {replace}");
        drop(desk);
        let again = Snapshot::read(&snap_path).unwrap().texts.unwrap();
        assert_eq!(again.stamp, stamp(&kept), "replaced: {replace}");
        assert_eq!(
            std::fs::read(&kept).unwrap(),
            claim_texts.concat().into_bytes()
        );
        let (desk, _, _) = tui_start(&opts);
        assert_eq!(claim_texts_of(&desk), claim_texts, "replaced: {replace}");
        assert_eq!(stamp(&kept), again.stamp);
    }
}

/// Past its first batch, a warm TUI start reads no `.txt` file that kept its stamp: its
/// article, claims, keys and texts come from the snapshot and the kept texts file. What it
/// loads is what a fresh headless load finds, files it must read (a CRLF file, one with a
/// byte that is not UTF-8, rows) included.
#[cfg(target_os = "linux")]
#[test]
fn a_warm_tui_start_past_its_first_batch_takes_unchanged_files_from_the_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut texts: Vec<String> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    texts.sort();
    for i in 0..90 {
        let text = format!(
            "{}\nوقال المتحدث إن الحصيلة بلغت {i} قتيلا.\n",
            texts[i % texts.len()]
        );
        std::fs::write(corpus.join(format!("{i:03}.txt")), text).unwrap();
    }
    std::fs::write(
        corpus.join("095.txt"),
        "عنوان\r\n\r\nوقال الوزير إن 12 جنديا قتلوا.\r\n",
    )
    .unwrap();
    std::fs::write(corpus.join("096.txt"), b"\xd8\xb9\xff \xd9\x82\xd8\xa7\xd9\x84 \xd8\xa7\xd9\x84\xd9\x88\xd8\xb2\xd9\x8a\xd8\xb1 \xd8\xa5\xd9\x86 5 \xd9\x82\xd8\xaa\xd9\x84\xd9\x89.\n").unwrap();
    std::fs::write(
        corpus.join("097.jsonl"),
        "{\"title\": \"صف\", \"body\": \"وقالت الوزارة إن 7 مدنيين قتلوا في القصف.\"}\n",
    )
    .unwrap();
    // files modified just before a load are hashed at the next one whatever their
    // stamps say (see `Stamp::racy`): these are older by the time the corpus is loaded
    std::thread::sleep(std::time::Duration::from_millis(300));
    let opts = open_options(&corpus);
    let want = fresh(&opts);
    let (desk, _, _) = tui_start(&opts);
    assert_eq!(loaded(&desk), want, "cold");
    drop(desk);
    let (desk, _, reset) = tui_start(&opts);
    assert!(!reset);
    assert_eq!(loaded(&desk), want, "warm");
    // the later articles were never read: shelved, their claims' texts in the kept file
    let late = (desk.corpus.articles.iter())
        .position(|a| a.path == "080.txt")
        .unwrap();
    assert!(desk.corpus.articles[late].shelved);
    let claims = desk.article_claims[late].clone();
    assert!(claims
        .clone()
        .all(|c| desk.claims[c].text.is_empty() && desk.claims[c].spilled.is_some()));
    assert!(claims
        .clone()
        .any(|c| desk.claim_text(c) == "وقال المتحدث إن الحصيلة بلغت 80 قتيلا."));
}

#[test]
fn a_tui_start_keeps_only_the_texts_it_needs_and_reads_them_again_checked() {
    let (_dir, corpus) = convoy_corpus();
    let opts = open_options(&corpus);
    let (headless, claims, _) = fresh(&opts);
    let claim_texts: Vec<String> = claims.into_iter().map(|c| c.text).collect();
    for round in ["cold", "warm"] {
        let (mut desk, _, _) = tui_start(&opts);
        // the claims' texts went to the spill file, and come back whole
        assert!(desk
            .claims
            .iter()
            .all(|c| c.text.is_empty() && c.spilled.is_some()));
        assert_eq!(claim_texts_of(&desk), claim_texts, "{round}");
        // re-indexing (after a reviewer adds a claim) reads them back in bulk, the same
        let items: Vec<String> = desk.search_items().into_iter().map(|i| i.text).collect();
        assert_eq!(items, claim_texts, "{round}");
        for (a, full) in desk.corpus.articles.iter().zip(&headless) {
            let row = a.path.contains(".jsonl#");
            assert_eq!(a.shelved, !row, "{round}: {}", a.path);
            // a row's text is kept: reading one row again means reading its whole file
            assert_eq!(a.text.is_empty(), !row, "{round}: {}", a.path);
            assert_eq!(a.title, full.title, "{round}: the layout stays");
        }
        let a = (desk.corpus.articles.iter())
            .position(|a| a.path == "a.txt")
            .unwrap();
        desk.load_text(a).unwrap();
        assert_eq!(desk.corpus.articles[a].text, headless[a].text, "{round}");
        assert!(!desk.corpus.articles[a].shelved);
        desk.shelve(&[a]);
        assert!(desk.corpus.articles[a].text.is_empty());
    }

    // A file changed since the load cannot give the text its claims point into.
    let (mut desk, _, _) = tui_start(&opts);
    let a = (desk.corpus.articles.iter())
        .position(|a| a.path == "a.txt")
        .unwrap();
    let path = corpus.join("a.txt");
    let old = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{old}\nA line added later.\n")).unwrap();
    let problem = desk.load_text(a).unwrap_err();
    assert_eq!(problem.path, "a.txt");
    assert!(problem.message.contains("changed on disk"), "{problem}");
    assert!(desk.corpus.articles[a].shelved, "nothing half read");
    // Its claims can still be marked: the mark is kept, anchored by the claim's words.
    let c = desk.article_claims[a].start;
    let event = desk.mark(c, Status::Unverified, None).unwrap();
    assert_eq!(event.selector.exact, desk.claim_text(c));
    assert_eq!(desk.status(c), Status::Unverified);
    std::fs::remove_file(&path).unwrap();
    let gone = desk.load_text(a).unwrap_err();
    assert!(gone.message.contains("cannot be read again"), "{gone}");
}

/// More files than a load's first batch (32), each with claims.
fn many_files_corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for k in 0..45 {
        let text = format!(
            "محادثات جنيف {k}\n\nقال الوزير إن المحادثات رقم {k} ستستأنف الأسبوع المقبل في جنيف. \
             The minister said round {k} of the talks would resume on Monday.\n"
        );
        std::fs::write(corpus.join(format!("s{k:02}.txt")), text).unwrap();
    }
    (dir, corpus)
}

/// Each claim's key as folding makes it, in the desk's order.
fn folded_keys(desk: &Desk) -> Vec<Packed> {
    (0..desk.claims.len())
        .map(|c| Packed::of(&desk.claim_text(c)))
        .collect()
}

/// The keys a snapshot keeps for the desk's claims, article by article (`None` for an
/// article it keeps none for).
fn kept_keys(desk: &Desk) -> Vec<Option<Vec<Packed>>> {
    let snap = Snapshot::read(&snapshot_of(desk)).expect("a snapshot was kept");
    let Some(keys) = snap.keys() else {
        return vec![None; desk.corpus.articles.len()];
    };
    (0..desk.corpus.articles.len())
        .map(|i| {
            let claims = desk.article_claims[i].len();
            keys.article(i, claims).expect("keys as written")
        })
        .collect()
}

#[test]
fn a_headless_load_keeps_no_search_keys_and_a_tui_load_keeps_and_takes_them() {
    let (_dir, corpus) = many_files_corpus();
    let opts = open_options(&corpus);
    let truth = fresh(&opts);
    assert!(truth.0.len() > 40 && truth.1.len() > truth.0.len());

    // Headless, cold: no keys are folded or kept.
    let headless = Desk::open(&opts).unwrap();
    assert!(kept_keys(&headless).iter().all(Option::is_none));
    // A TUI start from that snapshot folds every claim's key as it decodes the claims
    // (their texts go to the spill file, so the index has none to fold).
    let (desk, items, reset) = tui_start(&opts);
    assert_eq!(loaded(&desk), truth);
    assert!(!reset);
    assert_eq!(items.len(), desk.claims.len());
    for (c, item) in items.iter().enumerate() {
        assert_eq!(
            (item.packed.as_ref(), item.text.as_str()),
            (Some(&Packed::of(&desk.claim_text(c))), "")
        );
    }

    // A cold TUI start folds every key once and keeps them in the snapshot.
    std::fs::remove_file(snapshot_of(&desk)).unwrap();
    let (desk, items, _) = tui_start(&opts);
    assert_eq!(loaded(&desk), truth);
    let folded = folded_keys(&desk);
    let packed: Vec<Packed> = items.iter().filter_map(|i| i.packed.clone()).collect();
    assert_eq!(packed, folded, "the cold load's items carry their keys");
    let kept: Vec<Packed> = kept_keys(&desk).into_iter().flatten().flatten().collect();
    assert_eq!(kept, folded);

    // A warm TUI start takes them from the snapshot, but for the first batch's (the
    // first screen does not wait for the keys to be read): those the loader folds.
    let (desk, items, reset) = tui_start(&opts);
    assert_eq!(loaded(&desk), truth);
    assert!(!reset);
    for (c, item) in items.iter().enumerate() {
        assert_eq!(item.packed.as_ref(), Some(&folded[c]), "claim {c}");
        assert!(
            item.text.is_empty(),
            "claim {c} carries no copy of its text"
        );
    }
    // A headless warm start leaves them be.
    assert_eq!(loaded(&Desk::open(&opts).unwrap()), truth);
    assert_eq!(
        kept_keys(&desk).into_iter().flatten().count(),
        desk.corpus.articles.len()
    );

    // One file edited: a cold TUI start takes the other articles' keys from the
    // snapshot, a batch at a time, and every item carries its claim's own key.
    let edited = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "txt"))
        .unwrap();
    let mut text = std::fs::read_to_string(&edited).unwrap();
    text.push_str("\nوقال المتحدث إن القافلة الأخيرة وصلت إلى المدينة صباح اليوم.\n");
    std::fs::write(&edited, text).unwrap();
    let (desk, items, _) = tui_start(&opts);
    assert_eq!(items.len(), desk.claims.len());
    let folded = folded_keys(&desk);
    for (c, item) in items.iter().enumerate() {
        assert_eq!(item.packed.as_ref(), Some(&folded[c]), "claim {c}");
    }
}

#[test]
fn search_keys_that_are_not_keys_send_a_tui_start_back_to_the_files() {
    let (_dir, corpus) = many_files_corpus();
    let opts = open_options(&corpus);
    let (desk, _, _) = tui_start(&opts);
    let truth = loaded(&desk);
    let path = snapshot_of(&desk);
    let snap = Snapshot::read(&path).unwrap();
    // The same snapshot, checksummed as it should be, but the last article's keys are
    // not packed keys (a continuation byte where a char starts).
    let mut w = snapshot::Writer::new(snap.key.clone());
    for s in &snap.sources {
        w.source(&s.rel, &s.stamp, s.racy, &s.docs);
    }
    let last = truth.0.len() - 1;
    let folded = folded_keys(&desk);
    for (i, a) in truth.0.iter().enumerate() {
        let claims = snap.claims(i, a).unwrap();
        let mut keys = folded[desk.article_claims[i].clone()].to_vec();
        if i == last {
            keys[0] = Packed::new(vec![b'x', 0x85].into(), keys[0].mask);
        }
        w.article(a, &claims, Some(&keys));
    }
    w.finish(&snap.links).write(&path).unwrap();
    drop(snap);

    let (desk, items, reset) = tui_start(&opts);
    assert!(reset, "the article was refused, and the corpus read again");
    assert_eq!(loaded(&desk), truth);
    assert_eq!(items.len(), desk.claims.len());
    // The snapshot kept this time has good keys again.
    let kept: Vec<Packed> = kept_keys(&desk).into_iter().flatten().flatten().collect();
    assert_eq!(kept, folded);
}
