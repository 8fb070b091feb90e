/*
 * Error paths of the C API: NULL pointers, invalid UTF-8, zero and huge lengths, bad wordlists
 * with file and line, out-of-range indexes, outputs left untouched on failure, the per-thread last
 * error, version and names. Run under valgrind by run-tests.sh: a huge length must be refused
 * before anything is read.
 *
 *     errors DIR      (DIR: a writable directory for temporary wordlist files)
 */
#include "common.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

static int passed, failed;

#define CHECK(cond)                                                                      \
    do {                                                                                 \
        if (cond) {                                                                      \
            passed++;                                                                    \
        } else {                                                                         \
            failed++;                                                                    \
            fprintf(stderr, "%s:%d: check failed: %s (last error: %s)\n", __FILE__, __LINE__, \
                    #cond, or_unknown(zs_last_error_message()));                         \
        }                                                                                \
    } while (0)

#define CHECK_STATUS(call, want)                                                           \
    do {                                                                                   \
        zs_status got_ = (call);                                                           \
        if (got_ == (want)) {                                                              \
            passed++;                                                                      \
        } else {                                                                           \
            failed++;                                                                      \
            fprintf(stderr, "%s:%d: %s returned %s, expected %s (last error: %s)\n", __FILE__, \
                    __LINE__, #call, or_unknown(zs_status_name(got_)), #want,              \
                    or_unknown(zs_last_error_message()));                                  \
        }                                                                                  \
    } while (0)

static int streq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static int contains(const char *hay, const char *needle) { return hay && strstr(hay, needle); }

/* A pointer value that must survive a failing call unchanged. */
#define SENTINEL ((void *)&passed)

static void version_and_names(void) {
    CHECK(streq(zs_version(), ZS_VERSION));
    CHECK(ZS_VERSION_NUMBER == ZS_VERSION_MAJOR * 10000 + ZS_VERSION_MINOR * 100 + ZS_VERSION_PATCH);
    CHECK(streq(zs_category_name(ZS_CATEGORY_PERSONAL_INFO), "personal_info"));
    CHECK(streq(zs_category_name(ZS_CATEGORY_TYPO), "typo"));
    CHECK(streq(zs_category_name(ZS_CATEGORY_PUBLISHING), "publishing"));
    CHECK(zs_category_name(17) == NULL);
    CHECK(streq(zs_sign_off_level_name(ZS_SIGN_OFF_MAJOR), "major"));
    CHECK(zs_sign_off_level_name(3) == NULL);
    CHECK(zs_report_sign_off_level(NULL) == -1);
    CHECK(zs_last_error_status() == ZS_ERR_NULL);
    CHECK(zs_report_sign_off_count(NULL) == 0);
    CHECK(zs_category_name(-1) == NULL);
    CHECK(streq(zs_gate_name(ZS_GATE_SECRECY), "secrecy"));
    CHECK(streq(zs_severity_name(ZS_SEVERITY_BLOCK), "block"));
    CHECK(streq(zs_verdict_name(ZS_VERDICT_PASS), "pass"));
    CHECK(zs_verdict_name(4) == NULL);
    CHECK(streq(zs_status_name(ZS_ERR_UTF8), "ZS_ERR_UTF8"));
    CHECK(zs_status_name(1000) == NULL);
    CHECK(sizeof(zs_status) == 4 && sizeof(zs_category) == 4);
}

static void null_pointers(const zs_screener *s) {
    zs_clear_error();
    CHECK(zs_last_error_status() == ZS_OK && zs_last_error_message() == NULL);
    CHECK_STATUS(zs_screener_new(NULL), ZS_ERR_NULL);
    CHECK(contains(zs_last_error_message(), "out"));
    CHECK(zs_last_error_file() == NULL && zs_last_error_line() == 0);

    zs_report *r = SENTINEL;
    CHECK_STATUS(zs_scan(NULL, "abc", 3, &r), ZS_ERR_NULL);
    CHECK(r == SENTINEL);
    CHECK(contains(zs_last_error_message(), "screener"));
    CHECK_STATUS(zs_scan(s, "abc", 3, NULL), ZS_ERR_NULL);
    CHECK_STATUS(zs_scan(s, NULL, 5, &r), ZS_ERR_NULL);
    CHECK(r == SENTINEL);
    CHECK(contains(zs_last_error_message(), "text"));

    zs_redaction *red = SENTINEL;
    CHECK_STATUS(zs_redact(NULL, "a", 1, &red), ZS_ERR_NULL);
    CHECK_STATUS(zs_fix(s, NULL, 1, &red), ZS_ERR_NULL);
    CHECK_STATUS(zs_redact(s, "a", 1, NULL), ZS_ERR_NULL);
    CHECK(red == SENTINEL);

    zs_screener *built = SENTINEL;
    CHECK_STATUS(zs_builder_new(1, NULL), ZS_ERR_NULL);
    CHECK_STATUS(zs_builder_add_path(NULL, "x", 1), ZS_ERR_NULL);
    CHECK_STATUS(zs_builder_add_text(NULL, "a", 1, "", 0), ZS_ERR_NULL);
    CHECK_STATUS(zs_builder_build(NULL, &built), ZS_ERR_NULL);
    CHECK(built == SENTINEL);

    /* Accessors give their neutral value on NULL, and record why. */
    zs_clear_error();
    CHECK(zs_report_verdict(NULL) == -1);
    CHECK(zs_report_count(NULL) == 0);
    zs_finding f;
    CHECK_STATUS(zs_report_finding(NULL, 0, &f), ZS_ERR_NULL);
    uint64_t len = 77;
    CHECK(zs_report_json(NULL, &len) == NULL && len == 77);
    CHECK(zs_redaction_text(NULL, &len) == NULL && len == 77);
    CHECK(zs_redaction_count(NULL) == 0);
    CHECK(zs_screener_fingerprint(NULL) == NULL);
    CHECK(zs_last_error_status() == ZS_ERR_NULL && contains(zs_last_error_message(), "screener"));

    /* Free functions accept NULL. */
    zs_screener_free(NULL);
    zs_builder_free(NULL);
    zs_report_free(NULL);
    zs_redaction_free(NULL);
    passed++;
}

static void bad_text(const zs_screener *s) {
    static const struct {
        const char *bytes;
        uint64_t len;
        const char *offset;
    } bad[] = {
        {"\xff", 1, "byte offset 0"},
        {"ab\xe4\xb8", 4, "byte offset 2"},          /* truncated 3-byte sequence */
        {"\xc0\xaf", 2, "byte offset 0"},            /* overlong '/' */
        {"ok\xed\xa0\x80", 5, "byte offset 2"},      /* UTF-16 surrogate */
        {"\xe6\xb5\xb7\xf4\x90\x80\x80", 7, "byte offset 3"}, /* above U+10FFFF */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        zs_report *r = SENTINEL;
        CHECK_STATUS(zs_scan(s, bad[i].bytes, bad[i].len, &r), ZS_ERR_UTF8);
        CHECK(r == SENTINEL);
        CHECK(zs_last_error_status() == ZS_ERR_UTF8);
        CHECK(contains(zs_last_error_message(), bad[i].offset));
        zs_redaction *red = SENTINEL;
        CHECK_STATUS(zs_redact(s, bad[i].bytes, bad[i].len, &red), ZS_ERR_UTF8);
        CHECK_STATUS(zs_fix(s, bad[i].bytes, bad[i].len, &red), ZS_ERR_UTF8);
        CHECK(red == SENTINEL);
    }

    /* Lengths past what can be addressed: refused before reading (valgrind would see a read). */
    const uint64_t huge[] = {UINT64_MAX, (uint64_t)INT64_MAX + 1};
    for (size_t i = 0; i < 2; i++) {
        zs_report *r = SENTINEL;
        CHECK_STATUS(zs_scan(s, "a", huge[i], &r), ZS_ERR_TOO_LARGE);
        CHECK(r == SENTINEL);
        zs_redaction *red = SENTINEL;
        CHECK_STATUS(zs_redact(s, "a", huge[i], &red), ZS_ERR_TOO_LARGE);
        CHECK(red == SENTINEL);
    }

    /* Zero length: an empty text, with or without a pointer. */
    const char *empty_inputs[2] = {NULL, "出售海洛因"};
    for (int i = 0; i < 2; i++) {
        zs_report *r = NULL;
        CHECK_STATUS(zs_scan(s, empty_inputs[i], 0, &r), ZS_OK);
        CHECK(zs_report_verdict(r) == ZS_VERDICT_PASS && zs_report_count(r) == 0);
        zs_finding f;
        f.start = 99;
        CHECK_STATUS(zs_report_finding(r, 0, &f), ZS_ERR_RANGE);
        CHECK(f.start == 99);
        uint64_t len = 0;
        const char *json = zs_report_json(r, &len);
        CHECK(json && contains(json, "\"verdict\":\"pass\"") && len == strlen(json));
        zs_report_free(r);
        zs_redaction *red = NULL;
        CHECK_STATUS(zs_redact(s, empty_inputs[i], 0, &red), ZS_OK);
        CHECK(zs_redaction_text(red, &len) != NULL && len == 0 && zs_redaction_count(red) == 0);
        zs_redaction_free(red);
    }

    /* No NUL needed: only the given length is read. */
    const char text[] = "出售海洛因XXXX";
    zs_report *r = NULL;
    CHECK_STATUS(zs_scan(s, text, 15, &r), ZS_OK);
    zs_finding f;
    CHECK_STATUS(zs_report_finding(r, 0, &f), ZS_OK);
    CHECK(f.category == ZS_CATEGORY_DRUGS && f.start == 6 && f.end == 15);
    CHECK(f.char_start == 2 && f.utf16_start == 2 && f.text_len == 9 && streq(f.text, "海洛因"));
    CHECK(streq(f.rule, "drugs/海洛因") && f.rule_len == strlen(f.rule));
    CHECK_STATUS(zs_report_finding(r, 1, &f), ZS_ERR_RANGE);
    CHECK(contains(zs_last_error_message(), "out of range"));
    CHECK_STATUS(zs_report_finding(r, UINT64_MAX, &f), ZS_ERR_RANGE);
    CHECK_STATUS(zs_report_finding(r, 0, NULL), ZS_ERR_NULL);
    zs_report_free(r);

    /* Sign-off routing: the level, and each reason with its span of the input. */
    const char slide[] = "😀某镇发生山体滑坡，造成2人死亡。";
    r = NULL;
    CHECK_STATUS(zs_scan(s, slide, sizeof slide - 1, &r), ZS_OK);
    CHECK(zs_report_verdict(r) == ZS_VERDICT_PASS);
    CHECK(zs_report_sign_off_level(r) == ZS_SIGN_OFF_MAJOR && zs_report_sign_off_count(r) == 1);
    zs_sign_off_reason why;
    CHECK_STATUS(zs_report_sign_off_reason(r, 0, &why), ZS_OK);
    CHECK(why.level == ZS_SIGN_OFF_MAJOR && why.text_len == 6 && memcmp(why.text, "死亡", 6) == 0);
    CHECK(memcmp(slide + why.start, "死亡", 6) == 0 && why.utf16_start == 15);
    CHECK(streq(why.rule, "sign_off/死亡") && contains(why.note, "主要负责人"));
    why.start = 99;
    CHECK_STATUS(zs_report_sign_off_reason(r, 1, &why), ZS_ERR_RANGE);
    CHECK(why.start == 99);
    CHECK_STATUS(zs_report_sign_off_reason(r, 0, NULL), ZS_ERR_NULL);
    zs_report_free(r);

    /* NUL bytes inside the text are text. */
    const char with_nul[] = "a\0b\0出售海洛因";
    r = NULL;
    CHECK_STATUS(zs_scan(s, with_nul, sizeof with_nul - 1, &r), ZS_OK);
    CHECK(zs_report_count(r) == 1);
    CHECK_STATUS(zs_report_finding(r, 0, &f), ZS_OK);
    CHECK(f.start == 10 && f.char_start == 6 && f.utf16_start == 6);
    zs_report_free(r);

    /* Characters outside the BMP: UTF-16 offsets count them twice. */
    const char astral[] = "😀𠀀出售海洛因";
    r = NULL;
    CHECK_STATUS(zs_scan(s, astral, sizeof astral - 1, &r), ZS_OK);
    CHECK_STATUS(zs_report_finding(r, 0, &f), ZS_OK);
    CHECK(f.start == 14 && f.char_start == 4 && f.utf16_start == 6 && f.utf16_end == 9);
    zs_report_free(r);
}

/* A fixed-seed generator, so that a failure can be replayed. */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint32_t rng(void) {
    rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)(rng_state >> 33);
}

static int utf8_char_start(const char *text, uint64_t len, uint64_t at) {
    return at == len || (at < len && ((unsigned char)text[at] & 0xC0) != 0x80);
}

/*
 * Any bytes through the ABI: random byte strings (mostly invalid UTF-8) and random valid UTF-8
 * built from code points of every length, with pieces of Chinese and digits mixed in. Each call
 * returns ZS_OK or ZS_ERR_UTF8, and on ZS_OK every finding lies inside the text, on character
 * boundaries, and is exactly its span; redact and fix give valid results.
 */
static void random_inputs(const zs_screener *s) {
    static const char *pieces[] = {"出售", "海洛因", "13800138000", "身份证", "绝密★", "，", " ",
                                   "110108199003071238", "赌博", "*", "\xf0\x9f\x98\x80"};
    char text[512];
    int bad = 0, ok = 0, invalid = 0;
    for (int round = 0; round < 3000; round++) {
        uint64_t len = 0;
        if (round % 2 == 0) {
            len = rng() % 96;
            for (uint64_t i = 0; i < len; i++) text[i] = (char)(rng() & 0xFF);
        } else {
            while (len < 400) {
                uint32_t pick = rng() % 4;
                if (pick == 0) {
                    const char *p = pieces[rng() % (sizeof pieces / sizeof pieces[0])];
                    size_t n = strlen(p);
                    memcpy(text + len, p, n);
                    len += n;
                } else {
                    uint32_t cp = pick == 1 ? 0x20 + rng() % 0x60
                                : pick == 2 ? 0x4E00 + rng() % 0x5000
                                            : 0x80 + rng() % 0x10FF80;
                    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0x3000;
                    if (cp < 0x80) {
                        text[len++] = (char)cp;
                    } else if (cp < 0x800) {
                        text[len++] = (char)(0xC0 | (cp >> 6));
                        text[len++] = (char)(0x80 | (cp & 0x3F));
                    } else if (cp < 0x10000) {
                        text[len++] = (char)(0xE0 | (cp >> 12));
                        text[len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                        text[len++] = (char)(0x80 | (cp & 0x3F));
                    } else {
                        text[len++] = (char)(0xF0 | (cp >> 18));
                        text[len++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                        text[len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                        text[len++] = (char)(0x80 | (cp & 0x3F));
                    }
                }
                if (rng() % 16 == 0) break;
            }
        }
        zs_report *r = NULL;
        zs_status st = zs_scan(s, text, len, &r);
        if (st == ZS_ERR_UTF8) {
            invalid++;
            if (r != NULL) bad++;
            continue;
        }
        if (st != ZS_OK) {
            bad++;
            continue;
        }
        ok++;
        for (uint64_t i = 0; i < zs_report_count(r); i++) {
            zs_finding f;
            if (zs_report_finding(r, i, &f) != ZS_OK || f.start > f.end || f.end > len ||
                !utf8_char_start(text, len, f.start) || !utf8_char_start(text, len, f.end) ||
                f.text_len != f.end - f.start || memcmp(f.text, text + f.start, f.text_len) != 0 ||
                f.char_start > f.utf16_start || f.char_end > f.utf16_end) {
                bad++;
            }
        }
        zs_report_free(r);
        zs_redaction *red = NULL;
        if (zs_redact(s, text, len, &red) != ZS_OK || zs_redaction_text(red, NULL) == NULL) bad++;
        zs_redaction_free(red);
    }
    if (bad) fprintf(stderr, "random inputs: %d bad results\n", bad);
    CHECK(bad == 0);
    CHECK(ok > 1000 && invalid > 1000); /* both kinds were exercised */
}

static void redaction(const zs_screener *s) {
    const char text[] = "身份证号：110108199003071238";
    zs_redaction *red = NULL;
    CHECK_STATUS(zs_redact(s, text, sizeof text - 1, &red), ZS_OK);
    uint64_t len = 0;
    const char *out = zs_redaction_text(red, &len);
    CHECK(streq(out, "身份证号：110108********1238") && len == strlen(out));
    CHECK(zs_redaction_count(red) == 1);
    CHECK(zs_redaction_text(red, NULL) == out);
    zs_redaction_free(red);
}

static int write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t n = strlen(text);
    int ok = fwrite(text, 1, n, f) == n;
    return fclose(f) == 0 && ok ? 0 : -1;
}

static void wordlists(const char *dir) {
    /* A malformed line in memory: status, message with name:line, file and line. */
    zs_builder *b = NULL;
    CHECK_STATUS(zs_builder_new(2, &b), ZS_ERR_ARGUMENT);
    CHECK(b == NULL);
    CHECK_STATUS(zs_builder_new(0, &b), ZS_OK);
    const char *bad = "# local list\n@category advertising\n本店特价 | severity=fatal\n";
    CHECK_STATUS(zs_builder_add_text(b, "local.txt", 9, bad, strlen(bad)), ZS_OK);
    zs_screener *s = SENTINEL;
    CHECK_STATUS(zs_builder_build(b, &s), ZS_ERR_WORDLIST);
    CHECK(s == SENTINEL);
    CHECK(zs_last_error_status() == ZS_ERR_WORDLIST);
    CHECK(streq(zs_last_error_file(), "local.txt"));
    CHECK(zs_last_error_line() == 3);
    CHECK(contains(zs_last_error_message(), "local.txt:3:"));
    /* The record survives successful calls. */
    zs_builder *ok_builder = NULL;
    CHECK(zs_version() != NULL && zs_builder_new(1, &ok_builder) == ZS_OK);
    zs_builder_free(ok_builder);
    CHECK(streq(zs_last_error_file(), "local.txt") && zs_last_error_line() == 3);
    zs_builder_free(b);

    /* Invalid UTF-8 in a list names the list and the line. */
    CHECK_STATUS(zs_builder_new(0, &b), ZS_OK);
    CHECK_STATUS(zs_builder_add_text(b, "latin1.txt", 10, "@category typo\n\xb0\xd7\n", 17), ZS_ERR_UTF8);
    CHECK(streq(zs_last_error_file(), "latin1.txt") && zs_last_error_line() == 2);
    CHECK_STATUS(zs_builder_add_text(b, "", 0, "", 0), ZS_ERR_ARGUMENT);
    CHECK_STATUS(zs_builder_add_text(b, NULL, 3, "", 0), ZS_ERR_NULL);
    CHECK_STATUS(zs_builder_add_path(b, "", 0), ZS_ERR_ARGUMENT);
    CHECK_STATUS(zs_builder_add_path(b, NULL, 4), ZS_ERR_NULL);
    zs_builder_free(b);

    /* A file that does not exist: ZS_ERR_IO naming it. */
    char missing[4096];
    snprintf(missing, sizeof missing, "%s/no-such-list.txt", dir);
    CHECK_STATUS(zs_builder_new(1, &b), ZS_OK);
    CHECK_STATUS(zs_builder_add_path(b, missing, strlen(missing)), ZS_OK);
    s = SENTINEL;
    CHECK_STATUS(zs_builder_build(b, &s), ZS_ERR_IO);
    CHECK(s == SENTINEL);
    CHECK(streq(zs_last_error_file(), missing) && zs_last_error_line() == 0);
    zs_builder_free(b);

    /* A malformed file: its path and line. */
    char bad_path[4096];
    snprintf(bad_path, sizeof bad_path, "%s/bad.txt", dir);
    CHECK(write_file(bad_path, "@category advertising\n\n@nonsense on\n") == 0);
    CHECK_STATUS(zs_builder_new(1, &b), ZS_OK);
    CHECK_STATUS(zs_builder_add_path(b, bad_path, strlen(bad_path)), ZS_OK);
    CHECK_STATUS(zs_builder_build(b, &s), ZS_ERR_WORDLIST);
    CHECK(streq(zs_last_error_file(), bad_path) && zs_last_error_line() == 3);
    zs_builder_free(b);
    unlink(bad_path);

    /* A good directory of lists plus a list in memory, without the defaults. */
    char good_dir[4096], good_path[4200];
    snprintf(good_dir, sizeof good_dir, "%s/lists", dir);
    snprintf(good_path, sizeof good_path, "%s/local.txt", good_dir);
    CHECK(mkdir(good_dir, 0755) == 0 || errno == EEXIST);
    CHECK(write_file(good_path, "@category advertising\n本店特价 | severity=block\n") == 0);
    CHECK_STATUS(zs_builder_new(0, &b), ZS_OK);
    CHECK_STATUS(zs_builder_add_path(b, good_dir, strlen(good_dir)), ZS_OK);
    const char *mem = "@category typo\n按装 => 安装\n";
    CHECK_STATUS(zs_builder_add_text(b, "mem.txt", 7, mem, strlen(mem)), ZS_OK);
    s = NULL;
    CHECK_STATUS(zs_builder_build(b, &s), ZS_OK);
    zs_screener *again = NULL;
    CHECK_STATUS(zs_builder_build(b, &again), ZS_OK); /* a builder may build again */
    CHECK(streq(zs_screener_fingerprint(s), zs_screener_fingerprint(again)));
    zs_screener_free(again);
    zs_builder_free(b);
    const char *text = "本店特价，请按装后使用。出售海洛因";
    zs_report *r = NULL;
    CHECK_STATUS(zs_scan(s, text, strlen(text), &r), ZS_OK);
    CHECK(zs_report_count(r) == 2); /* no defaults: 海洛因 is not a rule here */
    CHECK(zs_report_verdict(r) == ZS_VERDICT_BLOCK);
    zs_finding f;
    CHECK_STATUS(zs_report_finding(r, 0, &f), ZS_OK);
    CHECK(streq(f.rule, "advertising/本店特价") && f.severity == ZS_SEVERITY_BLOCK);
    CHECK(f.gate == ZS_GATE_POLICY && f.suggestion == NULL && f.suggestion_len == 0);
    CHECK_STATUS(zs_report_finding(r, 1, &f), ZS_OK);
    CHECK(f.category == ZS_CATEGORY_TYPO && streq(f.suggestion, "安装") && f.suggestion_len == 6);
    zs_report_free(r);
    zs_redaction *red = NULL;
    CHECK_STATUS(zs_fix(s, text, strlen(text), &red), ZS_OK);
    CHECK(streq(zs_redaction_text(red, NULL), "本店特价，请安装后使用。出售海洛因"));
    CHECK(zs_redaction_count(red) == 1);
    zs_redaction_free(red);
    zs_screener_free(s);
    unlink(good_path);
    rmdir(good_dir);

    zs_clear_error();
    CHECK(zs_last_error_message() == NULL && zs_last_error_file() == NULL);
    CHECK(zs_last_error_status() == ZS_OK);
}

/* The language of the notes: Chinese by default, English on request; nothing else changes. */
static void languages(const zs_screener *s) {
    static const char text[] = "联系电话：13907351234";
    CHECK(zs_screener_lang(s) == ZS_LANG_ZH);
    CHECK(zs_screener_lang(NULL) == -1);
    CHECK(streq(zs_lang_name(ZS_LANG_ZH), "zh") && streq(zs_lang_name(ZS_LANG_EN), "en"));
    CHECK(zs_lang_name(2) == NULL && zs_lang_name(-1) == NULL);

    zs_screener *en = SENTINEL;
    CHECK_STATUS(zs_screener_with_lang(s, 2, &en), ZS_ERR_ARGUMENT);
    CHECK(en == SENTINEL && contains(zs_last_error_message(), "ZS_LANG_EN"));
    CHECK_STATUS(zs_screener_with_lang(NULL, ZS_LANG_EN, &en), ZS_ERR_NULL);
    CHECK_STATUS(zs_screener_with_lang(s, ZS_LANG_EN, NULL), ZS_ERR_NULL);
    CHECK_STATUS(zs_screener_with_lang(s, ZS_LANG_EN, &en), ZS_OK);
    CHECK(zs_screener_lang(en) == ZS_LANG_EN);
    CHECK(streq(zs_screener_fingerprint(en), zs_screener_fingerprint(s)));

    zs_report *rz = NULL, *re = NULL;
    CHECK_STATUS(zs_scan(s, text, strlen(text), &rz), ZS_OK);
    CHECK_STATUS(zs_scan(en, text, strlen(text), &re), ZS_OK);
    zs_finding fz, fe;
    if (rz && re && zs_report_count(rz) == 1 && zs_report_count(re) == 1) {
        CHECK_STATUS(zs_report_finding(rz, 0, &fz), ZS_OK);
        CHECK_STATUS(zs_report_finding(re, 0, &fe), ZS_OK);
        static const char zh_note[] = "手机号码（139号段），上下文“联系电话”，建议去标识化";
        static const char en_note[] = "mainland mobile number, allocated segment 139; context 联系电话";
        CHECK(fz.note_len == strlen(zh_note) && memcmp(fz.note, zh_note, fz.note_len) == 0);
        CHECK(fe.note_len == strlen(en_note) && memcmp(fe.note, en_note, fe.note_len) == 0);
        CHECK(fz.category == fe.category && fz.severity == fe.severity && fz.start == fe.start);
        CHECK(fz.rule_len == fe.rule_len && memcmp(fz.rule, fe.rule, fz.rule_len) == 0);
    } else {
        CHECK(!"one finding in each language");
    }
    zs_report_free(rz);
    zs_report_free(re);

    zs_builder *b = NULL;
    CHECK_STATUS(zs_builder_new(1, &b), ZS_OK);
    CHECK_STATUS(zs_builder_set_lang(b, 7), ZS_ERR_ARGUMENT);
    CHECK_STATUS(zs_builder_set_lang(NULL, ZS_LANG_EN), ZS_ERR_NULL);
    CHECK_STATUS(zs_builder_set_lang(b, ZS_LANG_EN), ZS_OK);
    zs_screener *built = NULL;
    CHECK_STATUS(zs_builder_build(b, &built), ZS_OK);
    CHECK(zs_screener_lang(built) == ZS_LANG_EN);
    zs_screener_free(built);
    zs_builder_free(b);
    /* the derived handle outlives nothing it needs: free it on its own */
    zs_screener_free(en);
}

/* The names policy: warn by default, review with protect; relief recipients by option. */
static void names_policy(void) {
    const char *t = "受害人王小明（男，12岁）";
    zs_builder *b = NULL;
    CHECK_STATUS(zs_builder_new(1, &b), ZS_OK);
    CHECK_STATUS(zs_builder_names(NULL, 1, 0), ZS_ERR_NULL);
    CHECK_STATUS(zs_builder_names(b, 2, 0), ZS_ERR_ARGUMENT);
    CHECK_STATUS(zs_builder_names(b, 0, -1), ZS_ERR_ARGUMENT);
    zs_screener *warn = NULL, *strict = NULL;
    CHECK_STATUS(zs_builder_build(b, &warn), ZS_OK);
    CHECK_STATUS(zs_builder_names(b, 1, 1), ZS_OK);
    CHECK_STATUS(zs_builder_build(b, &strict), ZS_OK);
    CHECK(!streq(zs_screener_fingerprint(warn), zs_screener_fingerprint(strict)));
    zs_report *r = NULL;
    CHECK_STATUS(zs_scan(warn, t, strlen(t), &r), ZS_OK);
    CHECK(zs_report_verdict(r) == ZS_VERDICT_WARN);
    zs_report_free(r);
    CHECK_STATUS(zs_scan(strict, t, strlen(t), &r), ZS_OK);
    CHECK(zs_report_verdict(r) == ZS_VERDICT_REVIEW);
    zs_report_free(r);
    zs_redaction *red = NULL;
    CHECK_STATUS(zs_redact(strict, t, strlen(t), &red), ZS_OK);
    CHECK(streq(zs_redaction_text(red, NULL), "受害人王**（男，12岁）"));
    zs_redaction_free(red);
    zs_screener_free(warn);
    zs_screener_free(strict);
    zs_builder_free(b);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s TMPDIR\n", argv[0]);
        return 2;
    }
    zs_screener *s = NULL;
    if (zs_screener_new(&s) != ZS_OK) {
        fprintf(stderr, "zs_screener_new: %s\n", or_unknown(zs_last_error_message()));
        return 2;
    }
    CHECK(zs_screener_fingerprint(s) != NULL && strlen(zs_screener_fingerprint(s)) > 8);
    version_and_names();
    null_pointers(s);
    bad_text(s);
    redaction(s);
    random_inputs(s);
    wordlists(argv[1]);
    languages(s);
    names_policy();
    zs_screener_free(s);
    printf("errors: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
