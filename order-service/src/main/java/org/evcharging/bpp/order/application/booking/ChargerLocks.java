package org.evcharging.bpp.order.application.booking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes the lock row of a charger ({@link org.evcharging.bpp.order.domain.ChargerLock}) that {@link SlotHolds}
 * locks. A row is made once per charger, in a transaction of its own (the booking's is suspended meanwhile), so
 * that concurrent first bookings of a charger never deadlock on inserting it. The table itself is EclipseLink's:
 * no DDL here, since DDL inside a booking's transaction would commit it early.
 */
@ApplicationScoped
public class ChargerLocks {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /** The row was found missing (a restored database): the next booking makes it again. */
    public void forget(String fulfillmentId) {
        known.remove(fulfillmentId);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void ensure(String fulfillmentId) {
        if (known.contains(fulfillmentId)) {
            return;
        }
        em.createNativeQuery("INSERT IGNORE INTO charger_lock (fulfillment_id) VALUES (?)")
                .setParameter(1, fulfillmentId)
                .executeUpdate();
        known.add(fulfillmentId);
    }
}
