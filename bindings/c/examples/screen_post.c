/*
 * screen_post: what a CMS does before it publishes a post. Reads the post (a file, or standard
 * input), screens it, and prints each finding with where it is, why, and what to write instead.
 *
 *     screen_post [-w WORDLIST_DIR_OR_FILE]... [--json | --redact] [FILE]
 *
 * Exit status: 0 the post may go out (pass or warn), 1 it must be reviewed or is blocked,
 * 2 an error (unreadable input, bad wordlist: the message names file and line).
 *
 * Build: cc -o screen_post screen_post.c $(pkg-config --cflags --libs zhscreen)
 */
#include <zhscreen.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_all(FILE *f, size_t *len) {
    size_t cap = 1 << 16, n = 0, got;
    char *data = malloc(cap);
    while (data && (got = fread(data + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *bigger = realloc(data, cap *= 2);
            if (!bigger) free(data);
            data = bigger;
        }
    }
    if (!data || ferror(f)) {
        free(data);
        return NULL;
    }
    *len = n;
    return data;
}

static int fail(const char *what) {
    const char *file = zs_last_error_file();
    fprintf(stderr, "screen_post: %s: %s\n", what, zs_last_error_message());
    if (file && zs_last_error_line() > 0) {
        fprintf(stderr, "  fix line %" PRId64 " of %s and try again\n", zs_last_error_line(), file);
    }
    return 2;
}

/* 1-based line and column (in characters) of a byte offset, for the editor. */
static void line_col(const char *text, uint64_t offset, uint64_t *line, uint64_t *col) {
    *line = 1;
    *col = 1;
    for (uint64_t i = 0; i < offset; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {
            ++*line;
            *col = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++*col;
        }
    }
}

int main(int argc, char **argv) {
    const char *path = NULL;
    int json = 0, redact = 0;
    zs_builder *builder = NULL;
    if (zs_builder_new(1, &builder) != ZS_OK) return fail("zs_builder_new");
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-w") == 0 && i + 1 < argc) {
            const char *list = argv[++i];
            if (zs_builder_add_path(builder, list, strlen(list)) != ZS_OK) return fail(list);
        } else if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--redact") == 0) {
            redact = 1;
        } else if (argv[i][0] != '-' && !path) {
            path = argv[i];
        } else {
            fprintf(stderr, "usage: screen_post [-w WORDLISTS]... [--json | --redact] [FILE]\n");
            return 2;
        }
    }
    zs_screener *screener = NULL;
    zs_status st = zs_builder_build(builder, &screener);
    zs_builder_free(builder);
    if (st != ZS_OK) return fail("loading the wordlists");

    FILE *in = path ? fopen(path, "rb") : stdin;
    if (!in) {
        perror(path);
        zs_screener_free(screener);
        return 2;
    }
    size_t len = 0;
    char *post = read_all(in, &len);
    if (path) fclose(in);
    if (!post) {
        fprintf(stderr, "screen_post: cannot read %s\n", path ? path : "standard input");
        zs_screener_free(screener);
        return 2;
    }

    int code = 2;
    if (redact) {
        zs_redaction *r = NULL;
        if (zs_redact(screener, post, len, &r) == ZS_OK) {
            uint64_t n = 0;
            const char *text = zs_redaction_text(r, &n);
            fwrite(text, 1, (size_t)n, stdout);
            fprintf(stderr, "%" PRIu64 " span(s) masked\n", zs_redaction_count(r));
            zs_redaction_free(r);
            code = 0;
        } else {
            code = fail(path ? path : "standard input");
        }
    } else {
        zs_report *report = NULL;
        if (zs_scan(screener, post, len, &report) != ZS_OK) {
            code = fail(path ? path : "standard input");
        } else {
            int32_t verdict = zs_report_verdict(report);
            if (json) {
                puts(zs_report_json(report, NULL));
            } else {
                for (uint64_t i = 0; i < zs_report_count(report); i++) {
                    zs_finding f;
                    if (zs_report_finding(report, i, &f) != ZS_OK) break;
                    uint64_t line, col;
                    line_col(post, f.start, &line, &col);
                    printf("%" PRIu64 ":%" PRIu64 ": %s [%s] %.*s  (%.*s)\n", line, col,
                           zs_severity_name(f.severity), zs_category_name(f.category),
                           (int)f.text_len, f.text, (int)f.rule_len, f.rule);
                    if (f.suggestion) printf("    write instead: %.*s\n", (int)f.suggestion_len, f.suggestion);
                    if (f.note) printf("    note: %.*s\n", (int)f.note_len, f.note);
                }
                printf("verdict: %s\n", zs_verdict_name(verdict));
            }
            code = verdict >= ZS_VERDICT_REVIEW ? 1 : 0;
            zs_report_free(report);
        }
    }
    free(post);
    zs_screener_free(screener);
    return code;
}
