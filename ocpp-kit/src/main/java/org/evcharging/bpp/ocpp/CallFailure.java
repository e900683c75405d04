package org.evcharging.bpp.ocpp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Why a CALL we sent got no usable answer: what its future from {@link OutgoingCalls#call} completes exceptionally
 * with. One class with a {@link Kind} rather than four, so a caller handles every failure in one {@code catch} and
 * still tells a peer's refusal (which it may report to the user) from our own timeout or a closed connection (which it
 * may retry later).
 */
public final class CallFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The peer answered with a CALLERROR; {@link #errorCode()} and {@link #getMessage()} carry it. */
        CALL_ERROR,
        /** The peer's CALLRESULT breaks the action's response schema; {@link #violations()} says where. */
        INVALID_RESPONSE,
        /** No answer within the call's timeout. */
        TIMEOUT,
        /** The connection closed before the call was answered (or sent). */
        CLOSED,
        /** The sender threw when given the CALL; the cause is what it threw. */
        NOT_SENT
    }

    private final Kind kind;
    private final String action;
    private final String errorCode;
    private final transient ObjectNode errorDetails;
    private final List<Violation> violations;

    private CallFailure(Kind kind, String action, String message, String errorCode, ObjectNode errorDetails,
            List<Violation> violations) {
        this(kind, action, message, errorCode, errorDetails, violations, null);
    }

    private CallFailure(Kind kind, String action, String message, String errorCode, ObjectNode errorDetails,
            List<Violation> violations, Throwable cause) {
        super(action + ": " + message, cause, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.action = action;
        this.errorCode = errorCode;
        this.errorDetails = errorDetails;
        this.violations = List.copyOf(violations);
    }

    static CallFailure callError(String action, Frame.CallError error) {
        return new CallFailure(Kind.CALL_ERROR, action,
                "CALLERROR " + error.errorCode() + " " + error.errorDescription(), error.errorCode(),
                error.errorDetails(), List.of());
    }

    static CallFailure invalidResponse(String action, List<Violation> violations) {
        Violation first = violations.get(0);
        String more = violations.size() == 1 ? "" : " (and " + (violations.size() - 1) + " more)";
        return new CallFailure(Kind.INVALID_RESPONSE, action, "response breaks the schema: " + first.path() + " "
                + first.code().name() + " " + first.description() + more, null, null, violations);
    }

    static CallFailure timeout(String action, Duration timeout) {
        return new CallFailure(Kind.TIMEOUT, action, "no answer within " + timeout, null, null, List.of());
    }

    static CallFailure closed(String action, String reason) {
        return new CallFailure(Kind.CLOSED, action, "connection closed: " + reason, null, null, List.of());
    }

    static CallFailure notSent(String action, RuntimeException cause) {
        return new CallFailure(Kind.NOT_SENT, action, "the sender failed", null, null, List.of(), cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The action of the failed call. */
    public String action() {
        return action;
    }

    /** The peer's error code, as it wrote it, for {@link Kind#CALL_ERROR}; null otherwise. */
    public String errorCode() {
        return errorCode;
    }

    /** The peer's error details for {@link Kind#CALL_ERROR}; null otherwise. */
    public ObjectNode errorDetails() {
        return errorDetails;
    }

    /** The schema violations for {@link Kind#INVALID_RESPONSE}; empty otherwise. */
    public List<Violation> violations() {
        return violations;
    }
}
