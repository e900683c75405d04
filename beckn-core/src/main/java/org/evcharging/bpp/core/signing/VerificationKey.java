package org.evcharging.bpp.core.signing;

import java.security.PublicKey;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A subscriber's Ed25519 public key, decoded to its curve point once when it is looked up, so that verifying a
 * signature does not decode and check the point again each time (about a sixth of a verification).
 */
public final class VerificationKey {

    private final Ed25519.PublicPoint point;

    private VerificationKey(Ed25519.PublicPoint point) {
        this.point = point;
    }

    /** The key ready for verification; {@link IllegalArgumentException} when its bytes are not a point of Ed25519. */
    public static VerificationKey of(PublicKey key) {
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyPartialExport(Ed25519Keys.rawPublic(key), 0);
        if (point == null) {
            throw new IllegalArgumentException("not a valid Ed25519 public key");
        }
        return new VerificationKey(point);
    }

    /** True when {@code signature} (64 bytes) is this key's Ed25519 signature over {@code message}. */
    boolean verifies(byte[] signature, byte[] message) {
        return Ed25519.verify(signature, 0, point, message, 0, message.length);
    }
}
