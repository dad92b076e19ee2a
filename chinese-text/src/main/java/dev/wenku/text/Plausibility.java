package dev.wenku.text;

/**
 * How much a decoded text looks like real (Chinese or ASCII) text, from about -1 (garbage) to 1. Wrong decodings of
 * Chinese bytes produce rare characters, kana, Greek, box drawing, private-use characters and controls; right ones
 * produce frequent characters ({@link CommonHan#frequentInEitherScript}), ASCII and CJK punctuation.
 */
final class Plausibility {

    private Plausibility() {
    }

    static double of(CharSequence text) {
        return sum(text) / Math.max(1, text.length());
    }

    /** Mean weight shrunk towards 0.5 for short texts, so that a few lucky characters do not win. */
    static double smoothed(CharSequence text) {
        return (sum(text) + 0.5 * 16) / (text.length() + 16);
    }

    private static double sum(CharSequence text) {
        double sum = 0;
        for (int i = 0; i < text.length(); i++) {
            sum += weight(text.charAt(i));
        }
        return sum;
    }

    static double weight(char c) {
        if (c < 0x80) {
            return c >= 0x20 && c < 0x7F || c == '\n' || c == '\r' || c == '\t' ? 1 : -1;
        }
        if (Character.isIdeographic(c)) {
            return CommonHan.frequentInEitherScript(c) ? 1 : 0.2;
        }
        if (c >= '\u3000' && c <= '\u303F' || c >= '\uFF01' && c <= '\uFF5E' || c >= '\u2010' && c <= '\u2026'
            || c == '\u00B7') {
            return 1;
        }
        int type = Character.getType(c);
        if (type == Character.PRIVATE_USE || type == Character.UNASSIGNED || type == Character.CONTROL
            || type == Character.SURROGATE || c == '\uFFFD') {
            return -1;
        }
        if (c <= '\u024F') {
            return 0.5;
        }
        return 0;
    }
}
