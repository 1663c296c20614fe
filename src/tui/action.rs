//! Everything the reviewer can ask for. Keys map to these through the keymap; `update`
//! is the only place that acts on them.

/// A named command, bindable in the config (`run = "mark_attributed"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    FocusNext,
    FocusPrev,
    FocusLeft,
    FocusRight,
    NextArticle,
    PrevArticle,
    MarkAttributed,
    MarkUnverified,
    MarkContradicted,
    AcceptSuggestion,
    ClearMark,
    Undo,
    Redo,
    Note,
    EditSource,
    Dismiss,
    AddClaim,
    NextUntriaged,
    PrevUntriaged,
    Filter,
    ClearFilter,
    Problems,
    History,
    Dashboard,
    Export,
    Help,
    Quit,
}

impl Command {
    pub const ALL: [Command; 33] = [
        Command::Down,
        Command::Up,
        Command::Top,
        Command::Bottom,
        Command::PageDown,
        Command::PageUp,
        Command::FocusNext,
        Command::FocusPrev,
        Command::FocusLeft,
        Command::FocusRight,
        Command::NextArticle,
        Command::PrevArticle,
        Command::MarkAttributed,
        Command::MarkUnverified,
        Command::MarkContradicted,
        Command::AcceptSuggestion,
        Command::ClearMark,
        Command::Undo,
        Command::Redo,
        Command::Note,
        Command::EditSource,
        Command::Dismiss,
        Command::AddClaim,
        Command::NextUntriaged,
        Command::PrevUntriaged,
        Command::Filter,
        Command::ClearFilter,
        Command::Problems,
        Command::History,
        Command::Dashboard,
        Command::Export,
        Command::Help,
        Command::Quit,
    ];

    /// The name used in `config/default.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Command::Down => "down",
            Command::Up => "up",
            Command::Top => "top",
            Command::Bottom => "bottom",
            Command::PageDown => "page_down",
            Command::PageUp => "page_up",
            Command::FocusNext => "focus_next",
            Command::FocusPrev => "focus_prev",
            Command::FocusLeft => "focus_left",
            Command::FocusRight => "focus_right",
            Command::NextArticle => "next_article",
            Command::PrevArticle => "prev_article",
            Command::MarkAttributed => "mark_attributed",
            Command::MarkUnverified => "mark_unverified",
            Command::MarkContradicted => "mark_contradicted",
            Command::AcceptSuggestion => "accept_suggestion",
            Command::ClearMark => "clear_mark",
            Command::Undo => "undo",
            Command::Redo => "redo",
            Command::Note => "note",
            Command::EditSource => "edit_source",
            Command::Dismiss => "dismiss",
            Command::AddClaim => "add_claim",
            Command::NextUntriaged => "next_untriaged",
            Command::PrevUntriaged => "prev_untriaged",
            Command::Filter => "filter",
            Command::ClearFilter => "clear_filter",
            Command::Problems => "problems",
            Command::History => "history",
            Command::Dashboard => "dashboard",
            Command::Export => "export",
            Command::Help => "help",
            Command::Quit => "quit",
        }
    }

    pub fn from_name(name: &str) -> Option<Command> {
        Command::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// What `update` consumes: commands from the keymap, plus the raw events a prompt needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Command(Command),
    /// A key typed while a prompt (filter, note) is open.
    Input(crossterm::event::KeyEvent),
    /// Text pasted (bracketed paste) into a prompt.
    Paste(String),
    /// The terminal is now this many columns and rows.
    Resize(u16, u16),
    /// Time passed: look for other reviewers' marks, expire messages.
    Tick,
}
