/*
 * A negative control for the valgrind runs of run-tests.sh: misuses the API on purpose, so that
 * memcheck must report it. If valgrind let this pass, its clean results on the real tests would
 * prove nothing.
 *
 *     leak_canary leak            a report is never freed: "definitely lost"
 *     leak_canary use-after-free  a finding's text is read after its report was freed
 */
#include "zhscreen.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc != 2) return 2;
    zs_screener *s = NULL;
    if (zs_screener_new(&s) != ZS_OK) return 2;
    const char text[] = "出售海洛因";
    zs_report *r = NULL;
    if (zs_scan(s, text, sizeof text - 1, &r) != ZS_OK) return 2;
    int code = 0;
    if (strcmp(argv[1], "leak") == 0) {
        r = NULL; /* dropped without zs_report_free */
    } else if (strcmp(argv[1], "use-after-free") == 0) {
        zs_finding f;
        if (zs_report_finding(r, 0, &f) != ZS_OK) return 2;
        zs_report_free(r);
        r = NULL;
        volatile char c = f.text[0]; /* invalid read */
        code = c == 0;
    } else {
        return 2;
    }
    zs_report_free(r);
    zs_screener_free(s);
    return code;
}
