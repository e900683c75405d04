package org.evcharging.bpp.order.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.order.application.booking.SlotHolds;

/**
 * Which slots of a charger (or swap station) are taken, for quote-service: a {@code select} must not quote a slot
 * someone else holds or has booked. What a transaction holds itself does not count against it.
 */
@Path("/internal/orders/v1/slots")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Slots (internal)", description = "For the platform's own services")
@SecurityRequirement(name = "jwt")
public class SlotResource {

    /** At most this much is asked at once (a quote asks for one slot, or the next few hours). */
    static final Duration LONGEST = Duration.ofDays(7);

    /** The taken parts of [from, to) on a charger, earliest first. */
    public record Taken(String fulfillmentId, List<Interval> taken) {
    }

    public record Interval(String start, String end, String status) {
    }

    @Inject
    SlotHolds holds;

    @GET
    @Path("{fulfillmentId}")
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "The claims (held by a draft, or booked) on a charger between from and to, but those of the "
            + "asking Beckn transaction")
    @APIResponse(responseCode = "400", description = "from and to are not RFC 3339 instants, to is not after from, "
            + "or they are more than 7 days apart")
    public Taken taken(@PathParam("fulfillmentId") String fulfillmentId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("bapId") String bapId,
            @QueryParam("transactionId") String transactionId) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!end.isAfter(start) || Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new ProblemException(400, "to must be after from, at most 7 days later", "to",
                    "after from, within 7 days");
        }
        return new Taken(fulfillmentId, holds.takenBetween(fulfillmentId, start, end, bapId, transactionId).stream()
                .map(h -> new Interval(h.slotStart().toString(), h.slotEnd().toString(), h.status().name())).toList());
    }

    private static Instant instant(String name, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new ProblemException(400, name + " must be an RFC 3339 instant", name,
                    "an RFC 3339 instant such as 2026-12-05T10:00:00+05:30");
        }
    }
}
