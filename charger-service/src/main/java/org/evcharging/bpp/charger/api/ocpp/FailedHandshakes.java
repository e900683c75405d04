package org.evcharging.bpp.charger.api.ocpp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed handshakes per charge point id: after {@code limit} failures within {@code window}, the id is refused without
 * checking a password until the window has passed, so guessing a charger's password is slow and costs this replica no
 * PBKDF2 work. The map holds at most {@value #MAX_IDS} ids (ids are attacker-chosen); when full, the oldest windows go.
 */
final class FailedHandshakes {

    static final int MAX_IDS = 10_000;

    private record Window(Instant start, int failures) {
    }

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> byId = new ConcurrentHashMap<>();

    FailedHandshakes(int limit, Duration window) {
        this(limit, window, Clock.systemUTC());
    }

    FailedHandshakes(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    boolean blocked(String id) {
        Window w = byId.get(id);
        return w != null && w.failures() >= limit && clock.instant().isBefore(w.start().plus(window));
    }

    void failed(String id) {
        Instant now = clock.instant();
        if (byId.size() >= MAX_IDS) {
            byId.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
            if (byId.size() >= MAX_IDS) {
                byId.clear();
            }
        }
        byId.merge(id, new Window(now, 1), (old, one) -> now.isBefore(old.start().plus(window))
                ? new Window(old.start(), old.failures() + 1) : one);
    }
}
