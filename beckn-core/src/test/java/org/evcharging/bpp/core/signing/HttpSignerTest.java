package org.evcharging.bpp.core.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reproduces the BECKN-006 worked example (shared/spec signing-vector.json) and the inbound rules. */
class HttpSignerTest {

    private static final JsonNode VECTOR = load();

    private static JsonNode load() {
        try (var in = HttpSignerTest.class.getResourceAsStream("/signing-vector.json")) {
            return new ObjectMapper().readTree(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] body() {
        return VECTOR.get("body").asText().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void blake2b512MatchesKnownAnswers() {
        assertEquals(VECTOR.get("blake2b512_of_quick_brown_fox_base64").asText(),
                Blake2b512.base64("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)));
        assertEquals(VECTOR.get("blake2b512_digest_base64").asText(), Blake2b512.base64(body()));
    }

    @Test
    void signsTheVectorExactlyFromTheSixtyFourByteKey() {
        var key = Ed25519Keys.privateKey(VECTOR.get("signing_private_key_base64_64byte_seed_then_public").asText());
        HttpSigner signer = new HttpSigner("example-bap.com", "k1", key, Clock.systemUTC());
        SignatureHeader h = signer.sign(body(), VECTOR.get("created").asLong(), VECTOR.get("expires").asLong());
        assertEquals(VECTOR.get("signature_base64").asText(), h.signature());
        assertEquals(VECTOR.get("signing_string").asText(), HttpSigner.signingString(h.created(), h.expires(),
                Blake2b512.base64(body())));
    }

    @Test
    void signsTheVectorExactlyFromTheThirtyTwoByteSeed() {
        byte[] full = Base64.getDecoder()
                .decode(VECTOR.get("signing_private_key_base64_64byte_seed_then_public").asText());
        String seed = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(full, 32));
        HttpSigner signer = new HttpSigner("example-bap.com", "k1", Ed25519Keys.privateKey(seed), Clock.systemUTC());
        assertEquals(VECTOR.get("signature_base64").asText(),
                signer.sign(body(), VECTOR.get("created").asLong(), VECTOR.get("expires").asLong()).signature());
    }

    @Test
    void verifiesTheVectorWithRawAndSpkiPublicKeys() {
        String raw = VECTOR.get("signing_public_key_base64_raw32").asText();
        String spki = Base64.getEncoder().encodeToString(Ed25519Keys.spki(Base64.getDecoder().decode(raw)));
        SignatureHeader h = new SignatureHeader("example-bap.com", "k1", "ed25519", VECTOR.get("created").asLong(),
                VECTOR.get("expires").asLong(), SignatureHeader.HEADERS, VECTOR.get("signature_base64").asText());
        assertTrue(HttpSigner.verify(h, body(), VerificationKey.of(Ed25519Keys.publicKey(raw))));
        assertTrue(HttpSigner.verify(h, body(), VerificationKey.of(Ed25519Keys.publicKey(spki))));
        byte[] tampered = body().clone();
        tampered[10] ^= 1;
        assertFalse(HttpSigner.verify(h, tampered, VerificationKey.of(Ed25519Keys.publicKey(raw))));
    }

    @Test
    void parsesTheHeaderAsPrintedInBeckn006() {
        SignatureHeader h = SignatureHeader
                .parse("Signature keyId=\"example-bap.com|ae3ea24b|ed25519\",algorithm=\"ed25519\","
                        + "created=\"1641287875\",expires=\"1641291475\",headers=\"(created) (expires) digest\",signature=\"abc=\"");
        assertEquals("example-bap.com", h.subscriberId());
        assertEquals("ae3ea24b", h.keyId());
        assertEquals(1641287875L, h.created());
        assertEquals(SignatureHeader.parse(h.format()), h);
        assertThrows(SignatureException.class, () -> SignatureHeader.parse("Bearer xyz"));
        assertThrows(SignatureException.class, () -> SignatureHeader.parse(h.format() + ",signature=\"other=\""),
                "a repeated parameter is ambiguous and refused");
        assertThrows(SignatureException.class,
                () -> SignatureHeader.parse("Signature keyId=\"a|b|rsa\",signature=\"x\",created=\"1\",expires=\"2\""));
    }

    @Test
    void inboundRulesRefuseExpiredFutureWrongSignerAndUnknownKey() {
        KeyPair pair = Ed25519Keys.generate();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        VerificationKey pub = VerificationKey.of(pair.getPublic());
        InboundSignatureVerifier verifier = new InboundSignatureVerifier(
                (sub, key) -> "bap.test".equals(sub) && "k1".equals(key) ? Optional.of(pub) : Optional.empty(), clock,
                5);
        HttpSigner signer = new HttpSigner("bap.test", "k1", pair.getPrivate(), clock);
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        long t = now.getEpochSecond();

        assertEquals("bap.test", verifier.verify(signer.authorization(body, 60), body, "bap.test").subscriberId());
        assertThrows(SignatureException.class,
                () -> verifier.verify(signer.sign(body, t - 120, t - 60).format(), body, "bap.test"));
        assertThrows(SignatureException.class,
                () -> verifier.verify(signer.sign(body, t + 60, t + 120).format(), body, "bap.test"));
        assertThrows(SignatureException.class,
                () -> verifier.verify(signer.authorization(body, 60), body, "other.bap"));
        assertThrows(SignatureException.class,
                () -> verifier.verify(signer.authorization(body, 60), "{\"a\":2}".getBytes(), "bap.test"));
        HttpSigner unknownKey = new HttpSigner("bap.test", "k2", pair.getPrivate(), clock);
        assertThrows(SignatureException.class,
                () -> verifier.verify(unknownKey.authorization(body, 60), body, "bap.test"));
        HttpSigner otherPair = new HttpSigner("bap.test", "k1", Ed25519Keys.generate().getPrivate(), clock);
        assertThrows(SignatureException.class,
                () -> verifier.verify(otherPair.authorization(body, 60), body, "bap.test"));
    }

    @Test
    void aSignatureIsTakenForFiveMinutesAfterItWasCreatedAndForAtMostAnHourAhead() {
        KeyPair pair = Ed25519Keys.generate();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        VerificationKey pub = VerificationKey.of(pair.getPublic());
        InboundSignatureVerifier verifier = new InboundSignatureVerifier((sub, key) -> Optional.of(pub), clock, 5);
        HttpSigner signer = new HttpSigner("bap.test", "k1", pair.getPrivate(), clock);
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        long t = now.getEpochSecond();

        // as BECKN-006's worked example signs: valid for an hour
        assertEquals("bap.test",
                verifier.verify(signer.sign(body, t, t + 3600).format(), body, "bap.test").subscriberId());
        assertEquals("bap.test",
                verifier.verify(signer.sign(body, t - 300, t + 60).format(), body, "bap.test").subscriberId());
        SignatureException old = assertThrows(SignatureException.class,
                () -> verifier.verify(signer.sign(body, t - 30 * 86400, t + 365 * 86400).format(), body, "bap.test"),
                "created 30 days ago, expiring in a year: a captured request replayed");
        assertEquals("signature created more than 300 s ago", old.getMessage());
        assertThrows(SignatureException.class,
                () -> verifier.verify(signer.sign(body, t - 306, t + 60).format(), body, "bap.test"));
        SignatureException far = assertThrows(SignatureException.class,
                () -> verifier.verify(signer.sign(body, t, t + 86400).format(), body, "bap.test"));
        assertEquals("signature expires more than 3600 s from now", far.getMessage());
    }
}
