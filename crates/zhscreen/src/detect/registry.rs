//! The default set of detectors. The de-identification masks (去标识化) that redaction applies to
//! what they find are in [`crate::redact::mask`] (re-exported here as [`mask`]).

use super::{
    address::AddressDetector,
    bank_card::BankCardDetector,
    classification::ClassificationMark,
    email::EmailDetector,
    landline::LandlineDetector,
    mobile::MobileDetector,
    passport::PassportDetector,
    person_name::{NamesPolicy, PersonNameDetector},
    resident_id::ResidentIdDetector,
    url::UrlDetector,
    uscc::UsccDetector,
    DetectText, Detection, Detector,
};

pub use crate::redact::mask;

/// Every detector with its default settings: the personal-data ones, classification marks and
/// links.
pub fn default_detectors() -> crate::Result<Vec<Box<dyn Detector>>> {
    detectors(NamesPolicy::default())
}

/// Every detector, protected names under `names`. Fails only if an embedded data file
/// (`data/*.txt`) does not parse, with its `file:line`.
pub fn detectors(names: NamesPolicy) -> crate::Result<Vec<Box<dyn Detector>>> {
    Ok(vec![
        Box::new(ClassificationMark),
        Box::new(ResidentIdDetector::new()),
        Box::new(UsccDetector::new()),
        Box::new(BankCardDetector::new()),
        Box::new(MobileDetector::new()),
        Box::new(LandlineDetector::new()),
        Box::new(EmailDetector::new()),
        Box::new(PassportDetector::new()),
        Box::new(AddressDetector::new()?),
        Box::new(PersonNameDetector::new(names)?),
        Box::new(UrlDetector::new()),
    ])
}

/// Runs `detectors` over `text` and returns what they found ordered by start, then end.
pub fn detect_all(detectors: &[Box<dyn Detector>], text: &DetectText<'_>) -> Vec<Detection> {
    let mut out = Vec::new();
    for d in detectors {
        d.detect(text, &mut out);
    }
    super::readings::settle(&text.text, &mut out);
    out.sort_by(|a, b| (a.start, a.end, a.rule).cmp(&(b.start, b.end, b.rule)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::Severity;

    fn scan(t: &str) -> Vec<Detection> {
        detect_all(
            &default_detectors().unwrap(),
            &DetectText::new(t, crate::messages::Lang::Zh),
        )
    }

    /// Replaces every detection by its mask.
    fn redact(t: &str) -> String {
        let mut out = String::new();
        let mut pos = 0;
        for d in scan(t) {
            if d.start < pos {
                continue;
            }
            out.push_str(&t[pos..d.start]);
            out.push_str(&mask(d.kind, &t[d.start..d.end]));
            pos = d.end;
        }
        out.push_str(&t[pos..]);
        out
    }

    #[test]
    fn redacted_text_has_nothing_left_to_find() {
        let t =
            "王某（身份证号：110108199003071238，手机 +86 138-0013-8000，座机(010)62345678转801，\
                 卡号6228 4800 1234 5678 903，邮箱li.ming@example.com，护照E12345678，\
                 港澳通行证C12345678，原身份证号码110108900307123）。\
                 单位统一社会信用代码91350100M000100Y43。";
        let found = scan(t);
        let rules: Vec<&str> = found.iter().map(|d| d.rule).collect();
        assert_eq!(
            rules,
            [
                "personal_info/cn_resident_id",
                "personal_info/cn_mobile",
                "personal_info/cn_landline",
                "personal_info/bank_card",
                "personal_info/email",
                "personal_info/passport",
                "personal_info/travel_permit",
                "personal_info/cn_resident_id_15",
                "personal_info/uscc",
            ]
        );
        let once = redact(t);
        let left: Vec<&str> = scan(&once).iter().map(|d| d.rule).collect();
        assert_eq!(left, ["personal_info/uscc"], "{once}");
        assert_eq!(redact(&once), once);
        assert_eq!(once.chars().count(), t.chars().count());
    }

    #[test]
    fn one_value_one_finding() {
        // valid credit codes, IDs and cards are each reported once, by their own detector
        let t = "代码91440300708461136T；身份证440305198706123413；卡号4111111111111111。";
        let rules: Vec<&str> = scan(t).iter().map(|d| d.rule).collect();
        assert_eq!(
            rules,
            [
                "personal_info/uscc",
                "personal_info/cn_resident_id",
                "personal_info/bank_card"
            ]
        );
        // valid both as an ID and as an all-digit credit code: an ID unless introduced as a code
        let both = "443488201209102877";
        assert!(crate::detect::uscc::is_valid(both) && crate::detect::resident_id::is_valid(both));
        let rules = |t: &str| scan(t).iter().map(|d| d.rule).collect::<Vec<_>>();
        assert_eq!(
            rules(&format!("当事人周某，{both}，男")),
            ["personal_info/cn_resident_id"]
        );
        assert_eq!(
            rules(&format!("身份证号{both}")),
            ["personal_info/cn_resident_id"]
        );
        assert_eq!(
            rules(&format!("统一社会信用代码：{both}")),
            ["personal_info/uscc"]
        );
    }

    #[test]
    fn government_report_style_text_has_no_review_findings() {
        let t = "2024年，国内生产总值达到1349084亿元，增长5.0%；城镇新增就业1256万人，\
                 居民人均可支配收入41314元。国发〔2024〕12号文件、2019—2024年、第14个五年规划，\
                 全年粮食产量13908.7亿斤，进出口总额438468亿元，2023年12月31日，\
                 联系电话：0731-84123456，政务服务便民热线12345，咨询电话400-810-8888。";
        let review: Vec<Detection> = scan(t)
            .into_iter()
            .filter(|d| d.severity >= Severity::Review)
            .collect();
        assert!(review.is_empty(), "{review:?}");
    }
}
