package org.evcharging.bpp.core.rest;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail, the error body of every service's own REST API (onboarding, admin, payments):
 * {@code type}, {@code title}, {@code status}, {@code detail}, and for validation failures {@code errors}, one
 * entry per field at fault ({@code field} is the JSON path inside the request body or a parameter name).
 * Beckn endpoints never answer with it: they answer with a Beckn NACK.
 */
public record Problem(int status, String title, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    public record FieldError(String field, String message) {
    }

    public Problem(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public JsonObject toJson() {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            b.add("detail", detail);
        }
        if (errors != null && !errors.isEmpty()) {
            JsonArrayBuilder a = Json.createArrayBuilder();
            errors.forEach(e -> a.add(Json.createObjectBuilder().add("field", e.field()).add("message", e.message())));
            b.add("errors", a);
        }
        return b.build();
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(toJson().toString()).build();
    }

    public static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Request Refused";
        };
    }
}
