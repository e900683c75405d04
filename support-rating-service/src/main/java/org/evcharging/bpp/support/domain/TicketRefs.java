package org.evcharging.bpp.support.domain;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Support ticket references people read out on the phone: {@code SUP-} and six characters from an alphabet without
 * look-alikes (no 0/O, 1/I/L, U), about 887 million of them; random, so one reference says nothing about others.
 */
public final class TicketRefs {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final Pattern FORMAT = Pattern.compile("^SUP-[" + ALPHABET + "]{6}$");

    private final RandomGenerator random;

    public TicketRefs(RandomGenerator random) {
        this.random = random;
    }

    public static TicketRefs secure() {
        return new TicketRefs(new SecureRandom());
    }

    public String next() {
        StringBuilder b = new StringBuilder("SUP-");
        for (int i = 0; i < 6; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** Whether {@code s} looks like a reference (case-insensitive: people type them). */
    public static boolean looksLikeRef(String s) {
        return s != null && FORMAT.matcher(s.trim().toUpperCase(java.util.Locale.ROOT)).matches();
    }

    public static String normalize(String s) {
        return s.trim().toUpperCase(java.util.Locale.ROOT);
    }
}
