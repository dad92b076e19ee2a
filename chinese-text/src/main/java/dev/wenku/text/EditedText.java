package dev.wenku.text;

/**
 * Builds an edited copy of a text while remembering where each offset of the input lands in the output, so that
 * positions found by an earlier repair step can be carried through the later ones.
 */
final class EditedText {

    private final String input;
    private final StringBuilder output;
    private final int[] offsets;
    private int copied;
    private int edits;

    EditedText(String input) {
        this.input = input;
        this.output = new StringBuilder(input.length());
        this.offsets = new int[input.length() + 1];
    }

    /** Replaces {@code input[start, end)}; replacements must be made left to right. */
    void replace(int start, int end, CharSequence replacement) {
        copyUpTo(start);
        int at = output.length();
        for (int i = start; i < end; i++) {
            offsets[i] = at;
        }
        output.append(replacement);
        copied = end;
    }

    /** Counts one repair without implying a replacement (steps decide what a repair is). */
    void count(int repairs) {
        edits += repairs;
    }

    Result finish() {
        copyUpTo(input.length());
        offsets[input.length()] = output.length();
        return new Result(output.toString(), edits, offsets);
    }

    private void copyUpTo(int end) {
        for (int i = copied; i < end; i++) {
            offsets[i] = output.length();
            output.append(input.charAt(i));
        }
        copied = Math.max(copied, end);
    }

    /** The edited text, the number of repairs, and {@code offsets[i]} = output offset of input offset {@code i}. */
    record Result(String text, int count, int[] offsets) {

        int map(int inputOffset) {
            return offsets[inputOffset];
        }
    }
}
