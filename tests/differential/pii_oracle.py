#!/usr/bin/env python3
"""Differential test of zhscreen's personal-data detectors against independent implementations.

Oracles (installed from PyPI when missing, pinned):
  - python-stdnum 2.2: ``stdnum.cn.ric`` (resident IDs), ``stdnum.cn.uscc`` (credit codes),
    ``stdnum.luhn`` (bank cards);
  - phonenumbers 9.0.43 (Google's libphonenumber): CN mobile and fixed-line numbers.

With a fixed seed it generates thousands of valid and invalid values of each kind, writes each
inside a Chinese sentence (context words, full-width digits, separators, country prefixes), has
zhscreen scan the sentences, and compares zhscreen's findings with the oracle's verdict:

  - oracle says valid   -> zhscreen must report that rule over exactly the value's span;
  - oracle says invalid -> zhscreen must report no finding of that rule overlapping the value.

It prints the agreement per kind and exits 1 when any kind is below 99 % (2 on a usage error).

Where an oracle is known to be wrong or to check something else, the case is not counted in the
agreement but listed as an exclusion with its reason, together with how often zhscreen did what
its documentation says for those cases:

  - stdnum.cn.ric raises KeyError for some division codes (a 2.2 bug in ``get_birth_place``);
  - stdnum.cn.ric rejects codes missing from its table (Wikipedia's list) and codes whose county
    did not exist in the birth year, including valid historical and residence-permit codes
    (810000/820000/830000); zhscreen checks the province-level prefix only;
  - stdnum.cn.ric does not check that the birth date is not in the future; zhscreen does;
  - stdnum.cn.uscc requires digits in the first 8 positions, so it rejects the valid registering
    authorities N, Y and A (GB 32100-2015); it does not check the embedded GB 11714 organisation
    code, which zhscreen does;
  - a Luhn-valid 18-digit number that is also a valid resident ID or credit code is reported by
    that detector, not as a bank card (one value, one finding);
  - zhscreen checks a landline's area code by shape (010, 02x, 0 + 3 digits) and accepts local
    numbers starting with 1 (examples write 010-12345678); libphonenumber checks allocation, and
    accepts local numbers starting with 0 (the trunk prefix, which zhscreen rejects).

Usage:
  python3 tests/differential/pii_oracle.py                      # builds and runs the example
  python3 tests/differential/pii_oracle.py --emit cases.txt     # only write the sentences
  python3 tests/differential/pii_oracle.py --reports out.jsonl  # compare with reports made by
      cargo run --release -p zhscreen --example scan_jsonl < cases.txt > out.jsonl
"""

from __future__ import annotations

import argparse
import calendar
import collections
import datetime
import importlib
import json
import os
import random
import subprocess
import sys
from dataclasses import dataclass, field

SEED = 20240611
PER_KIND = 2500
THRESHOLD = 0.99
ORACLES = {"stdnum": "python-stdnum==2.2", "phonenumbers": "phonenumbers==9.0.43"}
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def ensure_oracles(install: bool) -> None:
    missing = []
    for module, requirement in ORACLES.items():
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(requirement)
    if not missing:
        return
    if not install:
        sys.exit(f"missing oracles: {' '.join(missing)} (pip install them, or drop --no-install)")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *missing], check=True)


@dataclass
class Case:
    kind: str
    rule: str
    value: str  # as written in the sentence
    prefix: str
    suffix: str
    oracle: bool | None  # the oracle's verdict; None when the oracle failed
    exclusion: str | None = None  # why the oracle's verdict is not counted
    documented: bool | None = None  # what zhscreen is documented to do for excluded cases
    fields: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.prefix + self.value + self.suffix

    @property
    def span(self) -> tuple[int, int]:
        return len(self.prefix), len(self.prefix) + len(self.value)


FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def maybe_fullwidth(rng: random.Random, s: str) -> str:
    return s.translate(FULLWIDTH) if rng.random() < 0.05 else s


# --------------------------------------------------------------------------------------------
# Resident IDs (GB 11643-1999)

RIC_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
PROVINCES = (
    list(range(11, 16)) + list(range(21, 24)) + list(range(31, 38)) + list(range(41, 47))
    + list(range(50, 55)) + list(range(61, 66))
)


def ric_check(body17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(body17, RIC_WEIGHTS)) % 11]


def division_codes() -> list[str]:
    """Six-digit county codes from python-stdnum's own table (so most generated IDs are ones
    the oracle can judge)."""
    import stdnum.cn

    path = os.path.join(os.path.dirname(stdnum.cn.__file__), "loc.dat")
    codes, province = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            if not line.startswith(" "):
                province = line.split()[0]
            else:
                sub = line.split()[0]
                if len(sub) == 4 and not sub.endswith("00") and province:
                    codes.append(province + sub)
    return codes


def zhscreen_ric_rules(v: str, today: datetime.date) -> bool:
    """zhscreen's documented rule for 18-character IDs (to explain exclusions, not to score)."""
    v = v.upper()
    if len(v) != 18 or not v[:17].isdigit() or ric_check(v[:17]) != v[17]:
        return False
    p = int(v[:2])
    if p in (81, 82, 83):
        ok = v[2:6] == "0000"
    elif v[0] == "9":
        ok = int(v[1:3]) in PROVINCES
    else:
        ok = p in PROVINCES or p == 71
    if not ok:
        return False
    try:
        born = datetime.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return False
    return datetime.date(1900, 1, 1) <= born <= today


def gen_ric(rng: random.Random, codes: list[str], today: datetime.date) -> Case:
    from stdnum.cn import ric
    from stdnum.exceptions import ValidationError

    r = rng.random()
    if r < 0.80:
        region = rng.choice(codes)
    elif r < 0.90:
        region = f"{rng.choice(PROVINCES)}{rng.randint(0, 9999):04d}"
    elif r < 0.95:
        region = rng.choice(["810000", "820000", "830000"])
    else:
        region = f"{rng.choice([0, 10, 16, 20, 38, 47, 60, 66, 70, 80, 84, 99]):02d}{rng.randint(0, 9999):04d}"
    r = rng.random()
    if r < 0.75:
        born = datetime.date(1930, 1, 1) + datetime.timedelta(days=rng.randint(0, 31000))
        date = born.strftime("%Y%m%d")
    elif r < 0.90:
        y = rng.randint(1930, 2015)
        non_leap = rng.choice([y2 for y2 in range(1930, 2016) if not calendar.isleap(y2)])
        date = rng.choice([
            f"{non_leap}0229", f"{y}0230", f"{y}0431", f"{y}0631", f"{y}0001",
            f"{y}1301", f"{y}0100", f"{y}0132", f"{y}1232",
        ])
    else:
        date = (today + datetime.timedelta(days=rng.randint(1, 3650))).strftime("%Y%m%d")
    body = region + date + f"{rng.randint(0, 999):03d}"
    check = ric_check(body)
    if rng.random() < 0.2:
        check = rng.choice([c for c in "0123456789X" if c != check])
    if check == "X" and rng.random() < 0.5:
        check = "x"
    value = body + check
    expected = zhscreen_ric_rules(value, today)
    exclusion = None
    try:
        oracle = ric.is_valid(value)
    except KeyError:
        oracle, exclusion = None, "python-stdnum 2.2 raises KeyError on this division code"
    if exclusion is None and oracle and not expected:
        try:
            future = ric.get_birth_date(value) > today
        except ValidationError:
            future = False
        if future:
            exclusion = "python-stdnum does not check that the birth date is not in the future"
    if exclusion is None and not oracle and expected:
        if value[:2] in ("81", "82", "83"):
            exclusion = "python-stdnum lacks the residence-permit codes 810000/820000/830000"
        else:
            exclusion = ("python-stdnum's division table rejects the code (unknown, or county not "
                         "existing in the birth year); zhscreen checks the province only")
    prefix, suffix = rng.choice([
        ("经审核，王某某（身份证号：", "）的低保申请已通过。"),
        ("当事人周某，", "，男，汉族。"),
        ("失主刘女士的身份证", "已找到，请本人认领。"),
        ("公民身份号码", "的持有人请于三日内到窗口领取。"),
        ("请核对", "是否正确。"),
    ])
    return Case("resident_id", "personal_info/cn_resident_id", maybe_fullwidth(rng, value), prefix,
                suffix, oracle, exclusion, expected if exclusion else None)


# --------------------------------------------------------------------------------------------
# Unified social credit codes (GB 32100-2015)

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def uscc_check(body17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_check(body8: str) -> str:
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body8, ORG_WEIGHTS))
    return {10: "X", 11: "0"}.get(11 - total % 11, str(11 - total % 11))


def zhscreen_uscc_rules(v: str) -> bool:
    return (len(v) == 18 and all(c in USCC_ALPHABET for c in v) and v[0] in "123456789ANY"
            and v[2:8].isdigit() and org_check(v[8:16]) == v[16] and uscc_check(v[:17]) == v[17])


def gen_uscc(rng: random.Random, codes: list[str]) -> Case:
    from stdnum.cn import uscc

    authority = rng.choice("1111555999999999NYA")
    kind = rng.choice("1239")
    region = rng.choice(codes)
    letters = "ABCDEFGHJKLMNPQRTUWXY"
    if rng.random() < 0.3:
        org = "MA" + "".join(rng.choice("0123456789" + letters) for _ in range(6))
    else:
        org = "".join(rng.choice("0123456789") for _ in range(8))
    oc = org_check(org)
    r = rng.random()
    if r < 0.10:
        oc = rng.choice([c for c in "0123456789X" if c != oc])  # broken organisation code
    body = authority + kind + region + org + oc
    check = uscc_check(body)
    if 0.10 <= r < 0.35:
        check = rng.choice([c for c in USCC_ALPHABET if c != check])
    value = body + check
    if 0.35 <= r < 0.45:  # one character changed after the checks were computed
        i = rng.randrange(2, 17)
        value = value[:i] + rng.choice([c for c in USCC_ALPHABET if c != value[i]]) + value[i + 1:]
    oracle = uscc.is_valid(value)
    expected = zhscreen_uscc_rules(value)
    exclusion = None
    if not oracle and expected and value[0] in "NYA":
        exclusion = ("python-stdnum requires digits in the first 8 positions and rejects the "
                     "registering authorities N, Y and A")
    elif oracle and not expected and org_check(value[8:16]) != value[16]:
        exclusion = "python-stdnum does not check the embedded GB 11714 organisation code"
    prefix, suffix = rng.choice([
        ("统一社会信用代码：", "。"),
        ("某某科技有限公司（统一社会信用代码", "）"),
        ("信用代码为", "的企业已列入名单。"),
    ])
    return Case("uscc", "personal_info/uscc", value, prefix, suffix, oracle, exclusion,
                expected if exclusion else None)


# --------------------------------------------------------------------------------------------
# Bank cards (Luhn)

def luhn_digit(body: str) -> str:
    from stdnum import luhn

    return luhn.calc_check_digit(body)


def gen_bank(rng: random.Random, today: datetime.date) -> Case:
    from stdnum import luhn

    length = rng.randint(16, 19)
    start = rng.choice(["62", "6228", "6222", "6217", "4", "4367", "51", "55", "60", "95", "3", "1", "7"])
    body = start + "".join(rng.choice("0123456789") for _ in range(length - 1 - len(start)))
    check = luhn_digit(body)
    if rng.random() < 0.4:
        check = rng.choice([c for c in "0123456789" if c != check])
    digits = body + check
    oracle = luhn.is_valid(digits) and 16 <= len(digits) <= 19
    exclusion = None
    if oracle and len(digits) == 18 and (zhscreen_ric_rules(digits, today) or zhscreen_uscc_rules(digits)):
        exclusion = "also a valid resident ID or credit code: reported by that detector instead"
    form = rng.random()
    if form < 0.6:
        value = digits
    else:
        sep = rng.choice(" -")
        value = sep.join(digits[i:i + 4] for i in range(0, len(digits), 4))
    prefix, suffix = rng.choice([
        ("请将补偿款转入账户", "。"),
        ("银行卡号：", "，户名张三。"),
        ("开户行：农业银行，账号", "。"),
        ("卡号", "已冻结。"),
    ])
    return Case("bank_card", "personal_info/bank_card", maybe_fullwidth(rng, value), prefix, suffix,
                oracle, exclusion, False if exclusion else None)


# --------------------------------------------------------------------------------------------
# Mobile numbers (libphonenumber)

def phone_valid(national: str, types) -> bool:
    import phonenumbers

    try:
        n = phonenumbers.parse(national, "CN")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(n) and phonenumbers.number_type(n) in types


def gen_mobile(rng: random.Random) -> Case:
    from phonenumbers import PhoneNumberType as T

    r = rng.random()
    if r < 0.08:
        lead = rng.choice(["1610", "1611", "1619"] + [f"174{i:02d}" for i in range(0, 12)])
    else:
        lead = str(rng.randint(110, 199))
    digits = lead + "".join(rng.choice("0123456789") for _ in range(11 - len(lead)))
    oracle = phone_valid(digits, (T.MOBILE, T.FIXED_LINE_OR_MOBILE))
    g = f"{digits[:3]}{{0}}{digits[3:7]}{{0}}{digits[7:]}"
    value = rng.choice([
        digits, digits, digits, g.format(" "), g.format("-"), "+86" + digits, "+86 " + digits,
        "+86 " + g.format(" "), "0086" + digits, "0086 " + digits, "(+86)" + digits, "86" + digits,
    ])
    prefix, suffix = rng.choice([
        ("报名请联系：", "（孙老师）"),
        ("联系电话：", "。"),
        ("手机", "，请保持畅通。"),
        ("如有疑问请拨打", "咨询。"),
        ("张某（", "）反映"),
    ])
    return Case("mobile", "personal_info/cn_mobile", maybe_fullwidth(rng, value), prefix, suffix, oracle)


# --------------------------------------------------------------------------------------------
# Landlines (libphonenumber)

def area_table(rng: random.Random) -> dict[str, list[int]]:
    """Area codes (without the 0) libphonenumber accepts, with the local lengths it accepts."""
    from phonenumbers import PhoneNumberType as T

    table = {}
    for area in ["10"] + [f"2{i}" for i in range(10)] + [str(i) for i in range(310, 1000)]:
        lengths = []
        for n in (7, 8):
            tries = ["".join([rng.choice("2345678")] + [rng.choice("0123456789") for _ in range(n - 1)])
                     for _ in range(4)]
            if any(phone_valid("0" + area + t, (T.FIXED_LINE, T.FIXED_LINE_OR_MOBILE)) for t in tries):
                lengths.append(n)
        if lengths:
            table[area] = lengths
    return table


def zhscreen_landline_shape(area: str, local: str) -> bool:
    if area == "10" or (len(area) == 2 and area[0] == "2"):
        n = (8,)
    elif len(area) == 3 and area[0] in "3456789":
        n = (7, 8)
    else:
        return False
    return len(local) in n and local[0] in "123456789"


def gen_landline(rng: random.Random, table: dict[str, list[int]]) -> Case:
    from phonenumbers import PhoneNumberType as T

    r = rng.random()
    if r < 0.85:
        area = rng.choice(list(table))
        n = rng.choice(table[area])
        if rng.random() < 0.15:
            n = rng.choice([6, 9])
    else:
        area = rng.choice([a for a in [str(i) for i in range(310, 1000)] if a not in table] or ["311"])
        n = rng.choice([7, 8])
    first = rng.choice("2345678") if rng.random() < 0.9 else rng.choice("019")
    local = first + "".join(rng.choice("0123456789") for _ in range(n - 1))
    oracle = phone_valid("0" + area + local, (T.FIXED_LINE, T.FIXED_LINE_OR_MOBILE))
    expected = zhscreen_landline_shape(area, local)
    exclusion = None
    if expected and not oracle and (area not in table or n not in table[area]):
        exclusion = "zhscreen checks the area code's shape, not libphonenumber's allocation table"
    elif oracle and not expected and local[0] == "9" and len(local) < 7:
        exclusion = "libphonenumber accepts 5-6 digit 9xxxx service numbers after an area code"
    elif oracle and not expected and local[0] == "0":
        exclusion = "libphonenumber accepts local numbers starting with 0, the trunk prefix"
    elif expected and not oracle and local[0] == "1":
        exclusion = "zhscreen accepts local numbers starting with 1 (examples write 010-12345678)"
    elif expected and not oracle:
        exclusion = "libphonenumber's per-area local-number patterns are finer than zhscreen's"
    value = rng.choice([
        f"0{area}-{local}", f"(0{area}){local}", f"0{area} {local}", f"0{area}{local}",
        f"+86-{area}-{local}",
    ])
    prefix, suffix = rng.choice([
        ("张某家中电话", "。"),
        ("请致电", "了解详情。"),
        ("举报电话：", "。"),
        ("传真", "，邮编410000。"),
    ])
    return Case("landline", "personal_info/cn_landline", maybe_fullwidth(rng, value), prefix, suffix,
                oracle, exclusion, expected if exclusion else None)


# --------------------------------------------------------------------------------------------
# Negatives: statistics, years, document numbers (no personal data by construction)

def gen_negative(rng: random.Random) -> Case:
    r = rng.random()
    if r < 0.25:
        value = f"{rng.randint(1, 10**12)}{rng.choice(['亿元', '万元', '元', '万人', '吨', '%', '人次', '户'])}"
    elif r < 0.4:
        value = f"{rng.randint(1949, 2030)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    elif r < 0.55:
        value = f"{rng.choice(['国发', '国办发', '湘政发', '财税'])}〔{rng.randint(1990, 2025)}〕{rng.randint(1, 200)}号"
    elif r < 0.7:
        value = "".join(rng.choice("0123456789") for _ in range(rng.randint(20, 30)))
    elif r < 0.85:
        value = f"{rng.randint(1, 99999)}.{rng.randint(0, 99)}{rng.choice(['亿元', '%', '公里'])}"
    else:
        value = rng.choice(["12345", "12315", "12306", "110", "120", "95588", "400-810-8888",
                            "4008108888", "800-820-8820", "12345678901234567"])
    prefix, suffix = rng.choice([
        ("全年完成", "，同比增长。"), ("根据", "文件精神，"), ("订单号", "已发货。"), ("热线", "。"),
    ])
    return Case("negatives", "", value, prefix, suffix, False)


# --------------------------------------------------------------------------------------------

def generate(per_kind: int) -> list[Case]:
    rng = random.Random(SEED)
    today = datetime.date.today()
    codes = division_codes()
    table = area_table(random.Random(SEED + 1))
    cases: list[Case] = []
    for _ in range(per_kind):
        cases.append(gen_ric(rng, codes, today))
        cases.append(gen_uscc(rng, codes))
        cases.append(gen_bank(rng, today))
        cases.append(gen_mobile(rng))
        cases.append(gen_landline(rng, table))
        cases.append(gen_negative(rng))
    return cases


def run_zhscreen(texts: list[str]) -> list[dict]:
    cmd = ["cargo", "run", "--release", "--quiet", "-p", "zhscreen", "--example", "scan_jsonl"]
    proc = subprocess.run(cmd, input="\n".join(texts) + "\n", capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        sys.exit(2)
    return [json.loads(line) for line in proc.stdout.splitlines()]


def compare(cases: list[Case], reports: list[dict]) -> bool:
    if len(reports) != len(cases):
        sys.exit(f"{len(reports)} reports for {len(cases)} sentences")
    stats = collections.defaultdict(lambda: collections.Counter())
    exclusions = collections.defaultdict(lambda: collections.Counter())
    disagreements = collections.defaultdict(list)
    undocumented = collections.defaultdict(list)
    for case, report in zip(cases, reports):
        s, e = case.span
        pii = [f for f in report["findings"] if f["category"] == "personal_info"]
        if case.kind == "negatives":
            got = any(f["severity"] in ("review", "block") for f in pii)
        else:
            exact = any(f["rule"] == case.rule and f["char_start"] == s and f["char_end"] == e for f in pii)
            overlap = any(f["rule"] == case.rule and f["char_start"] < e and f["char_end"] > s for f in pii)
            got = exact if (case.oracle if case.exclusion is None else case.documented) else overlap
        if case.exclusion is not None:
            exclusions[case.kind][(case.exclusion, got == case.documented)] += 1
            if got != case.documented:
                undocumented[case.kind].append((case, pii))
            continue
        agree = got == bool(case.oracle)
        stats[case.kind]["cases"] += 1
        stats[case.kind]["valid" if case.oracle else "invalid"] += 1
        stats[case.kind]["agree"] += agree
        if not agree:
            disagreements[case.kind].append((case, pii))
    ok = True
    print(f"{'kind':<12} {'compared':>8} {'valid':>6} {'invalid':>7} {'agree':>6} {'agreement':>9}")
    for kind in ["resident_id", "uscc", "bank_card", "mobile", "landline", "negatives"]:
        c = stats[kind]
        rate = c["agree"] / c["cases"] if c["cases"] else 1.0
        ok &= rate >= THRESHOLD
        print(f"{kind:<12} {c['cases']:>8} {c['valid']:>6} {c['invalid']:>7} {c['agree']:>6} {rate:>9.2%}")
    if exclusions:
        print("\nexcluded (oracle known to be wrong or to check something else):")
        for kind, counter in exclusions.items():
            reasons = collections.defaultdict(lambda: [0, 0])
            for (reason, held), n in counter.items():
                reasons[reason][0] += n
                reasons[reason][1] += n if held else 0
            for reason, (n, held) in sorted(reasons.items()):
                print(f"  {kind}: {n} — {reason} (zhscreen as documented: {held}/{n})")
    for kind, items in undocumented.items():
        ok = False
        print(f"\nexcluded, but zhscreen did not do what its documentation says, {kind}:")
        for case, pii in items[:10]:
            found = [(f["rule"], f["text"]) for f in pii]
            print(f"  documented={case.documented} value={case.value!r} text={case.text!r} found={found}")
    for kind, items in disagreements.items():
        print(f"\ndisagreements, {kind} (first 10 of {len(items)}):")
        for case, pii in items[:10]:
            found = [(f["rule"], f["text"]) for f in pii]
            print(f"  oracle={case.oracle} value={case.value!r} text={case.text!r} found={found}")
    return ok


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", help="JSONL reports, one per sentence (else run the example)")
    ap.add_argument("--emit", help="write the sentences to this file and exit")
    ap.add_argument("--per-kind", type=int, default=PER_KIND)
    ap.add_argument("--no-install", action="store_true", help="do not pip-install missing oracles")
    args = ap.parse_args()
    ensure_oracles(not args.no_install)
    cases = generate(args.per_kind)
    texts = [c.text for c in cases]
    if args.emit:
        with open(args.emit, "w", encoding="utf-8") as f:
            f.write("\n".join(texts) + "\n")
        return
    if args.reports:
        with open(args.reports, encoding="utf-8") as f:
            reports = [json.loads(line) for line in f if line.strip()]
    else:
        reports = run_zhscreen(texts)
    ok = compare(cases, reports)
    print(f"\n{len(cases)} sentences; threshold {THRESHOLD:.0%}: {'ok' if ok else 'FAILED'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
