package org.evcharging.bpp.core.signing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parsed parameters of a BECKN-006 {@code Signature} header: {@code keyId="sub|key|ed25519",
 * algorithm, created, expires, headers, signature}.
 */
public record SignatureHeader(String subscriberId, String keyId, String algorithm, long created, long expires,
        String headers, String signature) {

    public static final String HEADERS = "(created) (expires) digest";

    /** Parses a header value; throws {@link SignatureException} when it is not a well-formed Beckn signature. */
    public static SignatureHeader parse(String value) {
        if (value == null || value.isBlank()) {
            throw new SignatureException("missing signature header");
        }
        String v = value.trim();
        if (!v.regionMatches(true, 0, "Signature ", 0, 10)) {
            throw new SignatureException("auth scheme is not Signature");
        }
        Map<String, String> params = params(v.substring(10));
        String keyIdParam = required(params, "keyId");
        String[] parts = keyIdParam.split("\\|");
        if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new SignatureException("keyId must be subscriber_id|unique_key_id|algorithm");
        }
        String algorithm = params.getOrDefault("algorithm", parts[2]);
        if (!"ed25519".equals(parts[2]) || !"ed25519".equals(algorithm)) {
            throw new SignatureException("algorithm must be ed25519");
        }
        String headers = params.getOrDefault("headers", HEADERS);
        if (!HEADERS.equals(headers)) {
            throw new SignatureException("headers must be \"" + HEADERS + "\"");
        }
        return new SignatureHeader(parts[0], parts[1], algorithm, number(params, "created"), number(params, "expires"),
                headers, required(params, "signature"));
    }

    public String format() {
        return "Signature keyId=\"" + subscriberId + "|" + keyId + "|ed25519\",algorithm=\"ed25519\",created=\""
                + created + "\",expires=\"" + expires + "\",headers=\"" + HEADERS + "\",signature=\"" + signature
                + "\"";
    }

    private static Map<String, String> params(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || s.charAt(i) == ' ')) {
                i++;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = s.substring(i, eq).trim();
            i = eq + 1;
            String val;
            if (i < n && s.charAt(i) == '"') {
                int end = s.indexOf('"', i + 1);
                if (end < 0) {
                    throw new SignatureException("unterminated quoted value for " + name);
                }
                val = s.substring(i + 1, end);
                i = end + 1;
            } else {
                int end = s.indexOf(',', i);
                end = end < 0 ? n : end;
                val = s.substring(i, end).trim();
                i = end;
            }
            if (out.put(name, val) != null) {
                throw new SignatureException("duplicate signature parameter " + name);
            }
        }
        return out;
    }

    private static String required(Map<String, String> params, String name) {
        String v = params.get(name);
        if (v == null || v.isBlank()) {
            throw new SignatureException("missing " + name);
        }
        return v;
    }

    private static long number(Map<String, String> params, String name) {
        try {
            return Long.parseLong(required(params, name));
        } catch (NumberFormatException e) {
            throw new SignatureException(name + " is not a Unix timestamp");
        }
    }
}
