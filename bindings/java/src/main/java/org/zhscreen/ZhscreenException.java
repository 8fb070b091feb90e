package org.zhscreen;

/**
 * A call into zhscreen failed: a bad wordlist ({@link #file()} and {@link #line()} say where), an
 * unreadable path, or text that is not valid UTF-8.
 */
public final class ZhscreenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String statusName;
    private final String file;
    private final long line;

    ZhscreenException(int status, String statusName, String message, String file, long line) {
        super(message);
        this.status = status;
        this.statusName = statusName;
        this.file = file;
        this.line = line;
    }

    /** The {@code zs_status} value, e.g. 6 for {@code ZS_ERR_WORDLIST}. */
    public int status() {
        return status;
    }

    /** The status's name, e.g. {@code "ZS_ERR_WORDLIST"}. */
    public String statusName() {
        return statusName;
    }

    /** The wordlist file (or the name of an in-memory list) the error is about, or null. */
    public String file() {
        return file;
    }

    /** The 1-based wordlist line the error is about, or 0. */
    public long line() {
        return line;
    }
}
