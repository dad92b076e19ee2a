package dev.wenku.text;

import com.hankcs.hanlp.HanLP;

/**
 * Traditional → Simplified conversion for matching and analysis (display keeps the original script).
 *
 * <p>HanLP converts character by character and phrase by phrase but leaves 著 alone, while in Traditional text 著
 * is mostly 着: the aspect particle (隨著, 代表著, 意味著, 沿著, 朝著, 接著) and zhuó/zháo (著力, 著手, 著重, 著眼).
 * {@link Zhe} decides per occurrence; 著 stays only in the zhù words (顯著, 著作, 著名, 卓著, 名著 …).
 */
public final class SimplifiedScript {

    private SimplifiedScript() {
    }

    public static String of(String text) {
        return text == null || text.isEmpty() ? text : Zhe.apply(HanLP.convertToSimplifiedChinese(text));
    }
}
