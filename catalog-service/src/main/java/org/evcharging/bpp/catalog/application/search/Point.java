package org.evcharging.bpp.catalog.application.search;

import org.evcharging.bpp.catalog.domain.Availability;
import org.evcharging.bpp.catalog.domain.ChargerType;
import org.evcharging.bpp.catalog.domain.ConnectorType;
import org.evcharging.bpp.catalog.domain.EvseKind;

/**
 * Something a site offers, as search reads it: a charger's connector (published as a {@code CHARGING}
 * fulfillment with the connector's ref) or a battery-swap station ({@code BATTERY-SWAP}, the EVSE's ref).
 */
public record Point(long siteId, String evseRef, EvseKind kind, ChargerType chargerType, double powerKw,
        Availability availability, String connectorRef, ConnectorType connectorType, String batteryType) {
}
