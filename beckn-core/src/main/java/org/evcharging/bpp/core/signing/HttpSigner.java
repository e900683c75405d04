package org.evcharging.bpp.core.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;

/**
 * Signs and verifies HTTP bodies as BECKN-006 describes: Ed25519 over the signing string
 * {@code (created): c\n(expires): e\ndigest: BLAKE-512=<base64 blake2b-512(body)>}.
 */
public final class HttpSigner {

    private final String subscriberId;
    private final String keyId;
    private final PrivateKey privateKey;
    private final Clock clock;

    public HttpSigner(String subscriberId, String keyId, PrivateKey privateKey, Clock clock) {
        this.subscriberId = subscriberId;
        this.keyId = keyId;
        this.privateKey = privateKey;
        this.clock = clock;
    }

    public String subscriberId() {
        return subscriberId;
    }

    /** The {@code Authorization} header value for {@code body}, valid for {@code validitySeconds}. */
    public String authorization(byte[] body, long validitySeconds) {
        long created = clock.instant().getEpochSecond();
        return sign(body, created, created + Math.max(1, validitySeconds)).format();
    }

    public SignatureHeader sign(byte[] body, long created, long expires) {
        String signingString = signingString(created, expires, Blake2b512.base64(body));
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(privateKey);
            ed.update(signingString.getBytes(StandardCharsets.UTF_8));
            String sig = Base64.getEncoder().encodeToString(ed.sign());
            return new SignatureHeader(subscriberId, keyId, "ed25519", created, expires, SignatureHeader.HEADERS, sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    public static String signingString(long created, long expires, String digestBase64) {
        return "(created): " + created + "\n(expires): " + expires + "\ndigest: BLAKE-512=" + digestBase64;
    }

    /** True when {@code header.signature} is a valid Ed25519 signature over {@code body} by {@code key}. */
    public static boolean verify(SignatureHeader header, byte[] body, PublicKey key) {
        String signingString = signingString(header.created(), header.expires(), Blake2b512.base64(body));
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(key);
            ed.update(signingString.getBytes(StandardCharsets.UTF_8));
            return ed.verify(Base64.getDecoder().decode(header.signature()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
