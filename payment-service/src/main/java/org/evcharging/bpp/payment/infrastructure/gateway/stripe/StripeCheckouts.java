package org.evcharging.bpp.payment.infrastructure.gateway.stripe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.Optional;

/**
 * The Stripe checkout of each link ({@link StripeCheckout}), each change in a transaction of its own committed before
 * Stripe is called or answered: what was asked survives a crash, and of concurrent first views of a link the primary
 * key lets one request through (the others send the same request under the same key).
 */
@ApplicationScoped
public class StripeCheckouts {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    /** The link's checkout as committed now. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<StripeCheckout> find(String paymentId) {
        return Optional.ofNullable(em.find(StripeCheckout.class, paymentId));
    }

    /**
     * Writes down the first request of a link.
     *
     * @return {@code first}, or the row a concurrent call wrote before
     * @throws RuntimeException (a persistence or transaction exception) when a concurrent insert won: read it again
     */
    @Transactional(TxType.REQUIRES_NEW)
    public StripeCheckout begin(StripeCheckout first) {
        StripeCheckout stored = em.find(StripeCheckout.class, first.paymentId());
        if (stored != null) {
            return stored;
        }
        em.persist(first);
        em.flush();
        return first;
    }

    /** Records the session Stripe made for {@code attempt}; a later attempt begun meanwhile keeps its own. */
    @Transactional(TxType.REQUIRES_NEW)
    public StripeCheckout made(String paymentId, int attempt, StripeApi.Checkout session, Instant at) {
        StripeCheckout stored = em.find(StripeCheckout.class, paymentId, LockModeType.PESSIMISTIC_WRITE);
        if (stored.attempt() == attempt && stored.url() == null) {
            stored.made(session.sessionId(), session.url(), session.expiresAt(), at);
        }
        return stored;
    }

    /**
     * Starts the attempt after {@code spent}, unless a concurrent call did already: then its attempt is answered, and
     * the caller sends the same request under the same key.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public StripeCheckout next(String paymentId, int spent, Instant askedExpiresAt, Instant at) {
        StripeCheckout stored = em.find(StripeCheckout.class, paymentId, LockModeType.PESSIMISTIC_WRITE);
        if (stored.attempt() == spent) {
            stored.next(askedExpiresAt, at);
        }
        return stored;
    }
}
