package org.evcharging.bpp.core.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.evcharging.bpp.core.network.ChallengeCipher.UndecryptableChallenge;
import org.evcharging.bpp.core.signing.InboundSignatureVerifier;
import org.evcharging.bpp.core.signing.SignatureException;
import org.evcharging.bpp.core.signing.VerificationKey;

/**
 * Our side of registry.yaml {@code POST /on_subscribe}: the registry's request must be signed by the registry (its
 * subscriber id and signing key are configuration, as the spec says they are published at a trusted location), it must
 * be for us, a subscription of ours must be awaiting its challenge (the {@link Gate}), and the challenge must decrypt
 * with our encryption key and the registry's; the answer is the plain text. Anything else is refused with a reason and
 * changes nothing. The body's size is checked first, its signature before anything in it is read.
 */
public final class OnSubscribeAnswerer {

    /** How a refusal is answered: 401, 400, 409 (nothing of ours awaits a challenge), 503 (not configured). */
    public enum Kind {

        UNAUTHORIZED(401), BAD_REQUEST(400), NOT_AWAITED(409), UNAVAILABLE(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Why an on_subscribe is refused. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;
        private final Kind kind;

        public Refused(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /** What must hold of a signed request before its challenge is decrypted. */
    @FunctionalInterface
    public interface Gate {

        void check(JsonNode request) throws Refused;
    }

    /** The answer and the status the registry announced (null when it gave none). */
    public record Answer(String answer, String status) {
    }

    public static final int MAX_BODY = 16_384;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InboundSignatureVerifier verifier;
    private final String registryId;
    private final String ourSubscriberId;
    private final ChallengeCipher cipher;

    public OnSubscribeAnswerer(String registryId, VerificationKey registryKey, String ourSubscriberId,
            ChallengeCipher cipher, Clock clock, long skewSeconds) {
        this.registryId = registryId;
        this.ourSubscriberId = ourSubscriberId;
        this.cipher = cipher;
        this.verifier = new InboundSignatureVerifier((subscriber, keyId) -> registryId.equals(subscriber)
                ? Optional.of(registryKey) : Optional.empty(), clock, skewSeconds);
    }

    public Answer answer(byte[] body, String authorization, Gate gate) throws Refused {
        if (body.length > MAX_BODY) {
            throw new Refused(Kind.BAD_REQUEST, "on_subscribe body larger than " + MAX_BODY + " bytes");
        }
        if (authorization == null || authorization.isBlank()) {
            throw new Refused(Kind.UNAUTHORIZED, "on_subscribe must be signed by the registry (Authorization header)");
        }
        try {
            verifier.verify(authorization, body, registryId);
        } catch (SignatureException e) {
            throw new Refused(Kind.UNAUTHORIZED, "on_subscribe signature refused: " + e.getMessage());
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            throw new Refused(Kind.BAD_REQUEST, "on_subscribe body is not JSON");
        }
        if (request == null || !request.isObject() || !request.path("challenge").isTextual()
                || request.path("challenge").asText().isBlank()) {
            throw new Refused(Kind.BAD_REQUEST, "on_subscribe needs a challenge (string)");
        }
        if (request.hasNonNull("subscriber_id") && !ourSubscriberId.equals(request.get("subscriber_id").asText())) {
            throw new Refused(Kind.BAD_REQUEST, "on_subscribe is for another subscriber, not " + ourSubscriberId);
        }
        gate.check(request);
        try {
            String plain = cipher.decrypt(request.get("challenge").asText());
            return new Answer(plain, request.path("status").isTextual() ? request.get("status").asText() : null);
        } catch (UndecryptableChallenge e) {
            throw new Refused(Kind.BAD_REQUEST, e.getMessage());
        }
    }
}
