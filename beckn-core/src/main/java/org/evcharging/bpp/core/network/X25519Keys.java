package org.evcharging.bpp.core.network;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * X25519 encryption keys in the forms Beckn registries publish them: 32 raw bytes, or X.509 SubjectPublicKeyInfo
 * (public, 44 bytes) and PKCS#8 (private, 48 bytes) DER, all Base64 (or PEM, as openssl writes them). The arithmetic is Bouncy Castle's RFC 7748
 * implementation; the tests check it against the JDK's {@code XDH} provider.
 */
public final class X25519Keys {

    static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00};
    static final byte[] PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04,
            0x22, 0x04, 0x20};

    private static final SecureRandom RANDOM = new SecureRandom();

    private X25519Keys() {
    }

    /** The 32-byte private scalar from Base64 of 32 raw bytes or of PKCS#8 DER. */
    public static byte[] privateKey(String base64) {
        return raw(base64, PKCS8_PREFIX, "private");
    }

    /** The 32-byte public key from Base64 of 32 raw bytes or of X.509 SubjectPublicKeyInfo DER. */
    public static byte[] publicKey(String base64) {
        return raw(base64, SPKI_PREFIX, "public");
    }

    /** The public key of a private scalar. */
    public static byte[] publicOf(byte[] privateKey) {
        byte[] out = new byte[X25519.POINT_SIZE];
        X25519.scalarMultBase(privateKey, 0, out, 0);
        return out;
    }

    /** A fresh private scalar, for the local suite and tests. */
    public static byte[] generatePrivate() {
        byte[] k = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(RANDOM, k);
        return k;
    }

    /**
     * The X25519 shared secret of our private key and their public key. Refuses a public key of low order (the
     * all-zero shared secret), which would make the "secret" known to anyone.
     */
    public static byte[] agree(byte[] ourPrivate, byte[] theirPublic) {
        byte[] shared = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(ourPrivate, 0, theirPublic, 0, shared, 0)) {
            throw new IllegalArgumentException("X25519 public key of low order: no shared secret");
        }
        return shared;
    }

    /** The X.509 SubjectPublicKeyInfo DER of a raw public key, Base64: the form most registries publish. */
    public static String spkiBase64(byte[] rawPublic) {
        byte[] out = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
        System.arraycopy(rawPublic, 0, out, SPKI_PREFIX.length, 32);
        return Base64.getEncoder().encodeToString(out);
    }

    /** The PKCS#8 DER of a raw private scalar, Base64. */
    public static String pkcs8Base64(byte[] rawPrivate) {
        byte[] out = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + 32);
        System.arraycopy(rawPrivate, 0, out, PKCS8_PREFIX.length, 32);
        return Base64.getEncoder().encodeToString(out);
    }

    private static byte[] raw(String base64, byte[] derPrefix, String what) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("missing X25519 " + what + " key");
        }
        byte[] bytes;
        try {
            // PEM (what openssl genpkey -algorithm X25519 writes) is its DER in Base64 between two armour lines.
            String body = base64.contains("-----BEGIN") ? base64.replaceAll("-----[A-Z ]+-----", "") : base64;
            bytes = Base64.getMimeDecoder().decode(body.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("X25519 " + what + " key is not Base64", e);
        }
        if (bytes.length == 32) {
            return bytes;
        }
        if (bytes.length == derPrefix.length + 32
                && Arrays.equals(Arrays.copyOf(bytes, derPrefix.length), derPrefix)) {
            return Arrays.copyOfRange(bytes, derPrefix.length, bytes.length);
        }
        throw new IllegalArgumentException("X25519 " + what + " key must be 32 raw bytes or " + (derPrefix.length + 32)
                + " bytes of DER, got " + bytes.length);
    }
}
