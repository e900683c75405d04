package org.evcharging.bpp.core.rest;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Answers of the platform's other services: a 400, 404, 409 or 422 is the peer's word ({@link PeerRefused}: refused,
 * not there, conflicting), never retried nor counted against the peer; anything else means it could not answer
 * ({@link PeerUnavailable}, retried and counted by the circuit breaker). Every service's REST clients of its peers
 * register it ({@code @RegisterProvider(PeerErrors.class)}).
 */
public class PeerErrors implements ResponseExceptionMapper<RuntimeException> {

    @Override
    public RuntimeException toThrowable(Response response) {
        String body;
        try {
            body = response.readEntity(String.class);
        } catch (RuntimeException unreadable) {
            body = "";
        }
        int status = response.getStatus();
        if (status == 400 || status == 404 || status == 409 || status == 422) {
            return new PeerRefused(status, body);
        }
        return new PeerUnavailable("HTTP " + status + ": " + (body.length() > 200 ? body.substring(0, 200) : body));
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    /** The peer answered and said no (400 refused, 404 not found, 409 conflict, 422 unprocessable). */
    public static class PeerRefused extends RuntimeException {

        private final int status;

        public PeerRefused(int status, String body) {
            super("HTTP " + status + ": " + (body == null ? "" : body.length() > 300 ? body.substring(0, 300) : body));
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The peer could not answer (5xx, a problem of its own, 401/403 misconfiguration). */
    public static class PeerUnavailable extends RuntimeException {

        public PeerUnavailable(String message) {
            super(message);
        }
    }
}
