//! One 18-character number, two readings: a resident ID (GB 11643) or an organisation's unified
//! social credit code (GB 32100). About one valid ID in 300 is also a valid all-digit credit code,
//! and an 18-digit card number may be either. This module is the one place that decides:
//!
//! - a number valid as both is an ID (the privacy-safe reading: IDs are masked, credit codes are
//!   not) unless a credit-code context word (统一社会信用代码...) and no ID context word (身份证...)
//!   stands before it;
//! - a number valid as either is never a bank card.
//!
//! The resident-ID and credit-code detectors each report every value valid in their own reading;
//! [`settle`] then drops the losing reading where both found the same span. Neither detector
//! knows about the other.

use super::{context_before, resident_id, uscc, Detection};
use rustc_hash::FxHashSet;

/// Whether `value` (18 characters, no separators) is valid as a resident ID or as a credit code:
/// then it is not a bank card.
pub(crate) fn is_id_or_code(value: &str) -> bool {
    resident_id::is_valid(value) || uscc::is_valid(value)
}

/// Whether a number valid in both readings, starting at byte `start` of `text`, reads as a credit
/// code: introduced as one, and not as an ID.
fn code_wins(text: &str, start: usize) -> bool {
    context_before(text, start, uscc::CONTEXT).is_some()
        && context_before(text, start, resident_id::CONTEXT).is_none()
}

/// Drops, from the detections `found` in `text`, the losing reading of every span that both the
/// resident-ID and the credit-code detector reported.
pub(crate) fn settle(text: &str, found: &mut Vec<Detection>) {
    let span = |d: &Detection| (d.start, d.end);
    let codes: FxHashSet<(usize, usize)> = found
        .iter()
        .filter(|d| d.rule == uscc::RULE)
        .map(span)
        .collect();
    if codes.is_empty() {
        return;
    }
    let both: FxHashSet<(usize, usize)> = found
        .iter()
        .filter(|d| d.rule == resident_id::RULE && codes.contains(&span(d)))
        .map(span)
        .collect();
    if both.is_empty() {
        return;
    }
    found.retain(|d| {
        if !both.contains(&span(d)) {
            return true;
        }
        let code = code_wins(text, d.start);
        match d.rule {
            uscc::RULE => code,
            resident_id::RULE => !code,
            _ => true,
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::registry::default_detectors;
    use crate::detect::DetectText;
    use crate::messages::Lang;

    fn rules(t: &str) -> Vec<&'static str> {
        let mut found = Vec::new();
        for d in default_detectors().unwrap() {
            let text = DetectText::new(t, Lang::Zh);
            d.detect(&text, &mut found);
        }
        settle(t, &mut found);
        found.iter().map(|d| d.rule).collect()
    }

    #[test]
    fn one_reading_per_number() {
        let both = "443488201209102877";
        assert!(resident_id::is_valid(both) && uscc::is_valid(both) && is_id_or_code(both));
        assert_eq!(
            rules(&format!("当事人周某，{both}，男")),
            [resident_id::RULE]
        );
        assert_eq!(rules(&format!("身份证号{both}")), [resident_id::RULE]);
        assert_eq!(rules(&format!("统一社会信用代码：{both}")), [uscc::RULE]);
        assert_eq!(
            rules(&format!("统一社会信用代码（法定代表人身份证号）{both}")),
            [resident_id::RULE]
        );
        // valid in one reading only: that reading, whatever the context
        assert_eq!(
            rules("统一社会信用代码：440305198706123413"),
            [resident_id::RULE]
        );
        assert_eq!(rules("身份证号91350100M000100Y43"), [uscc::RULE]);
        // an ID written in 6-8-4 groups is never a credit code (codes are not grouped): before the
        // readings were settled in one place, a credit-code context dropped it silently
        assert_eq!(
            rules("统一社会信用代码：443488 20120910 2877"),
            [resident_id::RULE]
        );
    }
}
