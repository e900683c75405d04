package org.evcharging.bpp.order.infrastructure.charging;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A simulated connector an operator made fail (until it is repaired). */
@Entity
@Table(name = "sim_connector_fault")
public class SimulatedConnectorFault {

    @Id
    @Column(name = "connector_id", length = 100)
    private String connectorId;

    @Column(name = "since", nullable = false, columnDefinition = "DATETIME(3)")
    private Instant since;

    protected SimulatedConnectorFault() {
    }

    SimulatedConnectorFault(String connectorId, Instant since) {
        this.connectorId = connectorId;
        this.since = since;
    }
}
