/*
 * Helpers shared by the C tests: a growable buffer, the escaping of the corpus fixture (see
 * tests/support/fixture.rs), the fixture reader, and `describe`, which writes what the C API says
 * about a text in the fixture's line format.
 */
#ifndef ZS_TEST_COMMON_H
#define ZS_TEST_COMMON_H

#include "zhscreen.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *data;
    size_t len;
    size_t cap;
} buf;

static inline void die(const char *what) {
    fprintf(stderr, "fatal: %s\n", what);
    exit(2);
}

static inline void buf_put(buf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) cap *= 2;
        char *data = realloc(b->data, cap);
        if (!data) die("out of memory");
        b->data = data;
        b->cap = cap;
    }
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static inline void buf_puts(buf *b, const char *s) { buf_put(b, s, strlen(s)); }

static inline void buf_printf(buf *b, const char *fmt, ...) {
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) die("vsnprintf");
    if ((size_t)n < sizeof small) {
        buf_put(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) die("out of memory");
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf_put(b, big, (size_t)n);
    free(big);
}

static inline void buf_free(buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Bytes below 0x20, 0x7f and '\' as \xNN; every other byte as it is. */
static inline void buf_escape(buf *b, const char *s, uint64_t n) {
    static const char hex[] = "0123456789abcdef";
    for (uint64_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f || c == '\\') {
            char e[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
            buf_put(b, e, 4);
        } else {
            buf_put(b, (const char *)&s[i], 1);
        }
    }
}

static inline int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* The inverse of buf_escape; 0 on success. */
static inline int unescape(const char *s, size_t n, buf *out) {
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\') {
            buf_put(out, &s[i], 1);
            continue;
        }
        if (i + 3 >= n || s[i + 1] != 'x') return -1;
        int hi = hexval(s[i + 2]), lo = hexval(s[i + 3]);
        if (hi < 0 || lo < 0) return -1;
        char c = (char)(hi * 16 + lo);
        buf_put(out, &c, 1);
        i += 3;
    }
    return 0;
}

static inline char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(&b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        buf_free(&b);
        return NULL;
    }
    if (!b.data) buf_put(&b, "", 0);
    *len = b.len;
    return b.data;
}

/* One case of the fixture: its id, the text to scan, and the expected lines after `case`. */
typedef struct {
    char *id;
    char *text;
    size_t text_len;
    char *expected;
    size_t expected_len;
} corpus_case;

typedef struct {
    corpus_case *cases;
    size_t n;
} corpus;

static inline void corpus_free(corpus *c) {
    for (size_t i = 0; i < c->n; i++) {
        free(c->cases[i].id);
        free(c->cases[i].text);
        free(c->cases[i].expected);
    }
    free(c->cases);
    c->cases = NULL;
    c->n = 0;
}

/* Reads the fixture written by examples/corpus_fixture.rs; exits on a malformed file. */
static inline corpus corpus_load(const char *path) {
    size_t len = 0;
    char *data = read_file(path, &len);
    if (!data) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    corpus c = {0};
    size_t cap = 0;
    corpus_case *cur = NULL;
    buf expected = {0};
    char *p = data, *end = data + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        size_t n = (size_t)(nl - p);
        if (n > 5 && memcmp(p, "case\t", 5) == 0) {
            if (cur) die("fixture: `case` inside a case");
            char *tab = memchr(p + 5, '\t', n - 5);
            if (!tab) die("fixture: `case` line without text");
            if (c.n == cap) {
                cap = cap ? cap * 2 : 64;
                c.cases = realloc(c.cases, cap * sizeof *c.cases);
                if (!c.cases) die("out of memory");
            }
            cur = &c.cases[c.n++];
            memset(cur, 0, sizeof *cur);
            buf id = {0}, text = {0};
            if (unescape(p + 5, (size_t)(tab - (p + 5)), &id) != 0) die("fixture: bad id");
            if (unescape(tab + 1, (size_t)(nl - tab - 1), &text) != 0) die("fixture: bad text");
            buf_put(&id, "", 0);
            buf_put(&text, "", 0);
            cur->id = id.data;
            cur->text = text.data;
            cur->text_len = text.len;
        } else if (cur) {
            buf_put(&expected, p, n);
            buf_put(&expected, "\n", 1);
            if (n == 3 && memcmp(p, "end", 3) == 0) {
                cur->expected = expected.data;
                cur->expected_len = expected.len;
                expected = (buf){0};
                cur = NULL;
            }
        } else if (n > 0) {
            die("fixture: line outside a case");
        }
        p = nl + 1;
    }
    if (cur) die("fixture: last case has no `end`");
    free(data);
    return c;
}

static inline const char *or_unknown(const char *s) { return s ? s : "(unknown)"; }

/*
 * Writes what the C API says about `text` in the fixture's format: verdict, findings, report
 * JSON, redaction and fix. Checks on the way that each finding's text is exactly its byte span of
 * the input and that its lengths agree, and writes a `MISMATCH` line when not, so that the
 * comparison fails. Returns the first status other than ZS_OK.
 */
static inline zs_status describe(const zs_screener *s, const char *text, size_t len, buf *out) {
    zs_report *r = NULL;
    zs_status st = zs_scan(s, text, (uint64_t)len, &r);
    if (st != ZS_OK) return st;
    uint64_t n = zs_report_count(r);
    buf_printf(out, "verdict\t%s\t%" PRIu64 "\n", or_unknown(zs_verdict_name(zs_report_verdict(r))), n);
    for (uint64_t i = 0; i < n; i++) {
        zs_finding f;
        st = zs_report_finding(r, i, &f);
        if (st != ZS_OK) {
            zs_report_free(r);
            return st;
        }
        buf_printf(out, "finding\t%s\t%s\t%s\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64
                        "\t%" PRIu64 "\t%" PRIu64 "\t",
                   or_unknown(zs_category_name(f.category)), or_unknown(zs_gate_name(f.gate)),
                   or_unknown(zs_severity_name(f.severity)), f.start, f.end, f.char_start,
                   f.char_end, f.utf16_start, f.utf16_end);
        buf_escape(out, f.rule, f.rule_len);
        buf_puts(out, "\t");
        buf_escape(out, f.text, f.text_len);
        buf_puts(out, "\t");
        if (f.suggestion) buf_escape(out, f.suggestion, f.suggestion_len); else buf_puts(out, "\\N");
        buf_puts(out, "\t");
        if (f.note) buf_escape(out, f.note, f.note_len); else buf_puts(out, "\\N");
        buf_puts(out, "\n");
        if (f.end < f.start || f.end > len || f.text_len != f.end - f.start ||
            memcmp(f.text, text + f.start, (size_t)f.text_len) != 0 || f.text[f.text_len] != '\0' ||
            f.rule[f.rule_len] != '\0') {
            buf_printf(out, "MISMATCH\tfinding %" PRIu64 " is not its span of the input\n", i);
        }
    }
    uint64_t reasons = zs_report_sign_off_count(r);
    buf_printf(out, "signoff\t%s\t%" PRIu64 "\n",
               or_unknown(zs_sign_off_level_name(zs_report_sign_off_level(r))), reasons);
    for (uint64_t i = 0; i < reasons; i++) {
        zs_sign_off_reason why;
        st = zs_report_sign_off_reason(r, i, &why);
        if (st != ZS_OK) {
            zs_report_free(r);
            return st;
        }
        buf_printf(out, "reason\t%s\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t",
                   or_unknown(zs_sign_off_level_name(why.level)), why.start, why.end,
                   why.utf16_start, why.utf16_end);
        buf_escape(out, why.rule, why.rule_len);
        buf_puts(out, "\t");
        buf_escape(out, why.text, why.text_len);
        buf_puts(out, "\t");
        buf_escape(out, why.note, why.note_len);
        buf_puts(out, "\n");
        if (why.end < why.start || why.end > len || why.text_len != why.end - why.start ||
            memcmp(why.text, text + why.start, (size_t)why.text_len) != 0) {
            buf_printf(out, "MISMATCH\tsign-off reason %" PRIu64 " is not its span of the input\n", i);
        }
    }
    uint64_t json_len = 0;
    const char *json = zs_report_json(r, &json_len);
    if (!json) {
        zs_report_free(r);
        return zs_last_error_status();
    }
    buf_puts(out, "json\t");
    buf_escape(out, json, json_len);
    buf_puts(out, "\n");
    zs_report_free(r);

    const char *names[2] = {"redact", "fix"};
    for (int k = 0; k < 2; k++) {
        zs_redaction *red = NULL;
        st = k == 0 ? zs_redact(s, text, (uint64_t)len, &red) : zs_fix(s, text, (uint64_t)len, &red);
        if (st != ZS_OK) return st;
        uint64_t tl = 0;
        const char *t = zs_redaction_text(red, &tl);
        buf_printf(out, "%s\t%" PRIu64 "\t", names[k], zs_redaction_count(red));
        buf_escape(out, t, tl);
        buf_puts(out, "\n");
        zs_redaction_free(red);
    }
    buf_puts(out, "end\n");
    return ZS_OK;
}

/* Prints the first line where two blocks differ. */
static inline void show_difference(const char *id, const char *want, size_t want_len, const char *got,
                            size_t got_len) {
    size_t i = 0, line_start = 0;
    while (i < want_len && i < got_len && want[i] == got[i]) {
        if (want[i] == '\n') line_start = i + 1;
        i++;
    }
    const char *we = memchr(want + line_start, '\n', want_len - line_start);
    const char *ge = memchr(got + line_start, '\n', got_len - line_start);
    int wl = (int)(we ? (size_t)(we - want) - line_start : want_len - line_start);
    int gl = (int)(ge ? (size_t)(ge - got) - line_start : got_len - line_start);
    fprintf(stderr, "case %s differs:\n  rust: %.*s\n  c:    %.*s\n", id, wl > 400 ? 400 : wl,
            want + line_start, gl > 400 ? 400 : gl, got + line_start);
}

#endif /* ZS_TEST_COMMON_H */
