package org.evcharging.bpp.charger.application.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.evcharging.bpp.charger.domain.ChargingTransaction;
import org.evcharging.bpp.charger.domain.ConnectorBinding;
import org.evcharging.bpp.charger.domain.Protocol;
import org.evcharging.bpp.ocpp.Direction;
import org.evcharging.bpp.ocpp.OcppSchemas;
import org.evcharging.bpp.ocpp.OcppVersion;
import org.evcharging.bpp.ocpp.Violation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Everything the central system sends passes the OCA schema of the charger's version. */
class RequestsTest {

    private static final String ORDER = "3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b";

    private static ChargingTransaction transaction(OcppVersion v, long id, String chargerTransactionId) {
        Protocol protocol = Versions.of(v);
        ChargingTransaction t = ChargingTransaction.requested(ORDER,
                new ConnectorBinding("cp-1", v == OcppVersion.OCPP_1_6 ? 2 : 1, 2, "chargezone.in", "cz-mg-1-ccs2",
                        Instant.EPOCH),
                protocol, 4000L, Instant.EPOCH);
        try {
            Field f = ChargingTransaction.class.getDeclaredField("id");
            f.setAccessible(true);
            f.set(t, id); // the database's identity
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        t.started(chargerTransactionId, 0L, Instant.EPOCH);
        return t;
    }

    private static List<Requests.Request> everything(OcppVersion v) {
        ChargingTransaction t = transaction(v, 123_456L, v == OcppVersion.OCPP_2_0_1 ? "a-uuid-of-the-station" : null);
        List<Requests.Request> all = new ArrayList<>();
        all.add(Requests.remoteStart(v, t));
        all.add(Requests.remoteStop(v, t));
        for (boolean operative : new boolean[] {true, false}) {
            all.add(Requests.changeAvailability(v, 0, 0, operative));
            all.add(Requests.changeAvailability(v, 1, 0, operative));
            all.add(Requests.changeAvailability(v, 1, 2, operative));
        }
        all.add(Requests.reset(v, true));
        all.add(Requests.reset(v, false));
        for (String message : List.of("BootNotification", "Heartbeat", "StatusNotification", "MeterValues")) {
            all.add(Requests.trigger(v, message, 0, 0));
            all.add(Requests.trigger(v, message, 1, 0));
            all.add(Requests.trigger(v, message, 1, 2));
        }
        return all;
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void every_request_passes_the_schema_of_its_version(OcppVersion v) {
        for (Requests.Request r : everything(v)) {
            List<Violation> violations = OcppSchemas.validate(v, r.action(), Direction.REQUEST, r.payload());
            assertTrue(violations.isEmpty(), v + " " + r.action() + " " + r.payload() + ": " + violations);
        }
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void the_order_is_the_id_tag_and_our_id_the_transaction_or_remote_start_id(OcppVersion v) {
        ChargingTransaction t = transaction(v, 77L, v == OcppVersion.OCPP_2_0_1 ? "station-tx-9" : null);
        Requests.Request start = Requests.remoteStart(v, t);
        Requests.Request stop = Requests.remoteStop(v, t);
        if (v == OcppVersion.OCPP_1_6) {
            assertEquals("RemoteStartTransaction", start.action());
            assertEquals("3f2b8c1e7a4d4e5f9b6a", start.payload().path("idTag").asText());
            assertEquals(2, start.payload().path("connectorId").asInt());
            assertEquals("RemoteStopTransaction", stop.action());
            assertEquals(77, stop.payload().path("transactionId").asInt());
        } else {
            assertEquals("RequestStartTransaction", start.action());
            assertEquals(ORDER, start.payload().at("/idToken/idToken").asText());
            assertEquals("Central", start.payload().at("/idToken/type").asText());
            assertEquals(77, start.payload().path("remoteStartId").asInt());
            assertEquals(1, start.payload().path("evseId").asInt());
            assertEquals("RequestStopTransaction", stop.action());
            assertEquals("station-tx-9", stop.payload().path("transactionId").asText());
        }
    }
}
