package org.evcharging.bpp.payment.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The arithmetic of one order's money: what was paid, what was given back, what may still be refunded. Exact to
 * the paisa: sums of scale-2 amounts, no rounding. Only refunds the gateway carried out count; a failed refund is
 * listed but moves nothing.
 */
public final class Ledger {

    /** Where the order's money stands, spelled as the API writes it. */
    public enum Status {

        NOT_PAID("NOT-PAID"), PAID("PAID"), PARTIALLY_REFUNDED("PARTIALLY-REFUNDED"), REFUNDED("REFUNDED");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** One line of the ledger: a payment or a refund. */
    public record Entry(Type type, String id, BigDecimal amount, String status, String gatewayRef, Instant at) {

        public enum Type {
            PAYMENT, REFUND
        }
    }

    /** Why a refund cannot be made; the API answers 409. */
    public static final class RefundRefused extends RuntimeException {

        public RefundRefused(String message) {
            super(message);
        }
    }

    private final List<Payment> payments;
    private final List<Refund> refunds;

    public Ledger(List<Payment> payments, List<Refund> refunds) {
        this.payments = List.copyOf(Objects.requireNonNull(payments, "payments"));
        this.refunds = List.copyOf(Objects.requireNonNull(refunds, "refunds"));
    }

    public BigDecimal paid() {
        return payments.stream().map(Payment::amount).reduce(Money.ZERO, BigDecimal::add);
    }

    public BigDecimal refunded() {
        return refunds.stream().filter(Refund::succeeded).map(Refund::amount).reduce(Money.ZERO, BigDecimal::add);
    }

    /** What may still be refunded: paid minus refunded. */
    public BigDecimal balance() {
        return paid().subtract(refunded());
    }

    /** What the order's own payments still hold (the balance without money owed back and not yet given back). */
    public BigDecimal refundable() {
        return payments.stream().filter(p -> !p.owedBack()).map(this::remaining).reduce(Money.ZERO, BigDecimal::add);
    }

    public Status status() {
        if (payments.isEmpty()) {
            return Status.NOT_PAID;
        }
        BigDecimal refunded = refunded();
        if (refunded.signum() == 0) {
            return Status.PAID;
        }
        return balance().signum() <= 0 ? Status.REFUNDED : Status.PARTIALLY_REFUNDED;
    }

    /** The currency money moved in; {@code null} before any payment. */
    public String currency() {
        return payments.isEmpty() ? null : payments.get(0).currency();
    }

    /**
     * The payment a refund of {@code amount} goes back against: the first of the order's own payments with that
     * much left on it (a payment owed back is given back by itself, in full, and never drawn on here).
     *
     * @throws RefundRefused when nothing was paid, or the amount is more than what is left
     */
    public Payment refundSource(BigDecimal amount) {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a refund gives back more than 0");
        }
        if (payments.stream().allMatch(Payment::owedBack)) {
            throw new RefundRefused(payments.isEmpty() ? "the order is not paid: nothing to refund"
                    : "the order's only payments are owed back in full (their links had been replaced) and are being"
                            + " given back by themselves");
        }
        if (amount.compareTo(balance()) > 0) {
            throw new RefundRefused("a refund of " + Money.format(amount) + " is more than the refundable balance of "
                    + Money.format(balance()));
        }
        for (Payment p : payments) {
            if (!p.owedBack() && amount.compareTo(remaining(p)) <= 0) {
                return p;
            }
        }
        throw new RefundRefused("no single payment of the order has " + Money.format(amount)
                + " left to refund; refund it in parts");
    }

    /**
     * The payment {@code paymentId} of this order, for a refund of {@code amount} against it.
     *
     * @throws RefundRefused when the order has no such payment, or less than {@code amount} is left on it
     */
    public Payment refundSource(String paymentId, BigDecimal amount) {
        Payment p = payments.stream().filter(x -> x.paymentId().equals(paymentId)).findFirst()
                .orElseThrow(() -> new RefundRefused("the order has no payment '" + paymentId + "'"));
        if (amount.signum() <= 0 || amount.compareTo(remaining(p)) > 0) {
            throw new RefundRefused(
                    "a refund of " + Money.format(amount) + " is more than the " + Money.format(remaining(p))
                            + " left on payment " + paymentId);
        }
        return p;
    }

    /** What is left to refund on one payment. */
    public BigDecimal remaining(Payment payment) {
        BigDecimal back = refunds.stream().filter(Refund::succeeded)
                .filter(r -> r.paymentId().equals(payment.paymentId()))
                .map(Refund::amount).reduce(Money.ZERO, BigDecimal::add);
        return payment.amount().subtract(back);
    }

    /** Payments and refunds in the order they happened. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        payments.forEach(p -> entries.add(new Entry(Entry.Type.PAYMENT, p.paymentId(), p.amount(), "PAID",
                p.gatewayRef(), p.capturedAt())));
        refunds.forEach(r -> entries.add(new Entry(Entry.Type.REFUND, r.refundId(), r.amount(), r.status().name(),
                r.gatewayRef(), r.createdAt())));
        entries.sort(Comparator.comparing(Entry::at).thenComparing(e -> e.type().ordinal()));
        return entries;
    }
}
