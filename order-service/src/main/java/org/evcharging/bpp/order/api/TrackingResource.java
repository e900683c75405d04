package org.evcharging.bpp.order.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.order.application.tracking.Tracking;

/**
 * The tracking pages {@code on_track} links to, for people (no login: the unguessable token in the URL is the key,
 * and the page shows nothing personal). {@code GET /orders/v1/track/{token}} is the page; its small ES module
 * ({@code track.js}) fetches {@code {token}/state} every few seconds and shows what changed, until the order ended.
 * An unknown or malformed token is a plain 404, the same for both.
 */
@Path(Tracking.PATH)
@ApplicationScoped
@PermitAll
@Tag(name = "Tracking", description = "The live page of a charging session or swap, for people")
public class TrackingResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = loadScript();
    /** Scripts only from here, fetches only back to here, nothing framed, no form, nothing inline but style. */
    private static final String POLICY = "default-src 'none'; script-src 'self'; connect-src 'self'; "
            + "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Inject
    Tracking tracking;

    @Inject
    @ConfigProperty(name = "order.provider-utc-offset", defaultValue = "+05:30")
    String providerOffset;

    @GET
    @Path("{token}")
    @Operation(summary = "The tracking page of an order: its session's state, energy, cost so far; live")
    public Response page(@PathParam("token") String token) {
        Tracking.View v = tracking.view(token);
        if (v == null) {
            return headers(Response.status(404).type("text/html; charset=UTF-8").entity(TrackingPage.notFound()));
        }
        return headers(Response.ok(TrackingPage.page(v, zone()), "text/html; charset=UTF-8"));
    }

    @GET
    @Path("{token}/state")
    @Operation(summary = "What the tracking page shows now, as JSON (its script polls it)")
    public Response state(@PathParam("token") String token) {
        Tracking.View v = tracking.view(token);
        if (v == null) {
            return headers(Response.status(404).type("application/json")
                    .entity("{\"error\":\"no tracking page at this address\"}"));
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("state", v.state());
        n.put("ended", v.ended());
        decimal(n, "energy_kwh", v.energyKwh());
        if (v.socPercent() != null) {
            n.put("soc_percent", v.socPercent());
        }
        if (v.percent() != null) {
            n.put("percent", v.percent());
        }
        decimal(n, "cost_so_far", v.costSoFar());
        n.put("currency", v.currency());
        n.put("updated_at", v.updatedAt() == null ? null : v.updatedAt().toString());
        ObjectNode text = n.putObject("text");
        for (Map.Entry<String, String> e : TrackingPage.texts(v, zone()).entrySet()) {
            text.put(e.getKey(), e.getValue());
        }
        return headers(Response.ok(n.toString(), "application/json"));
    }

    @GET
    @Path("track.js")
    @Operation(summary = "The tracking page's script")
    public Response script() {
        return Response.ok(SCRIPT, "text/javascript; charset=UTF-8").header("Cache-Control", "max-age=300")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    private static void decimal(ObjectNode n, String field, BigDecimal v) {
        if (v == null) {
            n.putNull(field);
        } else {
            n.put(field, v.toPlainString());
        }
    }

    private ZoneOffset zone() {
        return ZoneOffset.of(providerOffset);
    }

    /** Never cached, no referrer (the URL is the key), the policy above. */
    private static Response headers(Response.ResponseBuilder r) {
        return r.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy", POLICY).header("X-Content-Type-Options", "nosniff")
                .header("X-Robots-Tag", "noindex").build();
    }

    private static String loadScript() {
        try (InputStream in = TrackingResource.class.getResourceAsStream("track.js")) {
            if (in == null) {
                throw new IllegalStateException("track.js is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
