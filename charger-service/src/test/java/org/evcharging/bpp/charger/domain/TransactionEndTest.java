package org.evcharging.bpp.charger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionEndTest {

    @Test
    void a_fault_during_the_transaction_wins_over_everything() {
        assertEquals(TransactionEnd.FAULTED, TransactionEnd.of("Remote", true, StopRequest.USER));
        assertEquals(TransactionEnd.FAULTED, TransactionEnd.of(null, true, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"EmergencyStop", "PowerLoss", "HardReset", "SoftReset", "Reboot", "GroundFault",
            "OvercurrentFault", "PowerQuality", "ImmediateReset"})
    void a_charger_failure_reason_is_a_fault(String reason) {
        assertEquals(TransactionEnd.FAULTED, TransactionEnd.of(reason, false, StopRequest.USER));
    }

    @Test
    void a_stop_the_user_asked_for_is_stopped_anything_else_finished() {
        assertEquals(TransactionEnd.STOPPED, TransactionEnd.of("Remote", false, StopRequest.USER));
        assertEquals(TransactionEnd.STOPPED, TransactionEnd.of(null, false, StopRequest.USER));
        assertEquals(TransactionEnd.FINISHED, TransactionEnd.of("Remote", false, StopRequest.TARGET));
        assertEquals(TransactionEnd.FINISHED, TransactionEnd.of("EVDisconnected", false, null));
        assertEquals(TransactionEnd.FINISHED, TransactionEnd.of("Local", false, StopRequest.ABANDONED));
        assertEquals(TransactionEnd.FINISHED, TransactionEnd.of(null, false, null));
    }
}
