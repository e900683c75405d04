package org.evcharging.bpp.catalog.domain;

/** A charger with connectors, or a battery-swap station (a cabinet of charged batteries, no connector). */
public enum EvseKind {
    CHARGER, SWAP_STATION
}
