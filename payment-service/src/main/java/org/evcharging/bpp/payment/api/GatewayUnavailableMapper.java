package org.evcharging.bpp.payment.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.Problem;
import org.evcharging.bpp.payment.infrastructure.gateway.GatewayUnavailableException;

/**
 * A provider that did not answer while a link's checkout was being made (a refund handles its own): 503, to retry,
 * rather than the generic 500 of an unexpected failure. The detail stays generic; the cause is logged.
 */
@Provider
public class GatewayUnavailableMapper implements ExceptionMapper<GatewayUnavailableException> {

    private static final SafeLog LOG = SafeLog.of(GatewayUnavailableMapper.class);

    @Override
    public Response toResponse(GatewayUnavailableException e) {
        LOG.warning(() -> "payment gateway unavailable: " + e.getMessage());
        return new Problem(503, Problem.titleFor(503), "the payment gateway did not answer; retry later").toResponse();
    }
}
