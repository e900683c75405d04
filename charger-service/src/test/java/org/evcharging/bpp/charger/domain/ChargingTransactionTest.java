package org.evcharging.bpp.charger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A transaction's start, meter and end as chargers report them, resends and late samples included. */
class ChargingTransactionTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final String ORDER = "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b";
    private static final ConnectorBinding CONNECTOR = new ConnectorBinding("cp-1", 1, 2, "chargezone.in",
            "cz-mg-1-ccs2", T0);

    private static ChargingTransaction charging(long meterStart, Long targetWh) {
        ChargingTransaction t = ChargingTransaction.requested(ORDER, CONNECTOR, Protocol.OCPP16, targetWh, T0);
        assertTrue(t.started(null, meterStart, T0.plusSeconds(1)));
        return t;
    }

    @Test
    void a_requested_transaction_carries_the_order_and_the_connector_and_waits_for_the_charger() {
        ChargingTransaction t = ChargingTransaction.requested(ORDER, CONNECTOR, Protocol.OCPP16, 4000L, T0);
        assertEquals(TransactionState.REQUESTED, t.state());
        assertEquals(ORDER, t.orderId());
        assertEquals("cp-1", t.chargePointId());
        assertEquals(1, t.evseId());
        assertEquals(2, t.connectorId());
        assertEquals(ChargingTransaction.idTagOf(ORDER, Protocol.OCPP16), t.idTag());
        assertEquals(0, BigDecimal.ZERO.compareTo(t.deliveredKwh()), "nothing delivered before a start");
        assertFalse(t.targetReached());
    }

    @Test
    void a_resent_start_keeps_the_first_meter_start_time_and_charger_id() {
        ChargingTransaction t = ChargingTransaction.requested(ORDER, CONNECTOR, Protocol.OCPP201, null, T0);
        assertTrue(t.started("tx-a", 1000L, T0.plusSeconds(1)));
        assertTrue(t.started("tx-b", 5000L, T0.plusSeconds(9)), "a resent start is accepted again");
        assertEquals(TransactionState.CHARGING, t.state());
        assertEquals(1000L, t.meterStartWh());
        assertEquals(T0.plusSeconds(1), t.startedAt());
        assertEquals("tx-a", t.chargerTransactionId());
        assertEquals("tx-a", t.ocppTransactionId());
    }

    @Test
    void a_start_without_a_meter_takes_the_first_sample_as_meter_start() {
        ChargingTransaction t = ChargingTransaction.requested(ORDER, CONNECTOR, Protocol.OCPP201, null, T0);
        assertTrue(t.started("tx-a", null, T0));
        assertNull(t.meterStartWh());
        t.metered(2500, null, null, T0.plusSeconds(5));
        assertEquals(2500L, t.meterStartWh());
        t.started("tx-a", 100L, T0);
        assertEquals(2500L, t.meterStartWh(), "once known, the meter start stays");
    }

    @Test
    void a_start_after_the_transaction_was_abandoned_is_recorded_but_refused() {
        ChargingTransaction t = ChargingTransaction.requested(ORDER, CONNECTOR, Protocol.OCPP16, null, T0);
        t.abandoned("no start in time");
        assertEquals(TransactionState.ABANDONED, t.state());
        assertEquals(StopRequest.ABANDONED, t.stopRequest());
        assertFalse(t.started(null, 10L, T0.plusSeconds(40)));
        assertEquals(TransactionState.ABANDONED, t.state());
        assertEquals(T0.plusSeconds(40), t.startedAt(), "kept, to match its stop");
    }

    @Test
    void an_unsolicited_start_is_refused() {
        ChargingTransaction t = ChargingTransaction.unsolicited("cp-1", 1, 1, T0);
        assertNull(t.orderId());
        assertFalse(t.started(null, 0L, T0));
        assertTrue(t.failure().contains("did not issue"));
    }

    @Test
    void refused_and_abandoned_apply_only_while_requested() {
        ChargingTransaction t = charging(0, null);
        t.refused("late refusal");
        t.abandoned("late abandon");
        assertEquals(TransactionState.CHARGING, t.state());
        assertNull(t.failure());
        ChargingTransaction r = ChargingTransaction.requested(ORDER, CONNECTOR, Protocol.OCPP16, null, T0);
        r.refused("Rejected");
        assertEquals(TransactionState.REFUSED, r.state());
        r.retry(CONNECTOR, Protocol.OCPP16, 1000L, T0.plusSeconds(60));
        assertEquals(TransactionState.REQUESTED, r.state());
        assertNull(r.failure());
        assertEquals(1000L, r.targetWh());
    }

    @Test
    void late_samples_never_move_the_meter_back() {
        ChargingTransaction t = charging(1000, null);
        assertTrue(t.metered(3000, 40, 7000.0, T0.plusSeconds(30)));
        assertFalse(t.metered(2000, 35, 6000.0, T0.plusSeconds(20)), "an older sample is history, not the meter");
        assertFalse(t.metered(2500, 36, 6500.0, T0.plusSeconds(30)), "the same timestamp again changes nothing");
        assertEquals(3000L, t.lastMeterWh());
        assertEquals(T0.plusSeconds(30), t.lastMeterAt());
        assertEquals(40, t.socPercent());
        assertEquals(7000.0, t.powerW());
        assertEquals(new BigDecimal("2.000"), t.deliveredKwh());
        assertTrue(t.metered(4500, null, null, T0.plusSeconds(40)));
        assertEquals(40, t.socPercent(), "a sample without SoC keeps the last one");
        assertEquals(new BigDecimal("3.500"), t.deliveredKwh());
    }

    @Test
    void delivered_energy_is_rounded_to_watt_hours_and_never_negative() {
        ChargingTransaction t = charging(1000, null);
        t.metered(1234, null, null, T0.plusSeconds(5));
        assertEquals(new BigDecimal("0.234"), t.deliveredKwh());
        ChargingTransaction back = charging(5000, null);
        back.metered(4000, null, null, T0.plusSeconds(5)); // a meter replaced mid-session
        assertEquals(new BigDecimal("0.000"), back.deliveredKwh());
    }

    @Test
    void the_target_is_reached_once_the_booked_energy_is_delivered() {
        ChargingTransaction t = charging(1000, 2000L);
        t.metered(2999, null, null, T0.plusSeconds(10));
        assertFalse(t.targetReached());
        t.metered(3000, null, null, T0.plusSeconds(20));
        assertTrue(t.targetReached());
        ChargingTransaction open = charging(0, null);
        open.metered(1_000_000, null, null, T0.plusSeconds(20));
        assertFalse(open.targetReached(), "no target, no stop");
    }

    @Test
    void the_end_settles_on_the_meter_stop_and_a_repeated_end_changes_nothing() {
        ChargingTransaction t = charging(1000, null);
        t.stopRequested(StopRequest.USER);
        t.metered(3000, null, null, T0.plusSeconds(30));
        assertTrue(t.ended(4200L, "Remote", T0.plusSeconds(60)));
        assertEquals(TransactionState.ENDED, t.state());
        assertEquals(TransactionEnd.STOPPED, t.end());
        assertEquals(new BigDecimal("3.200"), t.deliveredKwh());
        assertEquals(4200L, t.meterStopWh());
        assertEquals(T0.plusSeconds(60), t.endedAt());

        assertFalse(t.ended(9999L, "Other", T0.plusSeconds(120)), "a resent stop");
        assertEquals(4200L, t.meterStopWh());
        assertEquals("Remote", t.stopReason());
        assertEquals(T0.plusSeconds(60), t.endedAt());
        assertEquals(TransactionEnd.STOPPED, t.end());
        assertEquals(new BigDecimal("3.200"), t.deliveredKwh());
    }

    @Test
    void an_end_older_than_the_last_sample_does_not_move_the_meter_back() {
        ChargingTransaction t = charging(1000, null);
        t.metered(3000, null, null, T0.plusSeconds(60));
        assertTrue(t.ended(2500L, "Local", T0.plusSeconds(30)));
        assertEquals(3000L, t.lastMeterWh());
        assertEquals(new BigDecimal("2.000"), t.deliveredKwh(), "the larger of the stop and the last sample");
        assertEquals(TransactionEnd.FINISHED, t.end());
    }

    @Test
    void the_first_stop_reason_stays_and_a_fault_during_charging_ends_as_faulted() {
        ChargingTransaction t = charging(0, null);
        t.stopRequested(StopRequest.TARGET);
        t.stopRequested(StopRequest.USER);
        assertEquals(StopRequest.TARGET, t.stopRequest());
        t.fault("GroundFailure");
        assertTrue(t.faulted());
        assertEquals("GroundFailure", t.faultCode());
        t.ended(500L, "Other", T0.plusSeconds(10));
        assertEquals(TransactionEnd.FAULTED, t.end());
        ChargingTransaction requested = ChargingTransaction.requested(ORDER, CONNECTOR, Protocol.OCPP16, null, T0);
        requested.fault("GroundFailure");
        assertFalse(requested.faulted(), "no fault of a transaction that is not charging");
    }

    @Test
    void ended_without_the_charger_keeps_the_last_reading_and_a_late_stop_bills_nothing_more() {
        ChargingTransaction t = charging(1000, null);
        t.stopRequested(StopRequest.USER);
        t.metered(2000, null, null, T0.plusSeconds(30));
        t.endedWithoutCharger(T0.plusSeconds(90));
        assertEquals(TransactionState.ENDED, t.state());
        assertEquals("NoStopFromCharger", t.stopReason());
        assertEquals(TransactionEnd.STOPPED, t.end());
        assertEquals(new BigDecimal("1.000"), t.deliveredKwh());
        assertFalse(t.ended(5000L, "Remote", T0.plusSeconds(100)), "the late StopTransaction is answered only");
        assertEquals(new BigDecimal("1.000"), t.deliveredKwh());
        t.endedWithoutCharger(T0.plusSeconds(200));
        assertEquals(T0.plusSeconds(90), t.endedAt(), "only a charging transaction is ended so");
        ChargingTransaction requested = ChargingTransaction.requested(ORDER, CONNECTOR, Protocol.OCPP16, null, T0);
        requested.endedWithoutCharger(T0);
        assertEquals(TransactionState.REQUESTED, requested.state());
    }

    @Test
    void samples_after_the_end_are_history_and_never_change_the_settled_energy() {
        ChargingTransaction t = charging(1000, null);
        t.metered(2000, null, null, T0.plusSeconds(30));
        t.ended(3000L, "Remote", T0.plusSeconds(60));
        assertEquals(new BigDecimal("2.000"), t.deliveredKwh());
        // a repeated Ended (2.0.1) / StopTransaction with transactionData newer than the stop
        assertFalse(t.metered(9999, 90, 1.0, T0.plusSeconds(300)));
        assertEquals(new BigDecimal("2.000"), t.deliveredKwh());
        assertEquals(3000L, t.lastMeterWh());
        assertEquals(T0.plusSeconds(60), t.lastMeterAt());
    }

    @Test
    void a_late_stop_after_the_central_system_gave_up_waiting_changes_nothing_billed() {
        ChargingTransaction t = charging(1000, null);
        t.stopRequested(StopRequest.USER);
        t.metered(2000, null, null, T0.plusSeconds(30));
        t.endedWithoutCharger(T0.plusSeconds(90));
        // the late StopTransaction's transactionData is applied before its end (Transactions.ended)
        assertFalse(t.metered(4000, null, null, T0.plusSeconds(60)));
        assertFalse(t.ended(4500L, "Remote", T0.plusSeconds(70)));
        assertEquals(new BigDecimal("1.000"), t.deliveredKwh());
    }

    @Test
    void id_tags_fit_each_protocol() {
        assertEquals(ORDER, ChargingTransaction.idTagOf(ORDER, Protocol.OCPP201));
        String tag = ChargingTransaction.idTagOf(ORDER, Protocol.OCPP16);
        assertEquals("3f2b8c1e7a4d4e5f9b6a", tag);
        assertTrue(tag.length() <= 20);
        assertEquals("short-order", ChargingTransaction.idTagOf("short-order", Protocol.OCPP16));
        assertEquals("a-b-c-d-e-f-g-h-i-j-k", ChargingTransaction.idTagOf("a-b-c-d-e-f-g-h-i-j-k", Protocol.OCPP201));
        assertEquals("abcdefghijk", ChargingTransaction.idTagOf("a-b-c-d-e-f-g-h-i-j-k", Protocol.OCPP16));
        String twenty = "12345678901234567890";
        assertEquals(twenty, ChargingTransaction.idTagOf(twenty, Protocol.OCPP16));
    }

    @Test
    void the_target_is_due_at_the_rate_of_the_last_two_readings() {
        ChargingTransaction t = charging(10_000, 4000L);
        t.metered(11_000, null, null, T0.plusSeconds(31));
        t.metered(13_000, null, null, T0.plusSeconds(61));
        // 1,000 Wh left at 2,000 Wh per 30 s: due in 15 s, before the next reading 30 s on
        assertEquals(java.time.Duration.ofSeconds(15), t.targetDueIn(11_000L, T0.plusSeconds(31)).orElseThrow());
        // 1,000 Wh left at 500 Wh per 30 s: due in 60 s (the next regular reading predicts again, if it comes first)
        assertEquals(java.time.Duration.ofSeconds(60), t.targetDueIn(12_500L, T0.plusSeconds(31)).orElseThrow());
        // after a triggered reading 2 s after a regular one: the rate of those two
        assertEquals(java.time.Duration.ofMillis(2_500), t.targetDueIn(12_200L, T0.plusSeconds(59)).orElseThrow());
        // 1,000 Wh left at 1 Wh per 30 s: too far ahead to ask for a reading now
        assertTrue(t.targetDueIn(12_999L, T0.plusSeconds(31)).isEmpty());
        assertTrue(t.targetDueIn(null, null).isEmpty(), "one reading tells no rate");
        assertTrue(t.targetDueIn(13_000L, T0.plusSeconds(61)).isEmpty(), "no time between the readings");
        assertTrue(t.targetDueIn(13_000L, T0.plusSeconds(31)).isEmpty(), "no energy between the readings");
    }

    @Test
    void no_reading_is_due_without_a_target_once_it_is_reached_or_once_a_stop_is_asked_for() {
        ChargingTransaction open = charging(10_000, null);
        open.metered(13_000, null, null, T0.plusSeconds(61));
        assertTrue(open.targetDueIn(11_000L, T0.plusSeconds(31)).isEmpty(), "no target");

        ChargingTransaction reached = charging(10_000, 4000L);
        reached.metered(14_200, null, null, T0.plusSeconds(61));
        assertTrue(reached.targetReached());
        assertTrue(reached.targetDueIn(11_000L, T0.plusSeconds(31)).isEmpty(), "already there");

        ChargingTransaction stopping = charging(10_000, 4000L);
        stopping.metered(13_000, null, null, T0.plusSeconds(61));
        stopping.stopRequested(StopRequest.USER);
        assertTrue(stopping.targetDueIn(11_000L, T0.plusSeconds(31)).isEmpty(), "a stop is on its way");
    }
}
