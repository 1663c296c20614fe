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

fn en(text: &str) -> Vec<Claim> {
    let mut a = article(text);
    a.lang = "en".to_string();
    extract(&a, &Cues::builtin())
}

fn kind(c: &Claim) -> SourceType {
    c.attribution.source_type
}

/// Every claim that contains one of `needles` has a source of type `want`.
fn assert_kinds(found: &[Claim], needles: &[&str], want: SourceType) {
    for needle in needles {
        let c = find(found, needle);
        assert_eq!(kind(c), want, "{needle}: {:?}", source(c));
    }
}

#[test]
fn a_participle_speaks_for_the_main_clause_not_for_its_object() {
    let found = claims(
        "وقال وزير الدفاع كارتر إن الحملة مستمرة، مؤكدا أنه على الحلفاء بذل المزيد.\n\
         وأضاف أن بعض دول التحالف أبدى عزمه على تقديم مساهمات أكبر في الحملة.\n\
         رد حزب الله، اليوم السبت، على الهجوم بوابل من الصواريخ، مشيرا إلى سقوط قتلى في صفوف الجيش.",
    );
    assert_eq!(source(find(&found, "بذل المزيد")), "وزير الدفاع كارتر");
    let c = find(&found, "سقوط قتلى");
    assert_eq!(source(c), "حزب الله");
    assert_eq!(c.attribution.cue.as_deref(), Some("مشيرا"));
    // the bare "وأضاف" is the minister again, not "عزمه على …" after "أبدى"
    assert_eq!(source(find(&found, "مساهمات أكبر")), "وزير الدفاع كارتر");
}

#[test]
fn negated_and_impersonal_verbs_report_nothing() {
    let found = claims(
        "وأكد مسؤول أمني أن الهجوم أسفر عن مقتل خمسة جنود في المنطقة.\n\
         ولم يكشف المسؤولون طريقة الحصول على هذه المعلومات الاستخباراتية بشكل محدد.\n\
         يذكر أن هذه الانتخابات جرت قبل موعدها المحدد الذي كان مقررا في ديسمبر المقبل.",
    );
    let c = find(&found, "طريقة الحصول");
    assert_eq!(c.attribution.source, None, "not 'المسؤولون طريقة …'");
    assert_eq!(kind(c), SourceType::Unattributed);
    let c = find(&found, "قبل موعدها");
    assert_eq!(kind(c), SourceType::Unattributed);
    assert_eq!(c.attribution.source, None);
}

#[test]
fn arabic_sources_keep_their_quantities_closeness_roles_and_names() {
    let found = claims(
        "وأكد عدد من المسؤولين أن هذه المعلومات لم يتم التأكد منها بشكل كامل.\n\
         وقال مصدر مقرب من المحادثات إن رئيس الوفد سيحضر الاجتماع المقبل في القاهرة.\n\
         أعلن مبعوث الأمم المتحدة إلى ليبيا، برناردينو ليون، في ساعة مبكرة عن قائمة بأعضاء الحكومة.\n\
         وقال مسؤولان إيرانيان لرويترز، اليوم الأحد، إن مصادر في سوريا أبلغت إيران بمقتله.\n\
         بحسب ما أعلنه نائب الرئيس التركي فؤاد أوقطاي فقد لقي 284 شخصا مصرعهم.\n\
         وتحدثت وسائل إعلام إسرائيلية عن مفاوضات تجري لوقف إطلاق النار، وفق ما ذكرت مصادر مطلعة.",
    );
    let c = find(&found, "لم يتم التأكد");
    assert_eq!(source(c), "عدد من المسؤولين");
    assert_eq!(kind(c), SourceType::Anonymous);
    let c = find(&found, "سيحضر الاجتماع");
    assert_eq!(source(c), "مصدر مقرب من المحادثات");
    assert_eq!(kind(c), SourceType::Anonymous);
    let c = find(&found, "قائمة بأعضاء");
    assert!(source(c).contains("برناردينو ليون"), "{}", source(c));
    assert_eq!(kind(c), SourceType::Named);
    let c = find(&found, "أبلغت إيران");
    assert_eq!(source(c), "مسؤولان إيرانيان", "'لرويترز' is who was told");
    assert_eq!(kind(c), SourceType::Anonymous);
    assert_eq!(
        source(find(&found, "284 شخصا")),
        "نائب الرئيس التركي فؤاد أوقطاي"
    );
    assert_eq!(kind(find(&found, "لوقف إطلاق النار")), SourceType::Anonymous);
}

#[test]
fn two_sources_in_one_sentence_are_two_claims() {
    let found = en("The WHO said it had lost contact with medics at the hospital, while the health ministry said troops had detained staff there.");
    let who = find(&found, "lost contact");
    assert_eq!(source(who), "The WHO", "the agency, not the pronoun");
    let ministry = find(&found, "detained staff");
    assert_eq!(source(ministry), "the health ministry");
    assert_ne!(who.id, ministry.id);
    let found = claims(
        "وقال الجيش إنه قصف مواقع في المدينة، فيما قال المتحدث باسم الحركة إن القصف أصاب منازل.",
    );
    assert_eq!(source(find(&found, "قصف مواقع")), "الجيش");
    assert_eq!(source(find(&found, "أصاب منازل")), "المتحدث باسم الحركة");
}

#[test]
fn english_subjects_through_appositions_inversions_and_participles() {
    let found = en(
        "WHO still needs final authorization, Dr. Peter Salama, the agency's emergencies chief, told reporters in Geneva.\n\
         On Friday the director of the hospital, Dr. Serge Ngalebato, announced one more suspected case there.\n\
         Brig. Gen. Ahmad Al-Thobaiti, director general of Civil Defense in Makkah region said a body was retrieved from the water.\n\
         A witness, Ahmed Abu al-Ghoul, said the strike occurred shortly after midnight.\n\
         Shami stood his ground on Thursday, telling Reuters that banks should go first.\n\
         The foreign ministry has leapt to the defence of the minister, saying journalists distorted his remarks.\n\
         Barkin, who does not vote this year, was quoted as saying that the case was pretty clear.",
    );
    assert!(source(find(&found, "final authorization")).contains("Peter Salama"));
    assert!(source(find(&found, "one more suspected case")).contains("Serge Ngalebato"));
    assert!(source(find(&found, "body was retrieved")).contains("Ahmad Al-Thobaiti"));
    let c = find(&found, "shortly after midnight");
    assert!(source(c).contains("Ahmed Abu al-Ghoul"));
    assert_eq!(kind(c), SourceType::Named, "a witness who is named");
    assert_eq!(source(find(&found, "go first")), "Shami");
    assert_eq!(
        source(find(&found, "distorted his remarks")),
        "The foreign ministry"
    );
    assert_eq!(source(find(&found, "pretty clear")), "Barkin");
}

#[test]
fn english_passives_states_and_nouns_are_not_reports() {
    let found = en(
        "The United States said its forces had left the base overnight.\n\
         Two cases of Ebola have been confirmed in the latest outbreak in the north.\n\
         The search goes on for five more people reported missing after the floods.\n\
         Reports said that five of the victims were in the capital.\n\
         Nine other suspected cases of the disease were announced in the province on Thursday.",
    );
    assert_eq!(source(find(&found, "left the base")), "The United States");
    assert_eq!(
        kind(find(&found, "Nine other suspected cases")),
        SourceType::Unattributed
    );
    assert_eq!(
        kind(find(&found, "Two cases of Ebola")),
        SourceType::Unattributed
    );
    assert_eq!(
        kind(find(&found, "five more people")),
        SourceType::Unattributed
    );
    let c = find(&found, "five of the victims");
    assert_eq!(source(c), "Reports");
    assert_eq!(kind(c), SourceType::Anonymous);
}

#[test]
fn a_quotation_after_an_attributed_sentence_keeps_its_speaker() {
    let found = en(
        "\"The problem here is that we have three separate locations,\" Salama said. \"We have three health care workers infected.\"\n\
         The river rose by two metres overnight in the lower valley.\n\
         \"Nobody was ready for this at all.\"",
    );
    let c = find(&found, "health care workers");
    assert_eq!(source(c), "Salama");
    let c = find(&found, "Nobody was ready");
    assert_eq!(
        c.attribution.source, None,
        "an unattributed sentence came between"
    );
}

#[test]
fn topics_envoys_and_manners_of_according() {
    let found = claims(
        "كيري وبعد لقاء مثمر في موسكو، التقى نظيره البريطاني، وأشار إلى أن الفريقين سيجتمعان قريبا.\n\
         وبنفس اليوم، أكد مندوب روسيا الدائم لدى الأمم المتحدة في جنيف ألكسي بورودافكين أمام الصحفيين أن الحملة مستمرة.\n\
         كما أن الإدارة تعمل على استخدام مقاتلين ينشطون حسب الأوامر الأمريكية في المنطقة الشرقية.",
    );
    assert_eq!(source(find(&found, "سيجتمعان قريبا")), "كيري");
    assert!(source(find(&found, "الحملة مستمرة")).ends_with("ألكسي بورودافكين"));
    let c = find(&found, "حسب الأوامر");
    assert_eq!(
        c.attribution.source, None,
        "orders are a manner, not a source"
    );
    let found =
        en("Officials said the work would be done according to plan by the end of the month.");
    assert_eq!(source(find(&found, "according to plan")), "Officials");
}

#[test]
fn claim_text_folds_every_kind_of_white_space_to_one_space() {
    let spaces = [
        " ", "  ", "\t", "\n", "\r\n", "\u{85}", "\u{A0}", "\u{1680}", "\u{2002}", "\u{200A}",
        "\u{2028}", "\u{202F}", "\u{205F}", "\u{3000}", " \u{A0} ",
    ];
    let words = ["قال", "“الوزير”", "—", "said", "\u{200B}", "١٢٣"];
    for space in spaces {
        for (a, b) in words.iter().zip(words.iter().rev()) {
            for text in [
                format!("{a}{space}{b}"),
                format!("{space}{a}{space}{b}{space}"),
                format!("{a} {b}{space}"),
                format!("{space}{a} {b}"),
            ] {
                let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
                assert_eq!(fold_space(&text), expected, "{text:?}");
            }
        }
    }
    assert_eq!(fold_space(""), "");
    assert_eq!(fold_space("  "), "");
}

#[test]
fn unnamed_sources_with_their_qualifiers_and_named_ones_with_an_apposition() {
    let found = claims(
        "وقال مصدر قبلي مسؤول إن قذائف مدفعية طويلة المدى سقطت على القرية.\n\
         وأوضح المصدر ذاته أن الشكايات المقدمة جاءت بسبب مخالفات متكررة في المحاكم.\n\
         ويتوقع أحد المحللين أن يخفض البنك أسعار الفائدة بمقدار 150 نقطة أساس.\n\
         ويرى قانونيون أن المتهمين لا يستفيدون من العفو عن جزء من العقوبة.",
    );
    assert_kinds(
        &found,
        &[
            "قذائف مدفعية",
            "الشكايات المقدمة",
            "أسعار الفائدة",
            "لا يستفيدون",
        ],
        SourceType::Anonymous,
    );
    let found = en(
        "The company could raise between $3 billion and $4 billion, one of the people said.\n\
         \"They told me I had 24 hours to leave,\" Fawzy Radwan, a Khartoum resident, said.\n\
         The fire was put out quickly, a government of Dubai media office statement said.",
    );
    assert_eq!(kind(find(&found, "$3 billion")), SourceType::Anonymous);
    let c = find(&found, "24 hours");
    assert_eq!(kind(c), SourceType::Named, "{:?}", source(c));
    assert_eq!(kind(find(&found, "put out")), SourceType::Named);
}

#[test]
fn an_english_subject_with_its_abbreviation_and_a_time_before_the_verb() {
    let found = en(
        "The Independent National Electoral Commission (INEC), on Sunday cautioned political \
         parties against releasing results, stressing that only the commission is responsible.\n\
         The ministry on Monday said 40 people were hurt in the blast near the port.",
    );
    let c = find(&found, "only the commission");
    assert_eq!(
        source(c),
        "The Independent National Electoral Commission (INEC)"
    );
    assert_eq!(source(find(&found, "40 people")), "The ministry");
}

#[test]
fn a_wire_caption_run_into_the_text_is_not_a_claim() {
    let found = en(
        "A member of Nepalese army carrying a child walks along the flooded colony in \
         Kathmandu, Nepal, July 12. Floods in South Asia cause mass displacement and deaths \
         annually, officials said.\n\
         The vote will be held in Kabul, Afghanistan, on July 12.\n\
         Protesters gather outside parliament in Beirut, Lebanon, August 4, 2021.",
    );
    assert!(
        found.iter().all(|c| !c.text.contains("Nepalese army")),
        "{found:#?}"
    );
    assert!(
        found.iter().all(|c| !c.text.contains("Protesters gather")),
        "{found:#?}"
    );
    find(&found, "mass displacement");
    find(&found, "will be held in Kabul");
}

#[test]
fn per_reports_for_a_source_but_not_for_a_count() {
    let found = en(
        "Mahmood also said the officers will submit the votes per candidate to the national centre.\n\
         Forty people were killed in the strike, per the health ministry in the city.",
    );
    assert_eq!(source(find(&found, "votes per candidate")), "Mahmood");
    assert_eq!(source(find(&found, "Forty people")), "the health ministry");
}

#[test]
fn a_pronoun_particle_is_not_a_source() {
    let found = claims(
        "قال البنك المركزي الإماراتي في بيان إنه فرض عقوبات مالية على خمسة بنوك بسبب مخالفات.\n\
         وفي حين لم يحدد البنك أسماء البنوك، فإنه أشار في بيانه أنه أتاح لجميع البنوك متسعا من الوقت.",
    );
    let c = find(&found, "متسعا من الوقت");
    assert!(source(c).contains("البنك"), "{:?}", source(c));
}

#[test]
fn a_passive_participle_keeps_its_agent_in_the_source() {
    let found = claims(
        "وأعلنت الحكومة المكلفة من مجلس النواب أن درنة باتت مدينة منكوبة بعد الفيضانات.\n\
         وقال الحزب المدعوم من إيران في بيان إن الضربة استهدفت مواقع في الجنوب.",
    );
    assert_eq!(
        source(find(&found, "مدينة منكوبة")),
        "الحكومة المكلفة من مجلس النواب"
    );
    assert_eq!(
        source(find(&found, "الضربة استهدفت")),
        "الحزب المدعوم من إيران"
    );
}

#[test]
fn one_unnamed_person_is_anonymous_and_an_office_named_by_its_body_is_not() {
    let found = en(
        "The suspect had visited him in hospital earlier, the woman said.\n\
         A police officer said they found evidence of a violent altercation.\n\
         About 400 learners left the college at night, a student source said.\n\
         He was not available due to his schedule, an associate of Barrister Safdar said.\n\
         The debris fell on a building, the emirate's media office said.\n\
         Troops guarded the station, the army's official spokesperson said.",
    );
    assert_kinds(
        &found,
        &[
            "visited him",
            "violent altercation",
            "400 learners",
            "not available",
        ],
        SourceType::Anonymous,
    );
    assert_kinds(
        &found,
        &["debris fell", "Troops guarded"],
        SourceType::Named,
    );
    let found = claims(
        "وقال رجل شرطة إن الهجوم بدأ باستخدام الأسلحة الخفيفة.\n\
         وأفادت مصادر ووثائق بأن الحكومة تخطط لإصدار أوراق نقدية جديدة.",
    );
    assert_kinds(
        &found,
        &["الأسلحة الخفيفة", "أوراق نقدية"],
        SourceType::Anonymous,
    );
}

#[test]
fn a_closing_said_beats_a_participle_inside_the_subject() {
    let found = en(
        "Leaflets dropped at a college warning students of attacks were not authored by \
         Al-Shabaab, police have said.\n\
         While warning of dire consequences, County Police Commander Paul Kiogora said it was \
         unusual for militants to write letters.",
    );
    assert_eq!(source(find(&found, "not authored")), "police");
    assert_eq!(
        source(find(&found, "unusual for militants")),
        "County Police Commander Paul Kiogora"
    );
    let minister = en(
        "The hospital has reported 17 deaths in the past 24 hours, said the state's Health \
         Minister Tanaji Sawant.\n\
         The state's Health Minister Sawant said that of the 17 patients who had died, 13 were \
         admitted to the ICU.",
    );
    assert_eq!(
        source(find(&minister, "17 deaths")),
        "the state's Health Minister Tanaji Sawant"
    );
    assert_eq!(
        source(find(&minister, "admitted to the ICU")),
        "The state's Health Minister Sawant"
    );
}

#[test]
fn what_an_unnamed_source_ended_with_is_not_part_of_it() {
    let found = claims(
        "واختتم المصدر تصريحاته بالتأكيد على وجود تمسك كامل داخل النادي باستمرار اللاعب، \
         نافيًا ما تردد بشأن وجود نية للاستغناء عنه.",
    );
    let c = find(&found, "تمسك كامل");
    assert_eq!(source(c), "المصدر");
    assert_eq!(kind(c), SourceType::Anonymous);
}

#[test]
fn a_quotation_left_open_after_a_colon_goes_on_in_its_speakers_voice() {
    let found = en(
        "Abubakar said: \u{201c}Gunmen invaded the police station on Tuesday. Their target was \
         the armoury, but the guards engaged them in a fierce gun battle.",
    );
    assert_eq!(source(find(&found, "Their target")), "Abubakar");
    // a quotation that opens on anything but a colon is not carried on
    let found = claims(
        "وأوضح الجيش في بيان «ردا على إطلاق مقذوفات بدأت القوات «ضرب أهداف تابعة للحزب.\
         وهذا أول هجوم يشنه الحزب منذ عام 2024.",
    );
    assert_eq!(source(find(&found, "أول هجوم")), "");
}

#[test]
fn a_record_reports_without_that_and_names_its_source() {
    let found = en(
        "The latest government data showed at least 14 people drowned on Sunday.\n\
         Official figures showed that the deficit fell to 4 percent last year.\n\
         The report showed up late on the minister's desk after the vote.",
    );
    for (needle, want) in [
        ("14 people drowned", "The latest government data"),
        ("deficit fell", "Official figures"),
    ] {
        let c = find(&found, needle);
        assert_eq!(source(c), want);
        assert_eq!(kind(c), SourceType::Named, "{needle}");
    }
    assert_eq!(source(find(&found, "showed up late")), "");
}

#[test]
fn an_unnamed_source_keeps_the_body_it_serves_but_not_the_occasion() {
    let text = "وقال مصدر في وزارة الدفاع العراقية إن التحقيق ما زال جاريا في الحادث. \
                وأفاد مصدر في الجيش الوطني بأن الحوثيين شنوا هجوما عنيفا على مواقع الجيش. \
                وقال مصدر في تصريح صحفي إن الطريق أعيد فتحه أمام السيارات.";
    let found = claims(text);
    let c = find(&found, "التحقيق ما زال");
    assert_eq!(source(c), "مصدر في وزارة الدفاع العراقية");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
    assert_eq!(source(find(&found, "شنوا هجوما")), "مصدر في الجيش الوطني");
    // "في تصريح صحفي" is how it was said, not who said it
    assert_eq!(source(find(&found, "أعيد فتحه")), "مصدر");
}

#[test]
fn a_sentence_adverb_before_the_subject_is_not_part_of_the_source() {
    let found = en(
        "Meanwhile, the Indian foreign ministry confirmed the ambush in South Sudan \
         and said five Indian peacekeepers were killed in it.\n\
         However, Ahmed Nasser, the agency's spokesman, said the convoy had reached the city.",
    );
    assert_eq!(
        source(find(&found, "confirmed the ambush")),
        "the Indian foreign ministry"
    );
    assert_eq!(
        source(find(&found, "convoy had reached")),
        "Ahmed Nasser, the agency's spokesman"
    );
}

#[test]
fn what_the_extractor_hands_the_load_is_what_the_claim_text_gives() {
    // A load takes a new claim's link terms and search key from the extractor's own
    // tokens and fold; they must be the ones the text gives alone (the cache path).
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = vec![
        "He said\tthe U.S. \u{2009}would \u{064E}leave “soon”, adding that 48 trucks left.\n\
         وقال المتحدث إن ٤٨ شاحنةً غادرت الرقة، فيما أكد مسؤول أن 50 شاحنة عبرت الحدود."
            .to_string(),
    ];
    for dir in ["seeds", "tests/fixtures/extract"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            texts.extend(std::fs::read_to_string(entry.path()));
        }
    }
    let (mut made, mut keyed) = (0, 0);
    for text in &texts {
        let mut checked = 0;
        let claims = extract_with(&article(text), &Cues::builtin(), |c, m| {
            assert_eq!(m.terms(), related::terms(&c.text), "{:?}", c.text);
            if let Some(key) = m.key() {
                assert_eq!(key, crate::text::normalize::search_key(&c.text));
                keyed += 1;
            }
            checked += 1;
        });
        assert_eq!(checked, claims.len());
        made += checked;
    }
    assert!(
        made > 100 && keyed * 10 > made * 9,
        "{made} claims, {keyed} keyed"
    );
}

#[test]
fn english_sources_in_titles_with_phrases_and_infinitives() {
    let found = en(
        "The ministry was quick to deny the reports of a deal with the rebels.\n\
         The Ministry of Health and Population said 14 people were killed in the attack.\n\
         Dozens of fighters and soldiers, meanwhile, were killed in clashes in Marib, with \
         local officials warning of more fighting.\n\
         Meanwhile, the Minister of Foreign Affairs and Expatriates Ahmed bin Mubarak said \
         the guards were behind the attack.\n\
         The army has likewise declined to confirm or deny the reports.\n\
         Iran said on Tuesday it had sold as much oil as it needed.\n\
         The United States on Monday restored sanctions on the oil sector and threatened \
         more action to stop what Washington called its hostile policies.",
    );
    // a second verb of the sentence's own subject, not the last source
    assert_eq!(source(find(&found, "threatened more")), "The United States");
    assert_eq!(source(find(&found, "quick to deny")), "The ministry");
    assert_eq!(
        source(find(&found, "14 people")),
        "The Ministry of Health and Population"
    );
    let c = find(&found, "Dozens of fighters");
    assert_eq!(source(c), "local officials");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
    assert_eq!(
        source(find(&found, "behind the attack")),
        "the Minister of Foreign Affairs and Expatriates Ahmed bin Mubarak"
    );
    // a conjunction is never a source
    assert_ne!(source(find(&found, "confirm or deny")), "or");
}

#[test]
fn arabic_denials_condemnations_and_a_subject_set_off_by_a_comma() {
    let found = claims(
        "إلى ذلك نفت الشبكة أمس صحة ما تردد من شائعات بشأن إغلاق القناة.\n\
         دانت وزارة الخارجية وشؤون المغتربين بأشد العبارات التصريحات الصادرة عن الوزير.\n\
         مراسل الموقع في المدينة، قال إن القصف على الأحياء انخفض بشدة منذ الصباح.\n\
         وأكد الناطق باسم الوزارة سامي علي إدانة المملكة لاستمرار التصريحات العنصرية.\n\
         أكد وزير الخارجية والتعاون الدولي والمصريين بالخارج الدكتور سامي عبدالعال أن \
         مصر ستستمر في بذل كل جهد ممكن لوقف الحرب.\n\
         جاء ذلك ردا على سؤال لوكالة أنباء الشرق الأوسط خلال المؤتمر الصحفي في القاهرة.\n\
         نفي إغلاق قناة «الجزيرة مباشر مصر»",
    );
    let c = find(&found, "صحة ما تردد");
    assert_eq!(source(c), "الشبكة");
    assert_eq!(c.attribution.cue.as_deref(), Some("نفت"));
    assert_eq!(
        source(find(&found, "بأشد العبارات")),
        "وزارة الخارجية وشؤون المغتربين"
    );
    assert_eq!(source(find(&found, "القصف على")), "مراسل الموقع في المدينة");
    assert_eq!(
        source(find(&found, "إدانة المملكة")),
        "الناطق باسم الوزارة سامي علي"
    );
    // the agency's name is no hedge
    assert!(found
        .iter()
        .filter(|c| c.text.starts_with("جاء ذلك"))
        .all(|c| c.attribution.source_type != SourceType::Anonymous));
    assert_eq!(
        source(find(&found, "ستستمر في بذل")),
        "وزير الخارجية والتعاون الدولي والمصريين بالخارج الدكتور سامي عبدالعال"
    );
    // a subtitle naming a denial, with a name in guillemets, is a heading
    assert!(
        !found.iter().any(|c| c.text.starts_with("نفي إغلاق")),
        "{found:#?}"
    );
}

#[test]
fn arabic_sides_counts_and_names_that_end_like_an_unnamed_head() {
    let found = claims(
        "أكدت جهات سورية معارضة أن فصائل مسلحة سيطرت على القرية.\n\
         وشدد الائتلاف على \"ضرورة الابتعاد عن الأعمال الاستفزازية\".\n\
         قال رئيس الحكومة يوسف الشاهد، إنه سيتم اتخاذ كل الإجراءات اللازمة.\n\
         وأعلنت وزارة التجارة اليابانية أنهما تحملان شحنة على صلة باليابان.\n\
         وقال أحد الشهود إن القصف استمر طوال الليل في المدينة.",
    );
    let c = find(&found, "فصائل مسلحة");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
    assert_eq!(source(find(&found, "الابتعاد")), "الائتلاف");
    // "الشاهد" is a surname here, not "the witness"
    let c = find(&found, "الإجراءات اللازمة");
    assert_eq!(source(c), "رئيس الحكومة يوسف الشاهد");
    assert_eq!(c.attribution.source_type, SourceType::Named);
    assert_eq!(
        source(find(&found, "تحملان شحنة")),
        "وزارة التجارة اليابانية"
    );
    let c = find(&found, "طوال الليل");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
}

#[test]
fn english_nouns_adjectives_and_passives_are_no_reports_and_openers_no_names() {
    let found = en(
        "The forecast has left up in the air the fate of the balloons in the parade on Thursday.\n\
         They are to be grounded if gusts exceed 34 mph, both slightly above predicted levels \
         for the morning.\n\
         Maternity pay is to rise by 1,400 pounds as part of new proposals announced by the \
         Trade and Industry Secretary.\n\
         Two laws signed by the governor on Thursday prohibit kids from using apps at night, \
         claiming they harm sleep.\n\
         In September, the Pentagon said it had created a panel of senior officials.\n\
         The richest one percent emit as much as the poorest half, according to an analysis \
         published by Oxfam on Monday.\n\
         The weight of heavy, wet snow proved to be too much for the roof, says a news release \
         from the regional council.\n\
         There have been no confirmed signs of wreckage from the plane so far this week.\n\
         The sea is relatively shallow, making it easier to spot wreckage in the water, say \
         oceanographers, but strong currents mean any debris would drift east.\n\
         According to Ducharme the government says putting a water line in the area would \
         cost too much.\n\
         In February, Trump rescinded guidance issued by the Obama administration saying that \
         schools should let pupils choose.",
    );
    for (text, want) in [
        ("The forecast has left", ""),
        ("slightly above predicted", ""),
        ("new proposals announced", ""),
        ("Two laws signed", ""),
        ("a panel of senior", "the Pentagon"),
        ("The richest one percent", "an analysis published by Oxfam"),
        ("heavy, wet snow", "a news release"),
        ("no confirmed signs", ""),
        ("putting a water line", "Ducharme"),
        ("rescinded guidance", "the Obama administration"),
        ("spot wreckage", "oceanographers"),
    ] {
        assert_eq!(source(find(&found, text)), want, "{text}");
    }
}

#[test]
fn arabic_quoted_names_values_and_a_subject_after_a_negated_verb() {
    let found = claims(
        "وأعلن قائد الجيش الشهر الفائت إن مشتبه بهم فروا إلى الخارج.\n\
         ولم يكشف عن جنسيتيهما لكن مصادر رسمية قالت إنهما من سكان العاصمة.\n\
         أبرمت المؤسسة والبنك اتفاقية قرض للتمويل الصغير، قدرت ب111 مليون دينار.\n\
         وأوضحت \"أندا\" في بلاغ صحفي لها، أن إمضاء الاتفاق سيمكنها من التوسع.\n\
         وأعلن أعضاء اللجنة المركزية المجتمعون عدم التزامهم بهذا القرار.\n\
         واعتبر رئيس الحكومة في تصريح لمراسلة الإذاعة على هامش زيارته إلى مركز الامتحانات \
         التابع لوزارة التربية، أن مقتل الراعي يؤكد أن الحرب على الإرهاب متواصلة.\n\
         أبلغت واشنطن مجلس الأمن الدولي أنها ستبحث مسألة استهداف ناقلات النفط.\n\
         وأعلنت الحكومة حال الطوارئ منذ وقوع الاعتداءات التي أدت إلى مقتل العشرات.\n\
         واعتبرت المديرة العامة أن موافقة البنوك على تمويل القرض تعكس الثقة في المؤسسة.\n\
         وأكدت تفضيلها تعبئة الموارد المالية من قروض تمولها البنوك المحلية.\n\
         وقالت رئيستها إن المؤتمر سيعقد في العاصمة الشهر المقبل.",
    );
    assert_eq!(source(find(&found, "مقتل الراعي")), "رئيس الحكومة");
    assert_eq!(source(find(&found, "ستبحث مسألة")), "واشنطن");
    assert_eq!(source(find(&found, "حال الطوارئ")), "الحكومة");
    // the subject left out is the speaker before; "ها" marks the object
    assert_eq!(source(find(&found, "تعبئة الموارد")), "المديرة العامة");
    assert_eq!(source(find(&found, "المؤتمر سيعقد")), "رئيستها");
    let c = find(&found, "من سكان العاصمة");
    assert_eq!(source(c), "مصادر رسمية");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
    // "valued at" is no report
    assert_eq!(source(find(&found, "قدرت ب111")), "");
    assert_eq!(source(find(&found, "إمضاء الاتفاق")), "أندا");
    assert_eq!(
        source(find(&found, "عدم التزامهم")),
        "أعضاء اللجنة المركزية المجتمعون"
    );
}

#[test]
fn a_verb_after_a_noun_a_preposition_governs_describes_the_noun() {
    let found = claims(
        "وعاد الهدوء إلى المدينة صباح اليوم، بعد تطبيق تهدئة أعلنت مساء الأحد، وفتحت المحال أبوابها.\n\
         ونظم الأهالي وقفة تضامنا مع 40 عاملا يقدر أنهم فقدوا في المنجم.",
    );
    let c = find(&found, "عاد الهدوء");
    assert_eq!(source(c), "");
    assert_eq!(c.attribution.source_type, SourceType::Unattributed);
    let c = find(&found, "فقدوا في المنجم");
    assert_eq!(source(c), "");
    // a verb with its subject after a preposition's phrase still reports
    let found = claims(
        "وفي ختام الاجتماع أعلنت اللجنة أن الانتخابات ستجري في موعدها.\n\
         مصادر في بغداد قالت إن الوفد سيصل غدا.",
    );
    assert_eq!(source(find(&found, "ستجري في موعدها")), "اللجنة");
    assert!(source(find(&found, "الوفد سيصل")).contains("بغداد"));
    // "في حين" joins two clauses; the verb has its subject after it
    let found = claims("ارتفعت الأسعار في حين أكد الخبير أن التضخم سيتراجع قريبا.");
    assert_eq!(source(find(&found, "التضخم سيتراجع")), "الخبير");
}

#[test]
fn a_verb_after_a_relative_pronoun_speaks_for_its_antecedent() {
    let found = claims(
        "واستدعت الخطوة ردا سريعا من الأردن، التي أعلنت تحفظها على إغلاق المعبر الحدودي.\n\
         وقال الوزير إن التقرير الذي نشرته الصحيفة عن صفقة الأسلحة كاذب.",
    );
    let c = find(&found, "تحفظها على إغلاق");
    assert_eq!(source(c), "الأردن");
    assert_eq!(c.attribution.source_type, SourceType::Named);
    assert_eq!(source(find(&found, "صفقة الأسلحة")), "الوزير");
    // a verb that does not agree with the antecedent has a subject of its own
    let found = claims(
        "وقال الرئيس إن المستثمرين مرحب بهم.\n\
         ودعا الشركات إلى العمل في المغرب، التي قال إنها \"وجهة آمنة\".",
    );
    assert_eq!(source(find(&found, "وجهة آمنة")), "الرئيس");
}

#[test]
fn activists_and_residents_the_story_does_not_name_are_anonymous() {
    let found = claims(
        "قال نشطاء على اتصال بالأهالي إن الجيش دخل القرية فجرا.\n\
         وقال الساكن في الحي إن الكهرباء انقطعت منذ يومين.\n\
         وذكر مقيم في المدينة أن المخابز أغلقت أبوابها.",
    );
    for needle in ["دخل القرية", "الكهرباء انقطعت", "المخابز أغلقت"]
    {
        let c = find(&found, needle);
        assert_eq!(c.attribution.source_type, SourceType::Anonymous, "{needle}");
    }
    assert!(source(find(&found, "دخل القرية")).starts_with("نشطاء"));
    assert!(source(find(&found, "المخابز أغلقت")).starts_with("مقيم"));
}

#[test]
fn a_quoted_name_with_its_comma_inside_and_a_quoted_outlet_that_relays() {
    let found = claims(
        "وقالت \"هيئة الرقابة المالية،\" التي تتبع رئاسة الوزراء، إنها راجعت العقود كلها.\n\
         ونقلت \"سكاي نيوز\" عن مسؤول محلي قوله: إن الطريق أغلق بالكامل.",
    );
    let c = find(&found, "راجعت العقود");
    assert_eq!(source(c), "هيئة الرقابة المالية");
    let c = find(&found, "الطريق أغلق");
    assert_eq!(source(c), "مسؤول محلي");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
}

#[test]
fn a_verb_that_goes_on_by_saying_reports() {
    let found = claims(
        "وتابع البلاغ بالقول إن الشركة خالفت شروط الترخيص.\n\
         وختم المدير كلمته بالقول: \"لن نغلق المصنع\".",
    );
    let c = find(&found, "خالفت شروط الترخيص");
    assert_eq!(source(c), "البلاغ");
    assert_eq!(source(find(&found, "لن نغلق المصنع")), "المدير");
}

#[test]
fn a_name_in_brackets_after_its_kind_of_body_is_part_of_the_source() {
    let found = claims("وذكرت صحيفة (الوطن) في عددها الصادر اليوم أن الحكومة ستعلن موازنة جديدة.");
    let c = find(&found, "موازنة جديدة");
    assert_eq!(source(c), "صحيفة (الوطن)");
    // an abbreviation in brackets after a name is left as it was
    let found = claims("وقالت منظمة الصحة العالمية (WHO) إن الوباء انحسر.");
    assert!(source(find(&found, "الوباء انحسر")).starts_with("منظمة الصحة العالمية"));
}

#[test]
fn a_quotation_that_closes_on_the_next_line_keeps_its_speaker() {
    let found = claims(
        "وقال المحافظ خلال جولة ميدانية :\" نعمل على إعادة الكهرباء إلى الأحياء الشرقية\n\
         ونحن واثقون من إنجاز الإصلاحات قبل نهاية الشهر \".\n\
         وتراجعت أسعار الخضار في الأسواق المحلية بنسبة عشرة في المئة.",
    );
    let c = find(&found, "واثقون من إنجاز");
    assert_eq!(source(c), "المحافظ");
    // once the mark has closed, the next line is the story's own again
    let c = find(&found, "أسعار الخضار");
    assert_eq!(c.attribution.source_type, SourceType::Unattributed);
    // a paragraph that ends with its sentence leaves no quotation open, paired or not
    let found = claims(
        "وقال المحافظ: \"الوضع مستقر\"، مضيفا أن \"الأحياء الشرقية عادت إليها الكهرباء.\n\
         واستهدف قصف مجهول صباح اليوم محطة الوقود الرئيسية في المدينة.",
    );
    let c = find(&found, "محطة الوقود");
    assert_eq!(c.attribution.source_type, SourceType::Unattributed);
}

#[test]
fn english_listed_speakers_an_agent_in_apposition_and_whom_an_outlet_quoted() {
    let found = en(
        "The union, local farmers and several water engineers said the dam had cracked.\n\
         The rebels signalled defiance, with their commander, John Doe, saying: \"We will not leave the hills.\"\n\
         State radio quoted the interior ministry as saying a convoy of fuel trucks had been stopped.\n\
         Rights groups accuse the police of beating detainees in the northern prisons.\n\
         In his statement, Mayor Lee mentioned that a new inquiry has been opened into the fire.",
    );
    assert_eq!(
        source(find(&found, "the dam had cracked")),
        "The union, local farmers and several water engineers"
    );
    assert!(source(find(&found, "leave the hills")).contains("John Doe"));
    assert_eq!(
        source(find(&found, "convoy of fuel trucks")),
        "the interior ministry"
    );
    assert_eq!(source(find(&found, "beating detainees")), "Rights groups");
    assert_eq!(source(find(&found, "new inquiry")), "Mayor Lee");
    // a second clause's subject after "and" is not a list ("… and Israel vowed …")
    let found = en(
        "Rebels fired rockets at the port early on Monday and the army vowed to respond.\n\
         Rebels fired rockets and the navy vowed to respond.",
    );
    assert_eq!(source(find(&found, "army vowed to respond")), "the army");
    assert_eq!(source(find(&found, "navy vowed to respond")), "the navy");
}

#[test]
fn a_report_that_put_words_in_someones_mouth_names_that_someone() {
    let found = claims(
        "وجاء البيان ردا على تقرير لصحيفة محلية نسب إلى مسؤول في البلدية قوله إن المشروع سيتوقف.\n\
         وارتفعت نسب البطالة في المحافظة خلال العام الماضي.",
    );
    let c = find(&found, "المشروع سيتوقف");
    assert!(source(c).starts_with("مسؤول"), "{:?}", source(c));
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
    assert_eq!(source(find(&found, "نسب البطالة")), "");
}

#[test]
fn a_refusal_to_comment_is_not_a_claim() {
    let found = en(
        "Officials at the port authority declined immediate comment.\n\
         The mayor, who is travelling abroad, made no comment on the closure.\n\
         Prices of bread rose by a third after the port closed last month.",
    );
    assert!(!found.iter().any(|c| c.text.contains("declined immediate")));
    assert!(!found.iter().any(|c| c.text.contains("made no comment")));
    find(&found, "Prices of bread");
    let found = claims(
        "وامتنعت إدارة الميناء عن التعليق على قرار الإغلاق.\n\
         وارتفعت أسعار الخبز بنسبة الثلث بعد إغلاق الميناء الشهر الماضي.",
    );
    assert!(!found.iter().any(|c| c.text.contains("عن التعليق")));
    find(&found, "أسعار الخبز");
}

#[test]
fn a_time_before_a_relative_is_not_who_speaks() {
    let found = claims(
        "وتساءل التقرير عن مصير الخطة، في الوقت الذي يشير فيه المحلل أحمد سالم إلى أن التمويل توقف منذ شهرين.\n\
         وجاء القرار في اليوم الذي أعلنت فيه الحكومة عن زيادة الأسعار بنسبة عشرة بالمئة.\n\
         وامتنعت الوزارة، التي أكدت أن الشحنة وصلت، عن الإفصاح عن قيمة العقد.",
    );
    let c = find(&found, "التمويل توقف");
    assert!(source(c).contains("أحمد سالم"), "{:?}", source(c));
    let c = find(&found, "زيادة الأسعار");
    assert!(!source(c).contains("اليوم"), "{:?}", source(c));
    // the antecedent still speaks ("وامتنعت الوزارة": the verb before it is kept, as
    // the Arabic subject search cannot tell a verb from a noun there)
    let c = find(&found, "الشحنة وصلت");
    assert!(source(c).ends_with("الوزارة"), "{:?}", source(c));
}

#[test]
fn a_definite_institution_after_its_verb_ends_before_the_object() {
    let found = claims(
        "واستنكرت الهيئة نشر صور من شأنها تضليل الرأي العام في المدينة.\n\
         واتهمت الحكومة جماعة مسلحة بتنفيذ الهجوم على القافلة الإنسانية.\n\
         وأكدت الحكومة اليمنية الشرعية أن الهدنة صامدة رغم الخروقات.\n\
         ودعت الوزارة المواطنين إلى الحذر، محذرة من رسائل احتيال تنتحل اسمها.\n\
         وقال الجيش الإسرائيلي إن صاروخين أطلقا من الشمال.\n\
         وأعلنت الهيئة العامة للاستعلامات أن المؤتمر سيعقد الشهر المقبل.",
    );
    assert_eq!(source(find(&found, "تضليل الرأي")), "الهيئة");
    assert_eq!(source(find(&found, "القافلة الإنسانية")), "الحكومة");
    assert_eq!(
        source(find(&found, "الهدنة صامدة")),
        "الحكومة اليمنية الشرعية"
    );
    assert_eq!(source(find(&found, "رسائل احتيال")), "الوزارة");
    assert_eq!(source(find(&found, "صاروخين")), "الجيش الإسرائيلي");
    assert_eq!(
        source(find(&found, "المؤتمر سيعقد")),
        "الهيئة العامة للاستعلامات"
    );
}

#[test]
fn a_reporting_word_after_a_preposition_is_a_noun_not_a_report() {
    let found = claims(
        "وجاء الإعلان بعد يومين من تداول أنباء عن نقل السفير إلى العاصمة بسبب وعكة صحية مفاجئة.\n\
         وتحدث الخبراء في الندوة حول إعلان الحكومة خطة لخفض الدين العام خلال ثلاث سنوات.",
    );
    let c = find(&found, "وعكة صحية");
    assert!(!source(c).contains("العاصمة"), "{:?}", source(c));
    assert_ne!(c.attribution.cue.as_deref(), Some("نقل"));
    let c = find(&found, "خفض الدين");
    assert_ne!(c.attribution.cue.as_deref(), Some("إعلان"));
}

#[test]
fn a_question_closed_by_more_marks_is_still_a_question() {
    let found = claims(
        "ما هي خطة الحكومة الجديدة لمواجهة ارتفاع الأسعار في الأسواق المحلية؟.. الحكومة \
         تعلن حزمة دعم جديدة للأسر الفقيرة في العاصمة\n\
         وقال الوزير إن الخطة تشمل دعم عشرين سلعة أساسية.",
    );
    assert!(
        !found.iter().any(|c| c.text.contains("ارتفاع الأسعار")),
        "{found:#?}"
    );
    find(&found, "حزمة دعم");
    find(&found, "عشرين سلعة");
}

#[test]
fn a_subject_after_kana_and_before_a_comma_speaks_for_its_verb() {
    let found = claims(
        "وأعلنت البلدية تأجيل المهرجان.\n\
         وكان مسؤول في البلدية الشمالية، قال إن الموعد الجديد سيحدد بعد الانتخابات.",
    );
    let c = find(&found, "الموعد الجديد");
    assert_eq!(source(c), "مسؤول في البلدية الشمالية");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
}

#[test]
fn a_time_adverb_after_the_source_is_not_part_of_it() {
    let found = claims(
        "وأكدت مصادر أمنية لاحقا أن المخطوفين نقلا إلى مدينة أخرى على الحدود.\n\
         وقال مسؤول محلي مجددا إن المفاوضات مستمرة منذ أسبوعين.",
    );
    assert_eq!(source(find(&found, "المخطوفين نقلا")), "مصادر أمنية");
    assert_eq!(source(find(&found, "المفاوضات مستمرة")), "مسؤول محلي");
}

#[test]
fn a_long_name_capitalised_throughout_is_the_whole_source() {
    let found = claims(
        "The Office of the Deputy Minister of Transport Datuk Seri Dr Ahmad Kamal Yusof has \
         denied reports that the ferry licence had been revoked.\n\
         The man who lives at the end of the road by the old mill near the river said he saw \
         the ferry leave.",
    );
    assert_eq!(
        source(find(&found, "ferry licence")),
        "The Office of the Deputy Minister of Transport Datuk Seri Dr Ahmad Kamal Yusof"
    );
    // a long subject in lower case is still cut to its last words
    let c = find(&found, "saw the ferry");
    assert!(!source(c).starts_with("The man"), "{:?}", source(c));
}

#[test]
fn a_strict_verb_after_a_closed_quotation_says_it() {
    let found = claims(
        "“الأضرار كبيرة لكن لا إصابات بين العمال”، أجاب سمير عن سؤال حول المصنع، وأضاف “سنعيد \
         التشغيل خلال أسبوع”.",
    );
    let c = find(&found, "لا إصابات");
    assert_eq!(source(c), "سمير");
    assert_eq!(c.attribution.source_type, SourceType::Named);
}

#[test]
fn a_subject_with_a_relative_clause_before_its_comma_speaks() {
    let found = claims(
        "أكد أحد السكان أن القصف استمر ساعتين على الأحياء الشرقية.\n\
         المزارع خالد يوسف الحسن، الذي فقد محصوله في الحريق، قال \"لم يبق لنا شيء نبيعه هذا \
         الموسم\".",
    );
    let c = find(&found, "القصف استمر");
    assert_eq!(source(c), "أحد السكان");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
    assert_eq!(source(find(&found, "نبيعه")), "المزارع خالد يوسف الحسن");
}

#[test]
fn his_own_words_are_the_sentence_subject_s() {
    let found = claims(
        "قال الوزير إن الموازنة ستقر الشهر المقبل.\n\
         ودعا المصدر وسائل الإعلام إلى عدم الانجرار وراء الشائعات غير المسؤولة، وفق قوله.\n\
         وطالب النائب الحكومة بتوضيح أسباب التأخير في صرف الرواتب، على حد قوله.\n\
         وتجاوزت الخسائر 40 مليون دولار بحسب قوله.",
    );
    assert_eq!(source(find(&found, "الانجرار")), "المصدر");
    assert_eq!(source(find(&found, "صرف الرواتب")), "النائب");
    // losses do not speak: "his words" are the speaker's before
    assert_eq!(source(find(&found, "40 مليون")), "النائب");
}

#[test]
fn a_title_keeps_its_name_and_its_genitive_but_not_an_object() {
    let found = claims(
        "وقال الناطق الرسمي باسم الحكومة إن الاجتماع تأجل إلى الأحد.\n\
         وأكد الأمين العام للأمم المتحدة أن المساعدات وصلت إلى المدينة.\n\
         وأكد المركز الوطني للأرصاد الجوية أن العاصفة ستضرب الساحل غدا.\n\
         وقال الرئيس المصري عبد الفتاح السيسي إن المعبر سيفتح.",
    );
    assert_eq!(
        source(find(&found, "الاجتماع تأجل")),
        "الناطق الرسمي باسم الحكومة"
    );
    assert_eq!(
        source(find(&found, "المساعدات وصلت")),
        "الأمين العام للأمم المتحدة"
    );
    assert_eq!(
        source(find(&found, "العاصفة ستضرب")),
        "المركز الوطني للأرصاد الجوية"
    );
    assert_eq!(
        source(find(&found, "المعبر سيفتح")),
        "الرئيس المصري عبد الفتاح السيسي"
    );
}

#[test]
fn an_unnamed_source_ends_before_a_plural_object() {
    let found = claims(
        "استغرب مصدر حكومي مسؤول تصريحات وزير النقل التي حمل فيها الشركة مسؤولية الحادث.\n\
         وقال مصدر في هيئة الاتصالات إن الشبكة عادت للعمل بعد ثلاث ساعات.",
    );
    let c = find(&found, "مسؤولية الحادث");
    assert_eq!(source(c), "مصدر حكومي مسؤول");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
    assert_eq!(source(find(&found, "الشبكة عادت")), "مصدر في هيئة الاتصالات");
}

#[test]
fn a_quotation_left_open_from_the_paragraph_start_goes_on_in_its_voice() {
    let found = claims(
        "In a statement, the port authority said the reports were false.\n\
         “The claims made by the two websites are not true at all. The ship left the harbour \
         on March 3, two days before the storm.\n\
         “We ask them to withdraw the reports,” it said.",
    );
    let c = find(&found, "two days before the storm");
    assert_eq!(source(c), "the port authority");
}

#[test]
fn a_restrictive_relative_at_a_background_sentence_s_end_speaks_for_nobody() {
    let found = claims(
        "وكانت حوادث مماثلة في المدينة أشعلت موجة غضب واسعة وخرجت المسيرات التي نددت بعنف \
         قوات الأمن.\n\
         ونقلت الصحيفة عن الوزارة التي أكدت أن التحقيق سيعلن الأسبوع المقبل.\n\
         وجاء الرد من البلدية، التي أعلنت رفضها للخطة الجديدة بالكامل.",
    );
    let c = find(&found, "موجة غضب");
    assert_eq!(c.attribution.source, None, "{:?}", c.attribution);
    assert!(source(find(&found, "التحقيق سيعلن")).contains("الوزارة"));
    assert_eq!(source(find(&found, "رفضها للخطة")), "البلدية");
}

#[test]
fn without_mentioning_is_a_noun_not_a_report() {
    let found = claims(
        "ولم تتحدث التقارير الرسمية بعد عن سبب الحريق، مكتفية بالقول إن فرق الإطفاء \"تعمل على إخماده\" دون ذكر حجم الأضرار.",
    );
    let c = find(&found, "فرق الإطفاء");
    assert_ne!(source(c), "حجم الأضرار");
    assert_ne!(c.attribution.cue.as_deref(), Some("ذكر"));
}

#[test]
fn two_unnamed_senior_officials_are_anonymous() {
    let found = claims(
        "وأشار مسؤولان رفيعا المستوى للصحيفة إلى أن المفاوضات توقفت منذ أسبوعين بسبب الخلاف على الحدود.",
    );
    let c = find(&found, "المفاوضات توقفت");
    assert!(source(c).starts_with("مسؤولان رفيعا المستوى"), "{c:#?}");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
}

#[test]
fn an_unnamed_source_and_its_adjectives_end_before_a_definite_object() {
    let found = claims(
        "نفى مصدر أمني عراقي الأنباء التي تحدثت عن انسحاب القوات من المعبر، مؤكدا أن الوضع تحت السيطرة.",
    );
    let c = find(&found, "انسحاب القوات");
    assert_eq!(source(c), "مصدر أمني عراقي");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
    // "رفيع المستوى" is one adjective: the definite word belongs to it
    let found = claims("وقال مسؤول رفيع المستوى إن الحكومة ستعلن خطتها الأسبوع المقبل.");
    assert_eq!(source(find(&found, "ستعلن خطتها")), "مسؤول رفيع المستوى");
}

#[test]
fn a_report_in_someones_words_names_that_someone() {
    let found = claims(
        "ونقل التقرير على لسان مصدر عسكري عراقي قوله: \"استهدفت الطائرات موقعين قرب الحدود الليلة الماضية\".",
    );
    let c = find(&found, "استهدفت الطائرات");
    assert_eq!(source(c), "مصدر عسكري عراقي");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
}

#[test]
fn a_long_title_before_a_comma_and_inna_is_the_whole_source() {
    let found = claims(
        "قال السفير خالد عبد الرحمن المتحدث الرسمي باسم وزارة الخارجية، إن الوفد سيصل إلى العاصمة غدا.",
    );
    let c = find(&found, "الوفد سيصل");
    assert_eq!(
        source(c),
        "السفير خالد عبد الرحمن المتحدث الرسمي باسم وزارة الخارجية"
    );
}

#[test]
fn english_whom_a_report_cited_or_quoted_as_saying_speaks() {
    let found = en(
        "The statement answered a report by The Daily Star which cited unidentified U.S. and foreign officials as saying that the plant had been bombed.\n\
         Radar images showed the damage last week, the report quoted U.S. officials as saying.",
    );
    let c = find(&found, "plant had been bombed");
    assert_eq!(source(c), "unidentified U.S. and foreign officials");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
    let c = find(&found, "Radar images");
    assert_eq!(source(c), "U.S. officials");
}

#[test]
fn english_a_company_abbreviation_can_end_a_sentence() {
    let found = en(
        "Smith worked for years as a senior executive at Acme Widgets Corp. He has criticised the new tariffs, which he said could harm exporters.",
    );
    let c = find(&found, "criticised the new tariffs");
    assert!(!c.text.contains("Acme"), "{c:#?}");
}

#[test]
fn english_a_speaker_relayed_by_the_agency_that_closes_the_sentence() {
    let found = en(
        "Army spokesman Colonel Sami Haddad said the convoy was hit near the border crossing, the state news agency reported.\n\
         The border was closed on Friday, the state news agency reported.",
    );
    let c = find(&found, "convoy was hit");
    assert_eq!(source(c), "Army spokesman Colonel Sami Haddad");
    assert_eq!(
        c.attribution.chain,
        vec![
            "the state news agency".to_string(),
            "Army spokesman Colonel Sami Haddad".to_string()
        ]
    );
    assert_eq!(
        source(find(&found, "border was closed")),
        "the state news agency"
    );
}

#[test]
fn english_an_adverb_before_the_verb_is_not_part_of_the_source() {
    let found = en(
        "General Omar Saleh categorically denied the report, urging the paper to correct it.\n\
         The national assembly said the vote would be held in March.",
    );
    assert_eq!(
        source(find(&found, "urging the paper")),
        "General Omar Saleh"
    );
    assert_eq!(
        source(find(&found, "vote would be held")),
        "The national assembly"
    );
}

#[test]
fn a_passive_verb_written_with_its_damma_names_nobody() {
    let found = claims(
        "وأكد شهود عيان أن سيارات الإسعاف نقلت المصابين إلى المستشفيات، فيما وُصفت حالة اثنين منهم بالخطيرة.\n\
         وذُكر أن الحريق اندلع في مخزن للوقود قرب الميناء.",
    );
    for c in &found {
        assert_ne!(c.attribution.cue.as_deref(), Some("وُصفت"), "{c:#?}");
        assert_ne!(c.attribution.cue.as_deref(), Some("وذُكر"), "{c:#?}");
    }
    // the active voice still reports, with or without its vowels
    let found = claims("وذَكر المرصد أن الحريق اندلع في مخزن للوقود قرب الميناء.");
    assert_eq!(source(find(&found, "الحريق اندلع")), "المرصد");
}

#[test]
fn a_clause_on_what_the_source_is_ends_the_source() {
    let found =
        claims("وقال الشاهد وهو طبيب طلب عدم الكشف عن هويته إن المستشفى استقبل عشرين جريحا.");
    let c = find(&found, "المستشفى استقبل");
    assert_eq!(source(c), "الشاهد");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
    let found = en("They were thought to be dead until the authorities suddenly announced their arrests on Friday.");
    assert_eq!(
        source(find(&found, "announced their arrests")),
        "the authorities"
    );
}

#[test]
fn a_passive_clause_after_fima_stays_with_its_sentence() {
    let found = claims(
        "وأكد شهود عيان أن سيارات الإسعاف نقلت المصابين إلى المستشفيات، فيما وُصفت حالة اثنين منهم بالخطيرة.",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(source(&found[0]), "شهود عيان");
}

#[test]
fn english_he_in_a_later_clause_is_the_sentence_s_named_subject() {
    let found = en(
        "Mayor Ann Price said the budget would pass.\n\
         A court twice rejected the appeal.\n\
         Federal Judge Thomas Lane will hear the case again, though he said the city's arguments were weak.",
    );
    assert_eq!(source(find(&found, "rejected the appeal")), "A court");
    assert_eq!(
        source(find(&found, "arguments were weak")),
        "Federal Judge Thomas Lane"
    );
}

#[test]
fn another_story_s_headline_between_paragraphs_is_no_claim() {
    let mut a = article(
        "The coalition said it had destroyed a drone launched toward the southern city of Jazan.\n\
         Decision to reopen the border crossings to depend on the number of new cases: health minister\n\
         The ministry said 40 new cases had been recorded in the past day across the country.\n\
         وقال المتحدث إن الوفد سيصل إلى العاصمة صباح غد لبدء المفاوضات.\n\
         وأضاف أن الجانبين سيبحثان ملف الأسرى والمعابر الحدودية خلال الجولة المقبلة\n",
    );
    a.lang = "en".to_string();
    let found = extract(&a, &Cues::builtin());
    assert!(
        found.iter().all(|c| !c.text.contains("Decision to reopen")),
        "{found:#?}"
    );
    // a paragraph that lost its full stop is still one
    find(&found, "ملف الأسرى");
    find(&found, "40 new cases");
}

#[test]
fn english_she_after_an_opening_participle_is_the_last_speaker() {
    let found = en("Mayor Ann Price said the budget would pass.\n\
         Promising to review the plan, she said the council would vote in May.");
    assert_eq!(source(find(&found, "vote in May")), "Mayor Ann Price");
}

#[test]
fn whoever_expects_is_no_source() {
    let found = claims(
        "وتتباين التقديرات بشأن موعد الانتخابات، بين من يتوقع تأجيلها إلى العام المقبل وبين من يرى أنها ستجري في موعدها.",
    );
    for c in &found {
        assert_ne!(source(c), "تأجيلها", "{c:#?}");
        assert_ne!(c.attribution.cue.as_deref(), Some("يتوقع"), "{c:#?}");
    }
}

#[test]
fn a_line_that_introduces_a_statement_gives_its_source_to_the_next() {
    let found = claims(
        "صدر عن المديرية العامة للدفاع المدني البيان الآتي:\n\
         “تمكنت فرقنا من إخماد الحريق في المستودع بعد ثلاث ساعات، ولم تسجل أي إصابات”.",
    );
    assert!(
        found.iter().all(|c| !c.text.contains("البيان الآتي")),
        "{found:#?}"
    );
    let c = find(&found, "إخماد الحريق");
    assert_eq!(source(c), "المديرية العامة للدفاع المدني");
}

#[test]
fn a_sentence_of_only_its_source_attributes_the_one_before() {
    let found = claims(
        "وكانت الحكومة قد أنفقت أكثر من مليون يورو على تأمين الزيارة خلال الأسبوع الماضي. تضيف صحيفة “الباييس” الإسبانية.",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(source(&found[0]).contains("الباييس"), "{found:#?}");
    assert_eq!(found[0].attribution.source_type, SourceType::Named);
}

#[test]
fn english_a_closing_source_before_an_adverbial_and_a_man_identified_as() {
    let found = en(
        "At least 12 people were killed in a strike on a market on Sunday, the health ministry said, in an attack the army said had targeted fighters.\n\
         In the south, a reporter saw the body of a man identified as Omar Ali.",
    );
    assert_eq!(
        source(find(&found, "strike on a market")),
        "the health ministry"
    );
    let c = find(&found, "identified as Omar");
    assert_eq!(c.attribution.cue.as_deref(), None, "{c:#?}");
}

#[test]
fn a_subject_then_a_relative_clause_then_its_verb() {
    let found = claims(
        "وأعلنت الوزارة أن الامتحانات ستبدأ في موعدها المقرر.\n\
         المصدر الذي طلب عدم ذكر اسمه قال إن المفاوضات متوقفة منذ أسبوعين.\n\
         والمسؤولون الذين التقاهم الوفد أكدوا أن الاتفاق سيوقع الشهر المقبل.\n\
         ولوحظ أن المصدرين اللذين تحدثت معهما الصحيفة أكدا أن الحكومة فقدت ثقة الشارع.",
    );
    let c = find(&found, "المفاوضات متوقفة");
    assert_eq!(source(c), "المصدر");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
    assert_eq!(source(find(&found, "الاتفاق سيوقع")), "المسؤولون");
    assert_eq!(source(find(&found, "فقدت ثقة")), "المصدرين");
}

#[test]
fn a_sentence_that_opens_with_while_has_two_sources() {
    let found = claims(
        "ففي حين رأى مصدر مقرب من الحكومة، أن التعديل الوزاري بات قريبا، نفى مصدر آخر وجود أي نية لتغيير حكومي.",
    );
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        source(find(&found, "التعديل الوزاري")),
        "مصدر مقرب من الحكومة"
    );
    assert_eq!(source(find(&found, "نية لتغيير")), "مصدر آخر");
}

#[test]
fn english_two_sources_after_the_closing_comma() {
    let found = en(
        "About 30 people were killed near the hospital after an airstrike on a building, the Ministry of Health and the hospital's director said Thursday.",
    );
    assert_eq!(
        source(find(&found, "30 people were killed")),
        "the Ministry of Health and the hospital's director"
    );
    let found = en(
        "Dozens were hurt in a strike on a building “next to the clinic,” the Ministry of Health and the clinic's director said.",
    );
    assert_eq!(
        source(find(&found, "Dozens were hurt")),
        "the Ministry of Health and the clinic's director"
    );
}

#[test]
fn a_participle_after_a_name_with_ibn_and_a_basis_that_is_no_source() {
    let found = claims(
        "وسخر ابن سلمان من تصريح الوزير، مؤكدا أن فحص العائدين مسؤولية كل دولة.\n\
         وقال الوزير إن الحكومة مهتمة بسلامة الجميع.\n\
         وأضاف أن القرار سيتخذ بناء على توجيهات رئيس الوزراء.",
    );
    assert_eq!(source(find(&found, "فحص العائدين")), "ابن سلمان");
    assert_eq!(source(find(&found, "القرار سيتخذ")), "الوزير");
}

#[test]
fn no_comment_issued_is_no_claim() {
    let found = claims(
        "قتل ثلاثة أشخاص في غارة على مخزن قرب المطار فجر اليوم.\n\
         ولم يصدر أي تعليق من الجانب الإسرائيلي بشأن الغارة حتى الآن.\n\
         ولم يصدر أي قرار رسمي بإغلاق المطار بعد الغارة التي استهدفت المخزن.",
    );
    assert!(
        found.iter().all(|c| !c.text.contains("أي تعليق")),
        "{found:#?}"
    );
    find(&found, "قرار رسمي");
}

#[test]
fn an_embedded_tweet_names_its_account_holder() {
    let found = claims(
        "وزير الصحة: استئناف الرحلات الدولية يخضع لمدى انتشار الفيروس في المملكة pic.twitter.com/p0ustV0VOz — قناة الخبر (@alkhabar) September 10, 2020",
    );
    let c = find(&found, "استئناف الرحلات");
    assert_eq!(source(c), "قناة الخبر");
    let found = en(
        "The bridge will stay closed until the inspection is finished next week. pic.twitter.com/AbC12dEf — City Roads Office (@cityroads) May 3, 2021",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(source(&found[0]), "City Roads Office");
}

#[test]
fn commented_with_aqqaba_then_a_participle_names_the_title() {
    let found = claims(
        "عقب الوزير سامي الحداد، على تصريحات المعارضة، مشيرا إلى أن الحكومة ستعرض خطتها على البرلمان.\n\
         وعقب الاجتماع، أكدت مصادر أن الخطة ستعرض الأسبوع المقبل على البرلمان.",
    );
    assert!(source(find(&found, "ستعرض خطتها")).starts_with("الوزير سامي الحداد"));
    assert_eq!(source(find(&found, "الأسبوع المقبل")), "مصادر");
}

#[test]
fn teasers_cut_mid_word_and_sources_affiliated_to_a_side() {
    let found = en(
        "The coalition said the missile was launched from the capital and fell in a farm.\n\
         The minister calls for the arrest of a group of leaders who he says will a…\n\
         Pirates have seized another fishing boat off the coast, authorities said. In a statement late Tuesday, a E…\n\
         Meanwhile, military sources affiliated to the rebels said they targeted a navy boat.\n\
         The talks went on into the night and nobody knew how they would end…",
    );
    assert!(
        found.iter().all(|c| !c.text.contains("arrest of a group")),
        "{found:#?}"
    );
    assert!(
        found.iter().all(|c| !c.text.contains("Pirates")),
        "{found:#?}"
    );
    let c = find(&found, "navy boat");
    assert_eq!(c.attribution.source_type, SourceType::Anonymous);
    find(&found, "how they would end");
}
