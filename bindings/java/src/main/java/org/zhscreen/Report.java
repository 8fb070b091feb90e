package org.zhscreen;

import java.util.List;

/**
 * The result of screening one text: the verdict ({@code "pass"}, {@code "warn"},
 * {@code "review"} or {@code "block"}, the highest severity found), the findings, ordered by
 * start then end, and who must sign the text before it is published.
 *
 * @param verdict the verdict id
 * @param findings the findings, unmodifiable
 * @param signOff the sign-off level and its reasons (changes no verdict)
 */
public record Report(String verdict, List<Finding> findings, SignOff signOff) {
    /** A report of earlier versions, without sign-off routing: its level is standard. */
    public Report(String verdict, List<Finding> findings) {
        this(verdict, findings, SignOff.STANDARD);
    }

    /** Whether a person must look at the text before it is published (review or block). */
    public boolean needsReview() {
        return verdict.equals("review") || verdict.equals("block");
    }
}
