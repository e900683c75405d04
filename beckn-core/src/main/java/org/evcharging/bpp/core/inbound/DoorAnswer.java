package org.evcharging.bpp.core.inbound;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.evcharging.bpp.core.model.Acks;
import org.evcharging.bpp.core.model.BecknError;

/**
 * What the door answers a Beckn request with, synchronously: an ACK, a NACK with a Beckn error, or a bare NACK with
 * a challenge header. A plain value, so that the door's decisions can be tested without a JAX-RS runtime.
 */
public record DoorAnswer(int status, Map<String, String> headers, byte[] body) {

    private static final byte[] NACK_ONLY = "{\"message\":{\"ack\":{\"status\":\"NACK\"}}}"
            .getBytes(StandardCharsets.UTF_8);

    static DoorAnswer ack() {
        return new DoorAnswer(200, Map.of(), Acks.ACK);
    }

    static DoorAnswer nack(int status, BecknError error) {
        return nack(status, error, Map.of());
    }

    static DoorAnswer nack(int status, BecknError error, Map<String, String> headers) {
        return new DoorAnswer(status, headers, Acks.nack(error).toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A 401: the challenge header names what to sign; the body says nothing more than NACK. */
    static DoorAnswer unauthorized(String challengeHeader, String challenge) {
        return new DoorAnswer(401, Map.of(challengeHeader, challenge), NACK_ONLY);
    }

    public boolean acked() {
        return status == 200;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Response toResponse() {
        Response.ResponseBuilder r = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        headers.forEach(r::header);
        return r.build();
    }
}
