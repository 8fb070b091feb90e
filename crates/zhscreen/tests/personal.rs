//! Home addresses, protected names and sensitive combinations, measured.
//!
//! - A generator with a fixed seed writes residential addresses in context (many forms: full or
//!   partial, villages with 组, 小区 names, full-width digits, 5-2-302) and institution
//!   addresses (政务服务中心位于…, 办公地址, 活动地点, hospitals, schools, government buildings).
//!   Recall of residential addresses must be at least 0.95, institution addresses at `review` at
//!   most 2%, and redaction must keep the administrative part and hide the rest.
//! - The State Council work reports and the seed regulations gain no `home_address` or
//!   `protected_name` finding at `review`, under either names policy.
//! - The annotated cases of `tests/cases/home_address.jsonl` and `protected_names.jsonl` are run
//!   by the accuracy suite (`corpus.rs`); the notes of their sensitive cases are checked here.
//!
//! The generator's place names are its own (not the detector's data): the detector reads
//! suffixes, so any name must do.

#![allow(clippy::print_stdout)] // the measurements are printed with --nocapture

mod common;

use common::{repo, screener};
use serde_json::Value;
use zhscreen::{Finding, NamesPolicy, Screener, Severity};

const ADDRESS: &str = "personal_info/home_address";
const NAME: &str = "personal_info/protected_name";

/// splitmix64: a fixed-seed generator, so every run writes the same texts.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn num(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

const PROVINCES: &[&str] = &[
    "湖南省",
    "湖北省",
    "广东省",
    "江西省",
    "广西壮族自治区",
    "贵州省",
];
const CITIES: &[&str] = &[
    "郴州市",
    "长沙市",
    "株洲市",
    "衡阳市",
    "岳阳市",
    "常德市",
    "怀化市",
    "永州市",
    "湘西土家族苗族自治州",
    "邵阳市",
    "娄底市",
    "益阳市",
    "张家界市",
    "赣州市",
    "韶关市",
    "桂林市",
];
const COUNTIES: &[&str] = &[
    "北湖区",
    "苏仙区",
    "宜章县",
    "汝城县",
    "桂东县",
    "永兴县",
    "资兴市",
    "芙蓉区",
    "天心区",
    "雨花区",
    "望城区",
    "浏阳市",
    "攸县",
    "茶陵县",
    "祁东县",
    "耒阳市",
    "平江县",
    "临湘市",
    "桃源县",
    "石门县",
    "鹤城区",
    "沅陵县",
    "江华瑶族自治县",
    "道县",
    "新化县",
    "冷水江市",
    "安化县",
    "凤凰县",
    "慈利县",
];
const TOWNS: &[&str] = &[
    "梅田镇",
    "城关镇",
    "土桥镇",
    "便江镇",
    "唐洞街道",
    "集里街道",
    "高塘岭街道",
    "潇浦镇",
    "永乐江镇",
    "上梅街道",
    "卢峰镇",
    "沱江镇",
    "长青街道",
    "文昌街道",
    "黄沙坪街道",
    "白露塘镇",
    "良田镇",
    "莽山瑶族乡",
    "大塘乡",
    "五里牌镇",
];
const VILLAGES: &[&str] = &[
    "桐木村",
    "东山村",
    "塘门口村",
    "西瑶村",
    "向光村",
    "观山洞村",
    "新田村",
    "石桥村",
    "芙蓉社区",
    "北塔社区",
    "城东社区",
    "和平村",
    "朝阳社区",
    "大坪村",
    "黄泥塘村",
    "十里铺村",
];
const ROADS: &[&str] = &[
    "人民路",
    "解放路",
    "建设南路",
    "青年中路",
    "五一大道",
    "劳动东路",
    "湘江中路",
    "郭亮北路",
    "先锋路",
    "国庆南路",
    "桃花仑东路",
    "迎丰中路",
    "紫阳路",
    "沿溪路",
    "文化街",
    "向东街",
    "兴隆巷",
    "西湖路",
    "健康路",
    "燕泉路",
    "芙蓉中路",
    "韶山南路",
    "书院路",
    "友谊大道",
];
const COMPLEXES: &[&str] = &[
    "阳光小区",
    "金色家园",
    "幸福家园小区",
    "德峰小区",
    "翰林苑",
    "碧桂园",
    "滨江花园",
    "锦绣华庭",
    "东方名苑",
    "枫林新村",
    "龙湖山庄",
    "湘江世纪城",
    "水岸公馆",
    "教师宿舍",
    "电力新村",
    "紫荆园",
];
const CN_NUM: &[&str] = &[
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
];

/// `n` in ASCII or full-width digits.
fn digits(_rng: &mut Rng, n: usize, wide: bool) -> String {
    let s = n.to_string();
    if !wide {
        return s;
    }
    s.chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
        .collect()
}

/// A residential address: `(admin part kept by redaction, the rest)`.
fn residential(rng: &mut Rng) -> (String, String) {
    let wide = rng.chance(20);
    let mut admin = String::new();
    if rng.chance(25) {
        admin.push_str(rng.pick(PROVINCES));
    }
    if rng.chance(60) {
        admin.push_str(rng.pick(CITIES));
    }
    admin.push_str(rng.pick(COUNTIES));
    let town = rng.chance(50);
    if town {
        admin.push_str(rng.pick(TOWNS));
    }
    let mut rest = String::new();
    match rng.below(6) {
        // village and group
        0 | 1 => {
            if !town {
                admin.push_str(rng.pick(TOWNS));
            }
            rest.push_str(rng.pick(VILLAGES));
            if rng.chance(50) {
                let n = rng.num(1, 12);
                rest.push_str(&digits(rng, n, wide));
            } else {
                rest.push_str(rng.pick(CN_NUM));
            }
            rest.push('组');
        }
        // road, number, building, unit, room
        2 | 3 => {
            rest.push_str(rng.pick(ROADS));
            let n = rng.num(1, 399);
            rest.push_str(&digits(rng, n, wide));
            rest.push('号');
            if rng.chance(40) {
                rest.push_str(rng.pick(COMPLEXES));
            }
            match rng.below(4) {
                0 => {}
                1 => {
                    let b = rng.num(1, 30);
                    rest.push_str(&format!("{}栋", digits(rng, b, wide)));
                    let r = rng.num(101, 2804);
                    rest.push_str(&format!("{}室", digits(rng, r, wide)));
                }
                2 => {
                    let b = rng.num(1, 30);
                    let u = rng.num(1, 6);
                    let r = rng.num(101, 2804);
                    rest.push_str(&format!(
                        "{}栋{}单元{}",
                        digits(rng, b, wide),
                        digits(rng, u, wide),
                        digits(rng, r, wide)
                    ));
                    if rng.chance(60) {
                        rest.push('室');
                    }
                }
                _ => {
                    let b = rng.num(1, 30);
                    let u = rng.num(1, 6);
                    let r = rng.num(101, 2804);
                    rest.push_str(&format!("{b}-{u}-{r}"));
                }
            }
        }
        // complex, building, unit, room
        4 => {
            rest.push_str(rng.pick(COMPLEXES));
            let b = rng.num(1, 30);
            if rng.chance(50) {
                rest.push_str(&format!("{}号楼", digits(rng, b, wide)));
            } else {
                rest.push_str(&format!("{}栋", digits(rng, b, wide)));
            }
            if rng.chance(70) {
                let u = rng.num(1, 6);
                rest.push_str(&format!("{}单元", digits(rng, u, wide)));
            }
            let r = rng.num(101, 2804);
            rest.push_str(&format!("{}室", digits(rng, r, wide)));
        }
        // road and number only (needs a context word)
        _ => {
            rest.push_str(rng.pick(ROADS));
            let n = rng.num(1, 399);
            rest.push_str(&format!("{}号", digits(rng, n, wide)));
        }
    }
    if rng.chance(20) {
        // partial: no administrative part
        admin.clear();
    }
    (admin, rest)
}

const PEOPLE: &[&str] = &[
    "王某某",
    "李某",
    "张某",
    "刘某某",
    "陈某",
    "申请人",
    "当事人周某",
    "户主",
    "失主",
];

/// A residential address in a sentence: `(text, address)`.
fn residential_sentence(rng: &mut Rng) -> (String, String, String) {
    let (admin, rest) = residential(rng);
    let addr = format!("{admin}{rest}");
    let who = rng.pick(PEOPLE);
    let tail_ok =
        rest.contains(['栋', '室', '单', '-']) || (rest.ends_with('组') && !admin.is_empty());
    let context = [
        "家住",
        "住址：",
        "现住",
        "户籍地址：",
        "居住地：",
        "家庭住址为",
        "暂住",
        "现居",
        "户籍地为",
        "家庭地址：",
        "住所地",
    ];
    let text = match rng.below(if tail_ok { 6 } else { 4 }) {
        0 => format!("{who}，{}{addr}，现申请临时救助。", rng.pick(&context)),
        1 => format!("经核实，{who}{}{addr}。", rng.pick(&context)),
        2 => format!("{who}，男，汉族，1975年生，住{addr}。"),
        3 => format!("{}{addr}的{who}反映，", rng.pick(&context)),
        4 => format!("{who}，{addr}，"),
        _ => format!("收件人：{who}，地址：{addr}"),
    };
    (text, admin, rest)
}

const INSTITUTIONS: &[&str] = &[
    "县政务服务中心",
    "县人民医院",
    "市第一中学",
    "县实验小学",
    "县人民政府",
    "县民政局",
    "市中心血站",
    "县疾控中心",
    "市图书馆",
    "县人社局",
    "县法院诉讼服务中心",
    "市民之家",
    "县妇幼保健院",
    "区行政审批服务局",
    "县退役军人服务站",
    "镇卫生院",
    "县第二幼儿园",
    "县档案馆",
];

/// An institution's address in a sentence.
fn institution_sentence(rng: &mut Rng) -> String {
    let (admin, _) = residential(rng);
    let road = rng.pick(ROADS);
    let n = rng.num(1, 399);
    let floor = rng.num(1, 12);
    let room = floor * 100 + rng.num(1, 20);
    let b = rng.num(1, 9);
    let inst = rng.pick(INSTITUTIONS);
    let addr = match rng.below(4) {
        0 => format!("{admin}{road}{n}号"),
        1 => format!("{admin}{road}{n}号{b}栋"),
        2 => format!("{road}{n}号{b}号楼{room}室"),
        _ => format!("{admin}{road}{n}号{b}栋{floor}楼{room}室"),
    };
    match rng.below(8) {
        0 => format!("{inst}位于{addr}，办理时间为工作日。"),
        1 => format!("办公地址：{addr}"),
        2 => format!("活动地点：{addr}{inst}"),
        3 => format!("{inst}（{addr}）"),
        4 => format!("{inst}办公地点：{addr}"),
        5 => format!("报名地点：{addr}，{inst}。"),
        6 => format!("{inst}已迁至{addr}办公。"),
        _ => format!("培训在{inst}（{addr}）举行。"),
    }
}

fn review_of<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings
        .iter()
        .filter(|f| f.rule == rule && f.severity >= Severity::Review)
        .collect()
}

#[test]
fn generated_addresses_recall_and_institution_rate() {
    let screener = screener();
    let mut rng = Rng(0x2024_1207);
    let (mut found, mut total, mut masked_ok) = (0, 0, 0);
    let mut misses = Vec::new();
    for _ in 0..3000 {
        let (text, admin, rest) = residential_sentence(&mut rng);
        total += 1;
        let report = screener.scan(&text);
        let addr_start = text.find(&format!("{admin}{rest}")).unwrap();
        let rest_start = addr_start + admin.len();
        let rest_end = rest_start + rest.len();
        let hit = review_of(&report.findings, ADDRESS)
            .into_iter()
            .any(|f| f.start <= rest_start && f.end >= rest_end);
        if hit {
            found += 1;
            let red = screener.redact(&text).text;
            // the administrative part stays, the rest is hidden
            if red.contains(&format!("{admin}{}", "*".repeat(rest.chars().count()))) {
                masked_ok += 1;
            } else if misses.len() < 40 {
                misses.push(format!("mask: {text} -> {red}"));
            }
        } else if misses.len() < 40 {
            misses.push(format!("miss: {text} {:?}", report.findings));
        }
    }
    let (mut inst_flagged, mut inst_total) = (0, 0);
    let mut fps = Vec::new();
    for _ in 0..2000 {
        let text = institution_sentence(&mut rng);
        inst_total += 1;
        let report = screener.scan(&text);
        if !review_of(&report.findings, ADDRESS).is_empty() {
            inst_flagged += 1;
            if fps.len() < 20 {
                fps.push(text);
            }
        }
    }
    let recall = found as f64 / total as f64;
    let mask_rate = masked_ok as f64 / found.max(1) as f64;
    let fp = inst_flagged as f64 / inst_total as f64;
    println!(
        "\nhome addresses (generator, seed 0x20241207): recall {found}/{total} = {recall:.4}; \
         masked as documented {masked_ok}/{found} = {mask_rate:.4}; \
         institution addresses at review {inst_flagged}/{inst_total} = {:.2}%",
        fp * 100.0
    );
    for m in &misses {
        println!("  {m}");
    }
    for f in &fps {
        println!("  institution flagged: {f}");
    }
    assert!(recall >= 0.95, "recall {recall:.4} < 0.95");
    assert!(
        mask_rate >= 0.99,
        "masked as documented {mask_rate:.4} < 0.99"
    );
    assert!(
        fp <= 0.02,
        "institution addresses at review {:.2}% > 2%",
        fp * 100.0
    );
}

#[test]
fn work_reports_and_seeds_gain_no_personal_findings() {
    let strict = Screener::builder()
        .names(NamesPolicy::protect().with_relief_recipients(true))
        .build()
        .unwrap();
    let mut texts = common::work_report_sentences();
    let n_sentences = texts.len();
    texts.extend(common::seeds().into_iter().map(|(_, text)| text));
    let default = screener();
    let mut bad = Vec::new();
    let mut warn_names = 0;
    for t in &texts {
        let r = strict.scan(t);
        for f in &r.findings {
            if (f.rule == ADDRESS || f.rule == NAME) && f.severity >= Severity::Review {
                bad.push(format!("{} {:?}", f.rule, f.text));
            }
        }
        warn_names += default
            .scan(t)
            .findings
            .iter()
            .filter(|f| f.rule == NAME)
            .count();
    }
    println!(
        "\nwork reports ({n_sentences} sentences) and seeds: {} address/name findings at review \
         under --names protect; {warn_names} names at warn by default",
        bad.len()
    );
    assert!(bad.is_empty(), "{bad:?}");
}

#[test]
fn sensitive_cases_say_so_in_the_note() {
    let screener = screener();
    let path = repo().join("tests/cases/protected_names.jsonl");
    let mut checked = 0;
    for (_, v) in common::jsonl(&path) {
        let t = v["text"].as_str().unwrap();
        for spec in v["expect"].as_array().into_iter().flatten() {
            let Some(want) = spec.get("note").and_then(Value::as_str) else {
                continue;
            };
            let m = spec["match"].as_str().unwrap();
            let a = t.find(m).unwrap();
            let r = screener.scan(t);
            let hit = r.findings.iter().any(|f| {
                f.start < a + m.len()
                    && f.end > a
                    && f.note.as_deref().is_some_and(|n| n.contains(want))
            });
            assert!(
                hit,
                "{}: no finding with note {want:?}: {:?}",
                v["id"], r.findings
            );
            checked += 1;
        }
    }
    assert!(checked >= 15, "{checked}");
    // and not without a sensitive word in the sentence
    let r = screener.scan("家住郴州市北湖区人民路88号5栋302室，手机13800138000。");
    assert!(r
        .findings
        .iter()
        .all(|f| !f.note.as_deref().unwrap_or("").contains("敏感")));
}
