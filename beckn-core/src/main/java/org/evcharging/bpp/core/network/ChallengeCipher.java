package org.evcharging.bpp.core.network;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The registry's {@code on_subscribe} challenge: a random string the registry encrypts with the key both sides derive
 * by X25519 from one's private and the other's public encryption key; the subscriber proves it holds its private key by
 * answering with the plain text. Networks differ in the cipher, so it is configuration:
 * <ul>
 * <li>{@code aes-256-ecb}: AES-256/ECB/PKCS#7 keyed with the raw 32-byte shared secret, the challenge Base64 — what
 * common Beckn registries do;</li>
 * <li>{@code aes-256-gcm}: AES-256/GCM keyed the same way, the challenge Base64 of a 12-byte nonce, the cipher text and
 * the 16-byte tag — authenticated, for networks that choose it.</li>
 * </ul>
 * The known-answer vector in {@code docs/network-onboarding.md} is checked against independent implementations.
 */
public final class ChallengeCipher {

    /** The challenge mechanisms this platform knows. */
    public enum Mechanism {

        AES_256_ECB("aes-256-ecb"), AES_256_GCM("aes-256-gcm");

        private final String configName;

        Mechanism(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        public static Mechanism of(String name) {
            String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            for (Mechanism m : values()) {
                if (m.configName.equals(n) || ("x25519-" + m.configName).equals(n)) {
                    return m;
                }
            }
            throw new IllegalArgumentException(
                    "unknown on_subscribe challenge cipher '" + name + "': aes-256-ecb or aes-256-gcm");
        }
    }

    /** A challenge that does not decrypt (wrong key, truncated, tampered, not Base64). */
    public static final class UndecryptableChallenge extends Exception {

        private static final long serialVersionUID = 1L;

        UndecryptableChallenge(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final int GCM_NONCE = 12;
    private static final int GCM_TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Mechanism mechanism;
    private final byte[] key;

    /** The cipher of the shared secret of {@code ourPrivate} (raw 32 bytes) and {@code theirPublic}. */
    public ChallengeCipher(Mechanism mechanism, byte[] ourPrivate, byte[] theirPublic) {
        this.mechanism = mechanism;
        this.key = X25519Keys.agree(ourPrivate, theirPublic);
    }

    public Mechanism mechanism() {
        return mechanism;
    }

    /** The plain text of a Base64 challenge. */
    public String decrypt(String challenge) throws UndecryptableChallenge {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(challenge == null ? "" : challenge.trim());
        } catch (IllegalArgumentException e) {
            throw new UndecryptableChallenge("the challenge is not Base64", e);
        }
        try {
            byte[] plain;
            if (mechanism == Mechanism.AES_256_GCM) {
                if (bytes.length < GCM_NONCE + GCM_TAG_BITS / 8) {
                    throw new UndecryptableChallenge("the challenge is shorter than a GCM nonce and tag", null);
                }
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                        new GCMParameterSpec(GCM_TAG_BITS, bytes, 0, GCM_NONCE));
                plain = c.doFinal(bytes, GCM_NONCE, bytes.length - GCM_NONCE);
            } else {
                if (bytes.length == 0 || bytes.length % 16 != 0) {
                    throw new UndecryptableChallenge("the challenge is not a whole number of AES blocks", null);
                }
                Cipher c = Cipher.getInstance("AES/ECB/PKCS5Padding");
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"));
                plain = c.doFinal(bytes);
            }
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new UndecryptableChallenge("the challenge does not decrypt with our encryption key and the "
                    + "registry's (" + mechanism.configName() + ")", e);
        }
    }

    /** The Base64 challenge of {@code plain}: what a registry sends (the local registry and tests use it). */
    public String encrypt(String plain) {
        try {
            byte[] p = plain.getBytes(StandardCharsets.UTF_8);
            if (mechanism == Mechanism.AES_256_GCM) {
                byte[] nonce = new byte[GCM_NONCE];
                RANDOM.nextBytes(nonce);
                return encryptGcm(p, nonce);
            }
            Cipher c = Cipher.getInstance("AES/ECB/PKCS5Padding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            return Base64.getEncoder().encodeToString(c.doFinal(p));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }

    /** GCM with a given nonce: for the known-answer test only (a nonce must never repeat under one key). */
    String encryptGcm(byte[] plain, byte[] nonce) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(GCM_TAG_BITS, nonce));
        byte[] sealed = c.doFinal(plain);
        byte[] out = Arrays.copyOf(nonce, nonce.length + sealed.length);
        System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
        return Base64.getEncoder().encodeToString(out);
    }
}
