package org.evcharging.bpp.payment.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.evcharging.bpp.payment.domain.Money;

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

        public enum Type { PAYMENT, REFUND }
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
     * The payment a refund of {@code amount} goes back against: the first one with that much left on it.
     *
     * @throws RefundRefused when nothing was paid, or the amount is more than what is left
     */
    public Payment refundSource(BigDecimal amount) {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a refund gives back more than 0");
        }
        if (payments.isEmpty()) {
            throw new RefundRefused("the order is not paid: nothing to refund");
        }
        if (amount.compareTo(balance()) > 0) {
            throw new RefundRefused("a refund of " + Money.format(amount) + " is more than the refundable balance of "
                    + Money.format(balance()));
        }
        for (Payment p : payments) {
            if (amount.compareTo(remaining(p)) <= 0) {
                return p;
            }
        }
        throw new RefundRefused("no single payment of the order has " + Money.format(amount)
                + " left to refund; refund it in parts");
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
