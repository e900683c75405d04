package org.evcharging.bpp.core.rest;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;

/**
 * Bean Validation failures of a REST request become a 400 problem naming each field at fault, as a path inside
 * the request body ({@code locations[0].evses[1].powerKw}) or the parameter's name.
 */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new Problem(400, "Bad Request", detail, errors).toResponse();
    }

    /** The property path without the method and the body parameter: what a client sees in its JSON. */
    static String field(ConstraintViolation<?> v) {
        StringBuilder b = new StringBuilder();
        for (Path.Node node : v.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                // a query or path parameter keeps its name; the body parameter ("arg1", "body") is the root
                b.setLength(0);
                if (!node.getName().startsWith("arg") && !"body".equals(node.getName())) {
                    b.append(node.getName());
                }
                continue;
            }
            if (node.isInIterable()) {
                b.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getName() == null || kind == ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(node.getName());
        }
        return b.length() == 0 ? "$" : b.toString();
    }
}
