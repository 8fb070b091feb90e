/*
 * One screener shared by 16 pthreads: each thread makes SCANS scans (10,000 unless told), each
 * one a scan, a redaction and a fix of the next text of the fixture, going round it and starting
 * at a different case in each thread so that the threads overlap on different texts. Every
 * result must be exactly what one thread alone got, which must be what the Rust API gave. Each
 * thread also fails a build with its own wordlist name and line, and after all have failed (a
 * barrier) reads back its own: the last error is per thread.
 *
 *     threads FIXTURE.tsv [SCANS]
 */
#include "common.h"

#include <pthread.h>

#define THREADS 16

typedef struct {
    const zs_screener *screener;
    const corpus *c;
    buf *reference; /* per case, from the main thread */
    pthread_barrier_t *barrier;
    int index;
    size_t per_thread;
    size_t scans;
    size_t mismatches;
    int error_ok;
} worker;

static void *run(void *arg) {
    worker *w = arg;
    /* Per-thread last error: a bad list named after this thread, failing at line index + 2. */
    zs_builder *b = NULL;
    char name[32], list[256];
    snprintf(name, sizeof name, "thread-%d.txt", w->index);
    int n = snprintf(list, sizeof list, "@category typo\n");
    for (int i = 0; i < w->index; i++) n += snprintf(list + n, sizeof list - (size_t)n, "# %d\n", i);
    snprintf(list + n, sizeof list - (size_t)n, "bad | severity=nonsense\n");
    zs_screener *never = NULL;
    int failed_build = zs_builder_new(0, &b) == ZS_OK &&
                       zs_builder_add_text(b, name, strlen(name), list, strlen(list)) == ZS_OK &&
                       zs_builder_build(b, &never) == ZS_ERR_WORDLIST && never == NULL;
    zs_builder_free(b);
    pthread_barrier_wait(w->barrier);

    size_t start = (size_t)w->index * w->c->n / THREADS;
    for (size_t j = 0; j < w->per_thread; j++) {
        size_t i = (start + j) % w->c->n;
        const corpus_case *k = &w->c->cases[i];
        buf got = {0};
        zs_status st = describe(w->screener, k->text, k->text_len, &got);
        w->scans++;
        if (st != ZS_OK || got.len != w->reference[i].len ||
            memcmp(got.data, w->reference[i].data, got.len) != 0) {
            if (w->mismatches++ == 0) {
                fprintf(stderr, "thread %d:\n", w->index);
                show_difference(k->id, w->reference[i].data, w->reference[i].len,
                                got.data ? got.data : "", got.len);
            }
        }
        buf_free(&got);
    }

    pthread_barrier_wait(w->barrier);
    const char *file = zs_last_error_file();
    w->error_ok = failed_build && file && strcmp(file, name) == 0 &&
                  zs_last_error_line() == w->index + 2 && zs_last_error_status() == ZS_ERR_WORDLIST;
    if (!w->error_ok) {
        fprintf(stderr, "thread %d: last error is %s:%" PRId64 ", expected %s:%d\n", w->index,
                or_unknown(file), zs_last_error_line(), name, w->index + 2);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s FIXTURE.tsv [SCANS]\n", argv[0]);
        return 2;
    }
    long scans_arg = argc == 3 ? atol(argv[2]) : 10000;
    size_t per_thread = scans_arg > 0 ? (size_t)scans_arg : 10000;
    corpus c = corpus_load(argv[1]);
    if (c.n == 0) die("the fixture holds no cases");
    zs_screener *s = NULL;
    if (zs_screener_new(&s) != ZS_OK) {
        fprintf(stderr, "zs_screener_new: %s\n", or_unknown(zs_last_error_message()));
        return 2;
    }
    int passed = 0, failed = 0;

    /* One thread alone first; it must agree with the Rust API too. */
    buf *reference = calloc(c.n ? c.n : 1, sizeof *reference);
    if (!reference) die("out of memory");
    size_t agree = 0;
    for (size_t i = 0; i < c.n; i++) {
        if (describe(s, c.cases[i].text, c.cases[i].text_len, &reference[i]) == ZS_OK &&
            reference[i].len == c.cases[i].expected_len &&
            memcmp(reference[i].data, c.cases[i].expected, reference[i].len) == 0) {
            agree++;
        }
    }
    if (agree == c.n && c.n > 0) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "single thread: %zu of %zu cases agree with the Rust API\n", agree, c.n);
    }

    pthread_barrier_t barrier;
    pthread_barrier_init(&barrier, NULL, THREADS);
    worker w[THREADS];
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (worker){.screener = s, .c = &c, .reference = reference, .barrier = &barrier,
                        .index = i, .per_thread = per_thread};
        if (pthread_create(&t[i], NULL, run, &w[i]) != 0) die("pthread_create");
    }
    size_t scans = 0, mismatches = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        scans += w[i].scans;
        mismatches += w[i].mismatches;
        if (w[i].mismatches == 0 && w[i].scans == per_thread) passed++; else failed++;
        if (w[i].error_ok) passed++; else failed++;
    }
    pthread_barrier_destroy(&barrier);
    size_t texts = c.n;
    for (size_t i = 0; i < c.n; i++) buf_free(&reference[i]);
    free(reference);
    zs_screener_free(s);
    corpus_free(&c);
    printf("threads: %d threads, one screener, %zu scans of %zu texts, %zu differ from one "
           "thread alone\n", THREADS, scans, texts, mismatches);
    printf("threads: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
