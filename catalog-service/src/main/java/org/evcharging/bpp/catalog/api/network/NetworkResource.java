package org.evcharging.bpp.catalog.api.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.config.BppConfig;
import org.evcharging.bpp.core.network.NetworkOnboarding;
import org.evcharging.bpp.core.network.SubscribeOutcome;
import org.evcharging.bpp.core.registry.Subscriber;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.Problem;
import org.evcharging.bpp.core.signing.SigningKeyRing;

/**
 * The operator's view of our place in the network: {@code POST} subscribes (every domain served, every signing key of
 * the ring that is not retired, except what the registry already holds as it would be, unless {@code force=true}; the
 * registry then challenges {@code /on_subscribe}), {@code GET} shows what the registry holds for us, which key signs
 * now, and what needs acting on. docs/network-onboarding.md.
 */
@Path("/catalog/v1/network/subscriptions")
@RequestScoped
@RolesAllowed(Caller.OPERATOR)
@Tag(name = "Network", description = "Joining the network's registry")
public class NetworkResource {

    @Inject
    NetworkOnboarding onboarding;

    @Inject
    BppConfig config;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe to the registry: one Subscription per domain and signing key")
    public Response subscribe(@QueryParam("force") @DefaultValue("false") boolean force) {
        List<SubscribeOutcome> outcomes;
        try {
            outcomes = onboarding.subscribe(force);
        } catch (IllegalStateException e) {
            return new Problem(503, "Network onboarding cannot subscribe", e.getMessage()).toResponse();
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode list = body.putArray("subscriptions");
        for (SubscribeOutcome o : outcomes) {
            ObjectNode n = list.addObject().put("key_id", o.keyId()).put("domain", o.domain()).put("sent", o.sent());
            if (o.accepted()) {
                n.put("status", o.status());
            } else {
                n.put("error", o.error());
            }
        }
        boolean all = outcomes.stream().allMatch(SubscribeOutcome::accepted);
        return Response.status(all ? 200 : 502).entity(body.toString()).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What the registry holds for this BPP, which signing key is in use, and what to act on")
    public Response registered() {
        SigningKeyRing ring = config.signingKeys();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("subscriber_id", config.subscriberId());
        body.put("signing_key_id", ring.signer().keyId());
        if (ring.next() != null) {
            body.put("next_key_id", ring.next().keyId()).put("next_key_active_from", ring.nextFrom().toString());
        }
        onboarding.missingConfiguration().ifPresent(m -> body.put("missing_configuration", m));
        List<Subscriber> entries;
        try {
            entries = onboarding.registered();
        } catch (IOException | RuntimeException e) {
            return new Problem(502, "The registry cannot be asked", "lookup failed: " + e.getClass().getSimpleName())
                    .toResponse();
        }
        ArrayNode list = body.putArray("registered");
        for (Subscriber s : entries) {
            list.addObject().put("key_id", s.keyId()).put("domain", s.domain()).put("status", s.status())
                    .put("url", s.url())
                    .put("valid_from", s.validFrom() == null ? null : s.validFrom().toString())
                    .put("valid_until", s.validUntil() == null ? null : s.validUntil().toString());
        }
        ArrayNode warnings = body.putArray("warnings");
        onboarding.warnings(entries).forEach(warnings::add);
        return Response.ok(body.toString(), MediaType.APPLICATION_JSON).build();
    }
}
