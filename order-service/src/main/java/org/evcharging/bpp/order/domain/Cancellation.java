package org.evcharging.bpp.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Who cancelled an order ({@code BAP} or {@code PROVIDER}), the reason's id (the user's) and why, in words; once the
 * order records it ({@link Order#cancel}), also when and the fee kept by the terms.
 */
@Embeddable
public class Cancellation {

    public static final String BY_BAP = "BAP";
    public static final String BY_PROVIDER = "PROVIDER";
    static final int NOTE_LENGTH = 200;

    @Column(name = "cancelled_by", length = 10)
    private String by;

    @Column(name = "cancel_reason_id", length = 10)
    private String reasonId;

    /** Why, in words: the reason's text, or what the provider said (never the BAP's free text). */
    @Column(name = "cancel_note", length = NOTE_LENGTH)
    private String note;

    @Column(name = "cancelled_at", columnDefinition = "DATETIME(3)")
    private Instant at;

    /** Kept by the terms when a user cancels after the start. */
    @Column(name = "cancellation_fee", precision = 14, scale = 2)
    private BigDecimal fee;

    protected Cancellation() {
    }

    public Cancellation(String by, String reasonId, String note) {
        this.by = Objects.requireNonNull(by, "by");
        this.reasonId = reasonId;
        this.note = clean(note);
    }

    /**
     * A charger's own error text may carry anything: no control or format characters (line and paragraph separators,
     * bidirectional overrides), at most the column's length in whole characters.
     */
    private static String clean(String note) {
        String n = note == null ? null : note.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", " ").strip();
        if (n != null && n.codePointCount(0, n.length()) > NOTE_LENGTH) {
            n = n.substring(0, n.offsetByCodePoints(0, NOTE_LENGTH));
        }
        return n == null || n.isEmpty() ? null : n;
    }

    /** This cancellation as an order records it: when, and the fee kept. */
    Cancellation at(Instant when, BigDecimal keptFee) {
        Cancellation c = new Cancellation(by, reasonId, note);
        c.at = when;
        c.fee = keptFee;
        return c;
    }

    public String by() {
        return by;
    }

    public String reasonId() {
        return reasonId;
    }

    public String note() {
        return note;
    }

    public Instant at() {
        return at;
    }

    public BigDecimal fee() {
        return fee;
    }
}
