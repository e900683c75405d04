package org.evcharging.bpp.core.signing;

import java.util.Base64;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/** BLAKE2b-512 (RFC 7693) over the raw body bytes, as BECKN-006 prescribes for the {@code digest} line. */
public final class Blake2b512 {

    private Blake2b512() {
    }

    public static byte[] digest(byte[] data) {
        Blake2bDigest blake = new Blake2bDigest(512);
        blake.update(data, 0, data.length);
        byte[] out = new byte[64];
        blake.doFinal(out, 0);
        return out;
    }

    public static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(digest(data));
    }
}
