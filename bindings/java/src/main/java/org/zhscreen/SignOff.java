package org.zhscreen;

import java.util.List;

/**
 * Who must sign a text before it is published (分级审核), and why. It changes no verdict.
 *
 * @param level {@code "standard"} (the deputy in charge signs), {@code "important"} (the leader
 *     in charge signs; content about county leaders or other units goes to them first) or
 *     {@code "major"} (the head of the unit signs, after the county government office)
 * @param reasons the routing words found, first occurrence of each, in text order; unmodifiable
 */
public record SignOff(String level, List<SignOffReason> reasons) {
    /** The level of a text without routing words. */
    public static final SignOff STANDARD = new SignOff("standard", List.of());
}
