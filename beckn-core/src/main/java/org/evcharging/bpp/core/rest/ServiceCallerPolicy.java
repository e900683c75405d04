package org.evcharging.bpp.core.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * What a service token must be to call this service: a token with role {@code service} or {@code rating-service}
 * names this service in its audience ({@code bpp.service-tokens.audience}, e.g. {@code ev-charging-bpp/catalog}), so a
 * token minted for one peer opens no other, and it was minted to live no longer than
 * {@code bpp.service-tokens.max-lifetime} (default 24 hours), so a leaked one stops working soon. Other tokens
 * (operator, partner) are left to the routes' roles. Runs after Liberty has verified the token's signature, issuer
 * and expiry, before the roles are checked.
 */
@Provider
@Priority(Priorities.AUTHENTICATION + 10)
public class ServiceCallerPolicy implements ContainerRequestFilter {

    private static final SafeLog LOG = SafeLog.of(ServiceCallerPolicy.class);

    static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

    @Override
    public void filter(ContainerRequestContext request) {
        Principal principal = request.getSecurityContext() == null ? null
                : request.getSecurityContext().getUserPrincipal();
        if (!(principal instanceof JsonWebToken jwt)) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        String audience = config.getOptionalValue("bpp.service-tokens.audience", String.class).orElse(null);
        Duration max = config.getOptionalValue("bpp.service-tokens.max-lifetime", String.class)
                .map(Duration::parse).orElse(DEFAULT_MAX_LIFETIME);
        Optional<String> refused = refusal(jwt.getGroups(), jwt.getAudience(), jwt.getIssuedAtTime(),
                jwt.getExpirationTime(), audience, max);
        if (refused.isPresent()) {
            LOG.log(java.util.logging.Level.WARNING, "service token of {0} refused: {1}",
                    new Object[] {jwt.getName(), refused.get()});
            request.abortWith(new Problem(401, Problem.titleFor(401), refused.get()).toResponse());
        }
    }

    /**
     * Why a token may not call this service, or empty when it may (or is not a service token).
     *
     * @param issuedAt and {@code expires}: epoch seconds, 0 when absent
     */
    static Optional<String> refusal(Set<String> groups, Set<String> audiences, long issuedAt, long expires,
            String ownAudience, Duration maxLifetime) {
        if (groups == null || !(groups.contains(Caller.SERVICE) || groups.contains(Caller.RATING_SERVICE))) {
            return Optional.empty();
        }
        if (ownAudience == null || ownAudience.isBlank()) {
            return Optional.of("this service takes no service tokens (bpp.service-tokens.audience is not set)");
        }
        if (audiences == null || !audiences.contains(ownAudience)) {
            return Optional.of("a service token must name this service in its audience (" + ownAudience + ")");
        }
        if (issuedAt <= 0 || expires <= 0) {
            return Optional.of("a service token must say when it was issued (iat) and when it expires (exp)");
        }
        if (expires - issuedAt > maxLifetime.toSeconds()) {
            return Optional.of("a service token may live at most " + maxLifetime + "; this one was minted for "
                    + Duration.ofSeconds(expires - issuedAt));
        }
        return Optional.empty();
    }
}
