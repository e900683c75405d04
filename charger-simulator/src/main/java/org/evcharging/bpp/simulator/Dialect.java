package org.evcharging.bpp.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.evcharging.bpp.ocpp.ErrorCode;
import org.evcharging.bpp.ocpp.Frame;
import org.evcharging.bpp.ocpp.OcppVersion;

/**
 * What differs between OCPP 1.6 and 2.0.1 for the simulator: the messages' names and shapes. The charger's behaviour
 * (when to boot, start, meter, stop, queue) is one, in {@link SimulatedCharger}; the dialect only spells it.
 */
interface Dialect {

    static Dialect of(OcppVersion version) {
        return version == OcppVersion.OCPP_1_6 ? new Ocpp16Dialect() : new Ocpp201Dialect();
    }

    OcppVersion version();

    ObjectNode bootNotification(FleetOptions options);

    /** The status notifications about the whole charger sent after each accepted boot (1.6's connector 0). */
    List<ObjectNode> chargerStatus(Instant at);

    /** The status as the version reports it. */
    String wireStatus(ConnectorStatus status);

    ObjectNode statusNotification(ConnectorSpec connector, ConnectorStatus status, Instant at);

    Incoming interpret(Frame.Call call);

    /** The answer to a RemoteStart / RequestStart. */
    ObjectNode startAnswer(boolean accepted);

    /** The answer to a RemoteStop / RequestStop. */
    ObjectNode stopAnswer(boolean accepted);

    /** The code of a CALLERROR for an action the simulator does not implement. */
    ErrorCode notSupported();

    /** The id a new transaction gets from the charger: 2.0.1 a UUID, 1.6 none (the central system gives it). */
    String newTransactionId();

    String transactionAction(TransactionPhase phase);

    /**
     * The transaction message of {@code phase}, built when it is sent; empty when it can no longer be (a 1.6 message
     * of a transaction the central system never numbered).
     *
     * @param reason why it ended, for {@link TransactionPhase#ENDED}
     * @param offline whether the charger was offline when it happened
     */
    Optional<ObjectNode> transactionMessage(SimTransaction tx, TransactionPhase phase, MeterSample sample,
            StopReason reason, boolean offline);

    /**
     * Takes the central system's answer to a transaction message (1.6: the transaction id it gives); returns the
     * authorization status it carries, if any.
     */
    Optional<String> takeAnswer(SimTransaction tx, TransactionPhase phase, ObjectNode answer);
}
