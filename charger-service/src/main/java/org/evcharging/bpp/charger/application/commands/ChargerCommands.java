package org.evcharging.bpp.charger.application.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.charger.domain.ChargePoint;
import org.evcharging.bpp.charger.infrastructure.ocpp.ChargerLink;
import org.evcharging.bpp.charger.infrastructure.ocpp.Connections;
import org.evcharging.bpp.charger.infrastructure.replicas.ReplicaApi;
import org.evcharging.bpp.charger.infrastructure.replicas.Replicas;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.ocpp.CallFailure;

/**
 * Sends a CALL to a charger wherever its socket is: on this replica directly, else through the replica the routing
 * table ({@link ChargePoint#replicaUrl()}) names. Blocks until the answer (or the call timeout); never call it inside a
 * transaction that holds locks the charger's answer needs.
 */
@ApplicationScoped
public class ChargerCommands {

    private static final SafeLog LOG = SafeLog.of(ChargerCommands.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    Connections connections;

    @Inject
    Replicas replicas;

    @Inject
    @ConfigProperty(name = "charger.replica-url")
    String self;

    @Inject
    @ConfigProperty(name = "charger.call-timeout", defaultValue = "PT10S")
    Duration callTimeout;

    /** The CALLRESULT's payload; {@link CommandFailed} when there is none to act on. */
    public ObjectNode call(String chargePointId, String action, ObjectNode payload) {
        Optional<ChargerLink> local = connections.local(chargePointId).filter(ChargerLink::isOpen);
        if (local.isPresent()) {
            return await(local.get().call(action, payload, callTimeout), chargePointId, action);
        }
        ChargePoint cp = em.find(ChargePoint.class, chargePointId);
        if (cp == null || !cp.connected() || cp.replicaUrl() == null || cp.replicaUrl().equals(self)) {
            throw new CommandFailed(CommandFailed.Kind.NOT_CONNECTED,
                    "charge point " + chargePointId + " is not connected");
        }
        ReplicaApi.ForwardedAnswer answer;
        try {
            answer = replicas.call(cp.replicaUrl(), chargePointId, action, payload.toString(), callTimeout);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cp={0}: replica {1} holding its socket did not take {2}: {3}",
                    new Object[] {chargePointId, cp.replicaUrl(), action, e.toString()});
            throw new CommandFailed(CommandFailed.Kind.FAILED,
                    "the replica holding charge point " + chargePointId + "'s connection is unreachable");
        }
        return switch (answer.outcome()) {
            case "RESULT" -> parse(answer.payload());
            case "NOT_CONNECTED" -> throw new CommandFailed(CommandFailed.Kind.NOT_CONNECTED,
                    "charge point " + chargePointId + " is not connected");
            case "TIMEOUT" -> throw new CommandFailed(CommandFailed.Kind.TIMEOUT, answer.errorDescription());
            case "CALL_ERROR" -> throw new CommandFailed(CommandFailed.Kind.CALL_ERROR, answer.errorDescription());
            default -> throw new CommandFailed(CommandFailed.Kind.FAILED, answer.errorDescription());
        };
    }

    /** For a replica forwarding to this one: the socket must be here. */
    public ReplicaApi.ForwardedAnswer callHere(String chargePointId, String action, String payload, Duration timeout) {
        Optional<ChargerLink> local = connections.local(chargePointId).filter(ChargerLink::isOpen);
        if (local.isEmpty()) {
            return new ReplicaApi.ForwardedAnswer("NOT_CONNECTED", null, null, "not connected to this replica");
        }
        try {
            ObjectNode result = await(local.get().call(action, parse(payload), timeout), chargePointId, action);
            return new ReplicaApi.ForwardedAnswer("RESULT", result.toString(), null, null);
        } catch (CommandFailed e) {
            return new ReplicaApi.ForwardedAnswer(e.kind().name(), null, null, e.getMessage());
        }
    }

    private ObjectNode await(CompletableFuture<ObjectNode> answer, String chargePointId, String action) {
        try {
            return answer.get(callTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CommandFailed(CommandFailed.Kind.TIMEOUT,
                    "charge point " + chargePointId + " did not answer " + action + " in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailed(CommandFailed.Kind.FAILED, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CallFailure f) {
                CommandFailed.Kind kind = switch (f.kind()) {
                    case TIMEOUT -> CommandFailed.Kind.TIMEOUT;
                    case CALL_ERROR -> CommandFailed.Kind.CALL_ERROR;
                    default -> CommandFailed.Kind.FAILED;
                };
                throw new CommandFailed(kind, "charge point " + chargePointId + ", " + action + ": " + f.getMessage());
            }
            throw new CommandFailed(CommandFailed.Kind.FAILED,
                    "charge point " + chargePointId + ", " + action + ": " + e.getCause());
        }
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new CommandFailed(CommandFailed.Kind.FAILED, "an unreadable forwarded payload");
        }
    }
}
