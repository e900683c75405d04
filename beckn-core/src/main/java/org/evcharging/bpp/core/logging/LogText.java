package org.evcharging.bpp.core.logging;

/**
 * Text from outside made fit for one log line, or for a column a person reads: every character that could start a
 * new line, hide or reorder text (Unicode categories Cc, Cf, Zl, Zp, unpaired surrogates) is written as an escape
 * ({@code \n}, {@code \r}, {@code \t}, {@code \}{@code uXXXX}), a backslash as two, and the result cut to a number
 * of code points with the count of what was cut.
 */
public final class LogText {

    private LogText() {
    }

    public static String safe(String s, int maxCodePoints) {
        return escape(s, maxCodePoints, true);
    }

    /**
     * The same for text already made of safe parts (a log line filled with {@link #safe} arguments): what could break
     * the line is escaped, backslashes are left as they are.
     */
    static String safeLine(String s, int maxCodePoints) {
        return escape(s, maxCodePoints, false);
    }

    private static String escape(String s, int maxCodePoints, boolean backslashes) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), maxCodePoints) + 16);
        int taken = 0;
        int i = 0;
        while (i < s.length()) {
            if (taken == maxCodePoints) {
                out.append("…(+").append(s.codePointCount(i, s.length())).append(')');
                break;
            }
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            taken++;
            switch (cp) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append(backslashes ? "\\\\" : "\\");
                default -> {
                    if (unsafe(cp)) {
                        out.append(String.format("\\u%04X", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean unsafe(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }
}
