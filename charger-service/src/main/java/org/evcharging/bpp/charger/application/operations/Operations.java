package org.evcharging.bpp.charger.application.operations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.logging.Level;

import org.evcharging.bpp.charger.application.commands.ChargerCommands;
import org.evcharging.bpp.charger.application.commands.CommandFailed;
import org.evcharging.bpp.charger.application.commands.Requests;
import org.evcharging.bpp.charger.application.commands.Versions;
import org.evcharging.bpp.charger.application.onboarding.ChargePointRegistry;
import org.evcharging.bpp.charger.domain.ChargePoint;
import org.evcharging.bpp.charger.domain.Protocol;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.ProblemException;

/**
 * What an operator asks of a charger: ChangeAvailability, Reset, TriggerMessage, answered with the charger's status
 * (Accepted, Rejected, Scheduled, NotImplemented, …). A charger that is offline or does not answer is a 502/504.
 */
@ApplicationScoped
public class Operations {

    private static final SafeLog LOG = SafeLog.of(Operations.class);
    private static final Set<String> TRIGGERS = Set.of("BootNotification", "Heartbeat", "StatusNotification",
            "MeterValues");

    @Inject
    ChargePointRegistry registry;

    @Inject
    ChargerCommands commands;

    /** The charger's answer: its status, and the action sent. */
    public record Outcome(String action, String status) {
    }

    public Outcome changeAvailability(String id, int evseId, int connectorId, boolean operative) {
        ChargePoint cp = registry.require(id);
        return send(cp, Requests.changeAvailability(Versions.of(cp.protocol()),
                cp.protocol() == Protocol.OCPP16 ? connectorId : evseId, connectorId, operative));
    }

    public Outcome reset(String id, boolean hard) {
        ChargePoint cp = registry.require(id);
        return send(cp, Requests.reset(Versions.of(cp.protocol()), hard));
    }

    public Outcome trigger(String id, String message, int evseId, int connectorId) {
        if (!TRIGGERS.contains(message)) {
            throw new ProblemException(400, "not a message to trigger", "message", "one of " + TRIGGERS);
        }
        ChargePoint cp = registry.require(id);
        return send(cp, Requests.trigger(Versions.of(cp.protocol()), message, evseId, connectorId));
    }

    private Outcome send(ChargePoint cp, Requests.Request r) {
        try {
            ObjectNode answer = commands.call(cp.id(), r.action(), r.payload());
            LOG.log(Level.INFO, "charge point {0}: {1} by the operator: {2}",
                    new Object[] {cp.id(), r.action(), answer.path("status").asText()});
            return new Outcome(r.action(), answer.path("status").asText());
        } catch (CommandFailed e) {
            int status = e.kind() == CommandFailed.Kind.TIMEOUT ? 504
                    : e.kind() == CommandFailed.Kind.NOT_CONNECTED ? 409 : 502;
            throw new ProblemException(status, e.getMessage());
        }
    }
}
