package org.zhscreen;

/**
 * A rewritten text and how many spans were replaced.
 *
 * @param text the new text
 * @param count the number of spans replaced
 */
public record Redaction(String text, long count) {}
