package org.evcharging.bpp.core.signing;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads and writes Ed25519 keys in the forms Beckn networks use: private keys as a 32-byte seed or
 * libsodium's 64-byte seed||public, public keys as 32 raw bytes or X.509 SubjectPublicKeyInfo DER,
 * all Base64, as JDK key objects. Signing and verification are Bouncy Castle's ({@link HttpSigner},
 * {@link VerificationKey}).
 */
public final class Ed25519Keys {

    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519Keys() {
    }

    public static PrivateKey privateKey(String base64) {
        byte[] raw = decode(base64, "private key");
        byte[] seed;
        if (raw.length == 32) {
            seed = raw;
        } else if (raw.length == 64) {
            seed = Arrays.copyOf(raw, 32);
        } else {
            throw new IllegalArgumentException("Ed25519 private key must be 32 or 64 bytes, got " + raw.length);
        }
        try {
            return factory().generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("invalid Ed25519 private key", e);
        }
    }

    public static PublicKey publicKey(String base64) {
        byte[] raw = decode(base64, "public key");
        try {
            if (raw.length == 32) {
                return factory().generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point(raw)));
            }
            if (raw.length == 44) {
                return factory().generatePublic(new X509EncodedKeySpec(raw));
            }
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("invalid Ed25519 public key", e);
        }
        throw new IllegalArgumentException(
                "Ed25519 public key must be 32 raw bytes or 44 bytes of SPKI, got " + raw.length);
    }

    /** A fresh key pair, for the local suite and tests. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 32 raw public key bytes, Base64, as registries publish them. */
    public static String rawPublicBase64(PublicKey key) {
        return Base64.getEncoder().encodeToString(rawPublic(key));
    }

    /** The 32-byte seed, Base64. */
    public static String seedBase64(PrivateKey key) {
        return Base64.getEncoder().encodeToString(seed(key));
    }

    /** The 32 raw bytes of a public key (the tail of its X.509 SubjectPublicKeyInfo encoding). */
    public static byte[] rawPublic(PublicKey key) {
        byte[] spki = key.getEncoded();
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    /** The 32-byte seed of a private key (the tail of its PKCS#8 encoding). */
    public static byte[] seed(PrivateKey key) {
        byte[] pkcs8 = key.getEncoded();
        return Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
    }

    static byte[] spki(byte[] raw) {
        byte[] out = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
        System.arraycopy(raw, 0, out, SPKI_PREFIX.length, 32);
        return out;
    }

    private static EdECPoint point(byte[] raw) {
        // RFC 8032 encoding: little-endian y with the sign of x in the top bit of the last byte.
        byte[] le = raw.clone();
        boolean xOdd = (le[31] & 0x80) != 0;
        le[31] &= 0x7f;
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = le[31 - i];
        }
        return new EdECPoint(xOdd, new BigInteger(1, be));
    }

    private static byte[] decode(String base64, String what) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("missing Ed25519 " + what);
        }
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Ed25519 " + what + " is not Base64", e);
        }
    }

    private static KeyFactory factory() {
        try {
            return KeyFactory.getInstance("Ed25519");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
