//! The one display pipeline for text from an article: sanitise, NFC, shape Arabic into
//! one-cell presentation forms, wrap in logical order by per-grapheme widths, then reorder
//! each line with the Unicode Bidirectional Algorithm. It decides what the terminal draws
//! and how many cells it takes; it never writes to the terminal.

use crate::text::sanitize::is_unsafe;
use crate::text::shape::{shape_clusters, Cluster};
use std::ops::Range;
use unicode_bidi::{Direction, Level, ParagraphBidiInfo};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Resolved rendering order (after `auto` is decided).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// We shape and reorder: for terminals that draw cells left to right as given.
    Visual,
    /// Logical order, unshaped: for terminals that do bidi and shaping themselves.
    Logical,
}

/// One drawable cell group: a whole grapheme as it must be written to the buffer (shaped,
/// mirrored; a leading combining mark attached to U+25CC), its width in cells (1 or 2),
/// and the byte range in the original source string it came from, for styling spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glyph {
    pub text: String,
    pub width: u8,
    pub src: Range<usize>,
}

/// One screen line in left-to-right screen order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VisualLine {
    pub glyphs: Vec<Glyph>,
    /// Sum of the glyph widths: never more than the width asked for.
    pub width: usize,
    /// The paragraph is right-to-left: the TUI right-aligns the line in its pane.
    pub rtl: bool,
}

impl VisualLine {
    /// The glyph texts joined in screen order, as a terminal would show them.
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }
}

const DOTTED_CIRCLE: char = '\u{25CC}';
const ELLIPSIS: char = '\u{2026}';

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Drawn as it is.
    Visible,
    /// A combining mark with no base (start of text, after a control): drawn on U+25CC.
    LoneMark,
    /// Zero-width with nothing to draw (ZWJ, LRM, ZWSP alone): kept for joining and bidi,
    /// never emitted.
    Invisible,
}

/// One grapheme of the source after sanitising and NFC.
#[derive(Clone, Debug)]
struct Unit {
    src: Range<usize>,
    /// Range in `Prepared::clean`.
    clean: Range<usize>,
    width: u8,
    kind: Kind,
    /// A break opportunity for wrapping.
    space: bool,
    /// Presentation form replacing the first char (Visual order only).
    form: Option<char>,
}

/// A paragraph made safe: the clean text the bidi algorithm reads, and its graphemes.
struct Prepared {
    clean: String,
    units: Vec<Unit>,
}

impl Prepared {
    fn new(text: &str, order: Order) -> Prepared {
        let mut clean = String::with_capacity(text.len());
        let mut units = Vec::with_capacity(text.len() / 2);
        let escapes = crate::text::sanitize::escape_ranges(text);
        for (start, grapheme) in text.grapheme_indices(true) {
            if escapes.iter().any(|r| r.contains(&start)) {
                continue;
            }
            let at = clean.len();
            push_clean(&mut clean, grapheme);
            let Some(t) = clean.get(at..).filter(|t| !t.is_empty()) else {
                continue;
            };
            let (width, kind) = measure(t);
            units.push(Unit {
                src: start..start + grapheme.len(),
                clean: at..clean.len(),
                width,
                kind,
                space: is_break_space(t),
                form: None,
            });
        }
        let mut prepared = Prepared { clean, units };
        if order == Order::Visual {
            let clusters: Vec<Cluster> = prepared
                .units
                .iter()
                .map(|u| Cluster::of(prepared.slice(&u.clean)))
                .collect();
            for (unit, form) in prepared.units.iter_mut().zip(shape_clusters(&clusters)) {
                unit.form = form;
            }
        }
        prepared
    }

    fn slice(&self, range: &Range<usize>) -> &str {
        self.clean.get(range.clone()).unwrap_or_default()
    }

    /// The base direction from the first strong character; LTR when there is none.
    fn direction_is_rtl(&self) -> bool {
        unicode_bidi::get_base_direction(self.clean.as_str()) == Direction::Rtl
    }

    /// What the terminal must be given for one unit.
    fn glyph(&self, unit: &Unit, mirror: bool, order: Order) -> Glyph {
        let t = self.slice(&unit.clean);
        let mut text = String::with_capacity(t.len() + 3);
        match (unit.kind, order) {
            (Kind::LoneMark, _) => {
                text.push(DOTTED_CIRCLE);
                text.push_str(t);
            }
            (_, Order::Logical) => text.push_str(t),
            (_, Order::Visual) => {
                let mut chars = t.chars();
                if let Some(first) = chars.next() {
                    let base = unit.form.unwrap_or(first);
                    let base = if mirror {
                        unicode_bidi_mirroring::get_mirrored(base).unwrap_or(base)
                    } else {
                        base
                    };
                    text.push(base);
                }
                // a joiner has done its work once the forms are chosen; left in, some
                // terminals draw it or merge cells
                text.push_str(chars.as_str().trim_end_matches(['\u{200D}', '\u{200C}']));
            }
        }
        Glyph {
            text,
            width: unit.width,
            src: unit.src.clone(),
        }
    }
}

/// Append one grapheme made safe: controls dropped, tabs and line breaks as spaces, NFC.
fn push_clean(buf: &mut String, grapheme: &str) {
    let safe = grapheme.chars().filter_map(|c| match c {
        '\t' | '\n' | '\u{2028}' | '\u{2029}' => Some(' '),
        c if is_unsafe(c) => None,
        c => Some(c),
    });
    if grapheme.is_ascii() || is_nfc_quick(safe.clone()) == IsNormalized::Yes {
        buf.extend(safe);
    } else {
        buf.extend(safe.nfc());
    }
}

/// Cells of one clean grapheme, as ratatui and the terminal count them.
fn measure(grapheme: &str) -> (u8, Kind) {
    let width = grapheme.width().min(2) as u8;
    if width > 0 {
        (width, Kind::Visible)
    } else if grapheme.chars().next().is_some_and(is_combining_mark) {
        (1, Kind::LoneMark)
    } else {
        (0, Kind::Invisible)
    }
}

fn is_break_space(grapheme: &str) -> bool {
    let mut chars = grapheme.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}'),
        _ => false,
    }
}

/// Cells a string takes on screen: the sum of per-grapheme widths of what the pipeline
/// draws (لا = 2, harakat 0, a leading haraka 1, controls 0).
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s
            .bytes()
            .filter(|b| !b.is_ascii_control() || matches!(b, b'\t' | b'\n'))
            .count();
    }
    let mut buf = String::new();
    s.graphemes(true)
        .map(|g| {
            buf.clear();
            push_clean(&mut buf, g);
            if buf.is_empty() {
                0
            } else {
                usize::from(measure(&buf).0)
            }
        })
        .sum()
}

/// Wrap a paragraph to `width` cells in logical order at spaces (over-long words are
/// broken), then reorder each line for the screen (`Order::Visual`) or keep it logical and
/// unshaped (`Order::Logical`). The direction comes from the first strong character.
/// Newlines count as spaces; an empty paragraph is one empty line; `width == 0` gives no
/// lines. `src` ranges are byte ranges of `text`.
pub fn layout_paragraph(text: &str, width: usize, order: Order) -> Vec<VisualLine> {
    if width == 0 {
        return Vec::new();
    }
    let prepared = Prepared::new(text, order);
    let rtl = prepared.direction_is_rtl();
    let lines = wrap(&prepared.units, width);
    if lines.is_empty() {
        return vec![VisualLine {
            rtl,
            ..VisualLine::default()
        }];
    }
    let bidi = match order {
        Order::Visual => Some(ParagraphBidiInfo::new(&prepared.clean, None)),
        Order::Logical => None,
    };
    lines
        .into_iter()
        .map(|line| emit_line(&prepared, bidi.as_ref(), line, width, order, rtl))
        .collect()
}

/// One line truncated to `width` cells with '…' where text was cut. The logical end is
/// what goes, so in a right-to-left paragraph the ellipsis lands at the visual left.
pub fn fit_line(text: &str, width: usize, order: Order) -> VisualLine {
    let mut prepared = Prepared::new(text, order);
    let rtl = prepared.direction_is_rtl();
    let total: usize = prepared.units.iter().map(|u| usize::from(u.width)).sum();
    if width == 0 {
        return VisualLine {
            rtl,
            ..VisualLine::default()
        };
    }
    if total > width {
        truncate_with_ellipsis(&mut prepared, text.len(), width - 1);
    }
    let all = 0..prepared.units.len();
    let bidi = match order {
        // The paragraph keeps the direction of the whole text, even if the cut removed
        // its first strong character.
        Order::Visual => Some(ParagraphBidiInfo::new(
            &prepared.clean,
            Some(if rtl { Level::rtl() } else { Level::ltr() }),
        )),
        Order::Logical => None,
    };
    emit_line(&prepared, bidi.as_ref(), all, width, order, rtl)
}

/// Keep the units that fit in `budget` cells (without trailing spaces) and append '…'
/// standing for the rest of the source.
fn truncate_with_ellipsis(prepared: &mut Prepared, source_len: usize, budget: usize) {
    let mut used = 0;
    let mut keep = 0;
    for unit in &prepared.units {
        if used + usize::from(unit.width) > budget {
            break;
        }
        used += usize::from(unit.width);
        keep += 1;
    }
    while keep > 0 && prepared.units.get(keep - 1).is_some_and(|u| u.space) {
        keep -= 1;
    }
    let cut_src = prepared.units.get(keep).map_or(source_len, |u| u.src.start);
    prepared.units.truncate(keep);
    let clean_end = prepared.units.last().map_or(0, |u| u.clean.end);
    prepared.clean.truncate(clean_end);
    let at = prepared.clean.len();
    prepared.clean.push(ELLIPSIS);
    prepared.units.push(Unit {
        src: cut_src..source_len,
        clean: at..prepared.clean.len(),
        width: 1,
        kind: Kind::Visible,
        space: false,
        form: None,
    });
}

/// Greedy wrapping over units: ranges of unit indices, one per line, without the spaces
/// where a line was broken. Leading spaces of the paragraph are kept if they fit.
fn wrap(units: &[Unit], width: usize) -> Vec<Range<usize>> {
    let cells = |r: Range<usize>| -> usize {
        units
            .get(r)
            .map_or(0, |us| us.iter().map(|u| usize::from(u.width)).sum())
    };
    let mut lines = Vec::new();
    // the line being filled: unit range and its width
    let mut current: Option<(Range<usize>, usize)> = None;
    let mut i = 0;
    while i < units.len() {
        let spaces_start = i;
        while units.get(i).is_some_and(|u| u.space) {
            i += 1;
        }
        let word_start = i;
        while units.get(i).is_some_and(|u| !u.space) {
            i += 1;
        }
        if word_start == i {
            break; // trailing spaces
        }
        let (spaces, word) = (cells(spaces_start..word_start), cells(word_start..i));
        current = match current {
            Some((line, used)) if used + spaces + word <= width => {
                Some((line.start..i, used + spaces + word))
            }
            Some((line, _)) => {
                lines.push(line);
                Some(place_word(units, word_start..i, word, width, &mut lines))
            }
            None if spaces + word <= width => Some((spaces_start..i, spaces + word)),
            None => Some(place_word(units, word_start..i, word, width, &mut lines)),
        };
    }
    if let Some((line, _)) = current {
        lines.push(line);
    }
    lines
}

/// Start a line with a word, breaking it over as many full lines as it needs.
fn place_word(
    units: &[Unit],
    word: Range<usize>,
    word_width: usize,
    width: usize,
    lines: &mut Vec<Range<usize>>,
) -> (Range<usize>, usize) {
    if word_width <= width {
        return (word, word_width);
    }
    let mut start = word.start;
    let mut used = 0;
    for j in word.clone() {
        let w = units.get(j).map_or(0, |u| usize::from(u.width));
        if used + w > width && j > start {
            lines.push(start..j);
            start = j;
            used = 0;
        }
        used += w;
    }
    (start..word.end, used)
}

/// Reorder one line of units for the screen and turn them into glyphs.
fn emit_line(
    prepared: &Prepared,
    bidi: Option<&ParagraphBidiInfo<'_>>,
    line: Range<usize>,
    width: usize,
    order: Order,
    rtl: bool,
) -> VisualLine {
    let units = prepared.units.get(line).unwrap_or_default();
    let levels: Vec<Level> = match (bidi, units.first(), units.last()) {
        (Some(bidi), Some(first), Some(last)) if bidi.levels.iter().any(|l| l.is_rtl()) => {
            let per_byte = bidi.reordered_levels(first.clean.start..last.clean.end);
            units
                .iter()
                .map(|u| per_byte.get(u.clean.start).copied().unwrap_or(Level::ltr()))
                .collect()
        }
        _ => Vec::new(),
    };
    let visual: Vec<usize> = if levels.is_empty() {
        (0..units.len()).collect()
    } else {
        // graphemes, not chars, are reversed: harakat stay after their letter
        ParagraphBidiInfo::reorder_visual(&levels)
    };
    let mut out = VisualLine {
        glyphs: Vec::with_capacity(units.len()),
        width: 0,
        rtl,
    };
    for index in visual {
        let Some(unit) = units.get(index) else {
            continue;
        };
        // a wide glyph in a one-cell pane cannot be drawn without overflowing
        if unit.kind == Kind::Invisible || out.width + usize::from(unit.width) > width {
            continue;
        }
        let mirror = levels.get(index).is_some_and(|l| l.is_rtl());
        out.width += usize::from(unit.width);
        out.glyphs.push(prepared.glyph(unit, mirror, order));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cps(s: &str) -> Vec<u32> {
        s.chars().map(|c| c as u32).collect()
    }

    fn one_line(text: &str) -> VisualLine {
        let mut lines = layout_paragraph(text, 200, Order::Visual);
        assert_eq!(lines.len(), 1, "{text:?} fits on one line");
        lines.remove(0)
    }

    #[test]
    fn a_joined_word_is_one_cell_per_letter_read_right_to_left() {
        let line = one_line("سلام");
        assert!(line.rtl);
        assert_eq!(line.width, 4);
        // meem isolated, alef final, lam medial, seen initial: from the left edge
        assert_eq!(cps(&line.text()), [0xFEE1, 0xFE8E, 0xFEE0, 0xFEB3]);
        assert!(line.glyphs.iter().all(|g| g.width == 1));
    }

    #[test]
    fn lam_alef_is_two_cells_and_allah_four() {
        assert_eq!(width("لا"), 2);
        assert_eq!(one_line("لا").width, 2);
        assert_eq!(cps(&one_line("لا").text()), [0xFE8E, 0xFEDF]);
        let allah = one_line("الله");
        assert_eq!(allah.width, 4);
        assert_eq!(cps(&allah.text()), [0xFEEA, 0xFEE0, 0xFEDF, 0xFE8D]);
    }

    #[test]
    fn brackets_and_guillemets_are_mirrored_in_rtl_runs() {
        let line = one_line("قال «نعم» (حقا) [١]");
        let text = line.text();
        // visual left to right: [١] (حقا) «نعم» قال, each bracket mirrored so that it
        // still opens towards its content
        assert!(text.starts_with("[١] ("), "{text}");
        assert!(text.contains(") «"), "{text}");
        assert!(text.ends_with("» \u{FEDD}\u{FE8E}\u{FED7}"), "{text}");
        // not mirrored in LTR text
        assert_eq!(one_line("say (yes) «x»").text(), "say (yes) «x»");
    }

    #[test]
    fn harakat_stay_after_their_letter() {
        let line = one_line("درّبتهم");
        let shadda = line
            .glyphs
            .iter()
            .find(|g| g.text.contains('\u{0651}'))
            .expect("shadda kept");
        assert_eq!(
            cps(&shadda.text),
            [0xFEAD, 0x0651],
            "reh carries the shadda"
        );
        assert_eq!(shadda.width, 1);
        assert_eq!(line.width, 6);
        assert_eq!(width("درّبتهم"), 6);
    }

    #[test]
    fn digits_read_left_to_right_inside_rtl_text() {
        let line = one_line("عام ٢٠١٧ و 2018");
        // the numbers keep their order; the words around them are reversed
        assert_eq!(
            line.text(),
            "2018 \u{FEED} ٢٠١٧ \u{FEE1}\u{FE8E}\u{FECB}",
            "{:?}",
            cps(&line.text())
        );
    }

    #[test]
    fn mixed_lines_follow_the_paragraph_direction() {
        let rtl = one_line("قال John Smith اليوم");
        assert!(rtl.rtl);
        assert!(rtl.text().contains("John Smith"), "Latin stays LTR");
        assert!(
            rtl.text().starts_with("\u{FEE1}"),
            "last Arabic word at the left"
        );
        let ltr = one_line("John said سلام today");
        assert!(!ltr.rtl);
        assert_eq!(
            cps(&ltr.text()),
            cps("John said \u{FEE1}\u{FE8E}\u{FEE0}\u{FEB3} today")
        );
    }

    #[test]
    fn wrapping_happens_before_reordering() {
        // three words of 4 cells in a 9-cell pane: first line holds the first two words
        let lines = layout_paragraph("سلام كلام نهاية", 9, Order::Visual);
        assert_eq!(lines.len(), 2);
        let first = &lines[0];
        assert_eq!(first.width, 9);
        // the first logical word سلام is at the right edge of the first line
        assert_eq!(
            cps(&first.text()),
            [0xFEE1, 0xFE8E, 0xFEE0, 0xFEDB, 0x20, 0xFEE1, 0xFE8E, 0xFEE0, 0xFEB3]
        );
        assert_eq!(first.glyphs.last().map(|g| g.src.clone()), Some(0..2));
        assert!(lines.iter().all(|l| l.width <= 9));
    }

    #[test]
    fn over_long_words_are_broken_and_never_overflow() {
        let lines = layout_paragraph("abcdefghij", 4, Order::Visual);
        let texts: Vec<String> = lines.iter().map(VisualLine::text).collect();
        assert_eq!(texts, ["abcd", "efgh", "ij"]);
        let wide = layout_paragraph("日本語", 1, Order::Visual);
        assert!(wide.iter().all(|l| l.width <= 1));
    }

    #[test]
    fn src_ranges_point_into_the_original_text() {
        let text = "\u{202E}قال\u{0007} x";
        let line = one_line(text);
        for glyph in &line.glyphs {
            let original = &text[glyph.src.clone()];
            assert!(!original.contains('\u{202E}'));
            assert!(!original.is_empty());
        }
        assert!(!line.text().contains('\u{202E}'));
        assert!(!line.text().contains('\u{7}'));
    }

    #[test]
    fn hostile_marks_and_joiners_do_not_panic() {
        for text in [
            "\u{200D}لا",
            "\u{064E}بسم",
            "\u{064E}",
            "a \u{2067}שלום\u{2069} b",
            "\u{2066}\u{2069}",
            "\u{200F}\u{200E}\u{061C}",
            "\u{0651}\u{0651}\u{0651}",
            "",
            " \n\t\r ",
            "\u{FEFB}\u{0640}\u{0640}",
        ] {
            for width in 0..6 {
                for order in [Order::Visual, Order::Logical] {
                    for line in layout_paragraph(text, width, order) {
                        assert!(line.width <= width, "{text:?} at {width}");
                        assert!(line.glyphs.iter().all(|g| g.width > 0));
                    }
                    assert!(fit_line(text, width, order).width <= width);
                }
            }
        }
    }

    #[test]
    fn a_leading_haraka_sits_on_a_dotted_circle() {
        let line = one_line("\u{064E}بسم");
        let first_logical = line.glyphs.iter().find(|g| g.src == (0..2)).expect("kept");
        assert_eq!(cps(&first_logical.text), [0x25CC, 0x064E]);
        assert_eq!(first_logical.width, 1);
        assert_eq!(width("\u{064E}بسم"), 4);
    }

    #[test]
    fn zwj_before_lam_alef_joins_and_vanishes() {
        let line = one_line("\u{200D}لا");
        assert_eq!(cps(&line.text()), [0xFE8E, 0xFEE0]);
        assert_eq!(line.width, 2);
    }

    #[test]
    fn tatweel_takes_a_cell() {
        assert_eq!(width("عـــرب"), 6);
        assert_eq!(one_line("عـــرب").width, 6);
    }

    #[test]
    fn rtl_titles_lose_their_end_with_the_ellipsis_at_the_left() {
        let line = fit_line("سلام كلام نهاية", 7, Order::Visual);
        assert!(line.rtl);
        assert_eq!(line.width, 7);
        let text = line.text();
        assert!(text.starts_with('…'), "{text}");
        // the first word is whole at the right edge
        assert!(text.ends_with("\u{FEE1}\u{FE8E}\u{FEE0}\u{FEB3}"), "{text}");
        let ltr = fit_line("Moscow says so", 8, Order::Visual);
        assert_eq!(ltr.text(), "Moscow…");
        assert_eq!(fit_line("short", 8, Order::Visual).text(), "short");
    }

    #[test]
    fn the_ellipsis_stands_for_the_cut_source() {
        let text = "abc def";
        let line = fit_line(text, 5, Order::Visual);
        assert_eq!(line.text(), "abc…");
        assert_eq!(line.glyphs.last().map(|g| g.src.clone()), Some(3..7));
    }

    #[test]
    fn logical_order_is_neither_shaped_nor_reordered() {
        let lines = layout_paragraph("قال «نعم» 12", 40, Order::Logical);
        assert_eq!(lines[0].text(), "قال «نعم» 12");
        assert!(lines[0].rtl);
    }

    #[test]
    fn nfc_composes_decomposed_letters() {
        // alef + madda above composes into U+0622
        let line = one_line("\u{0627}\u{0653}");
        assert_eq!(cps(&line.text()), [0xFE81]);
        assert_eq!(width("e\u{301}"), 1);
    }

    #[test]
    fn widths_are_what_unicode_width_says_of_each_glyph() {
        let line = one_line("سلام، «العالم» 2024 👍🏽 café");
        for g in &line.glyphs {
            assert_eq!(usize::from(g.width), g.text.width(), "{:?}", g.text);
        }
        assert_eq!(line.width, width("سلام، «العالم» 2024 👍🏽 café"));
    }
}
