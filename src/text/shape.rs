//! Arabic joining: picks the presentation form (isolated, final, initial, medial) of each
//! letter from its neighbours, one letter to one form and never a ligature, so that each
//! letter keeps exactly one terminal cell. It only chooses forms; it never reorders.

use unicode_normalization::char::is_combining_mark;

/// How a character joins its neighbours (Unicode's Joining_Type, reduced to what the
/// presentation forms can draw).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Joining {
    /// Joins on neither side (Latin, digits, spaces, hamza, ZWNJ).
    None,
    /// Joins only to the letter before it in logical order (alef, dal, reh, waw…).
    Right,
    /// Joins on both sides (beh, seen, lam…).
    Dual,
    /// Makes its neighbours join without changing itself (tatweel, ZWJ).
    Causing,
    /// Invisible to joining (harakat and other marks, format characters).
    Transparent,
}

const ZWJ: char = '\u{200D}';
const ZWNJ: char = '\u{200C}';

/// Base letter → [isolated, final, initial, medial]; `'\0'` where Unicode has no form.
/// Generated from the `<isolated>`/`<final>`/`<initial>`/`<medial>` decompositions in
/// UnicodeData (Arabic Presentation Forms-A and -B) for single letters; sorted by base for
/// binary search. A letter with an isolated form only never joins (hamza).
const FORMS: &[(char, [char; 4])] = &[
    ('\u{0621}', ['\u{FE80}', '\0', '\0', '\0']), // hamza
    ('\u{0622}', ['\u{FE81}', '\u{FE82}', '\0', '\0']), // alef with madda above
    ('\u{0623}', ['\u{FE83}', '\u{FE84}', '\0', '\0']), // alef with hamza above
    ('\u{0624}', ['\u{FE85}', '\u{FE86}', '\0', '\0']), // waw with hamza above
    ('\u{0625}', ['\u{FE87}', '\u{FE88}', '\0', '\0']), // alef with hamza below
    ('\u{0626}', ['\u{FE89}', '\u{FE8A}', '\u{FE8B}', '\u{FE8C}']), // yeh with hamza above
    ('\u{0627}', ['\u{FE8D}', '\u{FE8E}', '\0', '\0']), // alef
    ('\u{0628}', ['\u{FE8F}', '\u{FE90}', '\u{FE91}', '\u{FE92}']), // beh
    ('\u{0629}', ['\u{FE93}', '\u{FE94}', '\0', '\0']), // teh marbuta
    ('\u{062A}', ['\u{FE95}', '\u{FE96}', '\u{FE97}', '\u{FE98}']), // teh
    ('\u{062B}', ['\u{FE99}', '\u{FE9A}', '\u{FE9B}', '\u{FE9C}']), // theh
    ('\u{062C}', ['\u{FE9D}', '\u{FE9E}', '\u{FE9F}', '\u{FEA0}']), // jeem
    ('\u{062D}', ['\u{FEA1}', '\u{FEA2}', '\u{FEA3}', '\u{FEA4}']), // hah
    ('\u{062E}', ['\u{FEA5}', '\u{FEA6}', '\u{FEA7}', '\u{FEA8}']), // khah
    ('\u{062F}', ['\u{FEA9}', '\u{FEAA}', '\0', '\0']), // dal
    ('\u{0630}', ['\u{FEAB}', '\u{FEAC}', '\0', '\0']), // thal
    ('\u{0631}', ['\u{FEAD}', '\u{FEAE}', '\0', '\0']), // reh
    ('\u{0632}', ['\u{FEAF}', '\u{FEB0}', '\0', '\0']), // zain
    ('\u{0633}', ['\u{FEB1}', '\u{FEB2}', '\u{FEB3}', '\u{FEB4}']), // seen
    ('\u{0634}', ['\u{FEB5}', '\u{FEB6}', '\u{FEB7}', '\u{FEB8}']), // sheen
    ('\u{0635}', ['\u{FEB9}', '\u{FEBA}', '\u{FEBB}', '\u{FEBC}']), // sad
    ('\u{0636}', ['\u{FEBD}', '\u{FEBE}', '\u{FEBF}', '\u{FEC0}']), // dad
    ('\u{0637}', ['\u{FEC1}', '\u{FEC2}', '\u{FEC3}', '\u{FEC4}']), // tah
    ('\u{0638}', ['\u{FEC5}', '\u{FEC6}', '\u{FEC7}', '\u{FEC8}']), // zah
    ('\u{0639}', ['\u{FEC9}', '\u{FECA}', '\u{FECB}', '\u{FECC}']), // ain
    ('\u{063A}', ['\u{FECD}', '\u{FECE}', '\u{FECF}', '\u{FED0}']), // ghain
    ('\u{0641}', ['\u{FED1}', '\u{FED2}', '\u{FED3}', '\u{FED4}']), // feh
    ('\u{0642}', ['\u{FED5}', '\u{FED6}', '\u{FED7}', '\u{FED8}']), // qaf
    ('\u{0643}', ['\u{FED9}', '\u{FEDA}', '\u{FEDB}', '\u{FEDC}']), // kaf
    ('\u{0644}', ['\u{FEDD}', '\u{FEDE}', '\u{FEDF}', '\u{FEE0}']), // lam
    ('\u{0645}', ['\u{FEE1}', '\u{FEE2}', '\u{FEE3}', '\u{FEE4}']), // meem
    ('\u{0646}', ['\u{FEE5}', '\u{FEE6}', '\u{FEE7}', '\u{FEE8}']), // noon
    ('\u{0647}', ['\u{FEE9}', '\u{FEEA}', '\u{FEEB}', '\u{FEEC}']), // heh
    ('\u{0648}', ['\u{FEED}', '\u{FEEE}', '\0', '\0']), // waw
    ('\u{0649}', ['\u{FEEF}', '\u{FEF0}', '\u{FBE8}', '\u{FBE9}']), // alef maksura
    ('\u{064A}', ['\u{FEF1}', '\u{FEF2}', '\u{FEF3}', '\u{FEF4}']), // yeh
    ('\u{0671}', ['\u{FB50}', '\u{FB51}', '\0', '\0']), // alef wasla
    ('\u{0677}', ['\u{FBDD}', '\0', '\0', '\0']), // u with hamza above
    ('\u{0679}', ['\u{FB66}', '\u{FB67}', '\u{FB68}', '\u{FB69}']), // tteh
    ('\u{067A}', ['\u{FB5E}', '\u{FB5F}', '\u{FB60}', '\u{FB61}']), // tteheh
    ('\u{067B}', ['\u{FB52}', '\u{FB53}', '\u{FB54}', '\u{FB55}']), // beeh
    ('\u{067E}', ['\u{FB56}', '\u{FB57}', '\u{FB58}', '\u{FB59}']), // peh
    ('\u{067F}', ['\u{FB62}', '\u{FB63}', '\u{FB64}', '\u{FB65}']), // teheh
    ('\u{0680}', ['\u{FB5A}', '\u{FB5B}', '\u{FB5C}', '\u{FB5D}']), // beheh
    ('\u{0683}', ['\u{FB76}', '\u{FB77}', '\u{FB78}', '\u{FB79}']), // nyeh
    ('\u{0684}', ['\u{FB72}', '\u{FB73}', '\u{FB74}', '\u{FB75}']), // dyeh
    ('\u{0686}', ['\u{FB7A}', '\u{FB7B}', '\u{FB7C}', '\u{FB7D}']), // tcheh
    ('\u{0687}', ['\u{FB7E}', '\u{FB7F}', '\u{FB80}', '\u{FB81}']), // tcheheh
    ('\u{0688}', ['\u{FB88}', '\u{FB89}', '\0', '\0']), // ddal
    ('\u{068C}', ['\u{FB84}', '\u{FB85}', '\0', '\0']), // dahal
    ('\u{068D}', ['\u{FB82}', '\u{FB83}', '\0', '\0']), // ddahal
    ('\u{068E}', ['\u{FB86}', '\u{FB87}', '\0', '\0']), // dul
    ('\u{0691}', ['\u{FB8C}', '\u{FB8D}', '\0', '\0']), // rreh
    ('\u{0698}', ['\u{FB8A}', '\u{FB8B}', '\0', '\0']), // jeh
    ('\u{06A4}', ['\u{FB6A}', '\u{FB6B}', '\u{FB6C}', '\u{FB6D}']), // veh
    ('\u{06A6}', ['\u{FB6E}', '\u{FB6F}', '\u{FB70}', '\u{FB71}']), // peheh
    ('\u{06A9}', ['\u{FB8E}', '\u{FB8F}', '\u{FB90}', '\u{FB91}']), // keheh
    ('\u{06AD}', ['\u{FBD3}', '\u{FBD4}', '\u{FBD5}', '\u{FBD6}']), // ng
    ('\u{06AF}', ['\u{FB92}', '\u{FB93}', '\u{FB94}', '\u{FB95}']), // gaf
    ('\u{06B1}', ['\u{FB9A}', '\u{FB9B}', '\u{FB9C}', '\u{FB9D}']), // ngoeh
    ('\u{06B3}', ['\u{FB96}', '\u{FB97}', '\u{FB98}', '\u{FB99}']), // gueh
    ('\u{06BA}', ['\u{FB9E}', '\u{FB9F}', '\0', '\0']), // noon ghunna
    ('\u{06BB}', ['\u{FBA0}', '\u{FBA1}', '\u{FBA2}', '\u{FBA3}']), // rnoon
    ('\u{06BE}', ['\u{FBAA}', '\u{FBAB}', '\u{FBAC}', '\u{FBAD}']), // heh doachashmee
    ('\u{06C0}', ['\u{FBA4}', '\u{FBA5}', '\0', '\0']), // heh with yeh above
    ('\u{06C1}', ['\u{FBA6}', '\u{FBA7}', '\u{FBA8}', '\u{FBA9}']), // heh goal
    ('\u{06C5}', ['\u{FBE0}', '\u{FBE1}', '\0', '\0']), // kirghiz oe
    ('\u{06C6}', ['\u{FBD9}', '\u{FBDA}', '\0', '\0']), // oe
    ('\u{06C7}', ['\u{FBD7}', '\u{FBD8}', '\0', '\0']), // u
    ('\u{06C8}', ['\u{FBDB}', '\u{FBDC}', '\0', '\0']), // yu
    ('\u{06C9}', ['\u{FBE2}', '\u{FBE3}', '\0', '\0']), // kirghiz yu
    ('\u{06CB}', ['\u{FBDE}', '\u{FBDF}', '\0', '\0']), // ve
    ('\u{06CC}', ['\u{FBFC}', '\u{FBFD}', '\u{FBFE}', '\u{FBFF}']), // farsi yeh
    ('\u{06D0}', ['\u{FBE4}', '\u{FBE5}', '\u{FBE6}', '\u{FBE7}']), // e
    ('\u{06D2}', ['\u{FBAE}', '\u{FBAF}', '\0', '\0']), // yeh barree
    ('\u{06D3}', ['\u{FBB0}', '\u{FBB1}', '\0', '\0']), // yeh barree with hamza above
];

fn forms(c: char) -> Option<&'static [char; 4]> {
    FORMS
        .binary_search_by_key(&c, |(base, _)| *base)
        .ok()
        .and_then(|i| FORMS.get(i))
        .map(|(_, forms)| forms)
}

/// The joining type of one character.
pub fn joining(c: char) -> Joining {
    match c {
        ZWJ | '\u{0640}' => return Joining::Causing,
        ZWNJ => return Joining::None,
        // format characters are transparent to joining (ArabicShaping.txt)
        '\u{00AD}'
        | '\u{061C}'
        | '\u{200B}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}' => return Joining::Transparent,
        _ => {}
    }
    if is_combining_mark(c) {
        return Joining::Transparent;
    }
    match forms(c) {
        Some(f) if f[2] != '\0' && f[3] != '\0' => Joining::Dual,
        Some(f) if f[1] != '\0' => Joining::Right,
        _ => Joining::None,
    }
}

/// What one grapheme cluster offers its neighbours: its first character, how that joins,
/// and how the cluster's end joins (a ZWJ or ZWNJ inside the cluster overrides the letter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cluster {
    pub base: char,
    pub lead: Joining,
    pub trail: Joining,
}

impl Cluster {
    pub fn of(cluster: &str) -> Cluster {
        let mut chars = cluster.chars();
        let base = chars.next().unwrap_or(' ');
        let lead = if cluster.is_empty() {
            Joining::Transparent
        } else {
            joining(base)
        };
        let mut trail = lead;
        for c in chars {
            match c {
                ZWJ => trail = Joining::Causing,
                ZWNJ => trail = Joining::None,
                _ => {}
            }
        }
        Cluster { base, lead, trail }
    }
}

/// The presentation form of each cluster's first character (`None`: draw it as it is),
/// for the clusters of one paragraph in logical order.
pub fn shape_clusters(clusters: &[Cluster]) -> Vec<Option<char>> {
    let mut out = vec![None; clusters.len()];
    // the trail of the nearest visible cluster before the current one
    let mut before: Option<Joining> = None;
    for (i, me) in clusters.iter().enumerate() {
        if me.lead == Joining::Transparent {
            continue;
        }
        if let (Joining::None, Some(forms)) = (me.lead, forms(me.base)) {
            // a non-joining letter with a presentation form (hamza) is drawn isolated
            if let Some(slot) = out.get_mut(i) {
                *slot = Some(forms[0]);
            }
        } else if let (Joining::Right | Joining::Dual, Some(forms)) = (me.lead, forms(me.base)) {
            let joins_before = matches!(before, Some(Joining::Dual | Joining::Causing));
            let joins_after = me.lead == Joining::Dual
                && match me.trail {
                    Joining::Causing => true,
                    Joining::None => false,
                    _ => clusters
                        .get(i + 1..)
                        .and_then(|rest| rest.iter().find(|c| c.lead != Joining::Transparent))
                        .is_some_and(|next| {
                            matches!(next.lead, Joining::Right | Joining::Dual | Joining::Causing)
                        }),
                };
            let form = match (joins_before, joins_after) {
                (false, false) => forms[0],
                (true, false) => forms[1],
                (false, true) => forms[2],
                (true, true) => forms[3],
            };
            if let Some(slot) = out.get_mut(i) {
                *slot = (form != '\0').then_some(form);
            }
        }
        before = Some(me.trail);
    }
    out
}

/// A whole string shaped (no reordering): handy for tests and one-off labels.
pub fn shape(s: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let graphemes: Vec<&str> = s.graphemes(true).collect();
    let clusters: Vec<Cluster> = graphemes.iter().map(|g| Cluster::of(g)).collect();
    let forms = shape_clusters(&clusters);
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    for (g, form) in graphemes.iter().zip(forms) {
        match form {
            Some(f) => {
                out.push(f);
                out.extend(g.chars().skip(1));
            }
            None => out.push_str(g),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cps(s: &str) -> Vec<u32> {
        s.chars().map(|c| c as u32).collect()
    }

    #[test]
    fn salam_joins_into_four_forms() {
        // seen initial, lam medial, alef final, meem isolated (alef never joins forward)
        assert_eq!(cps(&shape("سلام")), [0xFEB3, 0xFEE0, 0xFE8E, 0xFEE1]);
    }

    #[test]
    fn lam_alef_stays_two_letters() {
        assert_eq!(cps(&shape("لا")), [0xFEDF, 0xFE8E]);
        assert_eq!(cps(&shape("الله")), [0xFE8D, 0xFEDF, 0xFEE0, 0xFEEA]);
    }

    #[test]
    fn harakat_do_not_break_the_join() {
        // beh, fatha, beh: the marks are transparent, so the two behs still join
        assert_eq!(cps(&shape("بَب")), [0xFE91, 0x064E, 0xFE90]);
        assert_eq!(
            cps(&shape("درّبتهم")),
            [0xFEA9, 0xFEAD, 0x0651, 0xFE91, 0xFE98, 0xFEEC, 0xFEE2]
        );
    }

    #[test]
    fn zwj_causes_and_zwnj_prevents_joining() {
        assert_eq!(cps(&shape("\u{200D}لا")), [0x200D, 0xFEE0, 0xFE8E]);
        assert_eq!(cps(&shape("ی\u{200C}ب")), [0xFBFC, 0x200C, 0xFE8F]);
        assert_eq!(cps(&shape("ب\u{200D}")), [0xFE91, 0x200D]);
        assert_eq!(
            cps(&shape("بـب")),
            [0xFE91, 0x0640, 0xFE90],
            "tatweel joins"
        );
    }

    #[test]
    fn latin_digits_and_hamza_break_words() {
        assert_eq!(cps(&shape("ب1ب")), [0xFE8F, 0x31, 0xFE8F]);
        assert_eq!(cps(&shape("بءب")), [0xFE8F, 0xFE80, 0xFE8F]);
        assert_eq!(shape("plain text"), "plain text");
    }

    #[test]
    fn the_form_table_is_sorted_and_complete() {
        assert!(FORMS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(FORMS.iter().all(|(_, f)| f[0] != '\0'));
        assert!(FORMS.iter().all(|(_, f)| (f[2] == '\0') == (f[3] == '\0')));
    }
}
