package org.evcharging.bpp.simulator;

/** One connector's live state: its status, the transaction on it if any, and its lifetime energy register. */
final class ConnectorState {

    /** Its number in the charger, from 1, as the controls name it. */
    final int number;
    final ConnectorSpec spec;
    ConnectorStatus status = ConnectorStatus.AVAILABLE;
    SimTransaction transaction;
    /** The register when no transaction runs; a running one reads its own model. */
    long registerWh;

    ConnectorState(int number, ConnectorSpec spec) {
        this.number = number;
        this.spec = spec;
    }
}
