package dev.wenku.text;

import com.hankcs.hanlp.HanLP;

/** Traditional → Simplified conversion for matching and analysis (display keeps the original script). */
public final class SimplifiedScript {

    private SimplifiedScript() {
    }

    public static String of(String text) {
        return text == null || text.isEmpty() ? text : HanLP.convertToSimplifiedChinese(text);
    }
}
