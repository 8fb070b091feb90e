package org.zhscreen;

import java.util.List;

/**
 * The result of screening one text: the verdict ({@code "pass"}, {@code "warn"},
 * {@code "review"} or {@code "block"}, the highest severity found) and the findings, ordered by
 * start then end.
 *
 * @param verdict the verdict id
 * @param findings the findings, unmodifiable
 */
public record Report(String verdict, List<Finding> findings) {
    /** Whether a person must look at the text before it is published (review or block). */
    public boolean needsReview() {
        return verdict.equals("review") || verdict.equals("block");
    }
}
