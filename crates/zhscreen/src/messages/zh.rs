//! 中文（默认）：按县级审核人员的说法写——是什么、凭什么认定、上下文哪个词提示、该怎么处理。
//! 标点用全角（，；：（）“”），不夹英文短语。

use super::{ByteFault, InputKind, InputProblem, Messages, SheetWords, StatsWords};
use crate::category::{Category, Gate, Severity, Verdict};
use crate::detect::bank_card::CardIssuer;
use crate::detect::passport::DocumentFormat;
use crate::detect::person_name::Group;
use crate::detect::resident_id::IdHolder;
use crate::detect::sensitive::Kind as SensitiveKind;
use crate::lists::HostKind;
use crate::signoff::SignOffLevel;

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

    fn home_address(&self, word: &str) -> String {
        format!("个人住址，上下文“{word}”{DEIDENTIFY}，至多保留到县（区）、乡镇")
    }

    fn home_address_by_tail(&self, tail: &str) -> String {
        format!("住宅地址（具体到“{tail}”），如为个人住址建议去标识化，至多保留到县（区）、乡镇")
    }

    fn protected_name(&self, group: Group, word: &str) -> String {
        let who = match group {
            Group::Patient => "患者",
            Group::Minor => "未成年人",
            Group::Student => "学生",
            Group::Victim => "受害人",
            Group::Party => "案件当事人",
            Group::Relief => "救助对象",
        };
        format!("{who}姓名，上下文“{word}”，不宜公开全名，建议只保留姓氏（如王**）")
    }

    fn sensitive_combination(&self, note: Option<&str>, kind: SensitiveKind, word: &str) -> String {
        let what = match kind {
            SensitiveKind::Health => "健康状况",
            SensitiveKind::MinorSchool => "未成年人就读学校",
            SensitiveKind::Criminal => "刑事案件",
        };
        let why = format!("属敏感个人信息（个人信息保护法第二十八条）：与{what}（“{word}”）同句");
        match note {
            Some(n) => format!("{n}；{why}"),
            None => why,
        }
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

    fn frame_context(&self, note: Option<&str>, word: &str) -> String {
        let why = format!(
            "所在段落或全文以“{word}”开头，属警示、宣传教育或依法处理的语境，已由禁止发布降为需复核"
        );
        match note {
            Some(n) => format!("{n}；{why}"),
            None => why,
        }
    }

    fn quoted_condemnation(&self, note: Option<&str>, word: &str) -> String {
        let why = format!("加引号并与“{word}”等批驳用语同句，属官方规范用法，仅作提示");
        match note {
            Some(n) => format!("{n}；{why}"),
            None => why,
        }
    }

    fn repost_no_source(&self) -> String {
        "转载未注明来源：转载须注明信息来源（神木办法第十三条（二）；维西制度第七条）".to_string()
    }

    fn source_not_publisher(&self, name: &str) -> String {
        format!("来源“{name}”不是稿源单位：原则上只转载党委和政府网站以及有关主管部门确定的稿源单位发布的信息（XX区制度第八条；神木办法第十三条（二）；维西制度第七条）")
    }

    fn source_not_approved(&self, name: &str) -> String {
        format!("来源“{name}”不在认可的稿源单位名单中，请核实；确属稿源单位的，可加入本单位的稿源名单（XX区制度第八条；维西制度第七条）")
    }

    fn title_chain(&self, titles: usize) -> String {
        format!("职务称谓{titles}个：县级领导新闻报道中的职务称谓根据会议活动内容确定，不必报道担任的全部职务，一般不超过2个，建议保留前两个（维西制度第四条（一））")
    }

    fn link_commercial(&self, kind: HostKind, host: &str) -> String {
        let what = match kind {
            HostKind::Shortlink => {
                return format!("短链接“{host}”：看不出目标页面，请展开核实；不得链接商业广告页面（XX区制度第八条；维西制度第七条；郴州制度第七条）");
            }
            HostKind::Gov => "政府网站",
            HostKind::Approved => "认可网站",
            HostKind::Ecommerce => "电商网站",
            HostKind::Marketplace => "交易或生活服务平台",
            HostKind::Shop => "网店或小程序商城",
            HostKind::Ad => "广告或推广落地页",
        };
        format!("链接到{what}“{host}”：不得刊登商业广告或链接商业广告页面（XX区制度第八条；维西制度第七条；郴州制度第七条）")
    }

    fn link_unknown(&self, host: &str) -> String {
        format!("外部链接，主机“{host}”：不在政府网站和认可网站名单中，请核实链接内容")
    }

    fn forced_engagement(&self, action: &str, marker: &str) -> String {
        format!("“{marker}”使“{action}”成为强制要求：不得强制要求群众下载使用移动客户端或点赞、转发信息（XX区制度第十五条；神木办法第十九条）；“欢迎关注”式的邀请不在此列")
    }

    fn signer(&self, level: SignOffLevel) -> String {
        match level {
            SignOffLevel::Standard => "分管负责人终审",
            SignOffLevel::Important => "分管领导审定签发",
            SignOffLevel::Major => "主要负责人审签，发布前报县（市）政府办公室审核",
        }
        .to_string()
    }

    fn sign_off_level(&self, level: SignOffLevel) -> &'static str {
        match level {
            SignOffLevel::Standard => "一般信息",
            SignOffLevel::Important => "重要信息",
            SignOffLevel::Major => "重大信息",
        }
    }

    fn sign_off_line(&self, level: &str, signer: &str) -> String {
        format!("签批：{level}，{signer}")
    }

    fn sign_off_reason_line(&self, word: &str, line: usize, col: usize, note: &str) -> String {
        format!("因“{word}”（第{line}行第{col}列）：{note}")
    }

    fn sign_off_reason(&self, level: SignOffLevel) -> String {
        match level {
            SignOffLevel::Standard => "一般信息由分管负责人终审后发布（郴州制度第十四条）",
            SignOffLevel::Important => "重要信息由主办单位分管领导审定签发；涉及县级领导和其他单位工作内容的，提前报有关单位和人员审定（维西制度第九条（二））",
            SignOffLevel::Major => "重大、突发、敏感信息由主办单位主要负责人审签，发布前报县政府办公室审核（维西制度第四条（二）、第九条（二）；郴州制度第十四条）",
        }
        .to_string()
    }

    fn severity(&self, severity: Severity) -> &'static str {
        match severity {
            Severity::Info => "提示",
            Severity::Warn => "建议修改",
            Severity::Review => "需复核",
            Severity::Block => "禁止发布",
        }
    }

    fn verdict(&self, verdict: Verdict) -> &'static str {
        match verdict {
            Verdict::Pass => "通过",
            Verdict::Warn => "建议修改后发布",
            Verdict::Review => "需人工复核",
            Verdict::Block => "不得发布",
        }
    }

    fn category(&self, category: Category) -> &'static str {
        category.label_zh()
    }

    fn gate(&self, gate: Gate) -> &'static str {
        gate.label_zh()
    }

    fn human_suggestion(&self, suggestion: &str) -> String {
        format!("建议改为 {suggestion}")
    }

    fn human_note(&self, note: &str) -> String {
        format!("说明：{note}")
    }

    fn human_input(&self, decoded_from: Option<&str>, kind: InputKind) -> Option<String> {
        let mut parts = Vec::new();
        if let Some(enc) = decoded_from {
            parts.push(format!("按 {enc} 编码解码"));
        }
        match kind {
            InputKind::WebPage => {
                parts.push("审核的是网页可见文字，位置为网页源码的行:列".to_string())
            }
            InputKind::Word => parts.push("审核的是 Word 文档各段，位置为段:字".to_string()),
            InputKind::Text | InputKind::Markdown => {}
        }
        (!parts.is_empty()).then(|| format!("说明：{}", parts.join("；")))
    }

    fn human_findings(&self, n: usize, counts: &str, hidden: usize) -> String {
        let what = if n == 0 {
            "未发现问题".to_string()
        } else {
            format!("发现 {n} 处问题（{counts}）")
        };
        if hidden > 0 {
            format!("{what}，另有 {hidden} 处低于 --min-severity 未显示")
        } else {
            what
        }
    }

    fn human_verdict(&self, what: &str, verdict: &str) -> String {
        format!("{what} —— 初筛结论：{verdict}")
    }

    fn human_run(
        &self,
        files: usize,
        verdicts: &str,
        findings: usize,
        counts: &str,
        hidden: usize,
        errors: usize,
    ) -> String {
        let mut line = format!(
            "共审核 {files} 个文件：{}",
            if verdicts.is_empty() { "无" } else { verdicts }
        );
        if findings > 0 {
            line.push_str(&format!("；问题 {findings} 处（{counts}）"));
        }
        if hidden > 0 {
            line.push_str(&format!("；另有 {hidden} 处未显示"));
        }
        if errors > 0 {
            line.push_str(&format!("；{errors} 个输入未能审核（见错误信息）"));
        }
        line
    }

    fn human_partial_verdict(&self, line: &str, verdict: Option<&str>) -> String {
        match verdict {
            Some(v) => format!("{line} —— 已审核文件的初筛结论：{v}"),
            None => format!("{line} —— 无初筛结论：没有审核任何文件"),
        }
    }

    fn sheet(&self) -> &'static SheetWords {
        &SHEET
    }

    fn sheet_title(&self, sheets: usize) -> String {
        if sheets == 1 {
            SHEET.title.to_string()
        } else {
            format!("{}（{sheets} 份）", SHEET.title)
        }
    }

    fn sheet_position(&self, line: usize, col: usize, paragraph: bool) -> (String, String) {
        let unit = if paragraph { "段" } else { "行" };
        (format!("第 {line} {unit}"), format!("第 {col} 字"))
    }

    fn sheet_gate_count(&self, n: usize) -> String {
        if n == 0 {
            "未发现问题".to_string()
        } else {
            format!("{n} 项")
        }
    }

    fn sheet_counts(&self, n: usize, counts: &str, hidden: usize) -> String {
        let shown = if n == 0 {
            "未发现问题".to_string()
        } else {
            format!("{n} 处：{counts}")
        };
        if hidden > 0 {
            format!("{shown}（另有 {hidden} 处低于 --min-severity 未列出）")
        } else {
            shown
        }
    }

    fn sheet_content(&self, kind: InputKind, encoding: &str) -> String {
        let what = match kind {
            InputKind::WebPage => "网页可见文字（位置为网页源码行列）",
            InputKind::Word => "Word 文档段落（位置为段落与字序）",
            InputKind::Markdown => "Markdown 文本",
            InputKind::Text => "纯文本",
        };
        format!("{what}，{encoding}")
    }

    fn sheet_ruleset(&self, version: &str) -> String {
        format!("zhscreen 规则 v{version}")
    }

    fn sheet_footer(&self, version: &str) -> String {
        format!("本表由 zhscreen {version} 生成；规则集指纹可据以复核初筛所用规则（全程留痕、有据可查）。")
    }

    fn wording_formulation(&self, canonical: &str) -> String {
        format!("固定表述应为“{canonical}”，不得增字、漏字、错字或颠倒字序")
    }

    fn typo_statistical(&self, found: &str, likely: &str, power: u32) -> String {
        let times = match power {
            0 => "数",
            1 => "十",
            2 => "百",
            3 => "千",
            4 => "万",
            5 => "十万",
            6 => "百万",
            7 => "千万",
            _ => "亿",
        };
        let confidence = match power {
            0..=5 => "中",
            6..=7 => "较高",
            _ => "高",
        };
        format!(
            "疑似错别字（统计模型判断，置信度{confidence}）：规范文本中“{likely}”比“{found}”常见约{times}倍以上，请核对"
        )
    }

    fn wording_leader_name(&self, canonical: &str, date: &str) -> String {
        format!("领导人姓名及职务应为“{canonical}”（领导人表{date}）")
    }

    fn wording_leader_title_typo(&self, canonical: &str, date: &str) -> String {
        format!("领导人职务表述应为“{canonical}”（领导人表{date}）")
    }

    fn wording_leader_title(
        &self,
        name: &str,
        title: &str,
        holders: &str,
        own: &str,
        date: &str,
    ) -> String {
        let held = if holders.is_empty() {
            String::new()
        } else {
            format!("，现任{title}为{holders}")
        };
        format!("{name}未担任{title}{held}；{name}的职务为{own}（领导人表{date}）")
    }

    fn wording_pbsc_order(&self, order: &str, date: &str) -> String {
        format!("中央政治局常委排序应为：{order}（领导人表{date}）")
    }

    fn wording_enumeration_order(&self, name: &str, order: &str) -> String {
        format!("“{name}”的规范顺序为：{order}")
    }

    fn wording_enumeration_member(&self, name: &str, order: &str) -> String {
        format!("“{name}”的规范表述为：{order}")
    }

    fn input_problem(&self, problem: &InputProblem) -> String {
        let at = |f: &ByteFault| {
            format!(
                "第 {} 行第 {} 列（第 {} 字节）起有无效字节，共 {} 处",
                f.line, f.column, f.byte, f.sequences
            )
        };
        match problem {
            InputProblem::NotFound => "文件或目录不存在".into(),
            InputProblem::PermissionDenied => "没有读取权限".into(),
            InputProblem::Io(detail) => format!("无法读取（系统提示：{detail}）"),
            InputProblem::LegacyWord { ext } => format!(
                "不支持 .{ext} 格式（旧版二进制 Word/WPS 文档）：请另存为 .docx 或 .txt 后再审核"
            ),
            InputProblem::UnsupportedExtension { ext } => {
                format!("不支持 .{ext} 格式：请将文字导出为 .docx 或 .txt 后再审核")
            }
            InputProblem::UnsupportedZip => "不支持的格式：是压缩包，不是 Word 文档".into(),
            InputProblem::NotDocxContainer => {
                "不是有效的 .docx 文件（没有 zip 容器）：请用 Word 重新保存".into()
            }
            InputProblem::BinaryFile => "是二进制文件（含 NUL 字节），不是文本，不支持".into(),
            InputProblem::DamagedUtf8(f) => format!("UTF-8 文本已损坏：{}", at(f)),
            InputProblem::UnknownEncoding(f) => format!(
                "无法识别的编码（不是 UTF-8、UTF-16 或 GB18030/GBK 文本）：{}",
                at(f)
            ),
            InputProblem::InvalidUtf16 { encoding } => {
                format!("文本不是有效的 {encoding} 编码")
            }
            InputProblem::DocxZip(_) => {
                "不是有效的 .docx 文件（zip 容器已损坏）：请用 Word 重新保存".into()
            }
            InputProblem::DocxNoDocumentXml => {
                "不是 Word 文档：该 .docx 中没有 word/document.xml".into()
            }
            InputProblem::DocxTooLarge { mib, declared } => format!(
                "word/document.xml 解压后{} {mib} MiB，过大，无法审核",
                if *declared { "为" } else { "超过" }
            ),
            InputProblem::DocxRead(_) => {
                "无法读取 word/document.xml（压缩数据已损坏或不是 UTF-8 文本）：请用 Word 重新保存"
                    .into()
            }
            InputProblem::DocxMalformedXml { byte, .. } => format!(
                "word/document.xml 第 {byte} 字节处 XML 格式错误，文档已损坏：请用 Word 重新保存"
            ),
            InputProblem::DocxUnknownEntity { name, byte } => {
                format!("word/document.xml 第 {byte} 字节处有无法识别的实体 &{name};")
            }
        }
    }

    fn cli_error(&self, message: &str) -> String {
        format!("错误：{message}")
    }

    fn cli_warning(&self, message: &str) -> String {
        format!("警告：{message}")
    }

    fn cli_output_failed(&self, detail: &str) -> String {
        format!("无法写出结果（系统提示：{detail}）")
    }

    fn cli_no_files(&self) -> String {
        "没有可审核的文件：所给目录中没有 txt、md、html 或 docx 文件（可用 --glob 指定）".into()
    }

    fn cli_reading_stdin(&self) -> String {
        "正在读取标准输入（输入完毕按 Ctrl-D 结束）".into()
    }

    fn edit_nothing_to_change(&self, name: &str) -> String {
        format!("{name}：没有需要修改的内容，文件未改动")
    }

    fn edit_written(
        &self,
        name: &str,
        fixed: bool,
        spans: usize,
        encoding: &str,
        backup: Option<&str>,
    ) -> String {
        let what = if fixed { "修改" } else { "遮盖" };
        let backup = backup
            .map(|b| format!("，原文件备份为 {b}"))
            .unwrap_or_default();
        format!("{name}：已{what} {spans} 处（{encoding} 编码{backup}）")
    }

    fn lists_note(&self) -> &'static str {
        "提示"
    }

    fn lists_summary(
        &self,
        problems: usize,
        notes: usize,
        version: &str,
        fingerprint: &str,
    ) -> (String, String) {
        let verdict = if problems == 0 {
            "词表检查通过".to_string()
        } else {
            format!("{problems} 个问题待修改")
        };
        let notes = if notes > 0 {
            format!("（另有 {notes} 条提示）")
        } else {
            String::new()
        };
        (
            verdict,
            format!("{notes} —— 规则集 {version}，指纹 {fingerprint}"),
        )
    }

    fn lists_stats(&self) -> &'static StatsWords {
        &STATS
    }
}

static SHEET: SheetWords = SheetWords {
    title: "政务新媒体信息发布审核表",
    subtitle: "机器初筛 · 先审后发 · 三审三校",
    file: "文件",
    time: "初筛时间",
    content: "内容",
    ruleset: "规则集",
    verdict: "初筛结论",
    text_heading: "一、正文",
    legend: "问题处按严重程度标色：",
    legend_hint: "鼠标悬停可见类别、规则与建议",
    findings_heading: "二、问题清单",
    findings_hint: "按“五关”分组：政治关、法律关、政策关、保密关、文字关",
    columns: [
        "#",
        "位置",
        "级别",
        "类别",
        "原文",
        "建议改为",
        "规则 / 说明",
    ],
    signoff_heading: "三、审核签批",
    signoff_hint: "机器初筛不能代替人工审核，须经三审后发布",
    signoff: [
        ("初审", "责任编辑"),
        ("复审", "保密审查员"),
        ("终审", "分管领导"),
    ],
    signoff_fields: ["意见：", "签名：", "日期："],
    blank_date: "　　年　　月　　日",
    rule: "规则",
    suggestion: "建议改为",
    note: "说明",
    errors_heading: "未能审核的文件",
};

static STATS: StatsWords = StatsWords {
    columns: ["类别", "审核关", "词条数"],
    total: "词条合计",
    allows: "allow: 例外",
    counters: "counter: 语境词",
    detectors: "内置检测器",
    automaton_kib: "自动机 KiB",
    ruleset: ["规则集", "指纹"],
};
