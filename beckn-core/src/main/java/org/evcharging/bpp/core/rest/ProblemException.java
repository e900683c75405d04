package org.evcharging.bpp.core.rest;

import java.util.List;

/** Thrown by a service's REST resources to answer with an RFC 9457 problem (404, 403, 409...). */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(int status, String detail) {
        super(detail);
        this.problem = new Problem(status, Problem.titleFor(status), detail);
    }

    public ProblemException(int status, String detail, String field, String fieldMessage) {
        super(detail);
        this.problem = new Problem(status, Problem.titleFor(status), detail,
                List.of(new Problem.FieldError(field, fieldMessage)));
    }

    public ProblemException(int status, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.problem = new Problem(status, Problem.titleFor(status), detail, List.copyOf(errors));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, what + " not found");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, detail);
    }

    public Problem problem() {
        return problem;
    }
}
