package org.evcharging.bpp.core.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a BAP's callbacks may go. A request's {@code bap_uri} is the caller's word; the registry's {@code url} for the
 * key that signed it is the network's. So at the door the {@code bap_uri} must be that url, or (policy
 * {@code under-registered}, the default) a path under it on the same scheme, host and port; it may carry no user
 * info, query or fragment, and no {@code .} or {@code ..} segment. The callback's address is then built from its
 * parts and the action, never by pasting strings. At sending, the address the host resolves to must be a public one
 * (not loopback, private, link-local, carrier-grade NAT, multicast or reserved), unless a local suite allows them.
 */
public final class CallbackTargets {

    /** How a {@code bap_uri} must relate to the registered url. */
    public enum Policy {

        /** The registered url itself (a trailing slash aside). */
        REGISTERED,
        /** The registered url or a path under it, on the same scheme, host and port. */
        UNDER_REGISTERED;

        public static Policy of(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "registered" -> REGISTERED;
                case "under-registered" -> UNDER_REGISTERED;
                default -> throw new IllegalArgumentException(
                        "beckn.callback.bap-uri is registered or under-registered, not " + name);
            };
        }
    }

    private CallbackTargets() {
    }

    /**
     * Why {@code bapUri} may not receive callbacks of a key registered with {@code registeredUrl}, or empty when it may.
     */
    public static Optional<String> refusal(String bapUri, String registeredUrl, Policy policy) {
        URI asked;
        try {
            asked = plain(bapUri);
        } catch (IllegalArgumentException e) {
            return Optional.of("bap_uri " + e.getMessage());
        }
        if (registeredUrl == null || registeredUrl.isBlank()) {
            return Optional.of("the registry has no url for the key that signed this request");
        }
        URI registered;
        try {
            registered = plain(registeredUrl);
        } catch (IllegalArgumentException e) {
            return Optional.of("the url the registry has for the signing key " + e.getMessage());
        }
        boolean sameOrigin = asked.getScheme().equalsIgnoreCase(registered.getScheme())
                && asked.getHost().equalsIgnoreCase(registered.getHost()) && port(asked) == port(registered);
        String askedPath = trimSlash(asked.getPath());
        String registeredPath = trimSlash(registered.getPath());
        boolean allowed = sameOrigin && (askedPath.equals(registeredPath)
                || policy == Policy.UNDER_REGISTERED && askedPath.startsWith(registeredPath + "/"));
        return allowed ? Optional.empty()
                : Optional.of("bap_uri is not " + (policy == Policy.REGISTERED ? "" : "under ")
                        + "the url registered for the signing key");
    }

    /** The address of the {@code action} callback for {@code bapUri}: its scheme, host, port and path, then the action. */
    public static URI callbackUri(String bapUri, String action) {
        if (!action.matches("on_[a-z_]+")) {
            throw new IllegalArgumentException("not a callback action: " + action);
        }
        URI base = plain(bapUri);
        try {
            return new URI(base.getScheme(), null, base.getHost(), base.getPort(),
                    trimSlash(base.getPath()) + "/" + action,
                    null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bap_uri cannot be made into a callback address", e);
        }
    }

    /** May a callback connect to this address? Only a public unicast one. */
    public static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return !(first == 0 // "this" network
                    || first == 100 && second >= 64 && second < 128 // carrier-grade NAT
                    || first == 192 && second == 0 && (b[2] & 0xff) == 0 // IETF protocol assignments
                    || first == 192 && second == 0 && (b[2] & 0xff) == 2 // documentation
                    || first == 198 && (second == 18 || second == 19) // benchmarking
                    || first == 198 && second == 51 && (b[2] & 0xff) == 100
                    || first == 203 && second == 0 && (b[2] & 0xff) == 113
                    || first >= 240); // reserved, broadcast
        }
        if (a instanceof Inet6Address six) {
            if (six.isIPv4CompatibleAddress()) {
                return false;
            }
            int first = b[0] & 0xff;
            boolean mappedV4 = isV4Mapped(b);
            if (mappedV4) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (java.net.UnknownHostException e) {
                    return false;
                }
            }
            return !((first & 0xfe) == 0xfc // unique local fc00::/7
                    || first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8); // 2001:db8::/32
        }
        return false;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    /** An absolute http(s) URL with a host, and nothing a callback address must not carry. */
    private static URI plain(String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme())) {
            throw new IllegalArgumentException("must be an http(s) URL");
        }
        if (u.getHost() == null || u.getHost().isBlank()) {
            throw new IllegalArgumentException("has no host");
        }
        if (u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("may carry no user info, query or fragment");
        }
        String path = u.getPath() == null ? "" : u.getPath();
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("may have no . or .. in its path");
            }
        }
        return u;
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static String trimSlash(String path) {
        String p = path == null ? "" : path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
