package org.pixelscope.cli;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The value of {@code sample --digit}: one class ({@code 7}), a range ({@code 0-9}), a list
 * ({@code 3,5}) or a mix ({@code 1,4-6}), in the order typed, each class once.
 *
 * <p>Thread: stateless.
 */
final class Digits {

    private Digits() {}

    /**
     * The classes {@code text} names, each within {@code 0..classes-1}.
     *
     * @throws IllegalArgumentException naming the part that is malformed or out of range
     */
    static int[] parse(String text, int classes) {
        Set<Integer> out = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            int dash = p.indexOf('-', 1);
            int from = number(dash < 0 ? p : p.substring(0, dash), text);
            int to = dash < 0 ? from : number(p.substring(dash + 1), text);
            if (to < from) {
                throw new IllegalArgumentException(
                        "'" + p + "' in '" + text + "' runs backwards; write " + to + "-" + from);
            }
            for (int d = from; d <= to; d++) {
                if (d >= classes) {
                    throw new IllegalArgumentException(
                            "digit " + d + " is outside 0-" + (classes - 1) + ", the classes this model knows");
                }
                out.add(d);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int number(String s, String text) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 4 || !t.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + text + "' is not a digit, a range like 0-9 or a list like 3,5");
        }
        return Integer.parseInt(t);
    }
}
