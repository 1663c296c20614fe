//! The TUI without a terminal: keys through `key_action` + `update`, and the views drawn
//! on ratatui's TestBackend (insta snapshots at 80×24 and 120×40).

mod common;

use claimdesk::config::Config;
use claimdesk::desk::Loaded;
use claimdesk::model::Status;
use claimdesk::store::Store;
use claimdesk::text::display::Order;
use claimdesk::tui::action::Action;
use claimdesk::tui::keymap::Keymap;
use claimdesk::tui::model::{Focus, Model, Prompt, SaveState};
use claimdesk::tui::theme::Theme;
use claimdesk::tui::{update, views};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn model_with(desk: claimdesk::desk::Desk, w: u16, h: u16) -> Model {
    let keymap = Keymap::from_bindings(&Config::builtin().keymap).unwrap();
    Model::new(desk, keymap, Order::Visual, (w, h))
}

fn model() -> Model {
    model_with(common::sample_desk(), 120, 40)
}

fn press(m: &mut Model, code: KeyCode, mods: KeyModifiers) {
    if let Some(action) = update::key_action(m, KeyEvent::new(code, mods)) {
        update::update(m, action);
    }
}

fn keys(m: &mut Model, s: &str) {
    for c in s.chars() {
        press(m, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

fn render(m: &Model, w: u16, h: u16, no_color: bool) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = Theme::new(&Config::builtin().theme, no_color);
    terminal.draw(|f| views::draw(f, m, &theme)).unwrap();
    let buf = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let cell = &buf[(x, y)];
            out.push_str(cell.symbol());
            skip = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

#[test]
fn a_mark_is_in_the_store_before_the_screen_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("triage.db");
    let mut m = model_with(common::sample_desk_at(&db, "rana"), 120, 40);
    let first = m.selected_claim().unwrap();
    keys(&mut m, "a");
    assert_eq!(
        m.saved,
        SaveState::Saved {
            status: Status::Attributed
        }
    );
    // A second connection, as another process would see it.
    let other = Store::open(&db).unwrap();
    let marks = other.marks().unwrap();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].claim_id, m.desk.claims[first].id);
    assert_eq!(marks[0].status, Status::Attributed);
    assert_eq!(marks[0].reviewer, "rana");
}

#[test]
fn a_u_c_mark_three_claims_and_x_clears() {
    let mut m = model();
    keys(&mut m, "a");
    keys(&mut m, "j");
    keys(&mut m, "u");
    keys(&mut m, "J");
    keys(&mut m, "c");
    let statuses: Vec<Status> = (0..4).map(|c| m.desk.status(c)).collect();
    assert_eq!(
        statuses,
        [
            Status::Attributed,
            Status::Unverified,
            Status::Contradicted,
            Status::Untriaged
        ]
    );
    keys(&mut m, "x");
    assert_eq!(m.desk.status(2), Status::Untriaged);
    assert_eq!(m.progress().0, 2);
}

#[test]
fn undo_and_redo_are_recorded_in_history() {
    let mut m = model();
    keys(&mut m, "c");
    keys(&mut m, "z");
    assert_eq!(m.desk.status(0), Status::Untriaged);
    press(&mut m, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(m.desk.status(0), Status::Contradicted);
    let history = m.desk.store.history(&m.desk.claims[0].id).unwrap();
    let steps: Vec<(Status, Status)> = history
        .iter()
        .map(|e| (e.old_status, e.new_status))
        .collect();
    assert_eq!(
        steps,
        [
            (Status::Untriaged, Status::Contradicted),
            (Status::Contradicted, Status::Untriaged),
            (Status::Untriaged, Status::Contradicted),
        ]
    );
}

#[test]
fn undo_brings_the_undone_claim_back_into_view() {
    let mut m = model();
    keys(&mut m, "a");
    keys(&mut m, "J");
    assert_eq!(m.article, 1);
    keys(&mut m, "z");
    assert_eq!(m.article, 0, "undo jumps back to the claim it changed");
    assert_eq!(m.selected_claim(), Some(0));
}

#[test]
fn y_accepts_the_suggestion() {
    let mut m = model();
    keys(&mut m, "Jj");
    assert_eq!(m.selected_claim(), Some(3));
    keys(&mut m, "y");
    assert_eq!(m.desk.status(3), Status::Unverified);
}

#[test]
fn next_untriaged_crosses_articles_and_wraps() {
    let mut m = model();
    keys(&mut m, "a");
    keys(&mut m, "j");
    keys(&mut m, "a");
    keys(&mut m, "]");
    assert_eq!(m.selected_claim(), Some(2));
    assert_eq!(m.article, 1);
    keys(&mut m, "]");
    assert_eq!(m.selected_claim(), Some(3));
    keys(&mut m, "]");
    assert_eq!(m.selected_claim(), Some(2), "wraps to the first untriaged");
    keys(&mut m, "[");
    assert_eq!(m.selected_claim(), Some(3));
}

#[test]
fn a_note_is_saved_with_the_current_status() {
    let mut m = model();
    keys(&mut m, "u");
    keys(&mut m, "n");
    assert!(matches!(m.prompt, Some(Prompt::Note { .. })));
    keys(&mut m, "call the ministry");
    press(&mut m, KeyCode::Enter, KeyModifiers::NONE);
    let mark = m.desk.mark_of(0).unwrap();
    assert_eq!(mark.status, Status::Unverified);
    assert_eq!(mark.note.as_deref(), Some("call the ministry"));
}

#[test]
fn escape_cancels_a_note_without_writing() {
    let mut m = model();
    keys(&mut m, "n");
    keys(&mut m, "draft");
    press(&mut m, KeyCode::Esc, KeyModifiers::NONE);
    assert!(m.prompt.is_none());
    assert!(m.desk.mark_of(0).is_none());
    assert!(m
        .desk
        .store
        .history(&m.desk.claims[0].id)
        .unwrap()
        .is_empty());
}

#[test]
fn claim_filter_searches_the_whole_corpus_and_escape_restores() {
    let mut m = model();
    keys(&mut m, "/");
    keys(&mut m, "minister");
    m.settle();
    assert_eq!(m.claims.rows, vec![2], "live while typing");
    press(&mut m, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(m.article, 1, "the text pane follows the selected match");
    press(&mut m, KeyCode::Esc, KeyModifiers::NONE);
    assert!(!m.claims.is_filtered());
    assert_eq!(m.claims.rows, vec![2, 3]);
}

#[test]
fn the_frame_after_a_key_can_show_its_first_results() {
    let mut m = model();
    keys(&mut m, "/minister");
    // What the event loop does before it draws the key.
    assert!(m.await_first_results(std::time::Duration::from_secs(10)));
    assert_eq!(m.claims.rows, vec![2]);
    m.settle();
    assert_eq!(m.claims.rows, vec![2]);
    assert!(
        !m.await_first_results(std::time::Duration::from_secs(10)),
        "nothing pending: no wait"
    );
}

#[test]
fn a_field_name_typed_alone_filters_nothing_and_waits_for_no_results() {
    let mut m = model();
    keys(&mut m, "/");
    keys(&mut m, "minister");
    m.settle();
    assert_eq!(m.claims.rows, vec![2]);
    // Backspaced to nothing and a field name typed: no query yet, every claim again,
    // and nothing is left waiting for the search thread.
    for _ in 0.."minister".len() {
        press(&mut m, KeyCode::Backspace, KeyModifiers::NONE);
    }
    keys(&mut m, "status:");
    assert!(!m.claims.is_filtered());
    assert_eq!(m.claim_search_pending, None);
    assert_eq!(m.claims.rows, vec![2, 3]);
    keys(&mut m, "attributed");
    assert!(m.claims.is_filtered());
    m.settle();
    assert_eq!(m.claim_search_pending, None);
}

#[test]
fn article_filter_folds_arabic_letter_variants() {
    let mut m = model();
    press(&mut m, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(m.focus, Focus::Articles);
    keys(&mut m, "/");
    // "لاستماله" with ه for ة and no hamza still finds the title
    keys(&mut m, "موسكو");
    assert_eq!(m.articles.rows, vec![0]);
}

#[test]
fn movement_keys_move_the_focused_pane_only() {
    let mut m = model();
    assert_eq!(m.focus, Focus::Claims);
    keys(&mut m, "j");
    assert_eq!(m.selected_claim(), Some(1));
    keys(&mut m, "l");
    assert_eq!(m.focus, Focus::Claims, "l stops at the right edge");
    keys(&mut m, "hh");
    assert_eq!(m.focus, Focus::Articles);
    keys(&mut m, "j");
    assert_eq!(m.article, 1);
    assert_eq!(m.selected_claim(), Some(2));
    keys(&mut m, "G");
    assert_eq!(m.article, 1);
    keys(&mut m, "g");
    assert_eq!(m.article, 0);
}

#[test]
fn help_lists_every_binding_from_the_keymap() {
    let mut m = model();
    keys(&mut m, "?");
    let screen = render(&m, 120, 40, true);
    for e in &m.keymap.entries {
        assert!(screen.contains(&e.desc), "help misses {:?}", e.desc);
    }
    keys(&mut m, "w");
    assert!(m.overlay.is_none(), "any other key closes help");
}

#[test]
fn problems_are_counted_in_the_status_bar_and_listed() {
    let mut m = model();
    let screen = render(&m, 120, 40, true);
    assert!(screen.contains("1 problem (p)"), "{screen}");
    keys(&mut m, "p");
    let screen = render(&m, 120, 40, true);
    assert!(screen.contains("broken.txt: not valid UTF-8"), "{screen}");
}

#[test]
fn narrow_terminals_show_one_pane_and_tab_switches_it() {
    let mut m = model_with(common::sample_desk(), 60, 20);
    update::update(&mut m, Action::Resize(60, 20));
    let screen = render(&m, 60, 20, true);
    assert!(screen.contains("Claims 2"));
    assert!(!screen.contains("Articles 2"));
    press(&mut m, KeyCode::Tab, KeyModifiers::NONE);
    let screen = render(&m, 60, 20, true);
    assert!(screen.contains("Articles 2"));
}

#[test]
fn status_never_depends_on_colour_alone() {
    let mut m = model();
    keys(&mut m, "c");
    let screen = render(&m, 120, 40, true);
    assert!(screen.contains("✗1"), "{screen}");
    assert!(screen.contains("1/4 triaged"));
    assert!(screen.contains("saved ✗"));
}

#[test]
fn screen_at_80x24() {
    let mut m = model_with(common::sample_desk(), 80, 24);
    keys(&mut m, "j");
    insta::assert_snapshot!(render(&m, 80, 24, true));
}

#[test]
fn screen_at_120x40() {
    let mut m = model();
    keys(&mut m, "a");
    keys(&mut m, "j");
    insta::assert_snapshot!(render(&m, 120, 40, true));
}

#[test]
fn history_shows_who_decided_what_with_notes() {
    let mut m = model();
    keys(&mut m, "u");
    keys(&mut m, "n");
    keys(&mut m, "ask AP");
    press(&mut m, KeyCode::Enter, KeyModifiers::NONE);
    keys(&mut m, "c");
    keys(&mut m, "H");
    let screen = render(&m, 120, 40, true);
    assert!(screen.contains("untriaged → unverified"), "{screen}");
    assert!(screen.contains("unverified → contradicted"), "{screen}");
    assert!(screen.contains("✎ ask AP"), "{screen}");
    assert!(screen.contains("rana"), "{screen}");
}

#[test]
fn articles_become_browsable_as_batches_arrive() {
    use claimdesk::corpus::Corpus;
    use claimdesk::desk::{Desk, Progress, Stage};
    let (corpus, claims) = common::sample_corpus();
    let empty = Corpus {
        root: corpus.root.clone(),
        ..Default::default()
    };
    let desk =
        Desk::from_parts(empty, Vec::new(), Store::open_in_memory().unwrap(), "rana").unwrap();
    let mut m = model_with(desk, 120, 40);
    m.loading = Some(Progress::default());
    let screen = render(&m, 120, 40, true);
    assert!(screen.contains("reading files"), "{screen}");
    keys(&mut m, "ajJ]");
    let mut batches = corpus.articles.into_iter().zip(claims);
    m.apply_loaded(Loaded::Batch(batches.next().into_iter().collect()));
    m.apply_loaded(Loaded::Progress(Progress {
        stage: Stage::Extracting,
        done: 1,
        total: 2,
    }));
    let screen = render(&m, 120, 40, true);
    assert!(screen.contains("finding claims 1/2"), "{screen}");
    assert_eq!(m.articles.rows, vec![0]);
    keys(&mut m, "a");
    assert_eq!(
        m.desk.status(0),
        Status::Attributed,
        "marking works while loading"
    );
    m.apply_loaded(Loaded::Batch(batches.collect()));
    // A mark on a claim of the second batch, while both batches wait for the filter.
    m.desk.mark(3, Status::Contradicted, None).unwrap();
    m.refresh_claim_fields(3);
    m.apply_loaded(Loaded::Done);
    // The gauge stays until the filter's thread has folded every claim.
    let start = std::time::Instant::now();
    while let Some(p) = m.loading {
        assert_eq!(p.stage, Stage::Indexing);
        assert!(start.elapsed().as_secs() < 10, "indexing ends");
        std::thread::sleep(std::time::Duration::from_millis(2));
        m.poll_indexing();
    }
    let screen = render(&m, 120, 40, true);
    assert!(
        !screen.contains('▕'),
        "no gauge once the filter has every claim"
    );
    assert_eq!(m.articles.rows, vec![0, 1]);
    assert_eq!(m.selected_claim(), Some(0), "the selection stays put");
    assert_eq!(m.desk.status(0), Status::Attributed);
    // The filter finds claims of every batch, with the mark made while loading.
    keys(&mut m, "/minister");
    m.settle();
    assert_eq!(m.claims.rows, vec![2]);
    press(&mut m, KeyCode::Esc, KeyModifiers::NONE);
    keys(&mut m, "/status:attributed");
    m.settle();
    assert_eq!(m.claims.rows, vec![0]);
    press(&mut m, KeyCode::Esc, KeyModifiers::NONE);
    keys(&mut m, "/status:contradicted");
    m.settle();
    assert_eq!(m.claims.rows, vec![3]);
}

#[test]
fn s_names_the_source_by_hand_and_it_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("triage.db");
    let mut m = model_with(common::sample_desk_at(&db, "rana"), 120, 40);
    keys(&mut m, "Jj");
    assert_eq!(m.selected_claim(), Some(3));
    keys(&mut m, "s");
    press(&mut m, KeyCode::Char('u'), KeyModifiers::CONTROL);
    keys(&mut m, "Reuters");
    press(&mut m, KeyCode::Enter, KeyModifiers::NONE);
    let a = &m.desk.claims[3].attribution;
    assert_eq!(a.source.as_deref(), Some("Reuters"));
    assert_eq!(a.source_type, claimdesk::model::SourceType::Named);
    let reopened = common::sample_desk_at(&db, "rana");
    assert_eq!(
        reopened.claims[3].attribution.source.as_deref(),
        Some("Reuters")
    );
}

#[test]
fn d_dismisses_a_claim_from_progress_and_navigation_and_d_restores_it() {
    let mut m = model();
    keys(&mut m, "d");
    assert!(m.desk.is_dismissed(0));
    assert_eq!(m.progress().1, 3, "a dismissed claim is not counted");
    keys(&mut m, "ja");
    keys(&mut m, "Ja");
    keys(&mut m, "ja");
    assert_eq!(m.progress().0, 3);
    keys(&mut m, "]");
    assert_eq!(
        m.selected_claim(),
        Some(3),
        "] does not stop on the dismissed claim"
    );
    assert_eq!(m.message.as_deref(), Some("every claim here is triaged"));
    keys(&mut m, "K");
    assert_eq!(m.selected_claim(), Some(0));
    let screen = render(&m, 120, 40, true);
    assert!(
        screen.contains('⊘'),
        "dismissed claims stay listed, marked:\n{screen}"
    );
    keys(&mut m, "d");
    assert!(!m.desk.is_dismissed(0));
    assert_eq!(m.progress().1, 4);
}

#[test]
fn plus_makes_a_missed_sentence_a_claim_from_the_text_pane() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("triage.db");
    let mut m = model_with(common::sample_desk_at(&db, "rana"), 120, 40);
    keys(&mut m, "h");
    assert_eq!(m.focus, Focus::Text);
    keys(&mut m, "g");
    // The first sentence (the headline line) is not a claim: a/u/c refuse to guess.
    keys(&mut m, "a");
    assert!(
        m.message.as_deref().unwrap_or("").contains("not a claim"),
        "{:?}",
        m.message
    );
    assert_eq!(m.progress().0, 0);
    keys(&mut m, "+");
    assert_eq!(m.desk.article_claims[0].len(), 3);
    let added = m.target_claim().expect("the new claim is under the cursor");
    assert_eq!(m.desk.claims[added].text, "موسكو تسعى لاستمالة معارضين");
    keys(&mut m, "u");
    assert_eq!(m.desk.status(added), Status::Unverified);
    // j moves to the next sentence, which is claim 0 of the extractor: it gets selected.
    keys(&mut m, "j");
    assert_eq!(m.selected_claim(), Some(added + 1));
    let reopened = common::sample_desk_at(&db, "rana");
    assert_eq!(
        reopened.article_claims[0].len(),
        3,
        "the added claim is stored"
    );
    assert_eq!(reopened.status(0), Status::Unverified);
}

#[test]
fn big_s_opens_a_dashboard_with_bars_by_outlet_type_and_reviewer() {
    let mut m = model();
    keys(&mut m, "ajc");
    keys(&mut m, "S");
    let screen = render(&m, 120, 40, true);
    assert!(screen.contains("2/4 claims triaged (50%)"), "{screen}");
    assert!(screen.contains("Status by outlet"), "{screen}");
    assert!(screen.contains("Decisions by reviewer"), "{screen}");
    assert!(screen.contains("rana"), "{screen}");
    assert!(
        screen.contains("✓") && screen.contains("✗"),
        "bars are made of glyphs: {screen}"
    );
    keys(&mut m, "x");
    assert!(m.overlay.is_none());
}

#[test]
fn big_e_exports_the_claims_in_view_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let mut m = model();
    keys(&mut m, "a");
    keys(&mut m, "E");
    let screen = render(&m, 120, 40, true);
    assert!(screen.contains("c csv"), "{screen}");
    keys(&mut m, "c");
    press(&mut m, KeyCode::Char('u'), KeyModifiers::CONTROL);
    keys(&mut m, out.to_str().unwrap());
    press(&mut m, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        m.message.as_deref(),
        Some(format!("exported 4 claims to {}", out.display()).as_str())
    );
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(csv.lines().count(), 5, "a header and four claims:\n{csv}");
    assert!(csv.contains("attributed"));
}

#[test]
fn ctrl_t_types_arabic_on_a_us_keyboard_in_the_filter() {
    let mut m = model();
    keys(&mut m, "/");
    press(&mut m, KeyCode::Char('t'), KeyModifiers::CONTROL);
    let screen = render(&m, 120, 40, true);
    assert!(screen.contains("[ع]"), "the layout is shown:\n{screen}");
    keys(&mut m, "hgsghl");
    match &m.prompt {
        Some(Prompt::Filter { input, .. }) => assert_eq!(input, "السلام"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_background_load_ends_with_marks_links_and_corrections_searchable() {
    use claimdesk::corpus::Corpus;
    use claimdesk::desk::{Desk, Loaded};
    use claimdesk::model::Related;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("triage.db");
    {
        // An earlier session: a mark and a source named by hand.
        let mut desk = common::sample_desk_at(&db, "rana");
        desk.mark(1, Status::Contradicted, None).unwrap();
        desk.set_source(3, "Reuters").unwrap();
    }
    let (corpus, claims) = common::sample_corpus();
    let (c0, c2) = (claims[0][0].id.clone(), claims[1][0].id.clone());
    let empty = Corpus {
        root: corpus.root.clone(),
        ..Default::default()
    };
    let desk = Desk::from_parts(empty, Vec::new(), Store::open(&db).unwrap(), "rana").unwrap();
    let mut m = model_with(desk, 120, 40);
    for batch in corpus.articles.into_iter().zip(claims) {
        m.apply_loaded(Loaded::Batch(vec![batch]));
    }
    let link = |id: &str| Related {
        claim_id: id.to_string(),
        numbers_disagree: false,
    };
    m.apply_loaded(Loaded::Related(vec![
        (c0.clone(), vec![link(&c2)], Status::Attributed),
        (c2.clone(), vec![link(&c0)], Status::Attributed),
    ]));
    m.apply_loaded(Loaded::Done);
    for (query, want) in [
        ("status:contradicted", vec![1]),
        ("has:related", vec![0, 2]),
        ("source:reuters", vec![3]),
    ] {
        keys(&mut m, &format!("/{query}"));
        m.settle();
        let mut got = m.claims.rows.clone();
        got.sort_unstable();
        assert_eq!(got, want, "{query}");
        press(&mut m, KeyCode::Esc, KeyModifiers::NONE);
    }
}

#[test]
fn a_load_that_starts_again_forgets_what_it_sent_and_keeps_the_marks() {
    use claimdesk::corpus::Corpus;
    use claimdesk::desk::{Desk, Loaded};
    let (corpus, claims) = common::sample_corpus();
    let empty = Corpus {
        root: corpus.root.clone(),
        ..Default::default()
    };
    let desk =
        Desk::from_parts(empty, Vec::new(), Store::open_in_memory().unwrap(), "rana").unwrap();
    let mut m = model_with(desk, 120, 40);
    let batches: Vec<_> = corpus.articles.into_iter().zip(claims).collect();
    m.apply_loaded(Loaded::Batch(batches.clone()));
    keys(&mut m, "a");
    assert_eq!(m.desk.status(0), Status::Attributed);
    // The loader found a file that changed under an unchanged stamp: it starts again.
    m.apply_loaded(Loaded::Reset);
    assert!(m.desk.corpus.articles.is_empty());
    assert!(m.articles.rows.is_empty());
    assert_eq!(m.selected_claim(), None);
    for batch in batches {
        m.apply_loaded(Loaded::Batch(vec![batch]));
    }
    m.apply_loaded(Loaded::Done);
    assert_eq!(m.articles.rows, vec![0, 1]);
    assert_eq!(m.desk.claims.len(), 4, "each claim once");
    assert_eq!(
        m.desk.status(0),
        Status::Attributed,
        "the mark is the store's"
    );
    keys(&mut m, "/minister");
    m.settle();
    assert_eq!(m.claims.rows, vec![2]);
}

/// A TUI on `corpus` as `claimdesk CORPUS` opens it: the background loader's messages
/// applied until the load is over.
fn loaded_model(corpus: &std::path::Path) -> Model {
    let opts = claimdesk::desk::OpenOptions {
        corpus: corpus.to_path_buf(),
        db: None,
        reviewer: "rana".into(),
        cues: claimdesk::extract::Cues::builtin(),
    };
    let (desk, loader) = claimdesk::desk::Desk::open_in_background(&opts).unwrap();
    let mut m = model_with(desk, 120, 40);
    let started = std::time::Instant::now();
    loop {
        match loader.try_recv() {
            Some(message) => {
                let done = matches!(message, Loaded::Done | Loaded::Failed(_));
                m.apply_loaded(message);
                if done {
                    break;
                }
            }
            None => {
                assert!(started.elapsed().as_secs() < 60, "the load never ended");
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        }
    }
    loader.finish();
    m
}

#[test]
fn texts_let_go_at_load_are_read_again_to_show_and_export_them() {
    let (_dir, corpus) = common::seeds_copy();
    let mut m = loaded_model(&corpus);
    let articles = m.desk.corpus.articles.len();
    assert!(articles >= 5);
    // Only the article on screen holds its text; the others are read when shown.
    let shelved = |m: &Model| {
        (m.desk.corpus.articles.iter())
            .filter(|a| a.shelved)
            .count()
    };
    assert_eq!(shelved(&m), articles - 1);
    let first = m.desk.corpus.articles[0].text.clone();
    assert!(!first.is_empty());
    keys(&mut m, "J");
    assert_eq!(m.article, 1);
    assert!(!m.desk.corpus.articles[1].shelved);
    let screen = render(&m, 120, 40, true);
    assert!(!screen.contains("changed on disk"), "{screen}");
    assert_eq!(shelved(&m), articles - 2);

    // An export reads every text it needs (character offsets) and lets them go again.
    let out = _dir.path().join("all.jsonl");
    keys(&mut m, "E");
    keys(&mut m, "j");
    press(&mut m, KeyCode::Char('u'), KeyModifiers::CONTROL);
    keys(&mut m, out.to_str().unwrap());
    press(&mut m, KeyCode::Enter, KeyModifiers::NONE);
    let claims = m.desk.claims.len();
    assert_eq!(
        m.message.as_deref(),
        Some(format!("exported {claims} claims to {}", out.display()).as_str())
    );
    assert_eq!(
        shelved(&m),
        articles - 2,
        "the shown articles keep their text"
    );
    let headless = claimdesk::desk::Desk::open(&claimdesk::desk::OpenOptions {
        corpus: corpus.clone(),
        db: Some(":memory:".into()),
        reviewer: "rana".into(),
        cues: claimdesk::extract::Cues::builtin(),
    })
    .unwrap();
    let exported = std::fs::read_to_string(&out).unwrap();
    let expected: Vec<(String, usize, usize)> = (0..headless.claims.len())
        .map(|c| {
            let r = headless.record(c);
            (r.id, r.start, r.end)
        })
        .collect();
    let got: Vec<(String, usize, usize)> = exported
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["id"].as_str().unwrap().to_string(),
                v["start"].as_u64().unwrap() as usize,
                v["end"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert_eq!(got, expected, "the same offsets as a headless export");

    // A file edited since the load: the text pane says so instead of showing a text its
    // claims no longer point into, and an export stops and names it.
    let third = m.desk.corpus.articles[2].path.clone();
    let path = corpus.join(&third);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nسطر أضيف لاحقاً.\n")).unwrap();
    keys(&mut m, "J");
    assert_eq!(m.article, 2);
    let screen = render(&m, 120, 40, true);
    assert!(screen.contains("changed on disk since"), "{screen}");
    keys(&mut m, "E");
    keys(&mut m, "j");
    press(&mut m, KeyCode::Char('u'), KeyModifiers::CONTROL);
    keys(&mut m, out.to_str().unwrap());
    press(&mut m, KeyCode::Enter, KeyModifiers::NONE);
    let message = m.message.clone().unwrap_or_default();
    assert!(
        message.starts_with("export failed") && message.contains(&third),
        "{message}"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        exported,
        "the last export is left as it was"
    );
}
