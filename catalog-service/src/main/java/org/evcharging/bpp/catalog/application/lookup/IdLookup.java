package org.evcharging.bpp.catalog.application.lookup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import org.evcharging.bpp.catalog.domain.Connector;
import org.evcharging.bpp.catalog.domain.Evse;
import org.evcharging.bpp.catalog.domain.EvseKind;
import org.evcharging.bpp.catalog.domain.FulfillmentType;
import org.evcharging.bpp.catalog.domain.Item;
import org.evcharging.bpp.catalog.domain.Provider;
import org.evcharging.bpp.catalog.domain.Status;

/**
 * What a bare id names in the catalog, for the support-rating service. A Beckn {@code rating} names what it rates by
 * id alone, and item and connector ids are unique only within a provider, so the answer is every active provider,
 * item or fulfillment (connector, swap station, mobile swap) with that id; the caller decides what an ambiguous id
 * means.
 */
@ApplicationScoped
public class IdLookup {

    /** What an id names: a {@code PROVIDER}, an {@code ITEM} or a {@code FULFILLMENT}. */
    public enum Kind {
        PROVIDER, ITEM, FULFILLMENT
    }

    /**
     * One thing an id names. For a fulfillment, {@code fulfillmentType} is its Beckn type and {@code itemIds} the
     * provider's active items delivered by it; for an item, {@code itemId}; for a provider, only {@code providerId}.
     */
    public record Named(Kind kind, String providerId, String itemId, String fulfillmentId, String fulfillmentType,
            List<String> itemIds) {
    }

    static final String MOBILE_SWAP = "-mobile-swap";

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    /** Every active provider, item and fulfillment with this id (empty when none). */
    public List<Named> named(String id) {
        List<Named> out = new ArrayList<>();
        Provider p = em.find(Provider.class, id);
        if (p != null && p.id().equals(id) && p.status() == Status.ACTIVE) {
            out.add(new Named(Kind.PROVIDER, id, null, null, null, null));
        }
        for (Item i : em
                .createQuery("SELECT i FROM Item i WHERE i.ref = :r AND i.status = :s ORDER BY i.providerId",
                        Item.class)
                .setParameter("r", id).setParameter("s", Status.ACTIVE).setMaxResults(20).getResultList()) {
            if (active(i.providerId())) {
                out.add(new Named(Kind.ITEM, i.providerId(), i.ref(), null, null, null));
            }
        }
        for (Connector c : em
                .createQuery("SELECT c FROM Connector c WHERE c.ref = :r ORDER BY c.providerId", Connector.class)
                .setParameter("r", id).setMaxResults(20).getResultList()) {
            Evse e = c.evse();
            if (active(e.location().providerId())) {
                out.add(new Named(Kind.FULFILLMENT, e.location().providerId(), null, id,
                        FulfillmentType.CHARGING.beckn(),
                        deliveredAt(e, FulfillmentType.CHARGING)));
            }
        }
        for (Evse e : em
                .createQuery("SELECT e FROM Evse e WHERE e.ref = :r AND e.kind = :k ORDER BY e.providerId", Evse.class)
                .setParameter("r", id).setParameter("k", EvseKind.SWAP_STATION).setMaxResults(20).getResultList()) {
            if (active(e.location().providerId())) {
                out.add(new Named(Kind.FULFILLMENT, e.location().providerId(), null, id,
                        FulfillmentType.BATTERY_SWAP.beckn(),
                        deliveredAt(e, FulfillmentType.BATTERY_SWAP)));
            }
        }
        if (id.endsWith(MOBILE_SWAP)) {
            String itemRef = id.substring(0, id.length() - MOBILE_SWAP.length());
            for (Item i : em
                    .createQuery("SELECT i FROM Item i WHERE i.ref = :r AND i.status = :s ORDER BY i.providerId",
                            Item.class)
                    .setParameter("r", itemRef).setParameter("s", Status.ACTIVE).setMaxResults(20).getResultList()) {
                if (i.fulfillmentTypes().contains(FulfillmentType.MOBILE_BATTERY_SWAP) && active(i.providerId())) {
                    out.add(new Named(Kind.FULFILLMENT, i.providerId(), null, id,
                            FulfillmentType.MOBILE_BATTERY_SWAP.beckn(),
                            List.of(i.ref())));
                }
            }
        }
        return out;
    }

    private boolean active(String providerId) {
        Provider p = em.find(Provider.class, providerId);
        return p != null && p.status() == Status.ACTIVE;
    }

    /** The provider's active items delivered by this kind of fulfillment at the EVSE's location. */
    private List<String> deliveredAt(Evse e, FulfillmentType type) {
        String location = e.location().ref();
        return em
                .createQuery("SELECT i FROM Item i WHERE i.providerId = :p AND i.status = :s ORDER BY i.ref",
                        Item.class)
                .setParameter("p", e.location().providerId()).setParameter("s", Status.ACTIVE).getResultList().stream()
                .filter(i -> i.fulfillmentTypes().contains(type))
                .filter(i -> i.locationRefs().isEmpty() || i.locationRefs().contains(location))
                .map(Item::ref)
                .toList();
    }
}
