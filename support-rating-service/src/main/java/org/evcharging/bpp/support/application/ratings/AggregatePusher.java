package org.evcharging.bpp.support.application.ratings;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.PeerErrors;
import org.evcharging.bpp.core.tasks.AfterCommit;
import java.time.Duration;
import org.evcharging.bpp.core.tasks.Sweep;
import org.evcharging.bpp.support.domain.Aggregate;
import org.evcharging.bpp.support.domain.AggregateKey;
import org.evcharging.bpp.support.domain.AggregatePush;
import org.evcharging.bpp.support.infrastructure.catalog.Catalog;
import org.evcharging.bpp.support.domain.RatingCategory;

/**
 * Keeps the catalog's aggregate ratings (which search filters on) up to date, by push: a rating change marks the
 * aggregates it moves in its own transaction ({@link AggregatePush}); right after that commits, and on a sweep for
 * whatever is still due (catalog down, a restart in between), each marked aggregate is computed from the ratings
 * and PUT to the catalog. One push of a subject runs at a time, under the row's lock; each carries the time it was
 * computed ({@code asOf}, by the database's clock) and the catalog keeps the latest, so an older aggregate never
 * overwrites a newer one, not even one whose answer timed out and that reaches the catalog after the next push. A
 * rating change waits for a running push of its subject and is pushed after it.
 */
@ApplicationScoped
public class AggregatePusher implements Sweep {

    private static final SafeLog LOG = SafeLog.of(AggregatePusher.class);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    Catalog catalog;

    @Inject
    @ConfigProperty(name = "support.aggregate-sweep-seconds", defaultValue = "5")
    long everySeconds;

    /**
     * In the caller's transaction: these aggregates must be pushed (again). They are pushed as soon as it commits;
     * if it rolls back, nothing was marked.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void mark(Set<AggregateKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        SortedSet<AggregateKey> sorted = new TreeSet<>(keys);
        long now = System.currentTimeMillis();
        for (AggregateKey k : sorted) {
            em.createNativeQuery(AggregatePush.UPSERT).setParameter(1, k.subject()).setParameter(2, k.providerId())
                    .setParameter(3, k.itemId()).setParameter(4, now).executeUpdate();
        }
        List<String> subjects = sorted.stream().map(AggregateKey::subject).toList();
        AfterCommit.soon(transactions, scheduler, () -> subjects.forEach(s -> pushOne(self(), s)),
                "aggregates " + subjects);
    }

    @Override
    public String name() {
        return "aggregate sweep";
    }

    @Override
    public Duration every() {
        return Duration.ofSeconds(everySeconds);
    }

    @Override
    public void sweep() {
        AggregatePusher self = self();
        try {
            for (String subject : self.due(System.currentTimeMillis())) {
                pushOne(self, subject);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "aggregate sweep failed: {0}", e.toString());
        }
    }

    private static AggregatePusher self() {
        return CDI.current().select(AggregatePusher.class).get();
    }

    @Transactional
    public List<String> due(long now) {
        return em.createNamedQuery("AggregatePush.due", String.class).setParameter("now", now).setMaxResults(100)
                .getResultList();
    }

    /** What a push did: sent, dropped (the catalog has no such provider or item) or postponed. */
    public enum Outcome {
        NOTHING_DUE, PUSHED, DROPPED, POSTPONED
    }

    /**
     * Pushes one aggregate under its row's lock, in one transaction: the row is deleted when the catalog took the
     * aggregate (or can never take it), otherwise postponed with a backoff.
     */
    @Transactional
    public Outcome push(String subject) {
        AggregatePush row = em.find(AggregatePush.class, subject, LockModeType.PESSIMISTIC_WRITE);
        long now = System.currentTimeMillis();
        if (row == null) {
            return Outcome.NOTHING_DUE;
        }
        AggregateKey key = row.key();
        Aggregate a = aggregate(key);
        try {
            if (a == null) {
                // No rating counts for it any more (a re-rated id now stands for something else); the catalog cannot
                // be told "unrated", so it keeps its last aggregate. Rare: logged for the operator.
                LOG.log(Level.WARNING, "aggregate {0} has no ratings left; the catalog keeps its last value", subject);
                em.remove(row);
                return Outcome.DROPPED;
            }
            double value = a.value().doubleValue();
            // Computed now, under the row's lock: pushes of one subject are in this order, and the catalog keeps
            // the latest, so an earlier push whose answer timed out but that lands later changes nothing. The time is
            // the database's, one clock for every replica (a replica's own clock may lag another's).
            long asOf = databaseNow();
            if (key.isItem()) {
                catalog.rateItem(key.providerId(), key.itemId(), value, a.count(), asOf);
            } else {
                catalog.rateProvider(key.providerId(), value, a.count(), asOf);
            }
            em.remove(row);
            LOG.log(Level.INFO, "aggregate {0} pushed to the catalog: {1} of {2} ratings",
                    new Object[] {subject, a.value().toPlainString(), a.count()});
            return Outcome.PUSHED;
        } catch (PeerErrors.PeerRefused e) {
            if (e.status() != 404) {
                // A conflict or a refused value may pass later (an item being re-onboarded): keep it and try again.
                row.failed(e.toString(), now);
                LOG.log(Level.WARNING, "aggregate {0} refused by the catalog for now ({1}); it is tried again",
                        new Object[] {subject, e.getMessage()});
                return Outcome.POSTPONED;
            }
            // The catalog has no such provider or item (removed since): it never will take it.
            LOG.log(Level.WARNING, "aggregate {0}: the catalog has no such subject ({1}); dropped",
                    new Object[] {subject, e.getMessage()});
            em.remove(row);
            return Outcome.DROPPED;
        } catch (RuntimeException e) {
            row.failed(e.toString(), now);
            LOG.log(Level.WARNING, "aggregate {0} not pushed yet (attempt {1}: {2}); it is tried again",
                    new Object[] {subject, row.attempts(), e.toString()});
            return Outcome.POSTPONED;
        }
    }

    /** The database's clock, in epoch milliseconds. */
    private long databaseNow() {
        return ((Number) em.createNativeQuery("SELECT ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000)").getSingleResult())
                .longValue();
    }

    /** The aggregate as the ratings stand, in the caller's transaction; null when no rating counts for it. */
    public Aggregate aggregate(AggregateKey key) {
        Object[] sumCount = key.isItem()
                ? em.createNamedQuery("Rating.itemSum", Object[].class).setParameter("provider", key.providerId())
                        .setParameter("item", key.itemId()).setParameter("categories", RatingCategory.forItem())
                        .getSingleResult()
                : em.createNamedQuery("Rating.providerSum", Object[].class).setParameter("provider", key.providerId())
                        .setParameter("categories", RatingCategory.forProvider()).getSingleResult();
        return Aggregate.of(((Number) sumCount[0]).longValue(), ((Number) sumCount[1]).longValue());
    }

    private static void pushOne(AggregatePusher self, String subject) {
        try {
            self.push(subject);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "aggregate {0} not pushed now: {1}; the sweep tries again",
                    new Object[] {subject, e.toString()});
        }
    }
}
