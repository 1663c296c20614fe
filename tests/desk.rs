//! The desk across restarts: marks keep their claims when extraction changes.

mod common;

use claimdesk::desk::Desk;
use claimdesk::ids;
use claimdesk::model::Status;
use claimdesk::store::Store;

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

#[test]
fn related_links_are_cached_for_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("triage.db");
    let first = common::sample_desk_at(&db, "rana");
    let key = ids::corpus_key(
        claimdesk::extract::VERSION,
        first.claims.iter().map(|c| c.id.as_str()),
    );
    let cached = first.store.cached_related(&key).unwrap();
    assert!(cached.is_some(), "the first start stores the links");
    let again = common::sample_desk_at(&db, "rana");
    let links = |d: &Desk| -> Vec<_> {
        d.claims
            .iter()
            .map(|c| (c.related.clone(), c.suggested))
            .collect()
    };
    assert_eq!(
        links(&first),
        links(&again),
        "a warm start gives the same links"
    );
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

#[test]
fn a_tui_start_keeps_the_cached_related_links_of_its_corpus() {
    let (_dir, seeds) = common::seeds_copy();
    let opts = open_options(&seeds);
    let desk = Desk::open(&opts).unwrap();
    let key = ids::corpus_key(
        claimdesk::extract::VERSION,
        desk.claims.iter().map(|c| c.id.as_str()),
    );
    let db = desk.store.path().to_path_buf();
    drop(desk);
    assert!(Store::open(&db)
        .unwrap()
        .cached_related(&key)
        .unwrap()
        .is_some());
    // The TUI starts from an empty desk and loads in the background: the empty desk must
    // not replace the links cached for the corpus it is about to load.
    let (_empty, _loader) = Desk::open_in_background(&opts).unwrap();
    assert!(
        Store::open(&db)
            .unwrap()
            .cached_related(&key)
            .unwrap()
            .is_some(),
        "a warm start would link the whole corpus again"
    );
}

#[test]
fn a_second_start_reads_layouts_from_the_store_and_finds_the_same_articles() {
    let (_dir, seeds) = common::seeds_copy();
    let opts = open_options(&seeds);
    let first = Desk::open(&opts).unwrap();
    let db = first.store.path().to_path_buf();
    let key = claimdesk::corpus::read(&seeds).unwrap().layout_key();
    let cached = first.store.cached_layouts(&key).unwrap();
    assert!(cached.is_some(), "layouts are cached after a first load");
    let articles = first.corpus.articles.clone();
    let claims = first.claims.clone();
    drop(first);
    let second = Desk::open(&opts).unwrap();
    assert_eq!(second.corpus.articles, articles);
    assert_eq!(second.claims, claims);
    drop(second);

    // A damaged cache (ranges outside the text) is read again, never trusted.
    let store = Store::open(&db).unwrap();
    let bad: Vec<claimdesk::corpus::Layout> = articles
        .iter()
        .map(|a| claimdesk::corpus::Layout {
            boilerplate: std::iter::once(0..a.text.len() + 7).collect(),
            ..a.layout()
        })
        .collect();
    store
        .cache_layouts(&key, &serde_json::to_string(&bad).unwrap())
        .unwrap();
    drop(store);
    let third = Desk::open(&opts).unwrap();
    assert_eq!(third.corpus.articles, articles);

    // A changed file is a new corpus: its layouts are read, not taken from the cache.
    let file = std::fs::read_dir(&seeds)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "txt"))
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("عنوان جديد تماما للمقال هنا\n{text}")).unwrap();
    let fourth = Desk::open(&opts).unwrap();
    let changed = fourth
        .corpus
        .articles
        .iter()
        .find(|a| seeds.join(&a.path) == file)
        .unwrap();
    assert_eq!(changed.title, "عنوان جديد تماما للمقال هنا");
}
