//! The de-identification masks (去标识化) redaction applies to personal data, one per kind of value.
//!
//! Masks keep the value's layout: the output has exactly as many characters as the input, and
//! separators, parentheses and country prefixes stay where they were; only letters and digits are
//! replaced by `*` (addresses and names: every masked character). A mask treats `*` as an already hidden character, so masking a masked value
//! gives it back unchanged, and no detector finds anything in a masked value (except
//! [`PiiKind::Public`] values, which are not masked).

use crate::detect::PiiKind;

/// Whether a character is one a mask may hide (or has hidden).
fn slot(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '*'
}

/// Masks the slots of `value` whose index (among slots) is not kept by `keep(i, n)`.
fn mask_slots(value: &str, keep: impl Fn(usize, usize) -> bool) -> String {
    let n = value.chars().filter(|&c| slot(c)).count();
    let mut i = 0;
    value
        .chars()
        .map(|c| {
            if !slot(c) {
                return c;
            }
            let k = keep(i, n);
            i += 1;
            if k {
                c
            } else {
                '*'
            }
        })
        .collect()
}

/// How many leading slots of a landline number are its country prefix and area code.
fn landline_head(value: &str) -> usize {
    let slots: Vec<char> = value.chars().filter(|&c| slot(c)).collect();
    let plus = value.trim_start_matches('(').starts_with('+');
    let cc = if slots.starts_with(&['0', '0', '8', '6']) {
        4
    } else if plus && slots.starts_with(&['8', '6']) {
        2
    } else {
        0
    };
    let national = &slots[cc.min(slots.len())..];
    let area = match national {
        ['0', '1' | '2', ..] => 3,
        ['0', ..] => 4,
        ['1' | '2', ..] => 2,
        _ => 3,
    };
    cc + area
}

/// The de-identified form of `value`, a value of kind `kind`, with as many characters as `value`:
///
/// | kind | kept | example |
/// |---|---|---|
/// | resident ID | first 6 and last 4 | `440305********3413` |
/// | mobile | prefix, first 3 and last 4 digits | `139****5678`, `+86 139 **** 5678` |
/// | landline | country prefix, area code, last 2 digits | `010-******78` |
/// | bank card | last 4 digits | `***************8903` |
/// | e-mail | first character and the domain | `l*******@example.com` |
/// | passport, permit | first character and last 2 | `E******78` |
/// | home address | the administrative part down to the county or town | `郴州市北湖区**********` |
/// | person name | the surname (two characters for a compound surname) | `王**`, `欧阳*` |
/// | public (credit code) | everything | unchanged |
/// | other | nothing | `*` per character |
pub fn mask(kind: PiiKind, value: &str) -> String {
    match kind {
        PiiKind::ResidentId => mask_slots(value, |i, n| i < 6 || i + 4 >= n),
        PiiKind::Mobile => mask_slots(value, |i, n| {
            // the number is the last 11 slots; anything before is the country prefix
            let first = n.saturating_sub(11);
            i < first + 3 || i + 4 >= n
        }),
        PiiKind::Landline => {
            let head = landline_head(value);
            mask_slots(value, |i, n| i < head || i + 2 >= n)
        }
        PiiKind::BankCard => mask_slots(value, |i, n| i + 4 >= n),
        PiiKind::Email => match value.rfind('@') {
            Some(at) => {
                let mut out = String::with_capacity(value.len());
                for (k, c) in value[..at].chars().enumerate() {
                    out.push(if k == 0 { c } else { '*' });
                }
                out.push_str(&value[at..]);
                out
            }
            None => value.chars().map(|_| '*').collect(),
        },
        PiiKind::Document => mask_slots(value, |i, n| i == 0 || i + 2 >= n),
        PiiKind::Address => {
            let keep = crate::detect::address::admin_end(value);
            let mut out = value[..keep].to_string();
            out.extend(value[keep..].chars().map(|_| '*'));
            out
        }
        PiiKind::PersonName => {
            let keep = crate::detect::person_name::mask_keep_chars(value);
            value
                .chars()
                .enumerate()
                .map(|(i, c)| if i < keep { c } else { '*' })
                .collect()
        }
        PiiKind::Public => value.to_string(),
        PiiKind::Other => value.chars().map(|_| '*').collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(
            mask(PiiKind::ResidentId, "440305198706123413"),
            "440305********3413"
        );
        assert_eq!(
            mask(PiiKind::ResidentId, "110105 19491231 002X"),
            "110105 ******** 002X"
        );
        assert_eq!(mask(PiiKind::Mobile, "13912345678"), "139****5678");
        assert_eq!(
            mask(PiiKind::Mobile, "+86 139-1234-5678"),
            "+86 139-****-5678"
        );
        assert_eq!(mask(PiiKind::Mobile, "008613912345678"), "0086139****5678");
        assert_eq!(mask(PiiKind::Landline, "010-12345678"), "010-******78");
        assert_eq!(mask(PiiKind::Landline, "(0731)84123456"), "(0731)******56");
        assert_eq!(
            mask(PiiKind::Landline, "+86-10-12345678"),
            "+86-10-******78"
        );
        assert_eq!(
            mask(PiiKind::Landline, "0086 731 8412345"),
            "0086 731 *****45"
        );
        assert_eq!(mask(PiiKind::Landline, "07318412345"), "0731*****45");
        assert_eq!(
            mask(PiiKind::BankCard, "6228480012345678903"),
            "***************8903"
        );
        assert_eq!(
            mask(PiiKind::BankCard, "6228 4800 1234 5678 903"),
            "**** **** **** ***8 903"
        );
        assert_eq!(
            mask(PiiKind::Email, "li.ming@example.com"),
            "l******@example.com"
        );
        assert_eq!(mask(PiiKind::Document, "E12345678"), "E******78");
        assert_eq!(
            mask(PiiKind::Public, "91350100M000100Y43"),
            "91350100M000100Y43"
        );
        assert_eq!(mask(PiiKind::Other, "绝密★1年"), "*****");
        assert_eq!(
            mask(PiiKind::Address, "郴州市北湖区人民路88号5栋302室"),
            "郴州市北湖区************"
        );
        assert_eq!(
            mask(PiiKind::Address, "宜章县梅田镇桐木村三组"),
            "宜章县梅田镇*****"
        );
        assert_eq!(mask(PiiKind::Address, "阳光小区5-2-302"), "***********");
        assert_eq!(mask(PiiKind::PersonName, "王小明"), "王**");
        assert_eq!(mask(PiiKind::PersonName, "欧阳明"), "欧阳*");
    }

    #[test]
    fn masks_keep_length_and_are_idempotent() {
        let values = [
            (PiiKind::ResidentId, "440305198706123413"),
            (PiiKind::ResidentId, "11010519491231002x"),
            (PiiKind::ResidentId, "110108900307123"),
            (PiiKind::Mobile, "+86 138 0013 8000"),
            (PiiKind::Mobile, "(+86)13800138000"),
            (PiiKind::Landline, "(010) 6512 3456"),
            (PiiKind::Landline, "+86 731 84123456"),
            (PiiKind::BankCard, "4111-1111-1111-1111"),
            (PiiKind::Email, "张@例子.中国"),
            (PiiKind::Document, "MA1234567"),
            (PiiKind::Other, "内部资料"),
            (PiiKind::Address, "郴州市北湖区人民路88号5栋302室"),
            (PiiKind::Address, "湖南省宜章县梅田镇桐木村三组"),
            (PiiKind::PersonName, "李红"),
            (PiiKind::Email, "no-at-sign"),
            (PiiKind::Mobile, ""),
        ];
        for (kind, v) in values {
            let m = mask(kind, v);
            assert_eq!(m.chars().count(), v.chars().count(), "{v}");
            assert_eq!(mask(kind, &m), m, "{v}");
        }
    }
}
