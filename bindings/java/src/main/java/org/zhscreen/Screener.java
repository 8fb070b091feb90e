package org.zhscreen;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Screens Chinese text before it is published, through {@code libzhscreen} (JNA).
 *
 * <p>Build one at start-up and share it: a screener is safe to use from any number of threads at
 * once. Close it when the application stops (try-with-resources); a screener that is never closed
 * is freed when it becomes unreachable. Calls after {@link #close()} throw
 * {@link IllegalStateException}; {@code close()} waits for calls in progress.
 *
 * <pre>{@code
 * try (Screener screener = new Screener()) {
 *     Report report = screener.scan(post);
 *     for (Finding f : report.findings()) {
 *         System.out.println(f.severity() + " " + f.category() + " "
 *                 + post.substring(f.start(), f.end()) + " -> " + f.suggestion());
 *     }
 * }
 * }</pre>
 */
public final class Screener implements AutoCloseable {
    private static final ZhscreenLibrary LIB = ZhscreenLibrary.INSTANCE;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final String[] CATEGORIES = names(LIB::zs_category_name);
    private static final String[] GATES = names(LIB::zs_gate_name);
    private static final String[] SEVERITIES = names(LIB::zs_severity_name);
    private static final String[] VERDICTS = names(LIB::zs_verdict_name);
    private static final String[] SIGN_OFF_LEVELS = names(LIB::zs_sign_off_level_name);

    /** The native handle; freed exactly once, by close() or by the cleaner. */
    private static final class Handle implements Runnable {
        private Pointer pointer;

        Handle(Pointer pointer) {
            this.pointer = pointer;
        }

        @Override
        public synchronized void run() {
            if (pointer != null) {
                LIB.zs_screener_free(pointer);
                pointer = null;
            }
        }
    }

    private final Handle handle;
    private final Cleaner.Cleanable cleanable;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    /** A screener with the default wordlists and detectors. */
    public Screener() {
        this(newDefault());
    }

    private Screener(Pointer pointer) {
        this.handle = new Handle(pointer);
        this.cleanable = CLEANER.register(this, handle);
    }

    private static Pointer newDefault() {
        PointerByReference out = new PointerByReference();
        check(LIB.zs_screener_new(out));
        return out.getValue();
    }

    /** A builder, starting from the default wordlists. */
    public static Builder builder() {
        return new Builder();
    }

    /** The version of the native library, e.g. {@code "0.1.0"}. */
    public static String version() {
        return LIB.zs_version().getString(0, "UTF-8");
    }

    /** Screens {@code text}. Offsets in the findings index {@code text}. */
    public Report scan(String text) {
        return scan(utf8(text));
    }

    /**
     * Screens UTF-8 bytes. The UTF-16 offsets of the findings index the {@code String} these
     * bytes decode to.
     *
     * @throws ZhscreenException with status {@code ZS_ERR_UTF8} when the bytes are not UTF-8
     */
    public Report scan(byte[] utf8) {
        return withHandle(screener -> {
            PointerByReference out = new PointerByReference();
            check(LIB.zs_scan(screener, utf8, utf8.length, out));
            Pointer report = out.getValue();
            try {
                String verdict = VERDICTS[LIB.zs_report_verdict(report)];
                long n = LIB.zs_report_count(report);
                List<Finding> findings = new ArrayList<>((int) n);
                ZhscreenLibrary.ZsFinding f = new ZhscreenLibrary.ZsFinding();
                for (long i = 0; i < n; i++) {
                    check(LIB.zs_report_finding(report, i, f));
                    findings.add(new Finding(
                            CATEGORIES[f.category],
                            GATES[f.gate],
                            SEVERITIES[f.severity],
                            string(f.rule, f.ruleLen),
                            Math.toIntExact(f.utf16Start),
                            Math.toIntExact(f.utf16End),
                            f.charStart,
                            f.charEnd,
                            f.start,
                            f.end,
                            string(f.text, f.textLen),
                            string(f.suggestion, f.suggestionLen),
                            string(f.note, f.noteLen)));
                }
                long m = LIB.zs_report_sign_off_count(report);
                List<SignOffReason> reasons = new ArrayList<>((int) m);
                ZhscreenLibrary.ZsSignOffReason why = new ZhscreenLibrary.ZsSignOffReason();
                for (long i = 0; i < m; i++) {
                    check(LIB.zs_report_sign_off_reason(report, i, why));
                    reasons.add(new SignOffReason(
                            SIGN_OFF_LEVELS[why.level],
                            string(why.rule, why.ruleLen),
                            Math.toIntExact(why.utf16Start),
                            Math.toIntExact(why.utf16End),
                            why.start,
                            why.end,
                            string(why.text, why.textLen),
                            string(why.note, why.noteLen)));
                }
                SignOff signOff = new SignOff(
                        SIGN_OFF_LEVELS[LIB.zs_report_sign_off_level(report)],
                        Collections.unmodifiableList(reasons));
                return new Report(verdict, Collections.unmodifiableList(findings), signOff);
            } finally {
                LIB.zs_report_free(report);
            }
        });
    }

    /** Screens {@code text} and returns the report as JSON (the contract of docs/contract.md). */
    public String scanJson(String text) {
        byte[] utf8 = utf8(text);
        return withHandle(screener -> {
            PointerByReference out = new PointerByReference();
            check(LIB.zs_scan(screener, utf8, utf8.length, out));
            Pointer report = out.getValue();
            try {
                LongByReference len = new LongByReference();
                Pointer json = LIB.zs_report_json(report, len);
                if (json == null) {
                    throw lastError(LIB.zs_last_error_status());
                }
                return string(json, len.getValue());
            } finally {
                LIB.zs_report_free(report);
            }
        });
    }

    /** De-identifies {@code text}: personal data masked by kind, prohibited content by {@code *}. */
    public Redaction redact(String text) {
        return rewrite(text, false);
    }

    /** Applies the recommended wording of wording ({@code expression}) and typo findings. */
    public Redaction fix(String text) {
        return rewrite(text, true);
    }

    private Redaction rewrite(String text, boolean fix) {
        byte[] utf8 = utf8(text);
        return withHandle(screener -> {
            PointerByReference out = new PointerByReference();
            check(fix ? LIB.zs_fix(screener, utf8, utf8.length, out)
                      : LIB.zs_redact(screener, utf8, utf8.length, out));
            Pointer redaction = out.getValue();
            try {
                LongByReference len = new LongByReference();
                Pointer p = LIB.zs_redaction_text(redaction, len);
                return new Redaction(string(p, len.getValue()), LIB.zs_redaction_count(redaction));
            } finally {
                LIB.zs_redaction_free(redaction);
            }
        });
    }

    /**
     * A screener with the same compiled rules whose notes are in {@code lang}. Nothing is rebuilt
     * (the rules are shared), so it is cheap enough to make per request. It is a screener of its
     * own: close it independently of this one.
     */
    public Screener withLang(Lang lang) {
        return withHandle(screener -> {
            PointerByReference out = new PointerByReference();
            check(LIB.zs_screener_with_lang(screener, lang.code(), out));
            return new Screener(out.getValue());
        });
    }

    /** The language of the notes ({@link Lang#ZH} unless chosen otherwise). */
    public Lang lang() {
        return withHandle(screener -> Lang.values()[LIB.zs_screener_lang(screener)]);
    }

    /** The fingerprint of the compiled rules, for the audit record. */
    public String fingerprint() {
        return withHandle(screener -> name(LIB.zs_screener_fingerprint(screener)));
    }

    /** Frees the native screener. Waits for calls in progress; closing twice does nothing. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            cleanable.clean();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private interface Call<T> {
        T with(Pointer screener);
    }

    private <T> T withHandle(Call<T> call) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the screener is closed");
            }
            return call.with(handle.pointer);
        } finally {
            lock.readLock().unlock();
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String string(Pointer p, long len) {
        if (p == null) {
            return null;
        }
        return new String(p.getByteArray(0, Math.toIntExact(len)), StandardCharsets.UTF_8);
    }

    /** The ids of an enum of the header, indexed by value (the values run from 0 without gaps). */
    private static String[] names(java.util.function.IntFunction<Pointer> name) {
        List<String> ids = new ArrayList<>();
        for (Pointer p = name.apply(0); p != null; p = name.apply(ids.size())) {
            ids.add(p.getString(0, "UTF-8"));
        }
        return ids.toArray(new String[0]);
    }

    private static String name(Pointer p) {
        return p == null ? null : p.getString(0, "UTF-8");
    }

    static void check(int status) {
        if (status != ZhscreenLibrary.ZS_OK) {
            throw lastError(status);
        }
    }

    /** The calling thread's last error (JNA calls run on the calling thread). */
    private static ZhscreenException lastError(int status) {
        return new ZhscreenException(
                status,
                name(LIB.zs_status_name(status)),
                name(LIB.zs_last_error_message()),
                name(LIB.zs_last_error_file()),
                LIB.zs_last_error_line());
    }

    /** Builds a screener from the defaults (unless turned off) and the given wordlists. */
    public static final class Builder {
        private boolean defaults = true;
        private Lang lang = Lang.ZH;
        private boolean protectNames = false;
        private boolean reliefRecipients = false;
        private boolean typo = true;
        private double typoThreshold = -1.0;
        private final List<Object> sources = new ArrayList<>();

        private Builder() {}

        /** Whether to start from the default wordlists (on unless turned off). */
        public Builder defaults(boolean on) {
            defaults = on;
            return this;
        }

        /** The language of the notes ({@link Lang#ZH} unless set). */
        public Builder lang(Lang lang) {
            this.lang = java.util.Objects.requireNonNull(lang, "lang");
            return this;
        }

        /**
         * The names policy: names of protected people (patients, minors, students named with
         * their school, victims, parties in a case) are reported at {@code warn} (the default,
         * {@code protect} false) or at {@code review} ({@code protect} true); {@code
         * reliefRecipients} also reads names after 救助对象, 低保对象... (off by default). Officials
         * in their duties and award winners are never reported.
         */
        public Builder names(boolean protect, boolean reliefRecipients) {
            this.protectNames = protect;
            this.reliefRecipients = reliefRecipients;
            return this;
        }

        /** Whether to run the statistical typo detector (on with the defaults unless turned off). */
        public Builder typo(boolean on) {
            typo = on;
            return this;
        }

        /**
         * The statistical typo detector's threshold: the corrected text must be at least
         * 10^threshold times likelier (0 to 60; 5 unless set). Higher: fewer, surer findings.
         *
         * @throws IllegalArgumentException a threshold outside 0 to 60, or not a number
         */
        public Builder typoThreshold(double threshold) {
            if (!(threshold >= 0.0 && threshold <= 60.0)) {
                throw new IllegalArgumentException("typo threshold " + threshold + ": expected 0 to 60");
            }
            typo = true;
            typoThreshold = threshold;
            return this;
        }

        /** Adds a wordlist file, or every {@code *.txt} under a directory. */
        public Builder wordlistPath(Path path) {
            sources.add(path);
            return this;
        }

        /** Adds a wordlist held in memory; {@code name} stands for its file name in errors. */
        public Builder wordlistText(String name, String text) {
            sources.add(new String[] {name, text});
            return this;
        }

        /**
         * Reads and compiles the wordlists.
         *
         * @throws ZhscreenException a bad wordlist ({@code file()} and {@code line()} say where)
         *     or an unreadable path
         */
        public Screener build() {
            PointerByReference out = new PointerByReference();
            check(LIB.zs_builder_new(defaults ? 1 : 0, out));
            Pointer builder = out.getValue();
            try {
                check(LIB.zs_builder_set_lang(builder, lang.code()));
                check(LIB.zs_builder_names(builder, protectNames ? 1 : 0, reliefRecipients ? 1 : 0));
                check(LIB.zs_builder_typo(builder, typo ? 1 : 0, typoThreshold));
                for (Object source : sources) {
                    if (source instanceof Path path) {
                        byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
                        check(LIB.zs_builder_add_path(builder, p, p.length));
                    } else {
                        String[] named = (String[]) source;
                        byte[] name = utf8(named[0]);
                        byte[] text = utf8(named[1]);
                        check(LIB.zs_builder_add_text(builder, name, name.length, text, text.length));
                    }
                }
                PointerByReference screener = new PointerByReference();
                check(LIB.zs_builder_build(builder, screener));
                return new Screener(screener.getValue());
            } finally {
                LIB.zs_builder_free(builder);
            }
        }
    }
}
