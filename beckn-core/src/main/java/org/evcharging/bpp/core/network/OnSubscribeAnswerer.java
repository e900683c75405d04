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
 * subscriber id and signing key are configuration, as the spec says they are published at a trusted location), and its
 * challenge must decrypt with our encryption key and the registry's; the answer is the plain text. Anything else is
 * refused with a reason and changes nothing.
 */
public final class OnSubscribeAnswerer {

    /** Why an on_subscribe is refused: {@code unauthorized} for the signature, otherwise the body. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;
        private final boolean unauthorized;

        public Refused(boolean unauthorized, String message) {
            super(message);
            this.unauthorized = unauthorized;
        }

        public boolean unauthorized() {
            return unauthorized;
        }
    }

    /** The answer and the status the registry announced (null when it gave none). */
    public record Answer(String answer, String status) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 16_384;

    private final InboundSignatureVerifier verifier;
    private final String registryId;
    private final ChallengeCipher cipher;

    public OnSubscribeAnswerer(String registryId, VerificationKey registryKey, ChallengeCipher cipher, Clock clock,
            long skewSeconds) {
        this.registryId = registryId;
        this.cipher = cipher;
        this.verifier = new InboundSignatureVerifier((subscriber, keyId) -> registryId.equals(subscriber)
                ? Optional.of(registryKey) : Optional.empty(), clock, skewSeconds);
    }

    public Answer answer(byte[] body, String authorization) throws Refused {
        if (authorization == null || authorization.isBlank()) {
            throw new Refused(true, "on_subscribe must be signed by the registry (Authorization header)");
        }
        try {
            verifier.verify(authorization, body, registryId);
        } catch (SignatureException e) {
            throw new Refused(true, "on_subscribe signature refused: " + e.getMessage());
        }
        if (body.length > MAX_BODY) {
            throw new Refused(false, "on_subscribe body larger than " + MAX_BODY + " bytes");
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            throw new Refused(false, "on_subscribe body is not JSON");
        }
        if (request == null || !request.isObject() || !request.path("challenge").isTextual()
                || request.path("challenge").asText().isBlank()) {
            throw new Refused(false, "on_subscribe needs a challenge (string)");
        }
        try {
            String plain = cipher.decrypt(request.get("challenge").asText());
            return new Answer(plain, request.path("status").isTextual() ? request.get("status").asText() : null);
        } catch (UndecryptableChallenge e) {
            throw new Refused(false, e.getMessage());
        }
    }
}
