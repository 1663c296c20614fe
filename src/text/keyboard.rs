//! Typing Arabic without an Arabic keyboard: the standard Arabic (101) layout laid over US
//! keys for the filter prompt's layout toggle, and Buckwalter transliteration for queries.
//! Pure mappings only; the prompt decides when they apply.

/// US key → the character the standard Arabic (101) keyboard types on that key, or `None`
/// when the key types the same character on both layouts (digits, space, most
/// punctuation) and the caller should insert the key itself.
///
/// The four lam-alef keys (`b`, `B`, `G`, `T`) type two letters on a real keyboard; here
/// they give the single presentation-form ligature (U+FEFB…), which the search
/// normalisation (NFKC) folds back into lam + alef.
pub fn arabic_layout(key: char) -> Option<char> {
    let arabic = match key {
        // unshifted
        '`' => 'ذ',
        'q' => 'ض',
        'w' => 'ص',
        'e' => 'ث',
        'r' => 'ق',
        't' => 'ف',
        'y' => 'غ',
        'u' => 'ع',
        'i' => 'ه',
        'o' => 'خ',
        'p' => 'ح',
        '[' => 'ج',
        ']' => 'د',
        'a' => 'ش',
        's' => 'س',
        'd' => 'ي',
        'f' => 'ب',
        'g' => 'ل',
        'h' => 'ا',
        'j' => 'ت',
        'k' => 'ن',
        'l' => 'م',
        ';' => 'ك',
        '\'' => 'ط',
        'z' => 'ئ',
        'x' => 'ء',
        'c' => 'ؤ',
        'v' => 'ر',
        'b' => '\u{FEFB}', // لا
        'n' => 'ى',
        'm' => 'ة',
        ',' => 'و',
        '.' => 'ز',
        '/' => 'ظ',
        // shifted: harakat, hamza seats, Arabic punctuation
        '~' => '\u{0651}', // shadda
        'Q' => '\u{064E}', // fatha
        'W' => '\u{064B}', // fathatan
        'E' => '\u{064F}', // damma
        'R' => '\u{064C}', // dammatan
        'T' => '\u{FEF9}', // لإ
        'Y' => 'إ',
        'U' => '\u{2018}',
        'I' => '÷',
        'O' => '×',
        'P' => '؛',
        'A' => '\u{0650}', // kasra
        'S' => '\u{064D}', // kasratan
        'D' => ']',
        'F' => '[',
        'G' => '\u{FEF7}', // لأ
        'H' => 'أ',
        'J' => '\u{0640}', // tatweel
        'K' => '،',
        'L' => '/',
        'Z' => '~',
        'X' => '\u{0652}', // sukun
        'C' => '}',
        'V' => '{',
        'B' => '\u{FEF5}', // لآ
        'N' => 'آ',
        'M' => '\u{2019}',
        '<' => ',',
        '>' => '.',
        '?' => '؟',
        _ => return None,
    };
    Some(arabic)
}

/// One Buckwalter letter (with the XML-safe `O W I` and the common extensions for
/// Persian/Urdu letters), `None` for anything else.
fn buckwalter_char(c: char) -> Option<char> {
    Some(match c {
        '\'' => 'ء',
        '|' => 'آ',
        '>' | 'O' => 'أ',
        '&' | 'W' => 'ؤ',
        '<' | 'I' => 'إ',
        '}' => 'ئ',
        'A' => 'ا',
        'b' => 'ب',
        'p' => 'ة',
        't' => 'ت',
        'v' => 'ث',
        'j' => 'ج',
        'H' => 'ح',
        'x' => 'خ',
        'd' => 'د',
        '*' => 'ذ',
        'r' => 'ر',
        'z' => 'ز',
        's' => 'س',
        '$' => 'ش',
        'S' => 'ص',
        'D' => 'ض',
        'T' => 'ط',
        'Z' => 'ظ',
        'E' => 'ع',
        'g' => 'غ',
        '_' => '\u{0640}',
        'f' => 'ف',
        'q' => 'ق',
        'k' => 'ك',
        'l' => 'ل',
        'm' => 'م',
        'n' => 'ن',
        'h' => 'ه',
        'w' => 'و',
        'Y' => 'ى',
        'y' => 'ي',
        'F' => '\u{064B}',
        'N' => '\u{064C}',
        'K' => '\u{064D}',
        'a' => '\u{064E}',
        'u' => '\u{064F}',
        'i' => '\u{0650}',
        '~' => '\u{0651}',
        'o' => '\u{0652}',
        '`' => '\u{0670}',
        '{' => 'ٱ',
        'P' => 'پ',
        'J' => 'چ',
        'V' => 'ڤ',
        'G' => 'گ',
        _ => return None,
    })
}

/// Buckwalter transliteration to Arabic script (`AlslAm` → `السلام`). Case matters
/// (`H` is ح, `h` is ه); characters outside the scheme (digits, spaces) pass through.
pub fn buckwalter(s: &str) -> String {
    s.chars().map(|c| buckwalter_char(c).unwrap_or(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::search_key;

    fn type_on_arabic_layout(keys: &str) -> String {
        keys.chars()
            .map(|k| arabic_layout(k).unwrap_or(k))
            .collect()
    }

    #[test]
    fn us_keys_type_the_arabic_layout() {
        assert_eq!(type_on_arabic_layout("hgsghl"), "السلام");
        assert_eq!(type_on_arabic_layout("lvpfh fhguhgl"), "مرحبا بالعالم");
        assert_eq!(type_on_arabic_layout("2017"), "2017", "digits are the same");
        assert_eq!(arabic_layout(' '), None);
    }

    #[test]
    fn lam_alef_key_searches_as_two_letters() {
        assert_eq!(search_key(&type_on_arabic_layout("b")), "لا");
        assert_eq!(search_key(&type_on_arabic_layout("Gk")), search_key("لأن"));
    }

    #[test]
    fn shifted_keys_give_harakat() {
        assert_eq!(type_on_arabic_layout("lQ"), "م\u{064E}");
        assert_eq!(arabic_layout('~'), Some('\u{0651}'));
        assert_eq!(arabic_layout('?'), Some('؟'));
    }

    #[test]
    fn buckwalter_spells_arabic() {
        assert_eq!(buckwalter("AlslAm"), "السلام");
        assert_eq!(buckwalter("mSdr >mny"), "مصدر أمني");
        assert_eq!(buckwalter("wzArp AlxArjyp"), "وزارة الخارجية");
        assert_eq!(buckwalter("Hh"), "حه", "case distinguishes letters");
        assert_eq!(buckwalter("2017"), "2017");
    }
}
