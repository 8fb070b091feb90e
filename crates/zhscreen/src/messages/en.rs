//! English: plain technical sentences for developers and foreign-language desks (the notes
//! zhscreen wrote before it spoke Chinese).

use super::Messages;
use crate::detect::bank_card::CardIssuer;
use crate::detect::passport::DocumentFormat;
use crate::detect::resident_id::IdHolder;

/// The English catalogue.
#[derive(Debug, Clone, Copy, Default)]
pub struct En;

/// `; context 联系电话`, or nothing.
fn context(word: Option<&str>) -> String {
    word.map(|w| format!("; context {w}")).unwrap_or_default()
}

impl Messages for En {
    fn mobile(&self, segment: &str, ctx: Option<&str>) -> String {
        format!(
            "mainland mobile number, allocated segment {segment}{}",
            context(ctx)
        )
    }

    fn resident_id(&self, holder: IdHolder, ctx: Option<&str>) -> String {
        let holder = match holder {
            IdHolder::Mainland => "",
            IdHolder::HongKong => "; residence permit for Hong Kong residents (810000)",
            IdHolder::Macau => "; residence permit for Macau residents (820000)",
            IdHolder::Taiwan => "; residence permit for Taiwan residents (830000)",
            IdHolder::Foreigner => "; foreigner's permanent residence card",
        };
        format!("valid GB 11643 check digit{holder}{}", context(ctx))
    }

    fn resident_id_15(&self, division: &str, birth: &str, ctx: Option<&str>) -> String {
        format!(
            "15-digit first-generation ID: division code {division} and birth date 19{birth}, no check digit{}",
            context(ctx)
        )
    }

    fn landline(
        &self,
        area: &str,
        extension: Option<&str>,
        public_contact: Option<&str>,
        ctx: Option<&str>,
    ) -> String {
        let mut note = format!("landline, area code {area}");
        if let Some(x) = extension {
            note.push_str(", extension ");
            note.push_str(x);
        }
        match public_contact {
            Some(w) => {
                note.push_str("; public contact (");
                note.push_str(w);
                note.push(')');
            }
            None => note.push_str(&context(ctx)),
        }
        note
    }

    fn bank_card(&self, digits: usize, issuer: Option<CardIssuer>, ctx: Option<&str>) -> String {
        let issuer = match issuer {
            Some(CardIssuer::UnionPay) => ", UnionPay IIN 62",
            Some(CardIssuer::Domestic60) => ", domestic IIN 60",
            Some(CardIssuer::Domestic95) => ", domestic IIN 95",
            Some(CardIssuer::Visa) => ", Visa IIN 4",
            Some(CardIssuer::Mastercard5) => ", Mastercard IIN 5",
            Some(CardIssuer::Mastercard2) => ", Mastercard IIN 2",
            Some(CardIssuer::Jcb) => ", JCB IIN 35",
            None => "",
        };
        format!(
            "Luhn-valid {digits}-digit card number{issuer}{}",
            context(ctx)
        )
    }

    fn email(&self, government: bool, ctx: Option<&str>) -> String {
        let what = if government {
            "e-mail address on a government domain (gov.cn): an office's mailbox"
        } else {
            "e-mail address"
        };
        format!("{what}{}", context(ctx))
    }

    fn travel_document(&self, format: DocumentFormat, ctx: Option<&str>) -> String {
        use DocumentFormat as F;
        let what = match format {
            F::PassportE8 => "ordinary passport format (E + 8 digits)",
            F::PassportEL7 => "ordinary passport format (E + letter + 7 digits)",
            F::PassportG8 => "ordinary passport format, older series (G + 8 digits)",
            F::OfficialPassport => "service or diplomatic passport format (SE/DE/PE + 7 digits)",
            F::HongKongPassportK8 => "HKSAR passport format (K + 8 digits)",
            F::HongKongPassportH8 => "HKSAR passport format (H + 8 digits)",
            F::MacauPassport => "MSAR passport format (MA + 7 digits)",
            F::HomeReturn8 => "回乡证 format (H/M + 8 digits)",
            F::HomeReturn10 => "回乡证 format, older (H/M + 10 digits)",
            F::HkMacauPermitC8 => "往来港澳通行证 format (C + 8 digits)",
            F::HkMacauPermitCL7 => "往来港澳通行证 format (C + letter + 7 digits)",
            F::HkMacauPermitW8 => "往来港澳通行证 format, older (W + 8 digits)",
            F::TaiwanPermitL8 => "大陆居民往来台湾通行证 format (L + 8 digits)",
            F::TaiwanPermitT8 => "大陆居民往来台湾通行证 format, older (T + 8 digits)",
            F::CompatriotPermit => "台胞证 format (8 digits)",
        };
        format!("{what}{}", context(ctx))
    }

    fn uscc(&self, ctx: Option<&str>) -> String {
        format!(
            "valid GB 32100 check character and organisation-code check: an organisation's code, not personal{}",
            context(ctx)
        )
    }

    fn classification_mark(&self) -> String {
        "classification mark: a classified document must not be published".to_string()
    }

    fn bare_classification_level(&self) -> String {
        "classification level alone on its line (1999 document format)".to_string()
    }

    fn counter_context(&self, note: Option<&str>, word: &str) -> String {
        let why = format!("counter-context 「{word}」 in the same sentence: likely publicity or reporting against it; lowered from block to review");
        match note {
            Some(n) => format!("{n}; {why}"),
            None => why,
        }
    }
}
