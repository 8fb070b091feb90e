package org.zhscreen;

/**
 * One routing word that raised a text's sign-off level. {@link #start()} and {@link #end()}
 * index the scanned {@code String} (UTF-16), so {@code text.substring(r.start(), r.end())} is
 * {@link #text()}.
 *
 * @param level the level this word asks for, {@code "important"} or {@code "major"}
 * @param rule {@code "sign_off/WORD"}
 * @param start UTF-16 offset of the first char
 * @param end UTF-16 offset one past the last char
 * @param byteStart UTF-8 byte offset (as in the report JSON)
 * @param byteEnd UTF-8 byte offset one past the end
 * @param text exactly the scanned text between start and end
 * @param note who must sign, and the rule that says so
 */
public record SignOffReason(
        String level, String rule, int start, int end, long byteStart, long byteEnd, String text,
        String note) {}
