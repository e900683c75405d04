package org.evcharging.bpp.core.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;

import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.evcharging.bpp.core.config.BppConfig;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.model.BecknError;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.core.ops.BecknMetrics;
import org.evcharging.bpp.core.outbound.CallbackTargets;
import org.evcharging.bpp.core.registry.RegistryKeys;
import org.evcharging.bpp.core.signing.InboundSignatureVerifier;
import org.evcharging.bpp.core.registry.Subscriber;
import org.evcharging.bpp.core.signing.SignatureException;
import org.evcharging.bpp.core.signing.SignatureHeader;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.core.validation.SchemaViolation;
import org.evcharging.bpp.core.validation.WorkflowLeniency;

/**
 * The door every Beckn request comes through, the same in every service:
 * size limit → authenticate (BECKN-006, BAP and gateway) → rate limits (the signer's, then the service's;
 * docs/rate-limits.md) → validate (schema, after the documented leniencies)
 * → context checks → the {@code bap_uri} is where the registry says the signer takes callbacks → de-duplicate and store (inbox) → ACK → hand to the service's handler asynchronously.
 * Problems with the request itself are answered here, synchronously, as NACKs; nothing reaches a handler unless
 * it was stored first.
 */
@ApplicationScoped
public class InboundPipeline {

    private static final SafeLog LOG = SafeLog.of(InboundPipeline.class);
    /** A key given twice in one object is refused: which one counts would depend on the parser. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Inject
    BppConfig config;

    @Inject
    RegistryKeys registry;

    @Inject
    InboxStore inbox;

    @Inject
    InboxWriter writer;

    @Inject
    InboundProcessor processor;

    @Inject
    BecknMetrics metrics;

    private InboundSignatureVerifier verifier;
    private ContextChecks contextChecks;
    private final WorkflowLeniency leniency = WorkflowLeniency.india();
    private final BecknSchemas schemas = BecknSchemas.shared();
    private String challenge;
    private CallbackTargets.Policy callbackPolicy;
    RateLimits limits;

    @PostConstruct
    void init() {
        verifier = new InboundSignatureVerifier(registry::signingKey, Clock.systemUTC(), config.clockSkewSeconds(),
                config.signatureMaxAge(), config.signatureMaxValidity());
        contextChecks = new ContextChecks(config.domains(), config.subscriberId(), Clock.systemUTC(),
                config.maxCallbackWindow(), config.maxRequestTtl());
        challenge = "Signature realm=\"" + config.subscriberId() + "\",headers=\"(created) (expires) digest\"";
        callbackPolicy = config.callbackBapUriPolicy();
        RateLimits.Settings rates = config.rateLimits();
        limits = new RateLimits(rates, System::nanoTime);
        LOG.log(Level.INFO,
                "door rate limits on this replica: each BAP {0}, {1} BAP(s) with their own, the service {2}",
                new Object[] {rates.perBap().toString(), rates.overrides().size(), rates.global().toString()});
        schemas.warmUp(processor.actions());
    }

    public Response receive(String action, InputStream in, String authorization, String gatewayAuthorization) {
        return answer(action, in, authorization, gatewayAuthorization).toResponse();
    }

    /** The door's decision on one request, as a plain value (the endpoint turns it into the HTTP response). */
    public DoorAnswer answer(String action, InputStream in, String authorization, String gatewayAuthorization) {
        long t0 = System.nanoTime();
        DoorAnswer r = decide(action, in, authorization, gatewayAuthorization);
        metrics.inbound(action, r.status(), System.nanoTime() - t0);
        return r;
    }

    /**
     * The 429 for a request whose signer, as its Authorization header names it, is already over its limit, or null
     * when it is not (nor a Beckn action, nor signed at all). {@link EarlyRefusalFilter} asks this before the body is
     * read, so that a BAP flooding far past its limit costs the service as little as a refusal can; {@link #answer}
     * asks the same again. See {@link RateLimits#peek} for why a forged header cannot use this against another BAP.
     */
    public DoorAnswer refusedUnread(String action, String authorization) {
        if (!BecknSchemas.BPP_ACTIONS.contains(action) || authorization == null || authorization.isBlank()) {
            return null;
        }
        long t0 = System.nanoTime();
        RateLimits.Refusal already = limits.peek(claimedSigner(authorization));
        if (already == null) {
            return null;
        }
        DoorAnswer r = tooMany(already);
        metrics.inbound(action, r.status(), System.nanoTime() - t0);
        return r;
    }

    private DoorAnswer decide(String action, InputStream in, String authorization, String gatewayAuthorization) {
        byte[] raw;
        try {
            raw = in.readNBytes(config.maxBodyBytes() + 1);
        } catch (IOException e) {
            return nack(400, ErrorCode.INVALID_REQUEST, "$", "could not read the request body");
        }
        if (raw.length > config.maxBodyBytes()) {
            return nack(413, ErrorCode.INVALID_REQUEST, "$", "body larger than " + config.maxBodyBytes() + " bytes");
        }
        if (!BecknSchemas.BPP_ACTIONS.contains(action)) {
            return nack(400, ErrorCode.INVALID_REQUEST, "$.context.action", "unknown Beckn action '" + action + "'");
        }
        if (authorization == null || authorization.isBlank()) {
            return unauthorized("WWW-Authenticate", action, "no Authorization header");
        }
        // A BAP already over its limit is refused before its signature is verified (the costly part of the door);
        // see RateLimits.peek for why a forged header cannot use this against another BAP.
        RateLimits.Refusal already = limits.peek(claimedSigner(authorization));
        if (already != null) {
            return tooMany(already);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(raw);
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            return nack(400, ErrorCode.INVALID_REQUEST, "$", e.getOriginalMessage().startsWith("Duplicate field")
                    ? "a key is given twice in one object (" + e.getOriginalMessage() + ")" : "body is not JSON");
        } catch (JsonProcessingException e) {
            return nack(400, ErrorCode.INVALID_REQUEST, "$", "body is not JSON");
        } catch (IOException e) {
            return nack(400, ErrorCode.INVALID_REQUEST, "$", "body is not JSON");
        }
        if (!(tree instanceof ObjectNode body)) {
            return nack(400, ErrorCode.INVALID_REQUEST, "$", "body is not a JSON object");
        }
        String bapId = body.path("context").path("bap_id").isTextual() ? body.path("context").get("bap_id").asText()
                : null;
        if (gatewayAuthorization != null && !gatewayAuthorization.isBlank()) {
            try {
                SignatureHeader gateway = verifier.verify(gatewayAuthorization, raw, null);
                String type = registry.subscriber(gateway.subscriberId(), gateway.keyId()).map(Subscriber::type)
                        .orElse(null);
                if (!"BG".equalsIgnoreCase(type)) {
                    throw new SignatureException(
                            gateway.subscriberId() + " is registered as " + (type == null ? "no type"
                                    : type) + ", not as a gateway (BG)");
                }
            } catch (SignatureException e) {
                return unauthorized("Proxy-Authenticate", action, "gateway: " + e.getMessage());
            } catch (UncheckedIOException | FaultToleranceException e) {
                return registryDown(action, e);
            }
        }
        SignatureHeader signed;
        try {
            signed = verifier.verify(authorization, raw, bapId);
        } catch (SignatureException e) {
            return unauthorized("WWW-Authenticate", action, e.getMessage());
        } catch (UncheckedIOException | FaultToleranceException e) {
            return registryDown(action, e);
        }
        // Only now is the BAP known for sure; nothing is parsed further or stored for a request over a limit.
        RateLimits.Refusal over = limits.take(signed.subscriberId());
        if (over != null) {
            return tooMany(over);
        }
        String nonFinite = nonFinitePath(body, "$");
        if (nonFinite != null) {
            // 1e400 reads as Infinity: no field of the protocol can hold it, and the schema validator cannot compare it
            return nack(400, ErrorCode.INVALID_REQUEST, nonFinite, "a number too large to represent");
        }
        leniency.normalize(action, body);
        List<SchemaViolation> violations;
        try {
            violations = schemas.validateStrict(action, body);
        } catch (RuntimeException validatorGaveUp) {
            // whatever the validator cannot judge is not a valid request: refused, never a 500
            LOG.log(Level.INFO, "schema validation of {0} failed on the input: {1}",
                    new Object[] {action, validatorGaveUp.toString()});
            return nack(400, ErrorCode.INVALID_REQUEST, "$", "the request could not be validated against the schema");
        }
        if (!violations.isEmpty()) {
            return nack(400, ErrorCode.INVALID_REQUEST,
                    violations.stream().map(SchemaViolation::path).distinct().collect(Collectors.joining(",")),
                    violations.stream().map(SchemaViolation::message).limit(5).collect(Collectors.joining("; ")));
        }
        Optional<BecknError> contextError = contextChecks.check(action, body);
        if (contextError.isPresent()) {
            BecknError e = contextError.get();
            return nack(400, e.code(), e.paths(), e.message());
        }
        String registeredUrl = registry.subscriber(signed.subscriberId(), signed.keyId()).map(Subscriber::url)
                .orElse(null);
        Optional<String> misdirected = CallbackTargets.refusal(body.get("context").get("bap_uri").asText(),
                registeredUrl,
                callbackPolicy);
        if (misdirected.isPresent()) {
            return nack(400, ErrorCode.INVALID_REQUEST, "$.context.bap_uri", misdirected.get());
        }
        Optional<BecknActionHandler> handler = processor.handler(action);
        if (handler.isEmpty()) {
            return nack(501, ErrorCode.ACTION_NOT_APPLICABLE, "$.context.action",
                    action + " is not served by this service");
        }
        InboundRequest request = new InboundRequest(action, body);
        try {
            handler.get().check(request);
        } catch (BecknException e) {
            return nack(400, e.error().code(), e.error().paths(), e.error().message());
        }
        String id = UUID.randomUUID().toString();
        JsonNode c = body.get("context");
        long now = System.currentTimeMillis();
        long deadline = contextChecks.answerDeadline(body, config.defaultCallbackTtl()).toEpochMilli();
        boolean fresh;
        try {
            fresh = writer.store(new InboxWriter.Accepted(id, request, c.get("bap_id").asText(),
                    c.get("message_id").asText(), c.get("transaction_id").asText(), body.toString(), now, deadline));
        } catch (jakarta.persistence.PersistenceException e) {
            // Not stored, so not ACKed: the BAP retries. One line an operator can find by the request's ids.
            LOG.log(Level.WARNING, "{0} txn={1} msg={2} not stored, the database is unavailable ({3}): NACK 503, retry",
                    new Object[] {action, c.get("transaction_id").asText(), c.get("message_id").asText(),
                            rootCause(e)});
            return DoorAnswer.nack(503, new BecknError(ErrorCode.BUSINESS_ERROR, null,
                    "temporarily unavailable, retry later"), Map.of("Retry-After", "2"));
        }
        if (!fresh) {
            String storedTransaction = inbox.transactionOf(c.get("bap_id").asText(), c.get("message_id").asText(),
                    action);
            if (storedTransaction != null && !storedTransaction.equals(c.get("transaction_id").asText())) {
                return nack(400, ErrorCode.INVALID_REQUEST, "$.context.message_id",
                        "message_id was already used for another transaction; use a fresh message_id per request");
            }
            LOG.log(Level.INFO, "{0} txn={1} msg={2} is a repeat: ACKed, not processed again",
                    new Object[] {action, c.get("transaction_id").asText(), c.get("message_id").asText()});
        }
        return DoorAnswer.ack();
    }

    private DoorAnswer nack(int status, ErrorCode code, String paths, String message) {
        LOG.log(Level.INFO, "NACK {0} {1} at {2}: {3}", new Object[] {status, code.code(), paths, message});
        return DoorAnswer.nack(status, new BecknError(code, paths, message));
    }

    private DoorAnswer unauthorized(String challengeHeader, String action, String reason) {
        LOG.log(Level.INFO, "401 on {0}: {1}", new Object[] {action, reason});
        return DoorAnswer.unauthorized(challengeHeader, challenge);
    }

    /**
     * A 429, with when to come back. BECKN-005 has no code for "too many requests": 30000 would call the request
     * invalid (the same request is taken later) and the 50000s are the order's policies, so it is 40000, the generic
     * business error the door also answers "retry later" with. Not logged here: {@link RateLimits} reports refusals
     * once a minute per BAP, so that a flood does not flood the log.
     */
    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** The path of the first number in {@code node} that is not finite (Infinity or NaN), or null. */
    static String nonFinitePath(JsonNode node, String path) {
        if (node.isNumber()) {
            return node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue()) ? path : null;
        }
        if (node.isObject()) {
            for (java.util.Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                String found = nonFinitePath(f.getValue(), path + "." + f.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = nonFinitePath(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The subscriber id an Authorization header names (unverified), or "" when it names none. */
    private static String claimedSigner(String authorization) {
        try {
            return SignatureHeader.parse(authorization).subscriberId();
        } catch (RuntimeException malformed) {
            return ""; // the signature check refuses it with its reason
        }
    }

    private DoorAnswer tooMany(RateLimits.Refusal over) {
        metrics.rateLimited(over.global() ? "service" : "bap");
        String message = over.global()
                ? "too many requests: this service takes at most " + over.limit() + " from all BAPs together"
                : "too many requests: this BPP takes at most " + over.limit() + " from one BAP";
        return DoorAnswer.nack(429,
                new BecknError(ErrorCode.BUSINESS_ERROR, null,
                        message + "; retry after " + over.retryAfterSeconds() + " s"),
                Map.of("Retry-After", Long.toString(over.retryAfterSeconds())));
    }

    private DoorAnswer registryDown(String action, RuntimeException e) {
        LOG.log(Level.WARNING, "registry unavailable while verifying {0}: {1}", new Object[] {action, e.toString()});
        // not the request's fault: 40000, retry
        return DoorAnswer.nack(503, new BecknError(ErrorCode.BUSINESS_ERROR, null,
                "the network registry is unavailable; signature could not be verified, retry later"),
                Map.of("Retry-After", "5"));
    }
}
