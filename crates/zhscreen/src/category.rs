//! The domain vocabulary shared by every output: categories, gates, severities, verdicts.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What kind of problem a finding is. The ids (`as_str`) are stable: every interface uses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Politically sensitive terms (art. 10 (1)-(3)).
    Political,
    /// Non-standard official or political wording, with the recommended wording.
    Expression,
    /// Classification marks and internal-document cues.
    Confidential,
    /// Personal data: resident ID, mobile, bank card, e-mail, passport...
    PersonalInfo,
    /// 淫秽色情.
    Pornography,
    /// 赌博.
    Gambling,
    /// 毒品.
    Drugs,
    /// 暴力、恐怖、教唆犯罪.
    ViolenceTerror,
    /// 邪教、封建迷信.
    CultSuperstition,
    /// 民族仇恨、民族歧视、宗教歧视.
    Discrimination,
    /// Rumour markers (紧急扩散, 速转).
    Rumor,
    /// 侮辱、诽谤.
    Insult,
    /// 煽动非法集会、聚众.
    IllegalAssembly,
    /// Commercial advertising, advertising-law absolute terms, contact solicitation.
    Advertising,
    /// Emotional personal opinion (情绪化个人观点).
    Opinion,
    /// Common wrong characters and words, with the correction.
    Typo,
    /// Publishing rules of the local regulations: reposts and their sources (转载须注明来源),
    /// leaders' title chains (职务称谓一般不超过2个), links to commercial pages, shop pointers, and
    /// demands that the public follow, download, like or forward (不得强制要求群众点赞、转发).
    Publishing,
}

impl Category {
    /// Every category, in the order of `docs/contract.md` (every interface lists them so).
    pub const ALL: [Category; 17] = [
        Category::Political,
        Category::Expression,
        Category::Confidential,
        Category::PersonalInfo,
        Category::Pornography,
        Category::Gambling,
        Category::Drugs,
        Category::ViolenceTerror,
        Category::CultSuperstition,
        Category::Discrimination,
        Category::Rumor,
        Category::Insult,
        Category::IllegalAssembly,
        Category::Advertising,
        Category::Opinion,
        Category::Typo,
        Category::Publishing,
    ];

    /// The stable id, e.g. `personal_info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Political => "political",
            Category::Expression => "expression",
            Category::Confidential => "confidential",
            Category::PersonalInfo => "personal_info",
            Category::Pornography => "pornography",
            Category::Gambling => "gambling",
            Category::Drugs => "drugs",
            Category::ViolenceTerror => "violence_terror",
            Category::CultSuperstition => "cult_superstition",
            Category::Discrimination => "discrimination",
            Category::Rumor => "rumor",
            Category::Insult => "insult",
            Category::IllegalAssembly => "illegal_assembly",
            Category::Advertising => "advertising",
            Category::Opinion => "opinion",
            Category::Typo => "typo",
            Category::Publishing => "publishing",
        }
    }

    /// Which of the five review gates (五关) the category belongs to.
    pub fn gate(self) -> Gate {
        match self {
            Category::Political | Category::Expression => Gate::Politics,
            Category::Confidential | Category::PersonalInfo => Gate::Secrecy,
            Category::Advertising | Category::Opinion | Category::Publishing => Gate::Policy,
            Category::Typo => Gate::Text,
            _ => Gate::Law,
        }
    }

    /// The severity a finding of this category has unless its rule says otherwise.
    pub fn default_severity(self) -> Severity {
        match self {
            Category::Expression
            | Category::PersonalInfo
            | Category::Rumor
            | Category::Insult
            | Category::Advertising
            | Category::Publishing => Severity::Review,
            Category::Opinion | Category::Typo => Severity::Warn,
            _ => Severity::Block,
        }
    }

    /// Whether a counter-context word (打击, 破获, 禁毒...) may lower findings of this category.
    ///
    /// Classification marks, personal data, wording and typos stay what they are whoever writes them.
    pub fn counterable(self) -> bool {
        !matches!(
            self,
            Category::Confidential | Category::PersonalInfo | Category::Expression | Category::Typo
        )
    }

    /// A short Chinese label for human-facing output.
    pub fn label_zh(self) -> &'static str {
        match self {
            Category::Political => "政治敏感",
            Category::Expression => "表述不规范",
            Category::Confidential => "涉密标识",
            Category::PersonalInfo => "个人信息",
            Category::Pornography => "淫秽色情",
            Category::Gambling => "赌博",
            Category::Drugs => "毒品",
            Category::ViolenceTerror => "暴力恐怖",
            Category::CultSuperstition => "邪教迷信",
            Category::Discrimination => "民族宗教歧视",
            Category::Rumor => "谣言",
            Category::Insult => "侮辱诽谤",
            Category::IllegalAssembly => "非法集会",
            Category::Advertising => "商业广告",
            Category::Opinion => "情绪化观点",
            Category::Typo => "错别字",
            Category::Publishing => "发布规范",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Category::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| {
                let ids: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
                format!(
                    "unknown category `{s}` (expected one of: {})",
                    ids.join(", ")
                )
            })
    }
}

/// The five review gates every post must pass (政治关, 法律关, 政策关, 保密关, 文字关).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gate {
    /// 政治关.
    Politics,
    /// 法律关.
    Law,
    /// 政策关.
    Policy,
    /// 保密关.
    Secrecy,
    /// 文字关.
    Text,
}

impl Gate {
    /// The stable id, e.g. `secrecy`.
    pub fn as_str(self) -> &'static str {
        match self {
            Gate::Politics => "politics",
            Gate::Law => "law",
            Gate::Policy => "policy",
            Gate::Secrecy => "secrecy",
            Gate::Text => "text",
        }
    }

    /// The Chinese name of the gate, e.g. `保密关`.
    pub fn label_zh(self) -> &'static str {
        match self {
            Gate::Politics => "政治关",
            Gate::Law => "法律关",
            Gate::Policy => "政策关",
            Gate::Secrecy => "保密关",
            Gate::Text => "文字关",
        }
    }
}

impl fmt::Display for Gate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a finding is, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// For the reviewer's information; leaves the verdict at `pass`.
    Info,
    /// A fix is suggested; the post may go on.
    Warn,
    /// A person must look again before it is published (反复审核).
    Review,
    /// Must not be published as it is.
    Block,
}

impl Severity {
    /// Every severity, lowest first.
    pub const ALL: [Severity; 4] = [
        Severity::Info,
        Severity::Warn,
        Severity::Review,
        Severity::Block,
    ];

    /// The stable id, e.g. `review`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Review => "review",
            Severity::Block => "block",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Severity::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| format!("unknown severity `{s}` (expected info, warn, review or block)"))
    }
}

/// The overall outcome of a scan: the highest severity found, or `pass`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Nothing found (or only `info` findings).
    Pass,
    /// Fixes suggested; may be published.
    Warn,
    /// A person must look again.
    Review,
    /// Must not be published as it is.
    Block,
}

impl Verdict {
    /// Every verdict, lowest first.
    pub const ALL: [Verdict; 4] = [
        Verdict::Pass,
        Verdict::Warn,
        Verdict::Review,
        Verdict::Block,
    ];

    /// The verdict a single finding of this severity gives.
    pub fn from_severity(s: Severity) -> Verdict {
        match s {
            Severity::Info => Verdict::Pass,
            Severity::Warn => Verdict::Warn,
            Severity::Review => Verdict::Review,
            Severity::Block => Verdict::Block,
        }
    }

    /// The stable id, e.g. `pass`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Review => "review",
            Verdict::Block => "block",
        }
    }

    /// Whether this verdict is at or above the given severity (for `--fail-on`).
    pub fn reaches(self, level: Severity) -> bool {
        self >= Verdict::from_severity(level) && self != Verdict::Pass
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Verdict {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Verdict::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| format!("unknown verdict `{s}` (expected pass, warn, review or block)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for c in Category::ALL {
            assert_eq!(c.as_str().parse::<Category>().unwrap(), c);
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
        }
        assert!("politics".parse::<Category>().is_err());
        assert_eq!(Category::ALL.len(), 17);
        assert_eq!(Category::Publishing.gate(), Gate::Policy);
        assert_eq!(Category::Publishing.default_severity(), Severity::Review);
    }

    #[test]
    fn verdict_order_and_fail_levels() {
        assert!(Verdict::Block > Verdict::Review);
        assert!(Verdict::Review.reaches(Severity::Review));
        assert!(!Verdict::Warn.reaches(Severity::Review));
        assert!(!Verdict::Pass.reaches(Severity::Info));
        assert_eq!(Verdict::from_severity(Severity::Info), Verdict::Pass);
    }
}
