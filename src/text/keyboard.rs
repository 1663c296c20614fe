//! Typing Arabic without an Arabic keyboard.
