package org.evcharging.bpp.charger.application.sessions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.charger.application.commands.ChargerCommands;
import org.evcharging.bpp.charger.application.commands.CommandFailed;
import org.evcharging.bpp.charger.application.commands.Requests;
import org.evcharging.bpp.charger.application.commands.Versions;
import org.evcharging.bpp.charger.domain.ChargePoint;
import org.evcharging.bpp.charger.domain.ChargingTransaction;
import org.evcharging.bpp.charger.domain.TransactionState;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * order-service's charging sessions, one per order, on real chargers: a start is a remote start on the booked
 * connector with the order as the idTag, waited on until the charger has started the transaction (a retried start
 * joins the same transaction, never a second); a reading is the charger's own meter; a stop is a remote stop, waited
 * on until the charger's final meter arrives. Nothing here holds a database lock while a charger is asked something.
 */
@ApplicationScoped
public class RemoteSessions {

    private static final SafeLog LOG = SafeLog.of(RemoteSessions.class);

    @Inject
    ChargerCommands commands;

    @Inject
    SessionSteps steps;

    @Inject
    @ConfigProperty(name = "charger.start-timeout", defaultValue = "PT30S")
    Duration startTimeout;

    @Inject
    @ConfigProperty(name = "charger.stop-timeout", defaultValue = "PT15S")
    Duration stopTimeout;

    /** Starts the order's charging on the catalog connector it booked; the reading once the charger started it. */
    public SessionReading start(String orderId, String catalogConnector, BigDecimal targetKwh) {
        SessionSteps.Prepared p = steps.prepare(orderId, catalogConnector, targetKwh);
        ChargingTransaction t = p.transaction();
        if (t.state() == TransactionState.CHARGING || t.state() == TransactionState.ENDED) {
            return SessionReading.of(t);
        }
        if (p.ask()) {
            Requests.Request start = Requests.remoteStart(Versions.of(p.chargePoint().protocol()), t);
            String status;
            try {
                ObjectNode answer = commands.call(p.chargePoint().id(), start.action(), start.payload());
                status = answer.path("status").asText();
            } catch (CommandFailed e) {
                steps.failed(t.id(), false, e.getMessage());
                throw new StartFailed(e.getMessage(), false);
            }
            if (!"Accepted".equals(status)) {
                String why = "charge point " + p.chargePoint().id() + " refused the remote start";
                steps.failed(t.id(), false, why);
                throw new StartFailed(why, false);
            }
        }
        Instant deadline = Instant.now().plus(startTimeout);
        while (Instant.now().isBefore(deadline)) {
            ChargingTransaction now = steps.current(t.id());
            switch (now.state()) {
                case CHARGING, ENDED :
                    return SessionReading.of(now);
                case REFUSED, ABANDONED :
                    throw new StartFailed(now.failure(), now.state() == TransactionState.ABANDONED);
                default :
                    pause();
            }
        }
        String why = "charge point " + p.chargePoint().id()
                + " accepted the remote start but started no transaction in "
                + startTimeout.toSeconds() + " s";
        steps.failed(t.id(), true, why);
        throw new StartFailed(why, true);
    }

    /** The order's meter now; empty when it has no transaction that started. */
    public Optional<SessionReading> read(String orderId) {
        return steps.read(orderId);
    }

    /**
     * Stops the order's charging and returns the final reading: the charger's StopTransaction when it comes within
     * {@code charger.stop-timeout}, else the last reading (the charger is offline or lost the transaction; energy it
     * reports later is kept but not billed). Empty when the order has no started transaction.
     */
    public Optional<SessionReading> stop(String orderId) {
        ChargingTransaction t = steps.markStop(orderId);
        if (t == null) {
            return Optional.empty();
        }
        if (t.state() == TransactionState.CHARGING) {
            ChargePoint cp = steps.chargePoint(t.chargePointId());
            Requests.Request stop = Requests.remoteStop(Versions.of(cp.protocol()), t);
            try {
                ObjectNode answer = commands.call(cp.id(), stop.action(), stop.payload());
                if (!"Accepted".equals(answer.path("status").asText())) {
                    LOG.log(Level.WARNING, "cp={0} ocpp-txn={1} order={2}: the charge point refused to stop the"
                            + " transaction", new Object[] {cp.id(), t.ocppTransactionId(), t.orderId()});
                }
            } catch (CommandFailed e) {
                LOG.log(Level.WARNING, "cp={0} ocpp-txn={1} order={2}: the remote stop was not taken: {3}",
                        new Object[] {cp.id(), t.ocppTransactionId(), t.orderId(), e.getMessage()});
            }
            Instant deadline = Instant.now().plus(stopTimeout);
            while (Instant.now().isBefore(deadline) && steps.current(t.id()).state() == TransactionState.CHARGING) {
                pause();
            }
        }
        return Optional.of(SessionReading.of(steps.endWithoutCharger(t.id())));
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a charger", e);
        }
    }
}
