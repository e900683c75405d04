package org.evcharging.bpp.suite.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The local suite's token issuer for the services' REST APIs (onboarding, admin): an RSA key pair kept in the work
 * dir ({@code jwt-private.pem}, mode 600, and {@code jwt-public.pem}), the public half handed to every service as
 * {@code MP_JWT_VERIFY_PUBLICKEY}, and RS256 tokens minted for development. In Kubernetes an identity provider
 * issues the tokens and the chart passes its key instead.
 */
public final class DevTokens {

    public static final String ISSUER = "https://ev-charging-bpp.local/onboarding";
    public static final String AUDIENCE = "ev-charging-bpp";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private DevTokens(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Loads the key pair of {@code workDir}, or makes one on first start. */
    public static DevTokens ensure(Path workDir) {
        Path priv = workDir.resolve("jwt-private.pem");
        Path pub = workDir.resolve("jwt-public.pem");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (Files.isRegularFile(priv) && Files.isRegularFile(pub)) {
                return new DevTokens(rsa.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(priv)))),
                        rsa.generatePublic(new X509EncodedKeySpec(der(Files.readString(pub)))));
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            Files.createDirectories(workDir);
            Files.deleteIfExists(priv);
            Files.createFile(priv, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return new DevTokens(pair.getPrivate(), pair.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the token keys in " + workDir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bad token keys in " + workDir + ": " + e.getMessage(), e);
        }
    }

    /** The verification key as PEM, for {@code mp.jwt.verify.publickey}. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    public String operator() {
        return mint("operator", List.of("operator"), null, Duration.ofDays(30));
    }

    public String partner(String providerId) {
        return mint("partner-" + providerId, List.of("partner"), providerId, Duration.ofDays(30));
    }

    /** The support-rating service's token for the catalog's internal rating API, as that service holds it. */
    public String ratingService() {
        return service("support-rating-service", "catalog", List.of("service", "rating-service"),
                SERVICE_TOKEN_LIFETIME);
    }

    /** How long the suite's service tokens live; the suite writes new ones well before (see LocalSuite). */
    public static final Duration SERVICE_TOKEN_LIFETIME = Duration.ofHours(1);

    /** The audience of a token for one service's internal APIs (its routes.yaml key): what that service checks. */
    public static String audienceOf(String callee) {
        return AUDIENCE + "/" + callee;
    }

    /** A token of {@code callerModule} for {@code callee}'s internal APIs: roles {@code groups}, audience that callee alone. */
    public String service(String callerModule, String callee, List<String> groups, Duration ttl) {
        return mint(callerModule, groups, null, ttl, audienceOf(callee));
    }

    /** An RS256 token: {@code upn} = subject, {@code groups} = roles, optionally {@code provider_id}. */
    public String mint(String subject, List<String> groups, String providerId, Duration ttl) {
        return mint(subject, groups, providerId, ttl, AUDIENCE);
    }

    private String mint(String subject, List<String> groups, String providerId, Duration ttl, String audience) {
        Instant now = Instant.now();
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", ISSUER)
                .put("aud", audience)
                .put("sub", subject)
                .put("upn", subject)
                .put("jti", UUID.randomUUID().toString())
                .put("iat", now.getEpochSecond())
                .put("exp", now.plus(ttl).getEpochSecond());
        groups.forEach(claims.putArray("groups")::add);
        if (providerId != null) {
            claims.put("provider_id", providerId);
        }
        String signingInput = b64(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(privateKey);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
    }
}
