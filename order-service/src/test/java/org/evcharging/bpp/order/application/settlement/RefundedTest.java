package org.evcharging.bpp.order.application.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RefundedTest {

    private static BigDecimal m(String v) {
        return new BigDecimal(v);
    }

    @Test
    void before_charging_everything_goes_back() {
        Refunded r = Refunded.of(m("93.05"), BigDecimal.ZERO, BigDecimal.ZERO);
        assertEquals(m("0.00"), r.fee());
        assertEquals(m("93.05"), r.refund());
    }

    @Test
    void after_the_start_the_delivered_energy_is_paid_and_thirty_percent_of_the_rest_is_kept() {
        // 93.05 prepaid, 41.30 of energy (with its fee and tax) delivered: 51.75 not delivered, 30 % of it kept.
        Refunded r = Refunded.of(m("93.05"), m("41.30"), m("30"));
        assertEquals(m("51.75"), r.notDelivered());
        assertEquals(m("15.53"), r.fee(), "15.525 rounds half-up to the paisa");
        assertEquals(m("36.22"), r.refund());
        assertEquals(m("93.05"), r.deliveredAmount().add(r.fee()).add(r.refund()), "adds up to the paisa");
    }

    @Test
    void a_provider_fault_keeps_no_fee() {
        Refunded r = Refunded.of(m("40.00"), m("28.00"), BigDecimal.ZERO);
        assertEquals(m("12.00"), r.refund(), "the document's BPP cancel: -12 of 40");
    }

    @Test
    void a_bill_above_the_prepaid_amount_never_makes_a_negative_refund() {
        Refunded r = Refunded.of(m("10.00"), m("10.01"), m("30"));
        assertEquals(m("0.00"), r.refund());
        assertEquals(m("10.00"), r.deliveredAmount());
    }

    @Test
    void a_split_that_does_not_add_up_is_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Refunded(m("10.00"), m("5.00"), m("5.00"), m("1.00"), m("5.00")));
    }
}
