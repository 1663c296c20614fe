//! Styles from the config's colour names. With NO_COLOR, or where a colour is not
//! understood, only modifiers are used: status is always a glyph as well as a colour.

use crate::model::Status;
use ratatui::style::{Color, Modifier, Style};
use std::collections::BTreeMap;
use std::str::FromStr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub attributed: Style,
    pub unverified: Style,
    pub contradicted: Style,
    pub untriaged: Style,
    pub claim: Style,
    pub cue: Style,
    pub source: Style,
    pub matched: Style,
    pub focus: Style,
}

impl Theme {
    /// `no_color`: the NO_COLOR convention (any non-empty value).
    pub fn new(colours: &BTreeMap<String, String>, no_color: bool) -> Theme {
        let fg = |role: &str| -> Style {
            if no_color {
                return Style::default();
            }
            colours
                .get(role)
                .and_then(|name| Color::from_str(name).ok())
                .map_or(Style::default(), |c| Style::default().fg(c))
        };
        Theme {
            color: !no_color,
            attributed: fg("attributed"),
            unverified: fg("unverified"),
            contradicted: fg("contradicted").add_modifier(Modifier::BOLD),
            untriaged: fg("untriaged"),
            claim: fg("claim").add_modifier(Modifier::UNDERLINED),
            cue: fg("cue").add_modifier(Modifier::BOLD),
            source: fg("source").add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            matched: fg("match").add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            focus: fg("focus").add_modifier(Modifier::BOLD),
        }
    }

    pub fn from_env(colours: &BTreeMap<String, String>) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(colours, no_color)
    }

    pub fn status(&self, s: Status) -> Style {
        match s {
            Status::Untriaged => self.untriaged,
            Status::Attributed => self.attributed,
            Status::Unverified => self.unverified,
            Status::Contradicted => self.contradicted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn no_color_keeps_modifiers_only() {
        let t = Theme::new(&Config::builtin().theme, true);
        assert_eq!(t.attributed.fg, None);
        assert_eq!(t.contradicted.fg, None);
        assert!(t.contradicted.add_modifier.contains(Modifier::BOLD));
    }

    #[test]
    fn default_colours_are_ansi_sixteen() {
        let t = Theme::new(&Config::builtin().theme, false);
        assert_eq!(t.contradicted.fg, Some(Color::Red));
        assert_eq!(t.attributed.fg, Some(Color::Green));
    }
}
