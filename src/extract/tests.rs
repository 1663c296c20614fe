//! Behaviour of `extract` on small articles: which sentences become claims and who says them.

use super::*;
use crate::model::{SourceType, Status};

fn article(text: &str) -> Article {
    Article {
        id: crate::ids::article_id(text),
        title: String::new(),
        lang: "ar".to_string(),
        text: text.to_string(),
        ..Article::default()
    }
}

fn claims(text: &str) -> Vec<Claim> {
    extract(&article(text), &Cues::builtin())
}

fn find<'a>(claims: &'a [Claim], needle: &str) -> &'a Claim {
    claims
        .iter()
        .find(|c| c.text.contains(needle))
        .unwrap_or_else(|| panic!("no claim contains {needle:?}; claims: {claims:#?}"))
}

fn source(c: &Claim) -> &str {
    c.attribution.source.as_deref().unwrap_or("")
}

#[test]
fn verb_first_source_covers_the_institution_words() {
    let text = "وأكدت وزارة الدفاع الروسية أن الولايات المتحدة تقدم غطاء لوحدات التنظيم.";
    let found = claims(text);
    let c = find(&found, "تقدم غطاء");
    assert_eq!(source(c), "وزارة الدفاع الروسية");
    assert_eq!(c.attribution.source_type, SourceType::Named);
    assert_eq!(c.attribution.cue.as_deref(), Some("وأكدت"));
    let span = c.attribution.source_span.clone().expect("span");
    assert_eq!(&text[span], "وزارة الدفاع الروسية");
    assert_eq!(c.suggested, Status::Attributed);
}

#[test]
fn prepositional_and_glued_lam_sources() {
    let found = claims(
        "بحسب سيجرا، فقد تلقى اللواء دعما محدودا خلال الأشهر الماضية.\n\
         ووفقا لدبلوماسي أمريكي سابق فإن العرض الروسي محاولة لتدمير المصالح الأمريكية.",
    );
    assert_eq!(source(find(&found, "دعما محدودا")), "سيجرا");
    let c = find(&found, "لتدمير المصالح");
    assert_eq!(source(c), "دبلوماسي أمريكي سابق");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
    assert_eq!(c.suggested, Status::Unverified);
}

#[test]
fn a_bare_verb_takes_the_last_named_source() {
    let found = claims(
        "وقال الوزير سيرغي لافروف إن بلاده سترد بقوة على أي إجراءات.\n\
         وأضاف أن موسكو قد تقلص عدد العاملين في السفارة الأمريكية.",
    );
    let c = find(&found, "تقلص عدد العاملين");
    assert_eq!(source(c), "الوزير سيرغي لافروف");
    assert_eq!(c.attribution.cue.as_deref(), Some("وأضاف"));
}

#[test]
fn relay_builds_the_chain_outermost_first() {
    let found = claims("ونقلت وكالة «سانا» عن مصدر عسكري أن الجيش سيطر على ثلاث قرى في ريف حماة.");
    let c = find(&found, "سيطر على ثلاث قرى");
    assert_eq!(c.attribution.chain, vec!["وكالة «سانا»", "مصدر عسكري"]);
    assert_eq!(source(c), "مصدر عسكري");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
}

#[test]
fn subject_before_kana_and_plural_verbs() {
    let found = claims(
        "وكانت البعثة السورية الدائمة قد أعلنت في وقت سابق أن التحالف ضمن مغادرة المسلحين.\n\
         وأوضح التقرير أن الروس قالوا له إن الدعم سيصل خلال أيام قليلة جدا.",
    );
    assert_eq!(source(find(&found, "ضمن مغادرة")), "البعثة السورية الدائمة");
}

#[test]
fn denials_suggest_contradicted_and_hedges_are_signalled() {
    let found = claims(
        "ونفى الجيش أن تكون قواته قد قصفت المستشفى في المدينة.\n\
         وتحدثت أنباء عن سقوط 12 قتيلا في القصف على السوق الشعبي.",
    );
    let denial = find(&found, "قصفت المستشفى");
    assert!(denial.signals.denial);
    assert_eq!(source(denial), "الجيش");
    assert_eq!(denial.suggested, Status::Contradicted);
    let hedged = find(&found, "سقوط 12 قتيلا");
    assert!(hedged.signals.hedged);
    assert_eq!(hedged.signals.numbers, vec!["12"]);
    assert_eq!(hedged.attribution.source_type, SourceType::Anonymous);
}

#[test]
fn questions_headings_and_the_title_are_not_claims() {
    let mut a = article(
        "موسكو تسعى لاستمالة المعارضين\n\
         أخبار سورية\n\
         هل يقبل المعارضون العرض الروسي في نهاية المطاف بعد كل ما جرى؟\n\
         وقال القائد إن اللواء لم يتلق أي معدات منذ شهرين.",
    );
    a.title = "موسكو تسعى لاستمالة المعارضين".to_string();
    let found = extract(&a, &Cues::builtin());
    let texts: Vec<&str> = found.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        vec!["وقال القائد إن اللواء لم يتلق أي معدات منذ شهرين."]
    );
}

#[test]
fn boilerplate_is_never_read_and_duplicates_collapse() {
    let text = "قال الوزير إن الجيش تقدم نحو المدينة الشمالية.\n\
                قال الوزير إن الجيش تقدم نحو المدينة الشمالية.\n\
                اشترك في النشرة البريدية لتصلك آخر الأخبار العاجلة يوميا.";
    let mut a = article(text);
    let menu = text.find("اشترك").expect("menu");
    a.boilerplate.push(menu..text.len());
    let found = extract(&a, &Cues::builtin());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, crate::ids::claim_id(&a.id, &found[0].text));
    assert_eq!(&text[found[0].span.clone()], found[0].text);
}

#[test]
fn english_wire_attribution() {
    let found = claims(
        "The Russian defence ministry said on Wednesday that U.S. aircraft had obstructed its strikes.\n\
         Fighting continued overnight near the border crossing, a senior official said.\n\
         \"We will not accept this,\" Lavrov told reporters in Moscow on Friday.\n\
         The Kremlin denied that its officials took part in the hacking campaign.",
    );
    let c = find(&found, "obstructed its strikes");
    assert_eq!(source(c), "The Russian defence ministry");
    assert_eq!(c.attribution.source_type, SourceType::Named);
    let c = find(&found, "Fighting continued");
    assert_eq!(source(c), "a senior official");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
    let c = find(&found, "We will not accept");
    assert_eq!(source(c), "Lavrov");
    assert!(c.signals.quoted);
    let c = find(&found, "hacking campaign");
    assert_eq!(source(c), "The Kremlin");
    assert_eq!(c.suggested, Status::Contradicted);
}

#[test]
fn hostile_input_does_not_panic() {
    for text in [
        "",
        "\"",
        "«««",
        "قال",
        "وفقا ل",
        "according to",
        "\u{202E}قال\u{202C} إن. ؟!",
        "..........",
        "ـــ لـ ، ، ، أن",
    ] {
        let _ = claims(text);
    }
    let long = "قال الوزير إن ".repeat(5000);
    assert!(!claims(&long).is_empty());
}
