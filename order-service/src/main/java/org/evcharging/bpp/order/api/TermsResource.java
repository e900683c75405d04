package org.evcharging.bpp.order.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.math.BigDecimal;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The cancellation terms page every order's {@code cancellation_terms[].external_ref} points to. */
@Path("/orders/v1/terms")
@ApplicationScoped
@Tag(name = "Terms", description = "What a cancellation costs, for people")
public class TermsResource {

    @Inject
    @ConfigProperty(name = "order.cancellation.after-start-percent", defaultValue = "30")
    BigDecimal afterStartPercent;

    @GET
    @Produces("text/html; charset=UTF-8")
    @Operation(summary = "The cancellation terms as a page")
    public String terms() {
        String pct = afterStartPercent.stripTrailingZeros().toPlainString();
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Cancellation terms</title></head>
                <body style="font-family: sans-serif; max-width: 40em; margin: 2em auto">
                <h1>Cancellation terms</h1>
                <ul>
                <li>Before your charging slot starts, cancelling is free: what you paid is refunded in full.</li>
                <li>Once charging has started, you pay for the energy delivered, and %s%% of the rest of what you paid
                is kept as a cancellation fee; the remainder is refunded.</li>
                <li>If the charger fails or the provider cancels, you pay only for the energy delivered: no
                reservation fee, no cancellation fee.</li>
                </ul>
                </body></html>
                """.formatted(pct);
    }
}
