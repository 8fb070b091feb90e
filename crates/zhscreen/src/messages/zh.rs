//! 中文（默认）：按县级审核人员的说法写——是什么、凭什么认定、上下文哪个词提示、该怎么处理。
//! 标点用全角（，；：（）“”），不夹英文短语。

use super::Messages;
use crate::detect::bank_card::CardIssuer;
use crate::detect::passport::DocumentFormat;
use crate::detect::resident_id::IdHolder;

/// The Chinese catalogue, the default.
#[derive(Debug, Clone, Copy, Default)]
pub struct Zh;

/// `，上下文“联系电话”`, or nothing.
fn context(word: Option<&str>) -> String {
    word.map(|w| format!("，上下文“{w}”")).unwrap_or_default()
}

const DEIDENTIFY: &str = "，建议去标识化";

impl Messages for Zh {
    fn mobile(&self, segment: &str, ctx: Option<&str>) -> String {
        format!("手机号码（{segment}号段）{}{DEIDENTIFY}", context(ctx))
    }

    fn resident_id(&self, holder: IdHolder, ctx: Option<&str>) -> String {
        let what = match holder {
            IdHolder::Mainland => "居民身份证号码（校验码、出生日期有效）",
            IdHolder::HongKong => "港澳台居民居住证号码（香港居民，810000开头，校验码有效）",
            IdHolder::Macau => "港澳台居民居住证号码（澳门居民，820000开头，校验码有效）",
            IdHolder::Taiwan => "港澳台居民居住证号码（台湾居民，830000开头，校验码有效）",
            IdHolder::Foreigner => "外国人永久居留身份证号码（校验码有效）",
        };
        format!("{what}{}{DEIDENTIFY}", context(ctx))
    }

    fn resident_id_15(&self, division: &str, birth: &str, ctx: Option<&str>) -> String {
        let what = format!("15位一代身份证号码（地区码{division}，出生日期19{birth}，无校验码）");
        match ctx {
            Some(_) => format!("{what}{}{DEIDENTIFY}", context(ctx)),
            None => format!("{what}，前文无证件提示，请核实是否为身份证号码"),
        }
    }

    fn landline(
        &self,
        area: &str,
        extension: Option<&str>,
        public_contact: Option<&str>,
        ctx: Option<&str>,
    ) -> String {
        let ext = extension.map(|x| format!("，分机{x}")).unwrap_or_default();
        let what = format!("固定电话（区号{area}{ext}）");
        match public_contact {
            Some(w) => format!("{what}，上下文“{w}”，属对外公开的工作电话，可以发布"),
            None => format!("{what}{}，如为个人电话建议去标识化", context(ctx)),
        }
    }

    fn bank_card(&self, digits: usize, issuer: Option<CardIssuer>, ctx: Option<&str>) -> String {
        let issuer = match issuer {
            Some(CardIssuer::UnionPay) => "，银联卡号段62开头",
            Some(CardIssuer::Domestic60) => "，国内发卡行60开头",
            Some(CardIssuer::Domestic95) => "，国内发卡行95开头",
            Some(CardIssuer::Visa) => "，Visa卡4开头",
            Some(CardIssuer::Mastercard5) => "，万事达卡5开头",
            Some(CardIssuer::Mastercard2) => "，万事达卡2开头",
            Some(CardIssuer::Jcb) => "，JCB卡35开头",
            None => "",
        };
        format!(
            "银行卡号（{digits}位{issuer}，校验位有效）{}{DEIDENTIFY}",
            context(ctx)
        )
    }

    fn email(&self, government: bool, ctx: Option<&str>) -> String {
        if government {
            format!(
                "电子邮箱（政府机关gov.cn域名）{}，属单位公开邮箱，可以发布",
                context(ctx)
            )
        } else {
            format!("电子邮箱地址{}，如为个人邮箱建议去标识化", context(ctx))
        }
    }

    fn travel_document(&self, format: DocumentFormat, ctx: Option<&str>) -> String {
        use DocumentFormat as F;
        let what = match format {
            F::PassportE8 => "普通护照号码（E字头加8位数字）",
            F::PassportEL7 => "普通护照号码（E加1位字母、7位数字）",
            F::PassportG8 => "旧版普通护照号码（G字头加8位数字）",
            F::OfficialPassport => "公务或外交护照号码（SE/DE/PE字头加7位数字）",
            F::HongKongPassportK8 => "香港特区护照号码（K字头加8位数字）",
            F::HongKongPassportH8 => "香港特区护照号码（H字头加8位数字）",
            F::MacauPassport => "澳门特区护照号码（MA字头加7位数字）",
            F::HomeReturn8 => "回乡证号码（H/M字头加8位数字）",
            F::HomeReturn10 => "旧版回乡证号码（H/M字头加10位数字）",
            F::HkMacauPermitC8 => "往来港澳通行证号码（C字头加8位数字）",
            F::HkMacauPermitCL7 => "往来港澳通行证号码（C加1位字母、7位数字）",
            F::HkMacauPermitW8 => "旧版往来港澳通行证号码（W字头加8位数字）",
            F::TaiwanPermitL8 => "大陆居民往来台湾通行证号码（L字头加8位数字）",
            F::TaiwanPermitT8 => "旧版大陆居民往来台湾通行证号码（T字头加8位数字）",
            F::CompatriotPermit => "台胞证号码（8位数字）",
        };
        format!("{what}{}{DEIDENTIFY}", context(ctx))
    }

    fn uscc(&self, ctx: Option<&str>) -> String {
        format!(
            "统一社会信用代码（校验码有效）{}，属单位代码、不是个人信息，可以公开",
            context(ctx)
        )
    }

    fn classification_mark(&self) -> String {
        "密级标志：涉密文件不得公开发布".to_string()
    }

    fn bare_classification_level(&self) -> String {
        "单独成行的密级（1999年版公文格式）".to_string()
    }

    fn counter_context(&self, note: Option<&str>, word: &str) -> String {
        let why = format!("同句有“{word}”，多为宣传教育或打击整治的报道，已由禁止发布降为需复核");
        match note {
            Some(n) => format!("{n}；{why}"),
            None => why,
        }
    }
}
