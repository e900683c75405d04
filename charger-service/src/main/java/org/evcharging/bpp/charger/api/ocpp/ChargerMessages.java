package org.evcharging.bpp.charger.api.ocpp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.evcharging.bpp.charger.application.stations.Stations;

/**
 * The CALLs a charger sends, in one OCPP version: each action's schema-valid request turned into a use case of
 * application/, and its result into the schema-valid response. {@link OcppRefusal} for a CALL we will not carry out.
 */
public interface ChargerMessages {

    /** Who sent it: the charge point and the socket it came on. */
    record From(String chargePointId, Stations.Link link) {
    }

    ObjectNode handle(From from, String action, ObjectNode payload);
}
