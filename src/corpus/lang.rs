//! An article's language from its letters: `ar` when Arabic script dominates, `en` when
//! Latin does, `und` otherwise. Cheap on purpose; it only picks the cue lexicon.

/// Arabic letters, including the supplement, extended-A and presentation forms.
fn is_arabic(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && is_letter(c)
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || (matches!(c, '\u{00C0}'..='\u{024F}') && c.is_alphabetic())
}

/// `is_alphabetic`, with ASCII and the plain Arabic letters answered without the Unicode
/// table look-up (it was the most expensive part of loading a corpus).
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphabetic(),
    }
}

/// Letters looked at: enough to tell the script of an article, and a long one costs no
/// more than a short one.
const SAMPLE_LETTERS: usize = 1000;

/// `ar`, `en` or `und` for the given text (its first few thousand letters); more than
/// half of the letters must be of one script.
pub fn detect<'a>(parts: impl IntoIterator<Item = &'a str>) -> &'static str {
    let (mut arabic, mut latin, mut letters) = (0usize, 0usize, 0usize);
    for c in parts.into_iter().flat_map(str::chars) {
        if !is_letter(c) {
            continue;
        }
        if letters == SAMPLE_LETTERS {
            break;
        }
        letters += 1;
        if is_arabic(c) {
            arabic += 1;
        } else if is_latin(c) {
            latin += 1;
        }
    }
    if arabic * 2 > letters {
        "ar"
    } else if latin * 2 > letters {
        "en"
    } else {
        "und"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dominant_script_decides() {
        assert_eq!(detect(["قال الوزير إن الجيش تقدم (Reuters)"]), "ar");
        assert_eq!(detect(["The minister said, according to سانا"]), "en");
        assert_eq!(detect(["Привет мир"]), "und");
        assert_eq!(detect(["12345 ..."]), "und");
        assert_eq!(detect(Vec::<&str>::new()), "und");
    }

    #[test]
    fn fast_letter_test_agrees_with_unicode() {
        for c in ('\u{0}'..='\u{0FFF}').chain('\u{FB50}'..='\u{FEFF}') {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }
}
