//! Bytes to article text: reading a file within the size limit, telling text from binary,
//! and decoding UTF-8 (BOM or not, lossily when broken) or UTF-16 with a BOM. Line endings
//! become `\n`; nothing else is changed, because every offset points into this text.

use std::io::Read;
use std::path::Path;

/// Files larger than this are skipped: a news article is never this big, and reading it
/// would stall the whole load.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// How much of the start of a file the control-byte test looks at.
const SNIFF_BYTES: usize = 8192;

/// Decoded text and how many input bytes could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub replaced: usize,
}

/// Read a whole file, refusing more than `limit` bytes. The error is the message a
/// [`crate::model::Problem`] carries.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| io_message(&e))?;
    let too_big = || {
        format!(
            "larger than the {} MiB limit for one file; skipped (split it into smaller files)",
            limit / (1024 * 1024)
        )
    };
    let len = file.metadata().map_or(0, |m| m.len());
    if len > limit {
        return Err(too_big());
    }
    // Room for the whole file and the one byte more that proves the end: a buffer grown
    // as it fills would copy each file several times.
    let mut bytes = Vec::with_capacity(usize::try_from(len + 1).unwrap_or(0));
    // Read one byte past the limit, so a file that grew after `metadata` is still caught.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(bytes)
}

pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => {
            "disappeared while loading; skipped (load again once the folder is stable)".into()
        }
        std::io::ErrorKind::PermissionDenied => {
            "cannot read: permission denied; skipped (check the file's permissions)".into()
        }
        _ => format!("cannot read: {e}; skipped (check that the file is readable)"),
    }
}

/// Decode a file's bytes, or say why it is not an article (binary, empty).
/// Takes the bytes by value: valid UTF-8 (nearly every file) becomes the text without a
/// copy.
pub fn decode(bytes: impl Into<Vec<u8>>) -> Result<Decoded, String> {
    let mut bytes: Vec<u8> = bytes.into();
    let decoded = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes)
    } else {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        if looks_binary(&bytes) {
            return Err(
                "binary data (NUL or control bytes), not text; skipped (remove it, or save it as UTF-8 text)"
                    .into(),
            );
        }
        if simdutf8::basic::from_utf8(&bytes).is_ok() {
            // SAFETY: `bytes` was just checked to be UTF-8 (by a validator about ten times
            // faster than std's on Arabic text; every warm start checks every file).
            Decoded {
                text: unsafe { String::from_utf8_unchecked(bytes) },
                replaced: 0,
            }
        } else {
            utf8_lossy(&bytes)
        }
    };
    if decoded.text.trim().is_empty() {
        return Err("empty (no text to read); skipped".into());
    }
    Ok(Decoded {
        text: normalize_newlines(decoded.text),
        replaced: decoded.replaced,
    })
}

/// The problem message for a file that needed replacement characters.
pub fn replaced_message(replaced: usize) -> String {
    let bytes = if replaced == 1 { "byte" } else { "bytes" };
    format!(
        "not valid UTF-8; {replaced} {bytes} replaced with U+FFFD (convert it to UTF-8, e.g. \
         `iconv -f WINDOWS-1256 -t UTF-8` for old Arabic pages)"
    )
}

/// NUL bytes anywhere (as git decides), or a start made mostly of C0 control bytes.
/// ESC is not counted: a text full of escape sequences is still text (the display
/// sanitises it).
fn looks_binary(bytes: &[u8]) -> bool {
    if memchr::memchr(0, bytes).is_some() {
        return true;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    controls * 10 > head.len() * 3
}

fn utf8_lossy(bytes: &[u8]) -> Decoded {
    let mut text = String::with_capacity(bytes.len());
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            replaced += chunk.invalid().len();
        }
    }
    Decoded { text, replaced }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Decoded {
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let mut text = String::with_capacity(bytes.len());
    let mut replaced = bytes.len() % 2;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                text.push(char::REPLACEMENT_CHARACTER);
                replaced += 2;
            }
        }
    }
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    Decoded { text, replaced }
}

/// CRLF and lone CR become LF; the only change ever made to an article's text.
pub fn normalize_newlines(s: String) -> String {
    if memchr::memchr(b'\r', s.as_bytes()).is_none() {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped_and_line_endings_become_lf() {
        let d = decode(b"\xEF\xBB\xBFone\r\ntwo\rthree\n").unwrap();
        assert_eq!(d.text, "one\ntwo\nthree\n");
        assert_eq!(d.replaced, 0);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_counted() {
        // "قال" then two stray bytes (Windows-1256 letters) then ASCII
        let mut bytes = "قال ".as_bytes().to_vec();
        bytes.extend_from_slice(&[0xC7, 0xE1]);
        bytes.extend_from_slice(b" ok");
        let d = decode(bytes.clone()).unwrap();
        assert_eq!(d.replaced, 2);
        assert!(d.text.starts_with("قال "));
        assert!(d.text.ends_with(" ok"));
        assert!(d.text.contains('\u{FFFD}'));
    }

    #[test]
    fn nul_bytes_or_control_noise_mean_binary() {
        assert!(decode(b"PK\x03\x04\x00\x00abc").is_err());
        assert!(decode([0x01, 0x02, 0x03, 0x04, b'a', 0x05, 0x06]).is_err());
    }

    #[test]
    fn escape_sequences_are_text_not_binary() {
        let d = decode(b"\x1b[2J\x1b[31mred\x1b[0m\x1b]0;title\x07 news").unwrap();
        assert!(d.text.contains("\x1b[31mred"));
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        assert!(decode(b"").unwrap_err().contains("empty"));
        assert!(decode(b" \n\r\n\t ").unwrap_err().contains("empty"));
        assert!(decode("\u{a0}\n".as_bytes()).unwrap_err().contains("empty"));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut le = vec![0xFF, 0xFE];
        for u in "سلام\r\nhi".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(le).unwrap().text, "سلام\nhi");
        let mut be = vec![0xFE, 0xFF];
        for u in "hi".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(be).unwrap().text, "hi");
    }
}
