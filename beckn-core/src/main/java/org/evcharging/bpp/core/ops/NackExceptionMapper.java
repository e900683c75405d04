package org.evcharging.bpp.core.ops;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.evcharging.bpp.core.model.Acks;
import org.evcharging.bpp.core.model.BecknError;
import org.evcharging.bpp.core.model.ErrorCode;

/** Every failure that escapes a resource becomes a Beckn NACK with a BECKN-005 code: never a stack trace. */
@Provider
public class NackExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(NackExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        int status;
        String message;
        if (e instanceof WebApplicationException w) {
            status = w.getResponse().getStatus();
            message = status == 404 ? "no such path" : status == 405 ? "method not allowed"
                    : status == 415 ? "unsupported media type" : "request refused (HTTP " + status + ")";
        } else if (e instanceof PersistenceException || e.getCause() instanceof java.sql.SQLException) {
            LOG.log(Level.WARNING, "database unavailable", e);
            status = 503;
            message = "temporarily unavailable, retry later";
        } else {
            LOG.log(Level.SEVERE, "unexpected failure", e);
            status = 500;
            message = "internal error";
        }
        ErrorCode code = status < 500 ? ErrorCode.INVALID_REQUEST : ErrorCode.BUSINESS_ERROR;
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Acks.nack(new BecknError(code, null, message)).toString()).build();
    }
}
