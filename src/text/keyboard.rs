//! Interim: replaced by the keyboard module of the Arabic work.
pub fn arabic_layout(c: char) -> Option<char> {
    let _ = c;
    None
}
