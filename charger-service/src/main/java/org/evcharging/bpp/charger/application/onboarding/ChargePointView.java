package org.evcharging.bpp.charger.application.onboarding;

import java.time.Instant;
import java.util.List;
import org.evcharging.bpp.charger.domain.ChargePoint;
import org.evcharging.bpp.charger.domain.ConnectorBinding;

/**
 * A charge point as the operator sees it: registration, connection (state, the replica holding its socket, since when,
 * last heartbeat),
 * what it said at boot, and each connector's status and what search shows of it. {@code password} is set only in the
 * answer to the registration that generated it (shown once, never stored in clear).
 */
public record ChargePointView(String id, String providerId, String protocol, boolean enabled, String connection,
        String replica, Instant connectedAt, Instant disconnectedAt, Instant lastHeartbeatAt, Instant lastSeenAt,
        String bootStatus,
        String vendor, String model, String firmware, String stationStatus, List<ConnectorView> connectors,
        String password) {

    /** {@code orderId}: the order whose session charges on this connector now, if any. */
    public record ConnectorView(int evseId, int connectorId, String catalogConnector, String status, String errorCode,
            Instant statusAt, String availability, boolean published, String orderId) {
    }

    public static ChargePointView of(ChargePoint cp, List<ConnectorBinding> connectors, String password) {
        return of(cp, connectors, password, java.util.Map.of());
    }

    /** {@code charging}: the order charging on each connector now, keyed {@code <evseId>/<connectorId>}. */
    public static ChargePointView of(ChargePoint cp, List<ConnectorBinding> connectors, String password,
            java.util.Map<String, String> charging) {
        return new ChargePointView(cp.id(), cp.providerId(), cp.protocol().label(), cp.enabled(),
                cp.connected() ? "ONLINE" : "OFFLINE", cp.replicaUrl(), cp.connectedAt(), cp.disconnectedAt(),
                cp.lastHeartbeatAt(),
                cp.lastSeenAt(), cp.bootStatus(), cp.vendor(), cp.model(), cp.firmware(), cp.stationStatus(),
                connectors.stream()
                        .map(c -> new ConnectorView(c.evseId(), c.connectorId(), c.catalogConnector(), c.status(),
                                c.errorCode(), c.statusAt(), c.wanted().name(), c.wanted() == c.published(),
                                charging.get(c.evseId() + "/" + c.connectorId())))
                        .toList(),
                password);
    }
}
