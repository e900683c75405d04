package org.evcharging.bpp.core.inbound;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;

/** ISO 8601 durations as Beckn {@code ttl} uses them ({@code PT30S}, {@code P1D}, {@code P1M}); months count 30 days. */
final class IsoDurations {

    private IsoDurations() {
    }

    static Duration parse(String iso) {
        String s = iso.trim().toUpperCase();
        int t = s.indexOf('T');
        if (!s.startsWith("P") || s.length() < 2) {
            throw new DateTimeParseException("not an ISO 8601 duration", iso, 0);
        }
        Duration total = Duration.ZERO;
        String datePart = t < 0 ? s : s.substring(0, t);
        if (datePart.length() > 1) {
            Period p = Period.parse(datePart);
            total = total.plusDays(p.getYears() * 365L + p.getMonths() * 30L + p.getDays());
        }
        if (t >= 0) {
            total = total.plus(Duration.parse("P" + s.substring(t)));
        }
        return total;
    }
}
