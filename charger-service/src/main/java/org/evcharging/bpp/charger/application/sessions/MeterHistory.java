package org.evcharging.bpp.charger.application.sessions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.evcharging.bpp.charger.domain.ChargingTransaction;
import org.evcharging.bpp.charger.domain.MeterSample;

/**
 * An order's charging session as its charger metered it, for the console's energy and SoC chart: the transaction's
 * samples, oldest first, each with the energy delivered since the start (the register minus its start value).
 */
@ApplicationScoped
public class MeterHistory {

    /** How many samples one answer holds at most (the newest are kept). */
    public static final int MAX_SAMPLES = 2000;

    public record Sample(Instant at, BigDecimal deliveredKwh, Integer socPercent, Double powerW) {
    }

    /** {@code providerId}: whose charger it was when the session started. */
    public record Session(String orderId, String providerId, String chargePointId, int evseId, int connectorId,
            String state,
            Instant startedAt, Instant endedAt, BigDecimal deliveredKwh, Long targetWh, String end, String faultCode,
            List<Sample> samples) {
    }

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    /** The newest transaction of the order, with its samples; empty when the order never reached a charger. */
    public Optional<Session> ofOrder(String orderId) {
        List<ChargingTransaction> txs = em.createNamedQuery("ChargingTransaction.ofOrder", ChargingTransaction.class)
                .setParameter("order", orderId).getResultList();
        if (txs.isEmpty()) {
            return Optional.empty();
        }
        ChargingTransaction t = txs.stream().max((a, b) -> Long.compare(a.id(), b.id())).orElseThrow();
        List<MeterSample> newest = em.createQuery("SELECT m FROM MeterSample m WHERE m.transactionRef = :tx"
                + " ORDER BY m.sampledAt DESC", MeterSample.class).setParameter("tx", t.id())
                .setMaxResults(MAX_SAMPLES).getResultList();
        Long start = t.meterStartWh();
        List<MeterSample> oldestFirst = new java.util.ArrayList<>(newest);
        java.util.Collections.reverse(oldestFirst);
        List<Sample> samples = oldestFirst.stream()
                .map(m -> new Sample(m.sampledAt(), delivered(m.energyWh(), start), m.socPercent(), m.powerW()))
                .toList();
        return Optional.of(new Session(t.orderId(), t.providerId(), t.chargePointId(), t.evseId(), t.connectorId(),
                t.state().name(), t.startedAt(), t.endedAt(), t.deliveredKwh(), t.targetWh(),
                t.end() == null ? null : t.end().name(), t.faultCode(), samples));
    }

    private static BigDecimal delivered(Long registerWh, Long startWh) {
        if (registerWh == null) {
            return null;
        }
        long wh = startWh == null ? registerWh : Math.max(0, registerWh - startWh);
        return BigDecimal.valueOf(wh).divide(BigDecimal.valueOf(1000), 3, RoundingMode.HALF_UP);
    }
}
