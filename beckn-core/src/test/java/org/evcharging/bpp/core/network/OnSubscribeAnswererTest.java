package org.evcharging.bpp.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import org.evcharging.bpp.core.network.ChallengeCipher.Mechanism;
import org.evcharging.bpp.core.network.OnSubscribeAnswerer.Kind;
import org.evcharging.bpp.core.network.OnSubscribeAnswerer.Refused;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.evcharging.bpp.core.signing.HttpSigner;
import org.evcharging.bpp.core.signing.VerificationKey;
import org.junit.jupiter.api.Test;

/**
 * The registry's on_subscribe as the registry would send it (the registry lies outside the project: its side is
 * played here with its own keys), and what is refused: unsigned, signed by someone else, a challenge that does not
 * decrypt, a body that is not one.
 */
class OnSubscribeAnswererTest {

    private static final OnSubscribeAnswerer.Gate AWAITED = request -> {
    };

    private final KeyPair registrySigning = Ed25519Keys.generate();
    private final byte[] registryEncryption = X25519Keys.generatePrivate();
    private final byte[] ourEncryption = X25519Keys.generatePrivate();
    private final Clock clock = Clock.systemUTC();

    private OnSubscribeAnswerer answerer() {
        return new OnSubscribeAnswerer("registry.example", VerificationKey.of(registrySigning.getPublic()),
                "bpp.example", new ChallengeCipher(Mechanism.AES_256_ECB, ourEncryption,
                        X25519Keys.publicOf(registryEncryption)),
                clock, 5);
    }

    private String challenge(String plain) {
        return new ChallengeCipher(Mechanism.AES_256_ECB, registryEncryption, X25519Keys.publicOf(ourEncryption))
                .encrypt(plain);
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private String signedBy(KeyPair keys, String id, byte[] body) {
        return new HttpSigner(id, "r1", keys.getPrivate(), clock).authorization(body, 60);
    }

    @Test
    void answers_a_signed_challenge_with_its_plain_text() throws Exception {
        byte[] body = body("{\"status\":\"UNDER_SUBSCRIPTION\",\"challenge\":\"" + challenge("nonce-42") + "\"}");
        OnSubscribeAnswerer.Answer a = answerer().answer(body, signedBy(registrySigning, "registry.example", body),
                AWAITED);
        assertEquals("nonce-42", a.answer());
        assertEquals("UNDER_SUBSCRIPTION", a.status());
    }

    @Test
    void refuses_unsigned_or_wrongly_signed_requests() {
        byte[] body = body("{\"challenge\":\"" + challenge("nonce-42") + "\"}");
        Refused unsigned = assertThrows(Refused.class, () -> answerer().answer(body, null, AWAITED));
        assertTrue(unsigned.kind() == Kind.UNAUTHORIZED);
        Refused impostor = assertThrows(Refused.class,
                () -> answerer().answer(body, signedBy(Ed25519Keys.generate(), "registry.example", body), AWAITED));
        assertTrue(impostor.kind() == Kind.UNAUTHORIZED);
        Refused otherSigner = assertThrows(Refused.class,
                () -> answerer().answer(body, signedBy(registrySigning, "someone.else", body), AWAITED));
        assertTrue(otherSigner.kind() == Kind.UNAUTHORIZED);
        byte[] altered = body("{\"challenge\":\"" + challenge("nonce-43") + "\"}");
        Refused tampered = assertThrows(Refused.class,
                () -> answerer().answer(altered, signedBy(registrySigning, "registry.example", body), AWAITED));
        assertTrue(tampered.kind() == Kind.UNAUTHORIZED);
        String stale = new HttpSigner("registry.example", "r1", registrySigning.getPrivate(),
                Clock.fixed(Instant.now().minusSeconds(3600), java.time.ZoneOffset.UTC)).authorization(body, 60);
        assertTrue(
                assertThrows(Refused.class, () -> answerer().answer(body, stale, AWAITED)).kind() == Kind.UNAUTHORIZED);
    }

    @Test
    void refuses_a_challenge_that_does_not_decrypt_or_is_missing() {
        String forAnotherKey = new ChallengeCipher(Mechanism.AES_256_ECB, X25519Keys.generatePrivate(),
                X25519Keys.publicOf(ourEncryption)).encrypt("x");
        for (String json : new String[] {"{\"challenge\":\"%%%\"}", "{\"challenge\":\"\"}", "{\"status\":\"X\"}",
                "[1,2]", "not json", "{\"challenge\":42}", "{\"challenge\":\"AAAA\"}"}) {
            byte[] body = body(json);
            Refused r = assertThrows(Refused.class,
                    () -> answerer().answer(body, signedBy(registrySigning, "registry.example", body), AWAITED), json);
            assertFalse(r.kind() == Kind.UNAUTHORIZED, json);
        }
        // ECB has no integrity: a challenge for another key mostly fails its padding, else gives a wrong answer that
        // the registry refuses; either way it is never the plain text.
        byte[] body = body("{\"challenge\":\"" + forAnotherKey + "\"}");
        try {
            assertFalse("x".equals(answerer().answer(body, signedBy(registrySigning, "registry.example", body), AWAITED)
                    .answer()));
        } catch (Refused expected) {
            assertFalse(expected.kind() == Kind.UNAUTHORIZED);
        }
    }

    @Test
    void nothing_awaited_for_someone_else_or_too_large_is_refused_before_decrypting() {
        byte[] body = body("{\"subscriber_id\":\"bpp.example\",\"challenge\":\"" + challenge("nonce-42") + "\"}");
        String signed = signedBy(registrySigning, "registry.example", body);
        Refused notAwaited = assertThrows(Refused.class, () -> answerer().answer(body, signed, request -> {
            throw new Refused(Kind.NOT_AWAITED, "no subscription of ours awaits a challenge");
        }));
        assertEquals(Kind.NOT_AWAITED, notAwaited.kind());

        byte[] other = body("{\"subscriber_id\":\"someone.else\",\"challenge\":\"" + challenge("n") + "\"}");
        Refused forOther = assertThrows(Refused.class,
                () -> answerer().answer(other, signedBy(registrySigning, "registry.example", other), AWAITED));
        assertEquals(Kind.BAD_REQUEST, forOther.kind());

        byte[] huge = new byte[OnSubscribeAnswerer.MAX_BODY + 1];
        Refused tooLarge = assertThrows(Refused.class, () -> answerer().answer(huge, null, AWAITED));
        assertEquals(Kind.BAD_REQUEST, tooLarge.kind(), "the size is checked before the signature");
    }
}
