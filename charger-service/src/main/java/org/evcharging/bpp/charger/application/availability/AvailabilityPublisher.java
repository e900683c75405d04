package org.evcharging.bpp.charger.application.availability;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.charger.domain.ConnectorBinding;
import org.evcharging.bpp.charger.infrastructure.catalog.Catalog;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.PeerErrors;
import org.evcharging.bpp.core.tasks.AfterCommit;
import org.evcharging.bpp.core.tasks.Sweep;

/**
 * Publishes each connector's availability to the catalog, which search reads: a change is marked on the connector in
 * the transaction that stored the charger's status ({@link ConnectorBinding#want}); right after that commits, and on
 * a sweep every {@code charger.availability-sweep} for whatever is still due (catalog down, a restart), it is PUT with
 * the time it was decided. The catalog keeps the latest, so a push arriving late never overwrites a newer one.
 */
@ApplicationScoped
public class AvailabilityPublisher implements Sweep {

    private static final SafeLog LOG = SafeLog.of(AvailabilityPublisher.class);

    @Inject
    PendingAvailability pending;

    @Resource
    ManagedExecutorService executor;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    Catalog catalog;

    @Inject
    @ConfigProperty(name = "charger.availability-sweep", defaultValue = "PT2S")
    Duration every;

    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** Call in the transaction that marked a change: the push runs once it has committed. */
    public void afterCommit() {
        AfterCommit.run(transactions, () -> {
            if (scheduled.compareAndSet(false, true)) {
                executor.execute(() -> {
                    scheduled.set(false);
                    pushDue();
                });
            }
        });
    }

    @Override
    public String name() {
        return "connector availability to the catalog";
    }

    @Override
    public Duration every() {
        return every;
    }

    @Override
    public void sweep() {
        pushDue();
    }

    /** Pushes every connector whose availability the catalog does not have yet. */
    public void pushDue() {
        for (ConnectorBinding due : pending.due()) {
            try {
                catalog.connectorAvailability(due.providerId(), due.catalogConnector(), due.wanted(),
                        due.wantedAsOf());
                pending.published(due.id(), due.wanted(), due.wantedAsOf());
            } catch (PeerErrors.PeerRefused e) {
                // the catalog does not have this connector (not onboarded, or a typo at registration): nothing to
                // publish to, and no reason to ask again every sweep; the next change is tried afresh
                LOG.log(Level.WARNING, "cp={0} evse={1} connector={2}: the catalog refuses the availability of"
                        + " catalog connector {3} of provider {4}: {5}; check the charge point''s registration",
                        new Object[] {due.chargePointId(), String.valueOf(due.evseId()),
                                String.valueOf(due.connectorId()), due.catalogConnector(), due.providerId(),
                                e.getMessage()});
                pending.published(due.id(), due.wanted(), due.wantedAsOf());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cp={0} evse={1} connector={2}: availability of catalog connector {3} ({4}) not"
                        + " published to the catalog yet: {5}",
                        new Object[] {due.chargePointId(), String.valueOf(due.evseId()),
                                String.valueOf(due.connectorId()), due.catalogConnector(), due.wanted(),
                                e.toString()});
            }
        }
    }
}
