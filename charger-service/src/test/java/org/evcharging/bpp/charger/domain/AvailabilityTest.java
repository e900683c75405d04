package org.evcharging.bpp.charger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AvailabilityTest {

    @Test
    void available_is_available_and_no_status_is_out_of_service() {
        assertEquals(Availability.AVAILABLE, Availability.of("Available"));
        assertEquals(Availability.OUT_OF_SERVICE, Availability.of(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Unavailable", "Faulted"})
    void unavailable_and_faulted_are_out_of_service(String status) {
        assertEquals(Availability.OUT_OF_SERVICE, Availability.of(status));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Preparing", "Charging", "SuspendedEV", "SuspendedEVSE", "Finishing", "Reserved",
            "Occupied"})
    void a_connector_in_use_or_reserved_is_occupied(String status) {
        assertEquals(Availability.OCCUPIED, Availability.of(status));
    }
}
