package org.evcharging.bpp.suite.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The Beckn NACK bodies the ingress answers itself, with BECKN-005 error codes. */
final class Nacks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Nacks() {
    }

    static ObjectNode nack(String code, String path, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("message").putObject("ack").put("status", "NACK");
        ObjectNode error = body.putObject("error").put("code", code);
        if (path != null) {
            error.put("paths", path);
        }
        error.put("message", message);
        return body;
    }

    static void send(HttpServletResponse response, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        // the request's body is left unread: closing says so, where a kept-alive connection would be dropped by the
        // server later, under the client's next request
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    static void notDeployed(HttpServletResponse response, String service) throws IOException {
        send(response, 501, nack("40001", null, "Action not applicable: " + service + " is not deployed"));
    }

    static void starting(HttpServletResponse response, String service) throws IOException {
        response.setHeader("Retry-After", "5");
        send(response, 503, nack("40000", null, service + " is starting, retry shortly"));
    }

    static void badRequestLine(HttpServletResponse response) throws IOException {
        send(response, 400, nack("30000", "$", "the request's path or query is not a valid URI"));
    }

    static void badPath(HttpServletResponse response) throws IOException {
        send(response, 400, nack("30000", "$", "the request's path is not canonical (dot or empty segments, or an"
                + " encoded dot, slash or backslash)"));
    }

    /** A service did not answer (502) or not in time (504): the caller may retry. */
    static void upstreamFailed(HttpServletResponse response, int status) throws IOException {
        int shown = status == 504 ? 504 : 502;
        send(response, shown, nack("40000", null, shown == 504 ? "the service did not answer in time, retry shortly"
                : "the service could not be reached, retry shortly"));
    }

    static void unknownPath(HttpServletResponse response, String path) throws IOException {
        send(response, 404, nack("30000", "$.context.action", "unknown action or path " + path));
    }
}
