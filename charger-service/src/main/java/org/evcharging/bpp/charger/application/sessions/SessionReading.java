package org.evcharging.bpp.charger.application.sessions;

import java.math.BigDecimal;
import java.time.Instant;
import org.evcharging.bpp.charger.domain.ChargingTransaction;
import org.evcharging.bpp.charger.domain.TransactionState;

/**
 * An order's charging as order-service's charge-point port reads it: the meter (energy delivered, from the charger's
 * own register), state of charge and power when the charger reports them, and CHARGING, STOPPED, FINISHED or FAULTED.
 */
public record SessionReading(String sessionId, Instant at, BigDecimal deliveredKwh, Integer socPercent, Double powerKw,
        String state, String error, String stopReason) {

    public static SessionReading of(ChargingTransaction t) {
        String state;
        String error = null;
        if (t.state() == TransactionState.ENDED) {
            state = t.end().name();
        } else {
            state = t.faulted() ? "FAULTED" : "CHARGING";
        }
        if ("FAULTED".equals(state)) {
            error = "the charger reported a fault" + (t.faultCode() == null || "NoError".equals(t.faultCode()) ? ""
                    : " (" + t.faultCode() + ")")
                    + (t.stopReason() == null ? "" : ", transaction ended: " + t.stopReason());
        }
        Instant at = t.lastMeterAt() != null ? t.lastMeterAt() : t.startedAt() != null ? t.startedAt() : Instant.now();
        return new SessionReading(t.orderId(), at, t.deliveredKwh(), t.socPercent(),
                t.powerW() == null ? null : t.powerW() / 1000.0, state, error, t.stopReason());
    }
}
