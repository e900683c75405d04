package org.evcharging.bpp.order.infrastructure.charging;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pure in-memory fake of the charge-point port, for unit tests only (the service drives chargers over OCPP through
 * charger-service): a session delivers energy at the connector's power rating, {@code timeScale} times faster than real
 * time, until the target energy is delivered or the battery is full; a connector can be made to fail. A reading is
 * computed from the session's start and the clock, so nothing runs in the background.
 */
public final class InMemoryChargePoints implements ChargePoints {

    /** What the simulator keeps: its sessions (an end is recorded once) and the connectors that are faulted. */
    public interface Store {

        void add(Session s);

        Optional<Session> get(String id);

        /** The sessions of an order that have no recorded end. */
        List<Session> openOf(String orderId);

        /** The sessions on a connector that have no recorded end. */
        List<Session> openOn(String connectorId);

        void end(String id, Instant at, State state);

        void fault(String connectorId, boolean faulted);

        boolean faulted(String connectorId);
    }

    /** A simulated session as stored: what was started, and its end once one was recorded. */
    public record Session(String id, String orderId, String connectorId, Instant startedAt, double powerKw,
            BigDecimal targetKwh, Double batteryKwh, Double startSocPercent, Instant endedAt, State endState) {
    }

    private final Clock clock;
    private final double timeScale;
    private final Store store;

    public InMemoryChargePoints(Clock clock, double timeScale, Store store) {
        if (timeScale <= 0) {
            throw new IllegalArgumentException("the time scale must be positive");
        }
        this.clock = clock;
        this.timeScale = timeScale;
        this.store = store;
    }

    /** Chargers in memory only (unit tests). */
    public InMemoryChargePoints(Clock clock, double timeScale) {
        this(clock, timeScale, new InMemory());
    }

    /** The connector fails now: its running session ends FAULTED with what it delivered so far. */
    public void fail(String connectorId) {
        store.fault(connectorId, true);
        Instant now = clock.instant();
        for (Session s : store.openOn(connectorId)) {
            if (reading(s, now).state() == State.CHARGING) {
                store.end(s.id(), now, State.FAULTED);
            }
        }
    }

    /** The connector works again. */
    public void repair(String connectorId) {
        store.fault(connectorId, false);
    }

    @Override
    public String start(Start start) {
        if (start.connectorId() == null) {
            throw new IllegalArgumentException("no connector to start");
        }
        if (store.faulted(start.connectorId())) {
            throw new IllegalStateException("connector " + start.connectorId() + " is faulted");
        }
        if (start.powerKw() <= 0 || start.targetKwh().signum() <= 0) {
            throw new IllegalArgumentException("power and target energy must be positive");
        }
        Instant now = clock.instant();
        // One session per order, like a remote start keyed by the order: a start repeated after a failure (the order's
        // transaction rolled back and the request is handled again) finds the session already running.
        for (Session s : store.openOf(start.orderId())) {
            if (reading(s, now).state() == State.CHARGING) {
                return s.id();
            }
        }
        String id = UUID.randomUUID().toString();
        store.add(new Session(id, start.orderId(), start.connectorId(), now, start.powerKw(), start.targetKwh(),
                start.batteryKwh(), start.startSocPercent(), null, null));
        return id;
    }

    @Override
    public Optional<Reading> read(String sessionId) {
        return store.get(sessionId).map(s -> reading(s, clock.instant()));
    }

    @Override
    public Optional<Reading> stop(String sessionId) {
        Optional<Session> found = store.get(sessionId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session s = found.get();
        if (reading(s, now).state() == State.CHARGING) {
            store.end(s.id(), now, State.STOPPED);
            s = store.get(sessionId).orElseThrow();
        }
        return Optional.of(reading(s, now));
    }

    /** The most this session can deliver: the target, and no more than the battery has room for. */
    private static BigDecimal limitKwh(Session s) {
        BigDecimal limit = s.targetKwh();
        if (s.batteryKwh() != null && s.startSocPercent() != null) {
            double room = s.batteryKwh() * (100 - s.startSocPercent()) / 100;
            limit = limit.min(BigDecimal.valueOf(Math.max(0, room)));
        }
        return limit;
    }

    /** The meter at {@code now}: energy until the recorded end (or now), capped by the limit, then FINISHED. */
    private Reading reading(Session s, Instant now) {
        Instant until = s.endedAt() != null && s.endedAt().isBefore(now) ? s.endedAt() : now;
        double hours = Duration.between(s.startedAt(), until).toMillis() / 3_600_000.0 * timeScale;
        BigDecimal flowed = BigDecimal.valueOf(s.powerKw() * hours);
        BigDecimal limit = limitKwh(s);
        BigDecimal delivered = flowed.min(limit);
        State state = s.endedAt() != null && !s.endedAt().isAfter(now) ? s.endState() : State.CHARGING;
        if (flowed.compareTo(limit) >= 0 && (state == State.CHARGING || reachedBefore(s, limit))) {
            state = State.FINISHED; // it finished when the limit was reached, whoever looks and whenever
        }
        Integer soc = null;
        if (s.batteryKwh() != null && s.startSocPercent() != null && s.batteryKwh() > 0) {
            soc = (int) Math.min(100, Math.floor(s.startSocPercent() + delivered.doubleValue() / s.batteryKwh() * 100));
        }
        return new Reading(s.id(), now, delivered.setScale(3, RoundingMode.HALF_UP), soc, state,
                state == State.FAULTED ? "charger error on " + s.connectorId() : null);
    }

    /** Was the limit reached before the recorded end (a stop or fault recorded after the session had finished)? */
    private boolean reachedBefore(Session s, BigDecimal limit) {
        double reachedHours = limit.doubleValue() / s.powerKw() / timeScale;
        Instant reached = s.startedAt().plusMillis((long) (reachedHours * 3_600_000));
        return s.endedAt() != null && !reached.isAfter(s.endedAt());
    }

    /** The store of unit tests. */
    static final class InMemory implements Store {

        private final Map<String, Session> sessions = new ConcurrentHashMap<>();
        private final Set<String> faulted = ConcurrentHashMap.newKeySet();

        @Override
        public void add(Session s) {
            sessions.put(s.id(), s);
        }

        @Override
        public Optional<Session> get(String id) {
            return Optional.ofNullable(sessions.get(id));
        }

        @Override
        public List<Session> openOf(String orderId) {
            return sessions.values().stream().filter(s -> s.orderId().equals(orderId) && s.endedAt() == null).toList();
        }

        @Override
        public List<Session> openOn(String connectorId) {
            return sessions.values().stream().filter(s -> s.connectorId().equals(connectorId) && s.endedAt() == null)
                    .toList();
        }

        @Override
        public void end(String id, Instant at, State state) {
            sessions.computeIfPresent(id, (k, s) -> s.endedAt() != null ? s : new Session(s.id(), s.orderId(),
                    s.connectorId(), s.startedAt(), s.powerKw(), s.targetKwh(), s.batteryKwh(), s.startSocPercent(), at,
                    state));
        }

        @Override
        public void fault(String connectorId, boolean on) {
            if (on) {
                faulted.add(connectorId);
            } else {
                faulted.remove(connectorId);
            }
        }

        @Override
        public boolean faulted(String connectorId) {
            return faulted.contains(connectorId);
        }
    }
}
