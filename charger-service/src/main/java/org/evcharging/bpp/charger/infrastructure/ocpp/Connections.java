package org.evcharging.bpp.charger.infrastructure.ocpp;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.evcharging.bpp.core.tasks.Sweep;

/**
 * The chargers whose WebSocket this replica holds, by charge point id. A charger that reconnects replaces its old link
 * (the old socket is closed); a link is removed only by its own close. Every second the outstanding CALLs are checked
 * for their timeouts.
 */
@ApplicationScoped
public class Connections implements Sweep {

    private final ConcurrentHashMap<String, ChargerLink> links = new ConcurrentHashMap<>();

    /** Registers a new link; returns the one it replaces, if any (the caller closes it). */
    public Optional<ChargerLink> put(ChargerLink link) {
        return Optional.ofNullable(links.put(link.chargePointId(), link));
    }

    /** Removes the link if it is still the one registered; true if it was. */
    public boolean remove(ChargerLink link) {
        return links.remove(link.chargePointId(), link);
    }

    public Optional<ChargerLink> local(String chargePointId) {
        return Optional.ofNullable(links.get(chargePointId));
    }

    public Collection<ChargerLink> all() {
        return links.values();
    }

    public int size() {
        return links.size();
    }

    @Override
    public String name() {
        return "OCPP call timeouts";
    }

    @Override
    public Duration every() {
        return Duration.ofSeconds(1);
    }

    @Override
    public void sweep() {
        for (ChargerLink link : links.values()) {
            link.calls().tick();
        }
    }
}
