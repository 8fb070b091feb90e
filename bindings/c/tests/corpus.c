/*
 * The corpus through the C API: every text of the fixture (tests/support/fixture.rs) is scanned,
 * redacted and fixed with one screener, and the result must be byte for byte what the Rust API
 * gave: verdict, every finding with its byte, char and UTF-16 offsets, the report JSON, the
 * redacted and the fixed text.
 *
 *     corpus FIXTURE.tsv
 */
#include "common.h"

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s FIXTURE.tsv\n", argv[0]);
        return 2;
    }
    corpus c = corpus_load(argv[1]);
    zs_screener *s = NULL;
    if (zs_screener_new(&s) != ZS_OK) {
        fprintf(stderr, "zs_screener_new: %s\n", or_unknown(zs_last_error_message()));
        return 2;
    }
    size_t passed = 0, failed = 0, findings = 0;
    for (size_t i = 0; i < c.n; i++) {
        corpus_case *k = &c.cases[i];
        buf got = {0};
        zs_status st = describe(s, k->text, k->text_len, &got);
        if (st != ZS_OK) {
            fprintf(stderr, "case %s: %s: %s\n", k->id, or_unknown(zs_status_name(st)),
                    or_unknown(zs_last_error_message()));
            failed++;
        } else if (got.len != k->expected_len || memcmp(got.data, k->expected, got.len) != 0) {
            show_difference(k->id, k->expected, k->expected_len, got.data, got.len);
            failed++;
        } else {
            passed++;
            for (const char *p = got.data; (p = strstr(p, "\nfinding\t")) != NULL; p++) findings++;
        }
        buf_free(&got);
    }
    zs_screener_free(s);
    corpus_free(&c);
    printf("corpus: %zu cases identical to the Rust API (%zu findings)\n", passed, findings);
    printf("corpus: %zu passed, %zu failed\n", passed, failed);
    return failed == 0 && passed > 0 ? 0 : 1;
}
