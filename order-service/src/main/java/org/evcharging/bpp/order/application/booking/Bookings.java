package org.evcharging.bpp.order.application.booking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.persistence.BecknReferences;
import org.evcharging.bpp.order.infrastructure.catalog.CatalogClient;
import org.evcharging.bpp.order.infrastructure.catalog.Catalog;
import org.evcharging.bpp.order.infrastructure.metrics.OrderMetrics;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.OrderStatus;
import org.evcharging.bpp.order.infrastructure.payments.PaymentClient;
import org.evcharging.bpp.order.infrastructure.payments.Payments;
import org.evcharging.bpp.core.rest.PeerErrors;
import org.evcharging.bpp.order.infrastructure.quotes.QuoteClient;
import org.evcharging.bpp.order.infrastructure.quotes.Quotes;

/**
 * The booking use cases, each inside the handler's transaction (so the order, its slot hold and the on_* answer
 * commit together, and any error leaves nothing behind):
 * <ul>
 * <li>{@link #init}: re-verify the quote with quote-service (expired or re-priced higher: refused, never applied
 * silently; a vehicle may make it cheaper), hold the charger's slot until the quote's validity ends, get a payment
 * link from payment-service, keep the draft;</li>
 * <li>{@link #confirm}: only when payment-service's ledger says the order is paid in full; the hold becomes a
 * reservation and the order ACTIVE. A repeated confirm answers the same order.</li>
 * </ul>
 */
@ApplicationScoped
public class Bookings {

    private static final SafeLog LOG = SafeLog.of(Bookings.class);
    private static final String ORDER = "$.message.order";
    /** A payment link closes this long before its hold, so that a payment made at the last moment can be confirmed. */
    static final Duration PAYMENT_MARGIN = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    Quotes quotes;

    @Inject
    OrderMetrics metrics;

    @Inject
    Payments payments;

    @Inject
    Catalog catalog;

    @Inject
    SlotHolds holds;

    @Inject
    @ConfigProperty(name = "order.provider-utc-offset", defaultValue = "+05:30")
    String providerOffset;

    /** The order of a transaction (its latest), or null. */
    @Transactional(TxType.SUPPORTS)
    public Order ofTransaction(String bapId, String transactionId) {
        return em.createNamedQuery("Order.ofTransaction", Order.class).setParameter("bap", bapId)
                .setParameter("txn", transactionId).setMaxResults(1).getResultStream().findFirst().orElse(null);
    }

    /** An order by its id, or null; with {@code bapId}, another BAP's order is not found either. */
    @Transactional(TxType.SUPPORTS)
    public Order find(String orderId, String bapId) {
        Order o = em.find(Order.class, orderId);
        return o != null && (bapId == null || o.beckn().bapId().equals(bapId)) ? o : null;
    }

    @Transactional(TxType.MANDATORY)
    public Order init(BookingRequest r) {
        Order existing = ofTransaction(r.bapId(), r.transactionId());
        if (existing != null && existing.status() != OrderStatus.DRAFT && existing.status() != OrderStatus.EXPIRED) {
            throw new BecknException(ErrorCode.BUSINESS_ERROR, "$.context.transaction_id", "order " + existing.id()
                    + " of this transaction is " + existing.status() + "; start a new transaction to book again");
        }
        String orderId = existing != null && existing.status() == OrderStatus.DRAFT ? existing.id()
                : UUID.randomUUID().toString();
        QuoteClient.QuoteState quote = quoteOf(r);
        Slot slot = Slot.of(quote.quotedOrder());
        boolean blocks = slot.start() != null && slot.block() && quote.fulfillmentId() != null;
        Instant heldUntil = OffsetDateTime.parse(quote.validUntil()).toInstant();
        if (blocks) {
            // First the slot: taken under the charger's row lock, which this transaction keeps until it ends. Of users
            // racing for one slot, only the one that gets it goes on to price and pay; the others are refused here,
            // before anything else is asked of other services.
            hold(orderId, quote.fulfillmentId(), slot, heldUntil);
        }
        QuoteClient.Repriced repricing = repricing(quote, r);
        quote = repriced(quote, repricing);
        Instant holdUntil = OffsetDateTime.parse(quote.validUntil()).toInstant();
        Instant payBy = holdUntil.minus(PAYMENT_MARGIN);
        if (payBy.isBefore(Instant.now().plus(PAYMENT_MARGIN))) {
            throw new BecknException(ErrorCode.QUOTE_UNAVAILABLE, ORDER + ".quote",
                    "the quote is about to expire (" + quote.validUntil()
                            + "), too late to pay for it: send select again");
        }
        Instant now = Instant.now();
        Order o = existing != null && existing.status() == OrderStatus.DRAFT ? existing
                : new Order(orderId, BecknReferences.of(r.bapId(), r.transactionId(), r.messageId()), now);
        if (o != existing) {
            em.persist(o);
        }
        o.book(new Order.Booked(quote.providerId(), quote.itemId(), quote.fulfillmentId(), slot.fulfillmentType(),
                quote.id(), quote.quantity(), quote.total(), quote.currency(), slot.start(), slot.end(),
                quote.quotedOrder(), holdUntil), now);
        o.billing(r.billingName(), r.billingEmail(), r.billingPhone());
        o.customer(r.customerName(), r.customerPhone(), r.vehicleCategory(), r.vehicleRegistration());
        o.context(r.requestContext());
        if (blocks) {
            if (!holdUntil.equals(heldUntil)) {
                hold(o.id(), quote.fulfillmentId(), slot, holdUntil); // a replacement quote: the lock is ours, new expiry
            }
        } else {
            holds.release(o.id());
        }
        locate(o, repricing);
        // The link lapses a minute before the hold, so that a payment can still be confirmed in time.
        PaymentClient.PaymentLink link;
        try {
            link = payments.link(new PaymentClient.LinkRequest(o.id(), o.total().toPlainString(), o.currency(),
                    abbreviate("EV charging: " + o.providerId() + " " + o.itemId(), 200), payBy.toString(),
                    new PaymentClient.Payer(r.billingName(), r.billingEmail(), r.billingPhone())));
        } catch (PeerErrors.PeerRefused e) {
            throw e.status() == 409
                    ? new BecknException(ErrorCode.BUSINESS_ERROR, ORDER, "this order is paid already: confirm it")
                    : new BecknException(ErrorCode.INVALID_REQUEST, ORDER + ".billing",
                            "payments refused the billing details: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "init txn={0}: payment-service unavailable: {1}",
                    new Object[] {r.transactionId(), e.toString()});
            throw new BecknException(ErrorCode.BUSINESS_ERROR, null,
                    "payments could not be reached, so nothing was booked; send init again shortly");
        }
        o.payment(link.paymentId(), link.url(), OffsetDateTime.parse(link.expiresAt()).toInstant());
        LOG.log(Level.INFO, "order {0} txn={1} drafted on {2} ({3} {4}), held until {5}", new Object[] {o.id(),
                r.transactionId(), o.fulfillmentId(), o.total(), o.currency(), holdUntil});
        return o;
    }

    /** Takes the slot on the charger until {@code until}; a taken one is the on_init error 30008 naming it. */
    private void hold(String orderId, String fulfillmentId, Slot slot, Instant until) {
        try {
            holds.hold(orderId, fulfillmentId, slot.start(), slot.end(), until);
        } catch (SlotHolds.Taken t) {
            ZoneOffset zone = ZoneOffset.of(providerOffset);
            throw new BecknException(ErrorCode.FULFILLMENT_UNAVAILABLE, ORDER + ".fulfillments[0].stops",
                    fulfillmentId + " is already booked from " + t.by().slotStart().atOffset(zone) + " to "
                            + t.by().slotEnd().atOffset(zone) + ": choose another slot or charger");
        }
    }

    /**
     * Confirm, first holding the BAP to the price it showed its user ({@code claims}, from its confirm): a draft whose
     * quote total differs from one of them is refused with 40003 naming the current quote, and nothing changes. What
     * is paid is still judged by payment-service's ledger alone. A repeated confirm of an ACTIVE order answers the
     * order, whose quote shows the price.
     */
    @Transactional(TxType.MANDATORY)
    public Order confirm(String orderId, String bapId, String transactionId, List<PriceClaim> claims) {
        Instant now = Instant.now();
        Order o = orderId != null ? em.find(Order.class, orderId) : ofTransaction(bapId, transactionId);
        if (o == null || !o.beckn().bapId().equals(bapId)) {
            throw new BecknException(ErrorCode.ORDER_NOT_FOUND,
                    orderId != null ? ORDER + ".id" : "$.context.transaction_id",
                    orderId != null ? "no order '" + orderId + "'" : "this transaction has no order: send init first");
        }
        if (o.status() == OrderStatus.ACTIVE) {
            return o; // a repeated confirm: the same order, nothing reserved or charged again
        }
        if (o.status() != OrderStatus.DRAFT) {
            throw new BecknException(ErrorCode.QUOTE_UNAVAILABLE, ORDER, "order " + o.id() + " is " + o.status()
                    + ": send init again to book");
        }
        for (PriceClaim claim : claims) {
            if (!claim.matches(o.total(), o.currency())) {
                throw new BecknException(ErrorCode.QUOTE_UNAVAILABLE, claim.path(), "the current quote of order "
                        + o.id() + " is " + o.total().toPlainString() + " " + o.currency() + ", not "
                        + claim.value().toPlainString() + (claim.currency() == null ? "" : " " + claim.currency())
                        + ": show the user this price and confirm with it");
            }
        }
        PaymentClient.Ledger ledger = ledger(o, transactionId);
        // Paid: the order's own (latest) link, for its total. A payment on a link it replaced does not count; payments
        // gives that back by itself.
        boolean paid = ledger != null && ledger.links() != null
                && ledger.links().stream()
                        .anyMatch(l -> l.paymentId().equals(o.paymentId()) && "PAID".equals(l.status())
                                && o.currency().equals(l.currency())
                                && new BigDecimal(l.amount()).compareTo(o.total()) == 0)
                && new BigDecimal(ledger.ownMoney()).compareTo(o.total()) == 0;
        if (!paid && !o.holdExpiredAt(now)) {
            String got = ledger == null || ledger.currency() == null ? "nothing"
                    : ledger.ownMoney() + " " + ledger.currency();
            // 50000 (policy): orders are paid in advance, at the link. Not 40004, which says the BAP's payment object is
            // of a kind the BPP does not support.
            throw new BecknException(ErrorCode.POLICY_ERROR, ORDER + ".payments[0].status",
                    "order not paid (received " + got + " of " + o.total() + " " + o.currency() + "): pay at "
                            + o.paymentUrl() + " and confirm again");
        }
        boolean lapsed = o.holdExpiredAt(Instant.now()) || !holds.reserve(o.id());
        if (lapsed) {
            if (paid) {
                refundLapsed(o);
            }
            throw new BecknException(ErrorCode.QUOTE_UNAVAILABLE, ORDER, "the booking lapsed at " + o.holdUntil()
                    + " before it was confirmed" + (paid ? "; the payment is refunded" : "") + ": send init again");
        }
        o.activate(now);
        metrics.booked(o.isSwap());
        LOG.log(Level.INFO, "order {0} txn={1} confirmed: paid {2} {3}, {4} reserved", new Object[] {o.id(),
                o.beckn().transactionId(), o.total(), o.currency(), o.fulfillmentId()});
        return o;
    }

    private PaymentClient.Ledger ledger(Order o, String transactionId) {
        try {
            return payments.ledger(o.id());
        } catch (PeerErrors.PeerRefused notFound) {
            return null;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "confirm txn={0}: payment-service unavailable: {1}",
                    new Object[] {transactionId, e.toString()});
            throw new BecknException(ErrorCode.BUSINESS_ERROR, null,
                    "the payment could not be checked (payments unreachable); send confirm again shortly");
        }
    }

    /** Money taken for a booking that lapsed before confirm goes back (idempotent: one refund id per order). */
    private void refundLapsed(Order o) {
        try {
            payments.refund(o.id(), new PaymentClient.RefundRequest("lapsed-" + o.id(), o.total().toPlainString(),
                    "booking lapsed before confirm"));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "order={0} lapsed after payment and the refund failed ({1}): refund it by hand",
                    new Object[] {o.id(), e.toString()});
        }
    }

    private QuoteClient.QuoteState quoteOf(BookingRequest r) {
        QuoteClient.QuoteState quote;
        try {
            quote = r.quoteId() != null ? quotes.get(r.quoteId()) : quotes.latest(r.transactionId(), r.bapId());
        } catch (PeerErrors.PeerRefused e) {
            throw new BecknException(ErrorCode.QUOTE_UNAVAILABLE, r.quoteId() != null ? ORDER + ".quote.id" : ORDER,
                    r.quoteId() != null ? "no quote '" + r.quoteId() + "'"
                            : "this transaction has no quote: send select first");
        } catch (RuntimeException e) {
            throw unavailable("quotes", r, e);
        }
        if (!quote.bapId().equals(r.bapId()) || !quote.transactionId().equals(r.transactionId())) {
            throw new BecknException(ErrorCode.QUOTE_UNAVAILABLE, ORDER + ".quote.id",
                    "the quote belongs to another transaction");
        }
        if (!quote.providerId().equals(r.providerId())) {
            throw new BecknException(ErrorCode.PROVIDER_NOT_FOUND, ORDER + ".provider.id",
                    "the quote is for provider '" + quote.providerId() + "', not '" + r.providerId() + "'");
        }
        if (!quote.itemId().equals(r.itemId())) {
            throw new BecknException(ErrorCode.ITEM_NOT_FOUND, ORDER + ".items[0].id",
                    "the quote is for item '" + quote.itemId() + "', not '" + r.itemId() + "'");
        }
        if (!quote.valid() || quote.quotedOrder() == null) {
            throw new BecknException(ErrorCode.QUOTE_UNAVAILABLE, ORDER + ".quote",
                    "the quote expired at " + quote.validUntil() + ": send select again");
        }
        return quote;
    }

    /** The quote priced again now, by quote-service. */
    private QuoteClient.Repriced repricing(QuoteClient.QuoteState quote, BookingRequest r) {
        try {
            return quotes.reprice(quote.id(), r.vehicleCategory());
        } catch (PeerErrors.PeerRefused e) {
            throw new BecknException(ErrorCode.QUOTE_UNAVAILABLE, ORDER + ".quote",
                    "the quote is no longer known: send select again");
        } catch (RuntimeException e) {
            throw unavailable("quotes", r, e);
        }
    }

    /** The quote to book after repricing: the same, a cheaper replacement (a vehicle offer), or refused. */
    private static QuoteClient.QuoteState repriced(QuoteClient.QuoteState quote, QuoteClient.Repriced now) {
        if (now.error() != null) {
            if (now.error().startsWith(ErrorCode.BUSINESS_ERROR.code())) {
                // The catalog could not be reached to price it again: try again, nothing is wrong with the quote.
                throw new BecknException(ErrorCode.BUSINESS_ERROR, null,
                        "the quote could not be checked now (" + now.error() + "); send init again shortly");
            }
            throw new BecknException(ErrorCode.QUOTE_UNAVAILABLE, ORDER,
                    "what was quoted cannot be booked any more (" + now.error() + "): send select again");
        }
        if (now.replacement() != null) {
            return now.replacement(); // cheaper with the vehicle named: a new quote, shown in on_init
        }
        if (!now.unchanged()) {
            throw new BecknException(ErrorCode.QUOTE_UNAVAILABLE, ORDER + ".quote.price", "the price changed from "
                    + now.quoted() + " to " + now.now() + " " + now.currency() + " since the quote: send select again");
        }
        return quote;
    }

    /**
     * Where the booked charger stands, for the instructions: as the catalog told quote-service while repricing (the
     * same read), or asked of the catalog when quote-service did not say.
     */
    private void locate(Order o, QuoteClient.Repriced repricing) {
        if (o.fulfillmentId() == null || o.stationGps() != null) {
            return;
        }
        if (repricing.gps() != null && o.fulfillmentId().equals(repricing.fulfillmentId())) {
            o.station(repricing.locationId(), repricing.gps());
            return;
        }
        try {
            CatalogClient.Fulfillment f = catalog.of(o.providerId(), o.itemId(), o.fulfillmentId());
            if (f != null) {
                o.station(f.locationId(), f.gps());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.INFO,
                    "order {0}: where {1} stands is not known now ({2}); the instructions name the charger only",
                    new Object[] {o.id(), o.fulfillmentId(), e.toString()});
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static BecknException unavailable(String peer, BookingRequest r, RuntimeException e) {
        LOG.log(Level.WARNING, "init txn={0}: {1} unavailable: {2}",
                new Object[] {r.transactionId(), peer, e.toString()});
        return new BecknException(ErrorCode.BUSINESS_ERROR, null,
                peer + " could not be reached, so nothing was booked; send init again shortly");
    }
}
