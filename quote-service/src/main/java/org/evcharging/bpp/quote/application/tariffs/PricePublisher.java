package org.evcharging.bpp.quote.application.tariffs;

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
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.PeerErrors;
import org.evcharging.bpp.core.tasks.AfterCommit;
import org.evcharging.bpp.core.tasks.Sweep;
import org.evcharging.bpp.quote.infrastructure.catalog.CatalogPricesClient;
import org.evcharging.bpp.quote.domain.pricing.UnitPrices;
import org.evcharging.bpp.quote.domain.tariffs.TariffDocument;
import org.evcharging.bpp.quote.domain.tariffs.TariffPublication;

/**
 * Keeps the unit prices the catalog shows in {@code on_search} those of each provider's tariff ({@link UnitPrices}):
 * a tariff put moves the tariff's revision past the one published ({@link TariffPublication}); right after it commits,
 * and on a sweep for whatever is still due (catalog down, a restart in between), the provider's prices are worked out
 * from the tariff and PUT to the catalog with the revision as their version, under the tariff's row lock. The catalog
 * keeps the newest version it was given and refuses an older one (409), so a publish that arrives late never
 * overwrites a newer one; such a publish is done, not retried. Until the first publish lands (seconds), the catalog
 * shows the items' list prices.
 */
@ApplicationScoped
public class PricePublisher implements Sweep {

    private static final SafeLog LOG = SafeLog.of(PricePublisher.class);
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm");

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    @RestClient
    CatalogPricesClient catalog;

    @Inject
    @ConfigProperty(name = "quote.provider-utc-offset", defaultValue = "+05:30")
    String providerOffset;

    @Inject
    @ConfigProperty(name = "quote.price-publish-sweep-seconds", defaultValue = "5")
    long everySeconds;

    /** In the caller's transaction, which changed the tariff: publish it as soon as that commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(String providerId) {
        AfterCommit.soon(transactions, scheduler, () -> publishOne(self(), providerId), "unit prices of " + providerId);
    }

    @Override
    public String name() {
        return "unit price publishing";
    }

    @Override
    public Duration every() {
        return Duration.ofSeconds(everySeconds);
    }

    @Override
    public void sweep() {
        PricePublisher self = self();
        try {
            for (String providerId : self.due(System.currentTimeMillis())) {
                publishOne(self, providerId);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "unit price sweep failed: {0}", e.toString());
        }
    }

    @Transactional
    public List<String> due(long now) {
        return em.createNamedQuery("TariffDocument.unpublished", String.class).setParameter("now", now)
                .setMaxResults(100).getResultList();
    }

    /**
     * Publishes a provider's unit prices under its tariff's row lock, in one transaction: marked published when the
     * catalog took them, otherwise tried again after a backoff (a provider the catalog does not know yet is onboarded
     * later, so a 404 is tried again too). True when published. The catalog client's own timeouts (1 s to connect,
     * 2 s to read) bound how long the lock is held.
     */
    @Transactional
    public boolean publish(String providerId) {
        TariffDocument d = em.find(TariffDocument.class, providerId, LockModeType.PESSIMISTIC_WRITE);
        if (d == null) {
            return false;
        }
        TariffPublication p = em.find(TariffPublication.class, providerId);
        if (p == null) {
            p = new TariffPublication(providerId); // made under the tariff's lock: one replica at a time
            em.persist(p);
        }
        if (p.publishedRevision() >= d.revision()) {
            return false;
        }
        UnitPrices prices = UnitPrices.of(Tariffs.spec(d).toTariff(providerId));
        try {
            catalog.put(providerId, table(d.revision(), prices));
            p.published(d.revision());
            LOG.log(Level.INFO, "unit prices of {0} (tariff revision {1}) published to the catalog: {2} entries",
                    new Object[] {providerId, String.valueOf(d.revision()), prices.prices().size()});
            return true;
        } catch (PeerErrors.PeerRefused e) {
            if (e.status() == 409) {
                // the catalog has a newer revision's prices: this one is superseded, not due again
                p.published(d.revision());
                LOG.log(Level.WARNING,
                        "unit prices of {0}, tariff revision {1}: the catalog keeps a newer version ({2})",
                        new Object[] {providerId, String.valueOf(d.revision()), e.getMessage()});
                return false;
            }
            return failed(p, providerId, e);
        } catch (RuntimeException e) {
            return failed(p, providerId, e);
        }
    }

    private static boolean failed(TariffPublication p, String providerId, RuntimeException e) {
        p.failed(e.toString(), System.currentTimeMillis());
        LOG.log(Level.WARNING, "unit prices of {0} not published yet (attempt {1}: {2}); tried again",
                new Object[] {providerId, p.attempts(), e.toString()});
        return false;
    }

    private CatalogPricesClient.UnitPriceTable table(long version, UnitPrices p) {
        return new CatalogPricesClient.UnitPriceTable(version, p.currency(), providerOffset, p.chargerTypes(),
                p.locations(),
                p.prices().stream()
                        .map(e -> new CatalogPricesClient.PriceEntry(e.service(), e.chargerType(), e.locationId(),
                                e.windows().stream().map(w -> new CatalogPricesClient.PriceWindow(HHMM.format(w.from()),
                                        w.price() == null ? null : w.price().toPlainString())).toList()))
                        .toList());
    }

    private static PricePublisher self() {
        return CDI.current().select(PricePublisher.class).get();
    }

    private static void publishOne(PricePublisher self, String providerId) {
        try {
            self.publish(providerId);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "unit prices of {0} not published now: {1}; the sweep tries again",
                    new Object[] {providerId, e.toString()});
        }
    }
}
