package org.evcharging.bpp.simulator;

import java.util.List;

/** A snapshot of one charger, for tests and the admin API's {@code GET /chargers}. */
public record ChargerView(String id, String version, ConnectionState connection, BootStatus boot,
        List<ConnectorView> connectors, int queuedMessages) {
}
