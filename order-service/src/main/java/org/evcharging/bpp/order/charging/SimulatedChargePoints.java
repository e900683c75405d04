package org.evcharging.bpp.order.charging;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chargers in memory, for the local suite and tests: a session delivers energy at the connector's power rating,
 * {@code timeScale} times faster than real time (60: a 30-minute session in 30 seconds), until the target energy is
 * delivered or the battery is full; a connector can be made to fail. Readings are computed from the clock, so
 * they need no thread.
 */
public final class SimulatedChargePoints implements ChargePoints {

    private final Clock clock;
    private final double timeScale;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    public SimulatedChargePoints(Clock clock, double timeScale) {
        if (timeScale <= 0) {
            throw new IllegalArgumentException("the time scale must be positive");
        }
        this.clock = clock;
        this.timeScale = timeScale;
    }

    /** The connector fails now: its running session ends FAULTED with what it delivered so far. */
    public void fail(String connectorId) {
        failing.add(connectorId);
        sessions.values().stream().filter(s -> s.start.connectorId().equals(connectorId) && s.end == null)
                .forEach(s -> s.end(clock.instant(), State.FAULTED));
    }

    /** The connector works again. */
    public void repair(String connectorId) {
        failing.remove(connectorId);
    }

    @Override
    public String start(Start start) {
        if (failing.contains(start.connectorId())) {
            throw new IllegalStateException("connector " + start.connectorId() + " is faulted");
        }
        if (start.powerKw() <= 0 || start.targetKwh().signum() <= 0) {
            throw new IllegalArgumentException("power and target energy must be positive");
        }
        // One session per order, like a remote start keyed by the order: a start repeated after a failure (the order's
        // transaction rolled back and the request is handled again) finds the session already running.
        for (Session s : sessions.values()) {
            if (s.start.orderId().equals(start.orderId()) && s.reading(clock.instant()).state() == State.CHARGING) {
                return s.id;
            }
        }
        String id = UUID.randomUUID().toString();
        sessions.put(id, new Session(id, start, clock.instant()));
        return id;
    }

    @Override
    public Optional<Reading> read(String sessionId) {
        Session s = sessions.get(sessionId);
        return s == null ? Optional.empty() : Optional.of(s.reading(clock.instant()));
    }

    @Override
    public Optional<Reading> stop(String sessionId) {
        Session s = sessions.get(sessionId);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Reading r = s.reading(now);
        if (r.state() == State.CHARGING) {
            s.end(now, State.STOPPED);
        }
        return Optional.of(s.reading(now));
    }

    private final class Session {
        final String id;
        final Start start;
        final Instant startedAt;
        Instant end;
        State endState;

        Session(String id, Start start, Instant startedAt) {
            this.id = id;
            this.start = start;
            this.startedAt = startedAt;
        }

        synchronized void end(Instant at, State state) {
            if (end == null) {
                end = at;
                endState = state;
            }
        }

        /** The most this session can deliver: the target, and no more than the battery has room for. */
        BigDecimal limitKwh() {
            BigDecimal limit = start.targetKwh();
            if (start.batteryKwh() != null && start.startSocPercent() != null) {
                double room = start.batteryKwh() * (100 - start.startSocPercent()) / 100;
                limit = limit.min(BigDecimal.valueOf(Math.max(0, room)));
            }
            return limit;
        }

        synchronized Reading reading(Instant now) {
            Instant until = end != null && end.isBefore(now) ? end : now;
            double hours = Duration.between(startedAt, until).toMillis() / 3_600_000.0 * timeScale;
            BigDecimal flowed = BigDecimal.valueOf(start.powerKw() * hours);
            BigDecimal limit = limitKwh();
            State state = end != null ? endState : State.CHARGING;
            BigDecimal delivered = flowed.min(limit);
            if (state == State.CHARGING && flowed.compareTo(limit) >= 0) {
                state = State.FINISHED;
                // It finished when the limit was reached, not when someone looked.
                double reachedHours = limit.doubleValue() / start.powerKw() / timeScale;
                end(startedAt.plusMillis((long) (reachedHours * 3_600_000)), State.FINISHED);
            }
            Integer soc = null;
            if (start.batteryKwh() != null && start.startSocPercent() != null && start.batteryKwh() > 0) {
                soc = (int) Math.min(100, Math.floor(start.startSocPercent() + delivered.doubleValue() / start.batteryKwh() * 100));
            }
            return new Reading(id, now, delivered.setScale(3, RoundingMode.HALF_UP), soc, state,
                    state == State.FAULTED ? "charger error on " + start.connectorId() : null);
        }
    }
}
