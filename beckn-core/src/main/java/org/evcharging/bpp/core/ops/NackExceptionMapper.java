package org.evcharging.bpp.core.ops;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;

import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.model.Acks;
import org.evcharging.bpp.core.model.BecknError;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.rest.Problem;
import org.evcharging.bpp.core.validation.BecknSchemas;

/**
 * Every failure that escapes a resource, never as a stack trace: on a Beckn action path a Beckn NACK with a
 * BECKN-005 code; on a service's own REST API (onboarding, admin) an RFC 9457 problem.
 */
@Provider
public class NackExceptionMapper implements ExceptionMapper<Throwable> {

    private static final SafeLog LOG = SafeLog.of(NackExceptionMapper.class);

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable e) {
        if ((e instanceof jakarta.ws.rs.ProcessingException || e instanceof jakarta.json.bind.JsonbException
                || e.getCause() instanceof jakarta.json.bind.JsonbException) && !isBecknPath()) {
            return new Problem(400, "Bad Request", "the request body is not valid JSON for this resource").toResponse();
        }
        int status;
        String message;
        if (e instanceof WebApplicationException w) {
            status = w.getResponse().getStatus();
            message = status == 404 ? "no such path" : status == 405 ? "method not allowed"
                    : status == 415 ? "unsupported media type" : "request refused (HTTP " + status + ")";
        } else if (conflict(e)) {
            status = 409;
            message = "conflicting change (the same id written twice, or changed meanwhile); read it again and retry";
        } else if (causedBy(e, java.sql.SQLDataException.class)) {
            status = 400;
            message = "a value does not fit what the database can store";
        } else if (causedBy(e, PersistenceException.class) || causedBy(e, java.sql.SQLException.class)) {
            LOG.log(Level.WARNING, "database unavailable", e);
            status = 503;
            message = "temporarily unavailable, retry later";
        } else {
            LOG.log(Level.SEVERE, "unexpected failure", e);
            status = 500;
            message = "internal error";
        }
        if (!isBecknPath()) {
            String detail = status == 400 ? "the request body is not valid JSON for this resource"
                    : status == 404 ? "no such resource" : status == 405 ? "method not allowed here"
                            : status == 415 ? "send application/json"
                                    : status == 401 ? "a valid bearer token is required"
                                            : status == 403 ? "your token's role does not allow this" : message;
            return new Problem(status, Problem.titleFor(status), detail).toResponse();
        }
        ErrorCode code = status < 500 ? ErrorCode.INVALID_REQUEST : ErrorCode.BUSINESS_ERROR;
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Acks.nack(new BecknError(code, null, message)).toString()).build();
    }

    /** A unique key or an optimistic lock lost a race: the client's write conflicts, retrying as is will not help. */
    private static boolean conflict(Throwable e) {
        return causedBy(e, java.sql.SQLIntegrityConstraintViolationException.class)
                || causedBy(e, jakarta.persistence.OptimisticLockException.class)
                || causedBy(e, jakarta.persistence.EntityExistsException.class);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private boolean isBecknPath() {
        if (uriInfo == null) {
            return true;
        }
        String path = uriInfo.getPath();
        String first = path.startsWith("/") ? path.substring(1) : path;
        int slash = first.indexOf('/');
        first = slash < 0 ? first : first.substring(0, slash);
        return BecknSchemas.BPP_ACTIONS.contains(first) || "echo".equals(first);
    }
}
