//! Interim display pipeline (logical order, no shaping): replaced by the bidi pipeline.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    Visual,
    Logical,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glyph {
    pub text: String,
    pub width: u8,
    pub src: Range<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VisualLine {
    pub glyphs: Vec<Glyph>,
    pub width: usize,
    pub rtl: bool,
}

fn glyphs(text: &str) -> Vec<Glyph> {
    text.grapheme_indices(true)
        .filter_map(|(i, g)| {
            let clean = crate::text::sanitize::one_line(g);
            let w = clean.width().min(2) as u8;
            (w > 0).then(|| Glyph {
                text: clean.into_owned(),
                width: w,
                src: i..i + g.len(),
            })
        })
        .collect()
}

pub fn width(s: &str) -> usize {
    glyphs(s).iter().map(|g| g.width as usize).sum()
}

pub fn layout_paragraph(text: &str, width: usize, _order: Order) -> Vec<VisualLine> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut cur = VisualLine::default();
    for g in glyphs(text) {
        if cur.width + g.width as usize > width {
            lines.push(std::mem::take(&mut cur));
        }
        cur.width += g.width as usize;
        cur.glyphs.push(g);
    }
    if !cur.glyphs.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

pub fn fit_line(text: &str, width: usize, _order: Order) -> VisualLine {
    let mut cur = VisualLine::default();
    let all = glyphs(text);
    let total: usize = all.iter().map(|g| g.width as usize).sum();
    for g in all {
        if total > width && cur.width + g.width as usize + 1 > width {
            cur.glyphs.push(Glyph {
                text: "…".into(),
                width: 1,
                src: g.src.start..g.src.start,
            });
            cur.width += 1;
            break;
        }
        cur.width += g.width as usize;
        cur.glyphs.push(g);
    }
    cur
}
