package org.evcharging.bpp.order.application.booking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.List;
import org.evcharging.bpp.order.domain.SlotHold;

/**
 * No double booking, enforced by the database: every claim on a charger is checked and written while holding a row
 * lock on that charger ({@code charger_lock}, {@code SELECT ... FOR UPDATE}) inside the booking transaction, so two
 * inits for one charger run their check-and-write one after the other, on any number of replicas. The lock is held
 * until the booking commits or rolls back.
 */
@ApplicationScoped
public class SlotHolds {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    /** A slot someone else holds or has reserved. */
    public static final class Taken extends RuntimeException {

        private final transient SlotHold by;

        Taken(SlotHold by) {
            super("taken " + by.slotStart() + " to " + by.slotEnd());
            this.by = by;
        }

        public SlotHold by() {
            return by;
        }
    }

    /**
     * Holds [start, end) on a charger for an order until {@code expiresAt}, in the caller's transaction; throws
     * {@link Taken} when another order holds or reserved an overlapping slot there. Takes the charger's lock, which
     * the transaction keeps until it ends; calling it again in the same transaction updates the hold.
     */
    @Transactional(TxType.MANDATORY)
    public SlotHold hold(String orderId, String fulfillmentId, Instant start, Instant end, Instant expiresAt) {
        lock(fulfillmentId);
        Instant now = Instant.now();
        refuseIfTaken(orderId, fulfillmentId, start, end, now);
        SlotHold mine = em.find(SlotHold.class, orderId);
        if (mine == null) {
            mine = new SlotHold(orderId, fulfillmentId, start, end, expiresAt, now);
            em.persist(mine);
        } else {
            mine.hold(fulfillmentId, start, end, expiresAt, now);
        }
        return mine;
    }

    /**
     * Turns a draft's hold into a reservation, under the charger's lock, reading the hold and any rival as committed
     * now: false when it lapsed meanwhile (the slot may be someone else's by now). An order without a hold is true.
     */
    @Transactional(TxType.MANDATORY)
    public boolean reserve(String orderId) {
        SlotHold h = em.find(SlotHold.class, orderId);
        if (h == null) {
            return true;
        }
        lock(h.fulfillmentId());
        em.refresh(h, LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        if (h.status() == SlotHold.Status.RESERVED) {
            return true;
        }
        if (h.status() != SlotHold.Status.HELD || !h.expiresAt().isAfter(now)) {
            return false;
        }
        try {
            refuseIfTaken(orderId, h.fulfillmentId(), h.slotStart(), h.slotEnd(), now);
        } catch (Taken rival) {
            return false;
        }
        h.reserve(now);
        return true;
    }

    /**
     * The claims on a charger that overlap [from, to), as committed now and without locking, other than those of the
     * orders of one Beckn transaction (its own claim does not make a slot taken for it): what a quote must not offer.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public List<SlotHold> takenBetween(String fulfillmentId, Instant from, Instant to, String bapId,
            String transactionId) {
        return em.createNamedQuery("SlotHold.takenBetween", SlotHold.class).setParameter("f", fulfillmentId)
                .setParameter("reserved", SlotHold.Status.RESERVED).setParameter("held", SlotHold.Status.HELD)
                .setParameter("now", Instant.now()).setParameter("start", from).setParameter("end", to)
                .setParameter("bap", bapId == null ? "" : bapId)
                .setParameter("txn", transactionId == null ? "" : transactionId)
                .setMaxResults(500).getResultList();
    }

    /** Drops an order's claim (a re-init without a slot), in the caller's transaction. */
    @Transactional(TxType.MANDATORY)
    public void release(String orderId) {
        SlotHold h = em.find(SlotHold.class, orderId);
        if (h != null) {
            em.remove(h);
        }
    }

    /** Marks lapsed holds released (they stopped counting when they expired; this keeps the table honest). */
    @Transactional(TxType.REQUIRES_NEW)
    public int releaseExpired(Instant now) {
        return em.createNamedQuery("SlotHold.release").setParameter("released", SlotHold.Status.RELEASED)
                .setParameter("held", SlotHold.Status.HELD).setParameter("now", now).executeUpdate();
    }

    /**
     * A locking read: what is committed now, not the transaction's snapshot (InnoDB's repeatable read would otherwise
     * hide a hold committed by the previous holder of the charger's lock).
     */
    private void refuseIfTaken(String orderId, String fulfillmentId, Instant start, Instant end, Instant now) {
        TypedQuery<SlotHold> q = em.createNamedQuery("SlotHold.overlapping", SlotHold.class)
                .setParameter("f", fulfillmentId).setParameter("order", orderId)
                .setParameter("reserved", SlotHold.Status.RESERVED).setParameter("held", SlotHold.Status.HELD)
                .setParameter("now", now).setParameter("start", start).setParameter("end", end)
                .setMaxResults(1).setLockMode(LockModeType.PESSIMISTIC_WRITE);
        List<SlotHold> clash = q.getResultList();
        if (!clash.isEmpty()) {
            throw new Taken(clash.get(0));
        }
    }

    private void lock(String fulfillmentId) {
        // The lock row exists before it is locked: made by a transaction of its own, so that concurrent first
        // bookings of a charger never deadlock on inserting it. Locking a missing row would lock nothing but a gap
        // (and making it now would wait on that gap): then this transaction fails, and its retry makes the row first.
        locks.ensure(fulfillmentId);
        if (em.createNativeQuery("SELECT fulfillment_id FROM charger_lock WHERE fulfillment_id = ? FOR UPDATE")
                .setParameter(1, fulfillmentId).getResultList().isEmpty()) {
            locks.forget(fulfillmentId);
            throw new IllegalStateException("the lock row of " + fulfillmentId + " is missing; the booking is retried");
        }
    }

    @jakarta.inject.Inject
    ChargerLocks locks;
}
