package org.zhscreen;

/**
 * One thing a reviewer should look at. {@link #start()} and {@link #end()} index the scanned
 * {@code String} (UTF-16), so {@code text.substring(f.start(), f.end())} is {@link #text()};
 * byte (UTF-8) and code point offsets are there too, for the report JSON and other languages.
 *
 * @param category the category id, e.g. {@code "personal_info"}
 * @param gate the review gate, e.g. {@code "secrecy"}
 * @param severity {@code "info"}, {@code "warn"}, {@code "review"} or {@code "block"}
 * @param rule the rule that fired, e.g. {@code "drugs/海洛因"}
 * @param start UTF-16 offset of the first char (what {@code String.substring} takes)
 * @param end UTF-16 offset one past the last char
 * @param charStart offset in code points
 * @param charEnd offset one past the end, in code points
 * @param byteStart UTF-8 byte offset
 * @param byteEnd UTF-8 byte offset one past the end
 * @param text exactly the scanned text between start and end
 * @param suggestion the recommended wording, or null
 * @param note why, or what was checked, or null
 */
public record Finding(
        String category,
        String gate,
        String severity,
        String rule,
        int start,
        int end,
        long charStart,
        long charEnd,
        long byteStart,
        long byteEnd,
        String text,
        String suggestion,
        String note) {}
