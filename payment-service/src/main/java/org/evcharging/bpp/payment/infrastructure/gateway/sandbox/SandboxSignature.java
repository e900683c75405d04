package org.evcharging.bpp.payment.infrastructure.gateway.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.evcharging.bpp.payment.infrastructure.gateway.WebhookRejectedException;

/**
 * The sandbox's webhook signature, shaped like Stripe's: header
 * {@code X-Sandbox-Signature: t=<unix seconds>,v1=<lowercase hex HMAC-SHA256(secret, t + "." + rawBody)>}.
 * The timestamp is inside the MAC, and a signature older (or newer) than five minutes is refused, so a captured
 * delivery cannot be replayed later. Comparison is constant-time.
 */
public final class SandboxSignature {

    public static final String HEADER = "X-Sandbox-Signature";
    public static final Duration TOLERANCE = Duration.ofSeconds(300);

    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern SECONDS = Pattern.compile("\\d{1,12}");
    private static final Pattern V1 = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;
    private final Clock clock;

    public SandboxSignature(byte[] secret, Clock clock) {
        if (Objects.requireNonNull(secret, "secret").length == 0) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The header for a body sent now. */
    public String header(byte[] rawBody) {
        return header(clock.instant().getEpochSecond(), rawBody);
    }

    public String header(long unixSeconds, byte[] rawBody) {
        return "t=" + unixSeconds + ",v1=" + HEX.formatHex(mac(unixSeconds, rawBody));
    }

    /**
     * Accepts a delivery only if one {@code v1} is the MAC of exactly these bytes and its time is within
     * {@link #TOLERANCE} of now.
     *
     * @return the signed timestamp
     * @throws WebhookRejectedException for a missing, malformed, wrong or stale signature
     */
    public long verify(String header, byte[] rawBody) {
        if (header == null || header.isBlank()) {
            throw new WebhookRejectedException("missing " + HEADER + " header");
        }
        Long t = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw malformed();
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if ("t".equals(name)) {
                if (t != null || !SECONDS.matcher(value).matches()) {
                    throw malformed();
                }
                t = Long.parseLong(value);
            } else if ("v1".equals(name)) {
                if (!V1.matcher(value).matches()) {
                    throw malformed();
                }
                signatures.add(HEX.parseHex(value));
            }
            // other schemes (v0, a future v2) are not ours to judge
        }
        if (t == null || signatures.isEmpty()) {
            throw malformed();
        }
        byte[] expected = mac(t, rawBody == null ? new byte[0] : rawBody);
        boolean match = false;
        for (byte[] signature : signatures) {
            match |= MessageDigest.isEqual(expected, signature);
        }
        if (!match) {
            throw new WebhookRejectedException("the " + HEADER + " does not match the body");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - t);
        if (skew > TOLERANCE.getSeconds()) {
            throw new WebhookRejectedException("the " + HEADER + " timestamp is " + skew
                    + " s from now, more than " + TOLERANCE.getSeconds() + " s: stale or replayed");
        }
        return t;
    }

    private byte[] mac(long unixSeconds, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(rawBody);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static WebhookRejectedException malformed() {
        return new WebhookRejectedException("malformed " + HEADER + " header: expected t=<unix seconds>,v1=<64 hex>");
    }
}
