package dev.wenku.text;

/**
 * Decides whether a 著 in converted text is 着 (particle, or zhuó/zháo as in 着力, 着手) or stays 著 (zhù: to write,
 * to be outstanding). 著 stays when it forms a zhù word with its neighbour: after 显 卓 昭 名 巨 专 论 编 原 译 遗 合
 * 拙 土 撰 所 大, or before 作 名 称 述 者 录 书; everywhere else it becomes 着.
 */
final class Zhe {

    private static final String ZHU_BEFORE = "显卓昭名巨专论编原译遗合拙土撰所大顯專論編譯遺";
    private static final String ZHU_AFTER = "作名称述者录书稱錄書";

    private Zhe() {
    }

    static String apply(String simplified) {
        if (simplified.indexOf('著') < 0) {
            return simplified;
        }
        char[] chars = simplified.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] != '著') {
                continue;
            }
            boolean zhuBefore = i > 0 && ZHU_BEFORE.indexOf(chars[i - 1]) >= 0;
            boolean zhuAfter = i + 1 < chars.length && ZHU_AFTER.indexOf(chars[i + 1]) >= 0;
            if (!zhuBefore && !zhuAfter) {
                chars[i] = '着';
            }
        }
        return new String(chars);
    }
}
