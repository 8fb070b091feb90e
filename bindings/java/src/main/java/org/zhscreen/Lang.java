package org.zhscreen;

/**
 * The language of the notes ({@link Finding#note()}): Chinese by default, English on request.
 * Only the notes change; categories, gates, severities, rule ids and the fingerprint are the same
 * in every language. The values match {@code zs_lang} of the C header.
 */
public enum Lang {
    /** Chinese ({@code "zh"}, {@code ZS_LANG_ZH}): the default, notes as a reviewer writes them. */
    ZH,
    /** English ({@code "en"}, {@code ZS_LANG_EN}). */
    EN;

    /** The {@code zs_lang} value. */
    int code() {
        return ordinal();
    }

    /** The stable id: {@code "zh"} or {@code "en"}. */
    public String id() {
        return ZhscreenLibrary.INSTANCE.zs_lang_name(code()).getString(0, "UTF-8");
    }

    /**
     * The language of an id, {@code "zh"} or {@code "en"} (any case).
     *
     * @throws IllegalArgumentException for any other id, naming it and the ids expected
     */
    public static Lang fromId(String id) {
        for (Lang l : values()) {
            if (l.id().equalsIgnoreCase(id.strip())) {
                return l;
            }
        }
        throw new IllegalArgumentException(
                "unknown language \"" + id + "\": expected \"zh\" (Chinese, the default) or \"en\" (English)");
    }
}
