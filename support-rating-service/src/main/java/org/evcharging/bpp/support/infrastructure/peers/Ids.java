package org.evcharging.bpp.support.infrastructure.peers;

import java.util.regex.Pattern;

/**
 * Whether an id from a Beckn message could name anything on this platform (catalog ids, order ids, ticket
 * references, transaction ids). One that could not is "not found" at once, without a peer call: it never reaches a
 * URL path, where a slash or a space would make the peer answer something other than 404.
 */
public final class Ids {

    private static final Pattern PLAUSIBLE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:~@+-]{0,99}$");

    private Ids() {
    }

    public static boolean plausible(String id) {
        return id != null && PLAUSIBLE.matcher(id).matches();
    }
}
