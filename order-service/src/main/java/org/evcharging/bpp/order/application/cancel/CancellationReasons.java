package org.evcharging.bpp.order.application.cancel;

import java.util.List;
import java.util.Optional;

/**
 * The reasons a user may give to cancel ({@code cancellation_reason_id}), documented in docs/charging-session.md
 * and served at {@code GET /orders/v1/cancellation-reasons}. A reason that is the provider's fault never costs a fee.
 */
public final class CancellationReasons {

    /** One reason: its id, what it says, and whether the provider is at fault. */
    public record Reason(String id, String text, boolean providerFault) {
    }

    public static final List<Reason> ALL = List.of(
            new Reason("1", "Plans changed, charging no longer needed", false),
            new Reason("2", "Booked by mistake", false),
            new Reason("3", "Found another charger", false),
            new Reason("4", "Charger not working or not reachable on arrival", true),
            new Reason("5", "Can't make it on time", false),
            new Reason("6", "Vehicle problem", false),
            new Reason("7", "Other", false));

    private CancellationReasons() {
    }

    public static Optional<Reason> of(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
