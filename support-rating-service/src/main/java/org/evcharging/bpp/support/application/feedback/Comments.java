package org.evcharging.bpp.support.application.feedback;

/**
 * What a user typed in a feedback form, made safe to store: line breaks normalised to {@code \n}, other control
 * characters (and unpaired surrogates) removed, surrounding blanks trimmed. HTML is kept as typed and escaped
 * wherever it is shown ({@code api/FeedbackPage#escape}).
 */
public final class Comments {

    private Comments() {
    }

    public static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                continue;
            } else if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
                b.append(c);
            }
        }
        return b.toString().strip();
    }
}
