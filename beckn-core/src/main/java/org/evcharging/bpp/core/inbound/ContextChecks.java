package org.evcharging.bpp.core.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import org.evcharging.bpp.core.model.BecknError;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.persistence.BecknReferences;

/**
 * The context rules beyond the schema: the action is the one of the path, the domain is one we serve,
 * {@code bpp_id} (when given) is us, we know where to answer ({@code bap_id}, an http(s) {@code bap_uri}) and
 * which exchange it is ({@code transaction_id}, {@code message_id}), and the request's TTL has not run out.
 */
public final class ContextChecks {

    /** How far ahead of our clock a sender's timestamp may be. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(1);

    private final Set<String> domains;
    private final String ourSubscriberId;
    private final Clock clock;
    private final Duration maxAnswerWindow;
    private final Duration maxTtl;

    /**
     * {@code maxAnswerWindow} bounds how long we keep trying to answer, whatever ttl the sender asks for; a ttl longer
     * than {@code maxTtl} is refused, naming it.
     */
    public ContextChecks(Set<String> domains, String ourSubscriberId, Clock clock, Duration maxAnswerWindow,
            Duration maxTtl) {
        this.domains = domains;
        this.ourSubscriberId = ourSubscriberId;
        this.clock = clock;
        this.maxAnswerWindow = maxAnswerWindow;
        this.maxTtl = maxTtl;
    }

    public Optional<BecknError> check(String pathAction, JsonNode body) {
        JsonNode c = body.path("context");
        if (!pathAction.equals(c.path("action").asText())) {
            return fail("$.context.action",
                    "context.action '" + c.path("action").asText() + "' does not match the path /" + pathAction);
        }
        if (!domains.contains(c.path("domain").asText())) {
            return fail("$.context.domain",
                    "domain '" + c.path("domain").asText() + "' is not served here; served: " + domains);
        }
        String bppId = c.path("bpp_id").asText("");
        if (!bppId.isEmpty() && !bppId.equals(ourSubscriberId)) {
            return fail("$.context.bpp_id", "bpp_id '" + bppId + "' is not this BPP (" + ourSubscriberId + ")");
        }
        for (String f : new String[] {"bap_id", "bap_uri", "transaction_id", "message_id"}) {
            if (c.path(f).asText("").isBlank()) {
                return fail("$.context." + f, "context." + f + " is required");
            }
        }
        String bapUri = c.path("bap_uri").asText();
        if (!bapUri.startsWith("http://") && !bapUri.startsWith("https://")) {
            return fail("$.context.bap_uri", "bap_uri must be an http(s) URL");
        }
        if (bapUri.length() > 900) {
            return fail("$.context.bap_uri", "bap_uri longer than 900 characters");
        }
        if (c.path("bap_id").asText().length() > BecknReferences.BAP_ID_LENGTH) {
            return fail("$.context.bap_id", "bap_id longer than " + BecknReferences.BAP_ID_LENGTH + " characters");
        }
        if (c.path("message_id").asText().length() > BecknReferences.MESSAGE_ID_LENGTH
                || c.path("transaction_id").asText().length() > BecknReferences.TRANSACTION_ID_LENGTH) {
            return fail("$.context.message_id", "message_id or transaction_id longer than 100 characters");
        }
        return checkTtl(c);
    }

    /**
     * When the answer to this request stops being useful: timestamp + ttl, or now + {@code fallback}; never
     * later than now + the maximum answer window, so a sender cannot make us retry a dead endpoint for years.
     */
    public Instant answerDeadline(JsonNode body, Duration fallback) {
        JsonNode c = body.path("context");
        Instant now = clock.instant();
        Instant latest = now.plus(maxAnswerWindow);
        try {
            if (c.hasNonNull("ttl") && c.hasNonNull("timestamp")) {
                Duration ttl = IsoDurations.parse(c.get("ttl").asText());
                if (ttl.compareTo(maxAnswerWindow) > 0) {
                    return latest;
                }
                Instant deadline = OffsetDateTime.parse(c.get("timestamp").asText()).toInstant().plus(ttl);
                return deadline.isBefore(now) ? now : deadline.isAfter(latest) ? latest : deadline;
            }
        } catch (RuntimeException e) {
            // checked at the door; fall through
        }
        Instant fallbackDeadline = now.plus(fallback);
        return fallbackDeadline.isAfter(latest) ? latest : fallbackDeadline;
    }

    private Optional<BecknError> checkTtl(JsonNode c) {
        Instant sent = null;
        if (c.hasNonNull("timestamp")) {
            try {
                sent = OffsetDateTime.parse(c.get("timestamp").asText()).toInstant();
            } catch (DateTimeParseException e) {
                return fail("$.context.timestamp", "timestamp is not RFC 3339");
            }
            if (sent.isAfter(clock.instant().plus(FUTURE_TOLERANCE))) {
                return fail("$.context.timestamp", "timestamp is in the future");
            }
        }
        if (!c.hasNonNull("ttl")) {
            return Optional.empty();
        }
        Duration ttl;
        try {
            ttl = IsoDurations.parse(c.get("ttl").asText());
        } catch (RuntimeException e) {
            return fail("$.context.ttl", "ttl is not an ISO 8601 duration");
        }
        if (ttl.compareTo(maxTtl) > 0) {
            return fail("$.context.ttl", "ttl " + c.get("ttl").asText() + " is longer than the " + maxTtl
                    + " this BPP takes");
        }
        if (sent != null && sent.plus(ttl).isBefore(clock.instant())) {
            return fail("$.context.ttl", "request expired: timestamp + ttl is in the past");
        }
        return Optional.empty();
    }

    private static Optional<BecknError> fail(String path, String message) {
        return Optional.of(new BecknError(ErrorCode.INVALID_REQUEST, path, message));
    }
}
