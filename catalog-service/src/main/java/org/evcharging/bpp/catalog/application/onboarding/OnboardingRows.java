package org.evcharging.bpp.catalog.application.onboarding;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.evcharging.bpp.catalog.infrastructure.offers.ProviderOffers;
import org.evcharging.bpp.catalog.domain.Availability;
import org.evcharging.bpp.catalog.domain.Category;
import org.evcharging.bpp.catalog.domain.Connector;
import org.evcharging.bpp.catalog.domain.Evse;
import org.evcharging.bpp.catalog.domain.Item;
import org.evcharging.bpp.catalog.domain.Location;
import org.evcharging.bpp.catalog.domain.Provider;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.core.tasks.AfterCommit;

/** The rows the onboarding services share: a provider, category, location or item by its ids, and what is live. */
@ApplicationScoped
public class OnboardingRows {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    ProviderOffers offers;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Searches keep providers, items and categories a short while ({@link ProviderOffers}): this change ends that. */
    public void offersChange() {
        AfterCommit.run(transactions, offers::changed);
    }

    /**
     * The provider with exactly this id. Ids are compared byte for byte (the service databases use utf8mb4_bin);
     * this check keeps that true on a database with a case-insensitive default, where "ACME" would find "acme".
     */
    public Provider exact(String id) {
        Provider p = em.find(Provider.class, id);
        return p != null && p.id().equals(id) ? p : null;
    }

    /** The provider, or a 404. */
    public Provider existing(String id) {
        Provider p = exact(id);
        if (p == null) {
            throw ProblemException.notFound("provider '" + id + "'");
        }
        return p;
    }

    public Category category(String providerId, String ref) {
        return first(em.createQuery("SELECT c FROM Category c WHERE c.providerId = :p AND c.ref = :r", Category.class)
                .setParameter("p", providerId).setParameter("r", ref).getResultList());
    }

    public Location location(String providerId, String ref) {
        return first(em.createQuery("SELECT l FROM Location l WHERE l.providerId = :p AND l.ref = :r", Location.class)
                .setParameter("p", providerId).setParameter("r", ref).getResultList());
    }

    public Item item(String providerId, String ref) {
        return first(em.createQuery("SELECT i FROM Item i WHERE i.providerId = :p AND i.ref = :r", Item.class)
                .setParameter("p", providerId).setParameter("r", ref).getResultList());
    }

    /**
     * The item, locked by its primary key and read again; null when it is gone meanwhile (replaced by a re-onboarding
     * that committed first). Locking by key, never by a search on (provider, ref), takes no gap lock, so two partners'
     * PUTs of new items never deadlock on their inserts.
     */
    public Item locked(Item i) {
        if (i == null) {
            return null;
        }
        // A locking query is a refreshing one in EclipseLink: what it returns is the row as committed, under the lock.
        return first(em.createQuery("SELECT i FROM Item i WHERE i.id = :id", Item.class).setParameter("id", i.key())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList());
    }

    /** Every item of the provider, retired ones too. */
    public List<Item> items(String providerId) {
        return em.createQuery("SELECT i FROM Item i WHERE i.providerId = :p", Item.class)
                .setParameter("p", providerId).getResultList();
    }

    /** Live availability of connectors and swap stations by ref (of one location, or all when null). */
    public Map<String, Availability> availabilityByRef(String providerId, String locationRef) {
        Map<String, Availability> out = new HashMap<>();
        String where = locationRef == null ? "" : " AND c.evse.location.ref = :l";
        var q = em.createQuery("SELECT c FROM Connector c WHERE c.providerId = :p" + where, Connector.class)
                .setParameter("p", providerId);
        if (locationRef != null) {
            q.setParameter("l", locationRef);
        }
        q.getResultList().forEach(c -> out.put(c.ref(), c.availability()));
        var e = em
                .createQuery("SELECT e FROM Evse e WHERE e.providerId = :p" + where.replace("c.evse.", "e."),
                        Evse.class)
                .setParameter("p", providerId);
        if (locationRef != null) {
            e.setParameter("l", locationRef);
        }
        e.getResultList().stream().filter(x -> x.availability() != null)
                .forEach(x -> out.put(x.ref(), x.availability()));
        return out;
    }

    private static <T> T first(List<T> list) {
        return list.isEmpty() ? null : list.get(0);
    }
}
