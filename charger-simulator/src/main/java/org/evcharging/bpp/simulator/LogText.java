package org.evcharging.bpp.simulator;

/**
 * Makes text from a peer or a user safe for a log line: control characters (line breaks that would forge log lines,
 * terminal escapes) become '?', and it is cut to a readable length.
 */
final class LogText {

    private static final int MAX = 200;

    private LogText() {
    }

    static String safe(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX));
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
        }
        return text.length() > MAX ? out + "..." : out.toString();
    }
}
