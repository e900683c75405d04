package org.evcharging.bpp.order.infrastructure.charging;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.evcharging.bpp.core.rest.PeerErrors;
import org.evcharging.bpp.core.rest.ServiceTokens;

/**
 * charger-service, the OCPP central system ({@code charger/mp-rest/url}, env {@code CHARGER_MP_REST_URL}): an
 * order's charging session on a real charger. Its read timeout outlasts a remote start (the charger must answer and
 * then start the transaction: {@code charger.start-timeout} there).
 */
@RegisterRestClient(configKey = "charger")
@ClientHeaderParam(name = "Authorization", value = "{bearer}")
@RegisterProvider(PeerErrors.class)
@Path("/internal/chargers/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
public interface ChargerClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    SessionReading start(StartCommand command);

    @GET
    @Path("{orderId}")
    SessionReading read(@PathParam("orderId") String orderId);

    @POST
    @Path("{orderId}/stop")
    SessionReading stop(@PathParam("orderId") String orderId);

    record StartCommand(String orderId, String connector, BigDecimal targetKwh) {
    }

    /** The charger's meter for the order: state CHARGING, STOPPED, FINISHED or FAULTED. */
    record SessionReading(String sessionId, Instant at, BigDecimal deliveredKwh, Integer socPercent, Double powerKw,
            String state, String error, String stopReason) {
    }

    default String bearer() {
        return ServiceTokens.bearer("charger");
    }
}
