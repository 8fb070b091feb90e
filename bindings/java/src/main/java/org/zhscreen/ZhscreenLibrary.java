package org.zhscreen;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The C API of {@code include/zhscreen.h}, mapped by JNA. Not for direct use: {@link Screener}
 * wraps it. Types follow the header: {@code int32_t} is {@code int}, {@code int64_t} and
 * {@code uint64_t} are {@code long}, handles and {@code const char *} results are {@link Pointer}
 * (decoded as UTF-8 by the wrapper, whatever the platform charset), text arguments are UTF-8
 * {@code byte[]} with their length.
 *
 * <p>The library is {@code libzhscreen} found on {@code jna.library.path} or the system's library
 * path, or the file named by the system property {@code zhscreen.library}.
 */
interface ZhscreenLibrary extends Library {
    ZhscreenLibrary INSTANCE = Native.load(
            System.getProperty("zhscreen.library", "zhscreen"), ZhscreenLibrary.class);

    int ZS_OK = 0;

    /** {@code zs_finding}: filled in by {@link #zs_report_finding}. */
    @Structure.FieldOrder({"category", "gate", "severity", "start", "end", "charStart", "charEnd",
            "utf16Start", "utf16End", "rule", "ruleLen", "text", "textLen", "suggestion",
            "suggestionLen", "note", "noteLen"})
    class ZsFinding extends Structure {
        public int category;
        public int gate;
        public int severity;
        public long start;
        public long end;
        public long charStart;
        public long charEnd;
        public long utf16Start;
        public long utf16End;
        public Pointer rule;
        public long ruleLen;
        public Pointer text;
        public long textLen;
        public Pointer suggestion;
        public long suggestionLen;
        public Pointer note;
        public long noteLen;
    }

    /** {@code zs_sign_off_reason}: filled in by {@link #zs_report_sign_off_reason}. */
    @Structure.FieldOrder({"level", "start", "end", "utf16Start", "utf16End", "rule", "ruleLen",
            "text", "textLen", "note", "noteLen"})
    class ZsSignOffReason extends Structure {
        public int level;
        public long start;
        public long end;
        public long utf16Start;
        public long utf16End;
        public Pointer rule;
        public long ruleLen;
        public Pointer text;
        public long textLen;
        public Pointer note;
        public long noteLen;
    }

    Pointer zs_version();

    int zs_last_error_status();

    Pointer zs_last_error_message();

    Pointer zs_last_error_file();

    long zs_last_error_line();

    void zs_clear_error();

    Pointer zs_status_name(int status);

    int zs_screener_new(PointerByReference out);

    void zs_screener_free(Pointer screener);

    Pointer zs_screener_fingerprint(Pointer screener);

    int zs_screener_with_lang(Pointer screener, int lang, PointerByReference out);

    int zs_screener_lang(Pointer screener);

    Pointer zs_lang_name(int lang);

    int zs_builder_set_lang(Pointer builder, int lang);

    int zs_builder_new(int withDefaults, PointerByReference out);

    int zs_builder_names(Pointer builder, int protect, int reliefRecipients);

    int zs_builder_typo(Pointer builder, int on, double threshold);

    int zs_builder_add_path(Pointer builder, byte[] path, long pathLen);

    int zs_builder_add_text(Pointer builder, byte[] name, long nameLen, byte[] text, long textLen);

    int zs_builder_build(Pointer builder, PointerByReference out);

    void zs_builder_free(Pointer builder);

    Pointer zs_category_name(int category);

    Pointer zs_gate_name(int gate);

    Pointer zs_severity_name(int severity);

    Pointer zs_verdict_name(int verdict);

    Pointer zs_sign_off_level_name(int level);

    int zs_scan(Pointer screener, byte[] text, long textLen, PointerByReference out);

    int zs_report_verdict(Pointer report);

    long zs_report_count(Pointer report);

    int zs_report_finding(Pointer report, long index, ZsFinding out);

    int zs_report_sign_off_level(Pointer report);

    long zs_report_sign_off_count(Pointer report);

    int zs_report_sign_off_reason(Pointer report, long index, ZsSignOffReason out);

    Pointer zs_report_json(Pointer report, LongByReference len);

    void zs_report_free(Pointer report);

    int zs_redact(Pointer screener, byte[] text, long textLen, PointerByReference out);

    int zs_fix(Pointer screener, byte[] text, long textLen, PointerByReference out);

    Pointer zs_redaction_text(Pointer redaction, LongByReference len);

    long zs_redaction_count(Pointer redaction);

    void zs_redaction_free(Pointer redaction);
}
