package org.evcharging.bpp.core.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.evcharging.bpp.core.network.ChallengeCipher.Mechanism;
import org.evcharging.bpp.core.network.ChallengeCipher.UndecryptableChallenge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The on_subscribe challenge against the known-answer vector in {@code on-subscribe-vector.json}: the key agreement
 * is checked against RFC 7748's published secret and the JDK's XDH provider, the cipher texts against Bouncy Castle's
 * AES engines (production uses Bouncy Castle's X25519 and the JDK's AES, so each half meets an independent one).
 */
class ChallengeCipherTest {

    private static final HexFormat HEX = HexFormat.of();
    private static JsonNode vector;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = ChallengeCipherTest.class.getResourceAsStream("/on-subscribe-vector.json")) {
            vector = new ObjectMapper().readTree(in);
        }
    }

    private static byte[] hex(String field) {
        return HEX.parseHex(vector.get(field).asText());
    }

    @Test
    void bouncy_castle_x25519_gives_rfc_7748_shared_secret_both_ways() {
        byte[] k = hex("shared_secret_hex");
        assertArrayEquals(k, X25519Keys.agree(hex("registry_encryption_private_key_hex"),
                hex("subscriber_encryption_public_key_hex")));
        assertArrayEquals(k, X25519Keys.agree(hex("subscriber_encryption_private_key_hex"),
                hex("registry_encryption_public_key_hex")));
        assertArrayEquals(hex("subscriber_encryption_public_key_hex"),
                X25519Keys.publicOf(hex("subscriber_encryption_private_key_hex")));
    }

    @Test
    void the_jdk_xdh_provider_agrees() throws Exception {
        KeyFactory kf = KeyFactory.getInstance("XDH");
        PrivateKey ours = kf.generatePrivate(
                new XECPrivateKeySpec(NamedParameterSpec.X25519, hex("subscriber_encryption_private_key_hex")));
        byte[] le = hex("registry_encryption_public_key_hex");
        le[31] &= 0x7f;
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = le[31 - i];
        }
        PublicKey theirs = kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be)));
        KeyAgreement ka = KeyAgreement.getInstance("XDH");
        ka.init(ours);
        ka.doPhase(theirs, true);
        assertArrayEquals(hex("shared_secret_hex"), ka.generateSecret());
    }

    @Test
    void decrypts_the_ecb_challenge_that_bouncy_castle_aes_also_produces() throws Exception {
        String plain = vector.get("challenge_plain").asText();
        byte[] bytes = plain.getBytes(StandardCharsets.UTF_8);
        PaddedBufferedBlockCipher bc = new PaddedBufferedBlockCipher(AESEngine.newInstance(), new PKCS7Padding());
        bc.init(true, new KeyParameter(hex("shared_secret_hex")));
        byte[] out = new byte[bc.getOutputSize(bytes.length)];
        int n = bc.processBytes(bytes, 0, bytes.length, out, 0);
        n += bc.doFinal(out, n);
        assertEquals(vector.get("aes_256_ecb_challenge").asText(),
                Base64.getEncoder().encodeToString(Arrays.copyOf(out, n)));

        assertEquals(plain, subscriberCipher(Mechanism.AES_256_ECB)
                .decrypt(vector.get("aes_256_ecb_challenge").asText()));
    }

    @Test
    void decrypts_the_gcm_challenge_that_bouncy_castle_gcm_also_produces() throws Exception {
        String plain = vector.get("challenge_plain").asText();
        byte[] bytes = plain.getBytes(StandardCharsets.UTF_8);
        byte[] nonce = hex("aes_256_gcm_nonce_hex");
        GCMBlockCipher bc = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
        bc.init(true, new AEADParameters(new KeyParameter(hex("shared_secret_hex")), 128, nonce));
        byte[] out = new byte[bc.getOutputSize(bytes.length)];
        int n = bc.processBytes(bytes, 0, bytes.length, out, 0);
        n += bc.doFinal(out, n);
        byte[] challenge = Arrays.copyOf(nonce, nonce.length + n);
        System.arraycopy(out, 0, challenge, nonce.length, n);
        assertEquals(vector.get("aes_256_gcm_challenge").asText(), Base64.getEncoder().encodeToString(challenge));

        assertEquals(plain, subscriberCipher(Mechanism.AES_256_GCM)
                .decrypt(vector.get("aes_256_gcm_challenge").asText()));
        ChallengeCipher registry = new ChallengeCipher(Mechanism.AES_256_GCM,
                hex("registry_encryption_private_key_hex"), hex("subscriber_encryption_public_key_hex"));
        assertEquals(vector.get("aes_256_gcm_challenge").asText(), registry.encryptGcm(bytes, nonce));
    }

    @Test
    void a_round_trip_between_registry_and_subscriber_sides() throws Exception {
        for (Mechanism m : Mechanism.values()) {
            ChallengeCipher registry = new ChallengeCipher(m, hex("registry_encryption_private_key_hex"),
                    hex("subscriber_encryption_public_key_hex"));
            assertEquals("a fresh challenge", subscriberCipher(m).decrypt(registry.encrypt("a fresh challenge")));
        }
    }

    @Test
    void a_challenge_for_another_key_or_tampered_or_garbage_does_not_decrypt() {
        byte[] stranger = X25519Keys.generatePrivate();
        for (Mechanism m : Mechanism.values()) {
            ChallengeCipher other = new ChallengeCipher(m, stranger, hex("subscriber_encryption_public_key_hex"));
            String forSomeoneElse = other.encrypt("not for us");
            ChallengeCipher ours = subscriberCipher(m);
            if (m == Mechanism.AES_256_GCM) {
                assertThrows(UndecryptableChallenge.class, () -> ours.decrypt(forSomeoneElse));
            }
            assertThrows(UndecryptableChallenge.class, () -> ours.decrypt("not base64 !!"));
            assertThrows(UndecryptableChallenge.class, () -> ours.decrypt(""));
            assertThrows(UndecryptableChallenge.class, () -> ours.decrypt("AAAA"));
        }
        byte[] tampered = Base64.getDecoder().decode(vector.get("aes_256_gcm_challenge").asText());
        tampered[20] ^= 1;
        assertThrows(UndecryptableChallenge.class, () -> subscriberCipher(Mechanism.AES_256_GCM)
                .decrypt(Base64.getEncoder().encodeToString(tampered)));
    }

    @Test
    void refuses_a_low_order_public_key_and_reads_der_and_raw_forms() {
        assertThrows(IllegalArgumentException.class,
                () -> X25519Keys.agree(hex("subscriber_encryption_private_key_hex"), new byte[32]));
        byte[] pub = hex("registry_encryption_public_key_hex");
        assertArrayEquals(pub, X25519Keys.publicKey(X25519Keys.spkiBase64(pub)));
        assertArrayEquals(pub, X25519Keys.publicKey(Base64.getEncoder().encodeToString(pub)));
        byte[] priv = hex("subscriber_encryption_private_key_hex");
        assertArrayEquals(priv, X25519Keys.privateKey(X25519Keys.pkcs8Base64(priv)));
        assertArrayEquals(priv, X25519Keys.privateKey("-----BEGIN PRIVATE KEY-----\n"
                + X25519Keys.pkcs8Base64(priv) + "\n-----END PRIVATE KEY-----\n"));
        assertThrows(IllegalArgumentException.class, () -> X25519Keys.publicKey("AAAA"));
        assertThrows(IllegalArgumentException.class, () -> ChallengeCipher.Mechanism.of("rot13"));
        assertEquals(Mechanism.AES_256_ECB, Mechanism.of("x25519-aes-256-ecb"));
    }

    private static ChallengeCipher subscriberCipher(Mechanism m) {
        return new ChallengeCipher(m, hex("subscriber_encryption_private_key_hex"),
                hex("registry_encryption_public_key_hex"));
    }
}
