package org.zhscreen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Java test program, run by bindings/c/run-tests.sh:
 *
 * <pre>java -cp jna.jar:classes org.zhscreen.ZhscreenTest FIXTURE.tsv</pre>
 *
 * <p>Scans every text of the corpus fixture (see bindings/c/tests/support/fixture.rs) through the
 * wrapper and compares with what the Rust API gave, line for line; checks that every finding's
 * UTF-16 offsets cut exactly its text out of the {@code String} with {@code substring}; shares one
 * screener across 16 threads; checks the error paths; and closes cleanly.
 */
public final class ZhscreenTest {
    private static int passed;
    private static int failed;

    private static void check(boolean ok, String what) {
        if (ok) {
            passed++;
        } else {
            failed++;
            System.err.println("check failed: " + what);
        }
    }

    record Case(String id, String text, String expected) {}

    /** The inverse of the fixture's escaping: {@code \xNN} is one byte. */
    static byte[] unescape(String s) {
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[raw.length];
        int n = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\\') {
                if (i + 3 >= raw.length || raw[i + 1] != 'x') {
                    throw new IllegalArgumentException("bad escape in fixture: " + s);
                }
                out[n++] = (byte) Integer.parseInt(new String(raw, i + 2, 2, StandardCharsets.US_ASCII), 16);
                i += 3;
            } else {
                out[n++] = raw[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    static String escape(String s) {
        if (s == null) {
            return "\\N";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static List<Case> load(Path fixture) throws IOException {
        List<Case> cases = new ArrayList<>();
        String id = null;
        String text = null;
        StringBuilder expected = new StringBuilder();
        for (String line : Files.readAllLines(fixture, StandardCharsets.UTF_8)) {
            if (line.startsWith("case\t")) {
                String[] parts = line.split("\t", 3);
                id = new String(unescape(parts[1]), StandardCharsets.UTF_8);
                text = new String(unescape(parts[2]), StandardCharsets.UTF_8);
                expected.setLength(0);
            } else if (id != null) {
                expected.append(line).append('\n');
                if (line.equals("end")) {
                    cases.add(new Case(id, text, expected.toString()));
                    id = null;
                }
            }
        }
        return cases;
    }

    /** What the wrapper says about a text, in the fixture's format. */
    static String describe(Screener screener, String text) {
        Report report = screener.scan(text);
        StringBuilder b = new StringBuilder();
        b.append("verdict\t").append(report.verdict()).append('\t').append(report.findings().size()).append('\n');
        for (Finding f : report.findings()) {
            b.append("finding\t").append(f.category()).append('\t').append(f.gate()).append('\t')
                    .append(f.severity()).append('\t').append(f.byteStart()).append('\t')
                    .append(f.byteEnd()).append('\t').append(f.charStart()).append('\t')
                    .append(f.charEnd()).append('\t').append(f.start()).append('\t').append(f.end())
                    .append('\t').append(escape(f.rule())).append('\t').append(escape(f.text()))
                    .append('\t').append(escape(f.suggestion())).append('\t').append(escape(f.note()))
                    .append('\n');
            // Java indexes: substring with the UTF-16 offsets is the finding's text, and the
            // code point offsets agree.
            if (!text.substring(f.start(), f.end()).equals(f.text())
                    || text.codePointCount(0, f.start()) != f.charStart()) {
                b.append("MISMATCH\tsubstring(").append(f.start()).append(", ").append(f.end())
                        .append(") is not the finding's text\n");
            }
        }
        SignOff so = report.signOff();
        b.append("signoff\t").append(so.level()).append('\t').append(so.reasons().size()).append('\n');
        for (SignOffReason r : so.reasons()) {
            b.append("reason\t").append(r.level()).append('\t').append(r.byteStart()).append('\t')
                    .append(r.byteEnd()).append('\t').append(r.start()).append('\t').append(r.end())
                    .append('\t').append(escape(r.rule())).append('\t').append(escape(r.text()))
                    .append('\t').append(escape(r.note())).append('\n');
            if (!text.substring(r.start(), r.end()).equals(r.text())) {
                b.append("MISMATCH\tsubstring(").append(r.start()).append(", ").append(r.end())
                        .append(") is not the sign-off reason's text\n");
            }
        }
        b.append("json\t").append(escape(screener.scanJson(text))).append('\n');
        Redaction r = screener.redact(text);
        b.append("redact\t").append(r.count()).append('\t').append(escape(r.text())).append('\n');
        Redaction fx = screener.fix(text);
        b.append("fix\t").append(fx.count()).append('\t').append(escape(fx.text())).append('\n');
        b.append("end\n");
        return b.toString();
    }

    static void corpus(Screener screener, List<Case> cases) {
        int same = 0;
        int findings = 0;
        int substrings = 0;
        for (Case c : cases) {
            String got = describe(screener, c.text());
            if (got.equals(c.expected())) {
                same++;
            } else {
                System.err.println("case " + c.id() + " differs:\n  rust:\n" + c.expected() + "  java:\n" + got);
            }
            for (Finding f : screener.scan(c.text()).findings()) {
                findings++;
                if (c.text().substring(f.start(), f.end()).equals(f.text())) {
                    substrings++;
                }
            }
        }
        System.out.println("java: " + same + " of " + cases.size() + " cases identical to the Rust API; "
                + substrings + " of " + findings + " findings cut out by substring(start, end)");
        check(same == cases.size() && !cases.isEmpty(), "every case identical to the Rust API");
        check(substrings == findings, "substring(start, end) is the finding's text");
    }

    static final int THREADS = 16;

    static void threads(Screener screener, List<Case> cases) throws Exception {
        List<String> reference = new ArrayList<>();
        for (Case c : cases) {
            reference.add(describe(screener, c.text()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            final int offset = t * cases.size() / THREADS;
            results.add(pool.submit(() -> {
                int differ = 0;
                for (int j = 0; j < cases.size(); j++) {
                    int i = (j + offset) % cases.size();
                    if (!describe(screener, cases.get(i).text()).equals(reference.get(i))) {
                        differ++;
                    }
                }
                return differ;
            }));
        }
        int differ = 0;
        for (Future<Integer> f : results) {
            differ += f.get();
        }
        pool.shutdown();
        System.out.println("java: " + THREADS + " threads, one screener, " + THREADS * cases.size() + " scans, "
                + differ + " differ from one thread alone");
        check(differ == 0, THREADS + " threads agree with one thread");
    }

    static void errors(List<Case> cases) {
        check(Screener.version().matches("\\d+\\.\\d+\\.\\d+.*"), "version " + Screener.version());
        try {
            Screener.builder()
                    .defaults(false)
                    .wordlistText("local.txt", "# local list\n@category advertising\n本店特价 | severity=fatal\n")
                    .build()
                    .close();
            check(false, "a bad wordlist must not build");
        } catch (ZhscreenException e) {
            check(e.statusName().equals("ZS_ERR_WORDLIST"), "status " + e.statusName());
            check("local.txt".equals(e.file()) && e.line() == 3, "file and line: " + e.file() + ":" + e.line());
            check(e.getMessage().startsWith("local.txt:3:"), "message " + e.getMessage());
        }
        try {
            Screener.builder().wordlistPath(Path.of("/nonexistent/zhscreen/lists.txt")).build().close();
            check(false, "a missing wordlist must not build");
        } catch (ZhscreenException e) {
            check(e.statusName().equals("ZS_ERR_IO") && e.file().endsWith("lists.txt"), "io " + e.getMessage());
        }
        Screener custom = Screener.builder()
                .defaults(false)
                .wordlistText("mem.txt", "@category typo\n按装 => 安装\n")
                .build();
        try (custom) {
            Report r = custom.scan("请按装后使用，出售海洛因");
            check(r.findings().size() == 1 && r.findings().get(0).suggestion().equals("安装"), "custom list " + r);
            check(custom.fix("请按装后使用").text().equals("请安装后使用"), "fix");
            try {
                custom.scan(new byte[] {(byte) 0xe4, (byte) 0xb8});
                check(false, "invalid UTF-8 must throw");
            } catch (ZhscreenException e) {
                check(e.statusName().equals("ZS_ERR_UTF8") && e.getMessage().contains("byte offset 0"),
                        "utf8 " + e.getMessage());
            }
            check(custom.scan("").verdict().equals("pass"), "empty text passes");
            String astral = "😀𠀀出售海洛因 13800138000";
            try (Screener defaults = new Screener()) {
                Finding f = defaults.scan(astral).findings().get(0);
                check(f.start() == 6 && f.charStart() == 4 && f.byteStart() == 14
                        && astral.substring(f.start(), f.end()).equals("海洛因"), "astral offsets " + f);
                check(defaults.redact("身份证号：110108199003071238").text().equals("身份证号：110108********1238"),
                        "redact");
                check(defaults.fingerprint().length() > 8, "fingerprint");
            }
        }
        custom.close(); // a second close does nothing
        try {
            custom.scan("x");
            check(false, "scan after close must throw");
        } catch (IllegalStateException e) {
            check(true, "scan after close");
        }
    }

    /** Chinese notes by default, English on request; nothing else changes. */
    static void languages() {
        String text = "联系电话：13907351234";
        try (Screener zh = new Screener(); Screener built = Screener.builder().lang(Lang.EN).build()) {
            Screener en = zh.withLang(Lang.EN); // a screener of its own, closed below
            check(zh.lang() == Lang.ZH && en.lang() == Lang.EN && built.lang() == Lang.EN, "lang()");
            Finding a = zh.scan(text).findings().get(0);
            Finding b = en.scan(text).findings().get(0);
            check(a.note().equals("手机号码（139号段），上下文“联系电话”，建议去标识化"), "zh note " + a.note());
            check(b.note().equals("mainland mobile number, allocated segment 139; context 联系电话"), "en note " + b.note());
            check(a.rule().equals(b.rule()) && a.severity().equals(b.severity()) && a.start() == b.start(),
                    "machine fields do not change");
            check(zh.fingerprint().equals(en.fingerprint()), "fingerprint does not depend on the language");
            check(built.scan(text).equals(en.scan(text)), "builder and withLang agree");
            en.close();
            check(zh.scan(text).findings().get(0).note().equals(a.note()), "closing a withLang screener leaves the other");
        }
        check(Lang.fromId("en") == Lang.EN && Lang.fromId("ZH") == Lang.ZH && Lang.EN.id().equals("en"), "ids");
        try {
            Lang.fromId("fr");
            check(false, "unknown language must throw");
        } catch (IllegalArgumentException e) {
            check(e.getMessage().contains("\"fr\"") && e.getMessage().contains("\"zh\""), "unknown language " + e.getMessage());
        }
    }

    static void names() {
        String text = "受害人王小明（男，12岁）在上学途中被撞。";
        String relief = "经审核，救助对象李红，家庭困难。";
        try (Screener warn = new Screener();
                Screener protect = Screener.builder().names(true, false).build();
                Screener both = Screener.builder().names(true, true).build()) {
            Finding w = warn.scan(text).findings().get(0);
            Finding p = protect.scan(text).findings().get(0);
            check(w.rule().equals("personal_info/protected_name") && w.text().equals("王小明"), "name found " + w);
            check(w.severity().equals("warn") && p.severity().equals("review"), "names policy: warn, then review");
            check(!warn.fingerprint().equals(protect.fingerprint()), "the names policy is part of the fingerprint");
            check(protect.redact(text).text().equals("受害人王**（男，12岁）在上学途中被撞。"), "the mask keeps the surname");
            check(protect.scan(relief).findings().stream().noneMatch(f -> f.text().equals("李红")),
                    "relief recipients off by default");
            check(both.scan(relief).findings().stream().anyMatch(f -> f.text().equals("李红")),
                    "relief recipients on");
        }
    }

    /** The statistical typo detector: on by default, off or stricter by the builder. */
    static void typos() {
        String text = "交通运舒部印发了实施方案。";
        try (Screener on = new Screener();
                Screener off = Screener.builder().typo(false).build();
                Screener strict = Screener.builder().typoThreshold(60).build()) {
            List<Finding> found = on.scan(text).findings();
            check(found.size() == 1 && found.get(0).rule().equals("typo/statistical")
                    && found.get(0).text().equals("舒") && "输".equals(found.get(0).suggestion()),
                    "typo found " + found);
            check(off.scan(text).findings().isEmpty(), "typo(false)");
            check(strict.scan(text).findings().isEmpty(), "typoThreshold(60)");
        }
        try {
            Screener.builder().typoThreshold(-1);
            check(false, "a negative threshold must throw");
        } catch (IllegalArgumentException e) {
            check(e.getMessage().contains("-1"), "bad threshold " + e.getMessage());
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ZhscreenTest FIXTURE.tsv");
            System.exit(2);
        }
        List<Case> cases = load(Path.of(args[0]));
        try (Screener screener = new Screener()) {
            corpus(screener, cases);
            threads(screener, cases);
        }
        errors(cases);
        languages();
        names();
        typos();
        System.out.println("java: " + passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
