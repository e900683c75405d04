package org.evcharging.bpp.core.rest;

import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who calls a service's REST API, from the bearer token, the same way in every service: the platform
 * {@code operator} may manage any provider; a {@code partner} only the provider named by its token's
 * {@code provider_id} claim; {@code service} is another service of the platform; {@code rating-service} only sets
 * aggregate ratings, {@code charger-service} only connector availability.
 */
public record Caller(String subject, Set<String> roles, String providerId) {

    public static final String OPERATOR = "operator";
    public static final String PARTNER = "partner";
    public static final String RATING_SERVICE = "rating-service";
    /** charger-service, which alone sets the live availability of connectors from what chargers report. */
    public static final String CHARGER_SERVICE = "charger-service";
    public static final String SERVICE = "service";
    public static final String PROVIDER_CLAIM = "provider_id";

    public static Caller of(JsonWebToken jwt) {
        Object claim = jwt.getClaim(PROVIDER_CLAIM);
        String provider = claim == null ? null : claim.toString().replace("\"", "");
        return new Caller(jwt.getName(), jwt.getGroups() == null ? Set.of() : jwt.getGroups(), provider);
    }

    public boolean isOperator() {
        return roles.contains(OPERATOR);
    }

    /** May this caller change provider {@code id}'s network? */
    public void mayManage(String id) {
        if (isOperator()) {
            return;
        }
        if (roles.contains(PARTNER) && id.equals(providerId)) {
            return;
        }
        throw ProblemException.forbidden(roles.contains(PARTNER)
                ? "your token is for provider '" + providerId + "', not '" + id + "'"
                : "this needs the operator role, or the partner role for your own provider");
    }
}
