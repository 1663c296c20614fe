//! Where each pane goes for a terminal size. Shared by `update` (scrolling needs pane
//! heights) and the views, so both always agree.

use super::model::Focus;
use ratatui::layout::Rect;

/// Screen rows per claim in the sidebar: a line for status, type and source, a line of text.
pub const CLAIM_ROW_HEIGHT: usize = 2;
/// Below this width one pane is shown at a time (the focused one).
pub const MIN_THREE_PANE_WIDTH: u16 = 80;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pane {
    pub area: Rect,
    pub shown: bool,
}

impl Pane {
    /// Width inside the border.
    pub fn inner_width(&self) -> usize {
        self.area.width.saturating_sub(2) as usize
    }
    pub fn inner_height(&self) -> usize {
        self.area.height.saturating_sub(2) as usize
    }
    pub fn inner(&self) -> Rect {
        Rect {
            x: self.area.x + 1,
            y: self.area.y + 1,
            width: self.area.width.saturating_sub(2),
            height: self.area.height.saturating_sub(2),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panes {
    pub articles: Pane,
    pub text: Pane,
    pub claims: Pane,
    /// The bottom line: status bar or prompt.
    pub status: Rect,
    /// Only the focused pane is shown.
    pub single: bool,
}

pub fn panes(width: u16, height: u16, focus: Focus) -> Panes {
    let main_h = height.saturating_sub(1);
    let status = Rect {
        x: 0,
        y: main_h,
        width,
        height: height.min(1),
    };
    let full = Rect {
        x: 0,
        y: 0,
        width,
        height: main_h,
    };
    if width < MIN_THREE_PANE_WIDTH {
        let pane = |f: Focus| Pane {
            area: full,
            shown: f == focus,
        };
        return Panes {
            articles: pane(Focus::Articles),
            text: pane(Focus::Text),
            claims: pane(Focus::Claims),
            status,
            single: true,
        };
    }
    let w = width as u32;
    let articles_w = (w * 20 / 100).clamp(16, 40) as u16;
    let claims_w = (w * 32 / 100).clamp(26, 64) as u16;
    let text_w = width - articles_w - claims_w;
    let rect = |x: u16, w: u16| Rect {
        x,
        y: 0,
        width: w,
        height: main_h,
    };
    Panes {
        articles: Pane {
            area: rect(0, articles_w),
            shown: true,
        },
        text: Pane {
            area: rect(articles_w, text_w),
            shown: true,
        },
        claims: Pane {
            area: rect(articles_w + text_w, claims_w),
            shown: true,
        },
        status,
        single: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_panes_tile_the_width_exactly() {
        for w in [80u16, 100, 120, 200, 400] {
            let p = panes(w, 24, Focus::Claims);
            assert!(!p.single);
            assert_eq!(
                p.articles.area.width + p.text.area.width + p.claims.area.width,
                w
            );
            assert_eq!(p.text.area.x, p.articles.area.width);
            assert!(p.text.inner_width() >= 20, "text pane too thin at {w}");
        }
    }

    #[test]
    fn narrow_terminals_show_only_the_focused_pane() {
        let p = panes(60, 20, Focus::Text);
        assert!(p.single);
        assert!(p.text.shown && !p.articles.shown && !p.claims.shown);
        assert_eq!(p.text.area.width, 60);
        assert_eq!(p.status.y, 19);
    }
}
