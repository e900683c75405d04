package org.evcharging.bpp.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How the console signs people in: OpenID Connect authorization code with PKCE (S256) against the issuer of the
 * tokens the services' APIs verify (the chart's {@code jwt.issuer}). The endpoints are discovered from the issuer's
 * {@code /.well-known/openid-configuration} unless set. {@code devLogin}: the local suite's development login, which
 * the page marks as local only.
 */
@ApplicationScoped
public class SignInSettings {

    /** What the page reads from {@code api/config}. */
    public record View(String issuer, String clientId, String scope, String authorizationEndpoint,
            String tokenEndpoint, boolean devLogin) {
    }

    @Inject
    @ConfigProperty(name = "console.oidc.issuer", defaultValue = "https://ev-charging-bpp.local/onboarding")
    String issuer;

    @Inject
    @ConfigProperty(name = "console.oidc.client-id", defaultValue = "ev-charging-bpp-console")
    String clientId;

    @Inject
    @ConfigProperty(name = "console.oidc.scope", defaultValue = "openid")
    String scope;

    @Inject
    @ConfigProperty(name = "console.oidc.authorization-endpoint")
    Optional<String> authorizationEndpoint;

    @Inject
    @ConfigProperty(name = "console.oidc.token-endpoint")
    Optional<String> tokenEndpoint;

    @Inject
    @ConfigProperty(name = "console.dev-login", defaultValue = "false")
    boolean devLogin;

    public View view() {
        return new View(issuer, clientId, scope, authorizationEndpoint.filter(s -> !s.isBlank()).orElse(null),
                tokenEndpoint.filter(s -> !s.isBlank()).orElse(null), devLogin);
    }

    /**
     * The origins besides the console's own that the page may fetch from (discovery and the token endpoint) and send
     * the browser to (the authorization endpoint), for the Content-Security-Policy.
     */
    public Set<String> identityOrigins() {
        Set<String> origins = new LinkedHashSet<>();
        origin(issuer).ifPresent(origins::add);
        authorizationEndpoint.flatMap(SignInSettings::origin).ifPresent(origins::add);
        tokenEndpoint.flatMap(SignInSettings::origin).ifPresent(origins::add);
        return origins;
    }

    /** {@code scheme://host[:port]} of an absolute http(s) URL; nothing for a relative or odd one. */
    static Optional<String> origin(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            URI u = URI.create(url.trim());
            if (u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))) {
                return Optional.empty();
            }
            return Optional.of(u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : ""));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
