//! Configuration: the built-in `config/default.toml` (embedded in the binary) with the
//! user's file laid over it. The user file overrides only what it names.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The built-in configuration text.
pub const DEFAULT_TOML: &str = include_str!("../config/default.toml");

/// How Arabic and other right-to-left text reaches the screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum BidiMode {
    /// Ask the terminal; do it ourselves unless it does bidi and can't be told to stop.
    #[default]
    Auto,
    /// claimdesk reorders and joins the letters itself.
    App,
    /// Logical order, for terminals whose own bidi the user prefers.
    Terminal,
}

/// One keymap entry: the keys, the action's name, and what the help screen says.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct KeyBinding {
    pub on: Vec<String>,
    pub run: String,
    #[serde(default)]
    pub desc: String,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct ExportConfig {
    #[serde(default)]
    pub organisation: String,
    /// `reviewRating.alternateName` by status name.
    #[serde(default)]
    pub verdicts: BTreeMap<String, String>,
}

/// The merged configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub reviewer: String,
    pub bidi: BidiMode,
    pub mouse: bool,
    /// Colour names by role (`attributed`, `cue`, `match`…).
    pub theme: BTreeMap<String, String>,
    pub export: ExportConfig,
    pub keymap: Vec<KeyBinding>,
    /// Extra cue lexicon files named by the user (`cues = ["my-ar.toml"]`).
    pub cues: Vec<PathBuf>,
}

/// One layer as written in a file: every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Layer {
    reviewer: Option<String>,
    bidi: Option<BidiMode>,
    mouse: Option<bool>,
    #[serde(default)]
    theme: BTreeMap<String, String>,
    export: Option<ExportLayer>,
    #[serde(default)]
    keymap: Vec<KeyBinding>,
    #[serde(default)]
    cues: Vec<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportLayer {
    organisation: Option<String>,
    #[serde(default)]
    verdicts: BTreeMap<String, String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read the config file: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a valid claimdesk config: {message}")]
    Parse { path: PathBuf, message: String },
}

impl Config {
    /// The built-in configuration alone.
    pub fn builtin() -> Config {
        let layer: Layer = toml::from_str(DEFAULT_TOML).expect("config/default.toml is valid");
        let mut config = Config {
            reviewer: String::new(),
            bidi: BidiMode::Auto,
            mouse: false,
            theme: BTreeMap::new(),
            export: ExportConfig::default(),
            keymap: Vec::new(),
            cues: Vec::new(),
        };
        config.apply(layer);
        config
    }

    /// The built-in configuration with the file at `path` laid over it.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::builtin().with_layer(&text, path)
    }

    /// The user's config file if there is one: `$XDG_CONFIG_HOME/claimdesk/config.toml`
    /// or `~/.config/claimdesk/config.toml`.
    pub fn user_path() -> Option<PathBuf> {
        let base = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
        let path = base.join("claimdesk").join("config.toml");
        path.is_file().then_some(path)
    }

    fn with_layer(mut self, text: &str, path: &Path) -> Result<Config, ConfigError> {
        let layer: Layer = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let cues: Vec<PathBuf> = layer.cues.iter().map(|c| dir.join(c)).collect();
        self.apply(layer);
        self.cues = cues;
        Ok(self)
    }

    fn apply(&mut self, layer: Layer) {
        if let Some(r) = layer.reviewer {
            self.reviewer = r;
        }
        if let Some(b) = layer.bidi {
            self.bidi = b;
        }
        if let Some(m) = layer.mouse {
            self.mouse = m;
        }
        self.theme.extend(layer.theme);
        if let Some(e) = layer.export {
            if let Some(o) = e.organisation {
                self.export.organisation = o;
            }
            self.export.verdicts.extend(e.verdicts);
        }
        for binding in layer.keymap {
            // A user's binding replaces the action's built-in keys and takes its keys
            // away from any other action.
            self.keymap.retain(|b| b.run != binding.run);
            for other in &mut self.keymap {
                other.on.retain(|k| !binding.on.contains(k));
            }
            self.keymap.push(binding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_config_binds_the_documented_keys() {
        let c = Config::builtin();
        let keys_for = |run: &str| {
            c.keymap
                .iter()
                .find(|b| b.run == run)
                .map(|b| b.on.clone())
                .unwrap_or_default()
        };
        assert_eq!(keys_for("mark_attributed"), vec!["a"]);
        assert!(keys_for("down").contains(&"j".to_string()));
        assert_eq!(keys_for("quit"), vec!["q"]);
        assert_eq!(c.bidi, BidiMode::Auto);
        assert!(!c.mouse);
    }

    #[test]
    fn user_layer_overrides_only_what_it_names() {
        let user = r#"
            reviewer = "rana"
            [[keymap]]
            on = ["j"]
            run = "mark_attributed"
            desc = "attributed (my key)"
        "#;
        let c = Config::builtin()
            .with_layer(user, Path::new("/tmp/x.toml"))
            .unwrap();
        assert_eq!(c.reviewer, "rana");
        let attributed = c
            .keymap
            .iter()
            .find(|b| b.run == "mark_attributed")
            .unwrap();
        assert_eq!(attributed.on, vec!["j"]);
        let down = c.keymap.iter().find(|b| b.run == "down").unwrap();
        assert_eq!(down.on, vec!["<Down>"], "j moved to the user's action");
        assert_eq!(c.theme.get("contradicted").map(String::as_str), Some("red"));
    }

    #[test]
    fn unknown_keys_in_a_user_file_are_reported_with_the_path() {
        let err = Config::builtin()
            .with_layer("colour = 3", Path::new("/home/r/c.toml"))
            .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("/home/r/c.toml"), "{msg}");
        assert!(msg.contains("colour"), "{msg}");
    }
}
