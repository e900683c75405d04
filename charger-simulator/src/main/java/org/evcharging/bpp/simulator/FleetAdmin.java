package org.evcharging.bpp.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fleet's control panel over HTTP, for the local suite and for people: JSON, on the loopback interface only,
 * since it has no authentication.
 *
 * <pre>
 * GET  /chargers                                  every charger with its connectors
 * GET  /chargers/{id}                             one charger
 * POST /chargers/{id}/fault?connector=N           connector N (from 1; 1.6: the connector id) faults
 * POST /chargers/{id}/clear-fault?connector=N
 * POST /chargers/{id}/unplug?connector=N
 * POST /chargers/{id}/offline[?seconds=N]         without seconds: until /online
 * POST /chargers/{id}/online
 * POST /chargers/{id}/reject-next-start
 * POST /chargers/{id}/ignore-next-start
 * </pre>
 *
 * An unknown charger is 404, a bad parameter 400, each with {@code {"error": "..."}} in our words: the request's text
 * is never echoed.
 */
public final class FleetAdmin implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FleetAdmin.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_OFFLINE_SECONDS = 7 * 24 * 3600;

    private final ChargerFleet fleet;
    private final HttpServer server;

    private FleetAdmin(ChargerFleet fleet, HttpServer server) {
        this.fleet = fleet;
        this.server = server;
    }

    /** Serves the fleet on {@code 127.0.0.1:port}; port 0 picks a free one (see {@link #port()}). */
    public static FleetAdmin start(ChargerFleet fleet, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        FleetAdmin admin = new FleetAdmin(fleet, server);
        server.createContext("/chargers", admin::handle);
        server.start();
        return admin;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Reply reply;
            try {
                reply = route(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        query(exchange.getRequestURI().getRawQuery()));
            } catch (BadRequest e) {
                reply = error(400, e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "admin request failed", e);
                reply = error(500, "internal error");
            }
            byte[] body = JSON.writeValueAsBytes(reply.body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            exchange.close();
        }
    }

    private record Reply(int status, Object body) {
    }

    private Reply route(String method, String rawPath, Map<String, String> query) {
        String[] parts = rawPath.split("/", -1);
        // "", "chargers", [id, [action]]
        if (parts.length < 2 || !parts[1].equals("chargers") || parts.length > 4) {
            return error(404, "no such resource");
        }
        if (parts.length == 2 || parts.length == 3 && parts[2].isEmpty()) {
            if (!method.equals("GET")) {
                return error(405, "use GET");
            }
            ArrayNode all = JSON.createArrayNode();
            fleet.chargers().forEach(c -> all.add(json(c.view())));
            return new Reply(200, all);
        }
        Optional<SimulatedCharger> found = fleet.find(decode(parts[2]));
        if (found.isEmpty()) {
            return error(404, "unknown charger");
        }
        SimulatedCharger charger = found.get();
        if (parts.length == 3) {
            return method.equals("GET") ? new Reply(200, json(charger.view())) : error(405, "use GET");
        }
        if (!method.equals("POST")) {
            return error(405, "use POST");
        }
        switch (parts[3]) {
            case "fault" -> charger.fault(connector(charger, query));
            case "clear-fault" -> charger.clearFault(connector(charger, query));
            case "unplug" -> charger.unplug(connector(charger, query));
            case "offline" -> {
                if (query.containsKey("seconds")) {
                    charger.offline(Duration.ofSeconds(number(query, "seconds", 1, MAX_OFFLINE_SECONDS)));
                } else {
                    charger.offline();
                }
            }
            case "online" -> charger.online();
            case "reject-next-start" -> charger.rejectNextStart();
            case "ignore-next-start" -> charger.ignoreNextStart();
            default -> {
                return error(404, "no such control");
            }
        }
        return new Reply(200, json(charger.view()));
    }

    private static int connector(SimulatedCharger charger, Map<String, String> query) {
        int connector = number(query, "connector", 1, Integer.MAX_VALUE);
        if (connector > charger.spec().connectors().size()) {
            throw new BadRequest("the charger has no such connector");
        }
        return connector;
    }

    private static int number(Map<String, String> query, String name, int min, int max) {
        String text = query.get(name);
        if (text == null) {
            throw new BadRequest("parameter " + name + " is required");
        }
        try {
            int n = Integer.parseInt(text);
            if (n < min || n > max) {
                throw new BadRequest("parameter " + name + " must be from " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest("parameter " + name + " must be an integer");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (params.putIfAbsent(name, value) != null) {
                throw new BadRequest("a parameter is given twice");
            }
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("bad percent-encoding");
        }
    }

    private static ObjectNode json(ChargerView view) {
        ObjectNode charger = JSON.createObjectNode()
                .put("id", view.id())
                .put("version", view.version())
                .put("connection", view.connection().name())
                .put("connected", view.connection() == ConnectionState.CONNECTED)
                .put("bootStatus", view.boot().name())
                .put("queuedMessages", view.queuedMessages());
        ArrayNode connectors = charger.putArray("connectors");
        for (ConnectorView c : view.connectors()) {
            ObjectNode node = connectors.addObject()
                    .put("number", c.number())
                    .put("evseId", c.evseId())
                    .put("connectorId", c.connectorId())
                    .put("status", c.status())
                    .put("charging", c.charging())
                    .put("meterWh", c.meterWh());
            if (c.transactionId() != null) {
                node.put("transactionId", c.transactionId());
            }
            if (c.socPercent() >= 0) {
                node.put("socPercent", c.socPercent());
            }
        }
        return charger;
    }

    private static Reply error(int status, String message) {
        return new Reply(status, JSON.createObjectNode().put("error", message));
    }

    /** A request we refuse with 400; the message is ours, never the request's text. */
    private static final class BadRequest extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
