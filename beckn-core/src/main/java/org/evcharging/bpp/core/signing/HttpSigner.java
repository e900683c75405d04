package org.evcharging.bpp.core.signing;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Signs and verifies HTTP bodies as BECKN-006 describes: Ed25519 over the signing string
 * {@code (created): c\n(expires): e\ndigest: BLAKE-512=<base64 blake2b-512(body)>}.
 *
 * <p>The Ed25519 arithmetic is Bouncy Castle's RFC 8032 implementation (the library that also gives us
 * BLAKE2b): on the reference machine it signs in 33 µs and verifies in 84 µs where the JDK 17 provider takes
 * about 630 µs for either, and every request costs the network two signatures and two verifications.
 * Keys are still read and written as JDK {@link PrivateKey}/{@link java.security.PublicKey} objects.
 */
public final class HttpSigner {

    private final String subscriberId;
    private final String keyId;
    private final byte[] seed;
    private final byte[] publicKey;
    private final Clock clock;

    public HttpSigner(String subscriberId, String keyId, PrivateKey privateKey, Clock clock) {
        this.subscriberId = subscriberId;
        this.keyId = keyId;
        this.seed = Ed25519Keys.seed(privateKey);
        this.publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, publicKey, 0);
        this.clock = clock;
    }

    public String subscriberId() {
        return subscriberId;
    }

    public String keyId() {
        return keyId;
    }

    /** The 32 raw bytes of the public key, Base64: what the registry publishes as {@code signing_public_key}. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey);
    }

    /** The {@code Authorization} header value for {@code body}, valid for {@code validitySeconds}. */
    public String authorization(byte[] body, long validitySeconds) {
        long created = clock.instant().getEpochSecond();
        return sign(body, created, created + Math.max(1, validitySeconds)).format();
    }

    public SignatureHeader sign(byte[] body, long created, long expires) {
        byte[] message = signingString(created, expires, Blake2b512.base64(body)).getBytes(StandardCharsets.UTF_8);
        byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, sig, 0);
        return new SignatureHeader(subscriberId, keyId, "ed25519", created, expires, SignatureHeader.HEADERS,
                Base64.getEncoder().encodeToString(sig));
    }

    public static String signingString(long created, long expires, String digestBase64) {
        return "(created): " + created + "\n(expires): " + expires + "\ndigest: BLAKE-512=" + digestBase64;
    }

    /** True when {@code header.signature} is a valid Ed25519 signature over {@code body} by {@code key}. */
    public static boolean verify(SignatureHeader header, byte[] body, VerificationKey key) {
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(header.signature());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        if (sig.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        byte[] message = signingString(header.created(), header.expires(), Blake2b512.base64(body))
                .getBytes(StandardCharsets.UTF_8);
        return key.verifies(sig, message);
    }
}
