//! One table of {keys, command, description} from the config feeds key dispatch, the help
//! screen and the status-bar hints, so they can never disagree.

use super::action::Command;
use crate::config::KeyBinding;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashMap;

/// A bound command with its keys as written in the config and its description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub command: Command,
    pub keys: Vec<String>,
    pub desc: String,
}

#[derive(Clone, Debug, Default)]
pub struct Keymap {
    pub entries: Vec<Entry>,
    by_key: HashMap<String, Command>,
}

/// A keymap entry that cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KeymapError {
    #[error("keymap: unknown command {0:?} (see the help screen for the commands)")]
    UnknownCommand(String),
    #[error("keymap: cannot read the key {key:?} bound to {command:?}")]
    BadKey { key: String, command: String },
}

impl Keymap {
    pub fn from_bindings(bindings: &[KeyBinding]) -> Result<Keymap, KeymapError> {
        let mut map = Keymap::default();
        for b in bindings {
            let command = Command::from_name(&b.run)
                .ok_or_else(|| KeymapError::UnknownCommand(b.run.clone()))?;
            let mut keys = Vec::new();
            for k in &b.on {
                let canon = canonical(k).ok_or_else(|| KeymapError::BadKey {
                    key: k.clone(),
                    command: b.run.clone(),
                })?;
                map.by_key.insert(canon, command);
                keys.push(k.clone());
            }
            map.entries.push(Entry {
                command,
                keys,
                desc: b.desc.clone(),
            });
        }
        Ok(map)
    }

    /// The command a key runs in normal mode.
    pub fn lookup(&self, key: &KeyEvent) -> Option<Command> {
        self.by_key.get(&key_name(key)?).copied()
    }

    /// The first key bound to a command, as written in the config (for hints).
    pub fn first_key(&self, command: Command) -> Option<&str> {
        self.entries
            .iter()
            .find(|e| e.command == command)
            .and_then(|e| e.keys.first())
            .map(String::as_str)
    }
}

impl Keymap {
    /// The key table of the README, generated like the help screen so they never differ.
    pub fn markdown_table(&self) -> String {
        let mut out = String::from("| keys | action |\n| --- | --- |\n");
        for e in &self.entries {
            let keys: Vec<String> = e
                .keys
                .iter()
                .map(|k| format!("`{}`", k.replace('|', "\\|")))
                .collect();
            out.push_str(&format!("| {} | {} |\n", keys.join(" "), e.desc));
        }
        out
    }
}

/// The canonical name of a key as written in the config: `j`, `<C-d>`, `<S-Tab>`…
fn canonical(written: &str) -> Option<String> {
    let mut chars = written.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(c.to_string());
    }
    let inner = written.strip_prefix('<')?.strip_suffix('>')?;
    let (ctrl, name) = match inner.strip_prefix("C-") {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name = match name.to_ascii_lowercase().as_str() {
        "s-tab" | "backtab" => "<S-Tab>".to_string(),
        "tab" => "<Tab>".to_string(),
        "esc" | "escape" => "<Esc>".to_string(),
        "enter" | "cr" | "return" => "<Enter>".to_string(),
        "space" => " ".to_string(),
        "down" => "<Down>".to_string(),
        "up" => "<Up>".to_string(),
        "left" => "<Left>".to_string(),
        "right" => "<Right>".to_string(),
        "home" => "<Home>".to_string(),
        "end" => "<End>".to_string(),
        "pagedown" => "<PageDown>".to_string(),
        "pageup" => "<PageUp>".to_string(),
        "backspace" | "bs" => "<BS>".to_string(),
        _ => {
            let mut cs = name.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) if ctrl => return Some(format!("<C-{}>", c.to_ascii_lowercase())),
                _ => return None,
            }
        }
    };
    Some(if ctrl { format!("<C-{name}>") } else { name })
}

/// The canonical name of a key event, matching [`canonical`].
pub fn key_name(key: &KeyEvent) -> Option<String> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let name = match key.code {
        KeyCode::Char(c) if ctrl => return Some(format!("<C-{}>", c.to_ascii_lowercase())),
        KeyCode::Char(c) => return Some(c.to_string()),
        KeyCode::BackTab => "<S-Tab>",
        KeyCode::Tab if key.modifiers.contains(KeyModifiers::SHIFT) => "<S-Tab>",
        KeyCode::Tab => "<Tab>",
        KeyCode::Esc => "<Esc>",
        KeyCode::Enter => "<Enter>",
        KeyCode::Down => "<Down>",
        KeyCode::Up => "<Up>",
        KeyCode::Left => "<Left>",
        KeyCode::Right => "<Right>",
        KeyCode::Home => "<Home>",
        KeyCode::End => "<End>",
        KeyCode::PageDown => "<PageDown>",
        KeyCode::PageUp => "<PageUp>",
        KeyCode::Backspace => "<BS>",
        _ => return None,
    };
    Some(if ctrl {
        format!("<C-{name}>")
    } else {
        name.to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn default_keymap_dispatches_the_documented_keys() {
        let km = Keymap::from_bindings(&Config::builtin().keymap).unwrap();
        let none = KeyModifiers::NONE;
        assert_eq!(
            km.lookup(&key(KeyCode::Char('a'), none)),
            Some(Command::MarkAttributed)
        );
        assert_eq!(
            km.lookup(&key(KeyCode::Char('J'), KeyModifiers::SHIFT)),
            Some(Command::NextArticle)
        );
        assert_eq!(km.lookup(&key(KeyCode::Down, none)), Some(Command::Down));
        assert_eq!(
            km.lookup(&key(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Command::PageDown)
        );
        assert_eq!(
            km.lookup(&key(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(Command::Redo)
        );
        assert_eq!(
            km.lookup(&key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Command::FocusPrev)
        );
        assert_eq!(
            km.lookup(&key(KeyCode::Char(']'), none)),
            Some(Command::NextUntriaged)
        );
        assert_eq!(km.lookup(&key(KeyCode::Char('w'), none)), None);
    }

    #[test]
    fn every_command_has_a_default_key_and_description() {
        let km = Keymap::from_bindings(&Config::builtin().keymap).unwrap();
        for c in Command::ALL {
            let e = km.entries.iter().find(|e| e.command == c);
            assert!(
                e.is_some_and(|e| !e.keys.is_empty() && !e.desc.is_empty()),
                "{c:?}"
            );
        }
    }

    #[test]
    fn readme_key_table_matches_the_keymap() {
        let km = Keymap::from_bindings(&Config::builtin().keymap).unwrap();
        let readme = include_str!("../../README.md");
        let table = km.markdown_table();
        assert!(
            readme.contains(&table),
            "README.md's key table is out of date; paste this:\n{table}"
        );
    }

    #[test]
    fn readme_documents_the_query_language() {
        let readme = include_str!("../../README.md");
        let table = crate::search::query_help_markdown();
        assert!(
            readme.contains(&table),
            "README.md's query table is out of date; paste this:\n{table}"
        );
    }

    #[test]
    fn bad_bindings_are_reported_not_ignored() {
        let bad = [KeyBinding {
            on: vec!["<Hyper-x>".into()],
            run: "quit".into(),
            desc: String::new(),
        }];
        assert!(matches!(
            Keymap::from_bindings(&bad),
            Err(KeymapError::BadKey { .. })
        ));
        let unknown = [KeyBinding {
            on: vec!["x".into()],
            run: "explode".into(),
            desc: String::new(),
        }];
        assert_eq!(
            Keymap::from_bindings(&unknown).unwrap_err(),
            KeymapError::UnknownCommand("explode".into())
        );
    }
}
