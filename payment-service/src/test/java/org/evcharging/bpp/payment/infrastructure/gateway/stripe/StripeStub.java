package org.evcharging.bpp.payment.infrastructure.gateway.stripe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Stripe's API (api.stripe.com), the one mock of these tests: Stripe is outside this project.
 * It serves the documented requests the gateway makes, {@code POST /v1/checkout/sessions},
 * {@code GET /v1/checkout/sessions/{id}} and {@code POST /v1/refunds} (form-encoded, bearer secret key), answers
 * JSON shaped like Stripe's documented objects and errors, and keeps Stripe's idempotency rule: the same
 * {@code Idempotency-Key} with the same parameters replays the first answer, with other parameters is a 400
 * {@code idempotency_error}; a 500 is not remembered. Public, in this module's test jar: local-suite's
 * {@code StripePaymentIT} runs payment-service against it.
 */
public final class StripeStub implements AutoCloseable {

    public static final String KEY = "sk_test_stub_key";

    /** One request as received. */
    public record Request(String method, String path, String idempotencyKey, Map<String, String> form) {
    }

    private record Stored(Map<String, String> form, int status, String body) {
    }

    final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger sessionsMade = new AtomicInteger();
    public final AtomicInteger refundsMade = new AtomicInteger();
    /** Answer this many next requests 500, doing nothing. */
    final AtomicInteger faults = new AtomicInteger();
    /** Do this many next requests, remember them, and answer 500 as if the answer were lost on the way. */
    final AtomicInteger lostAnswers = new AtomicInteger();

    /** Stripe's time, which judges {@code expires_at}; a test moving its own clock moves this one too. */
    volatile Clock clock = Clock.systemUTC();

    private final Map<String, Stored> byKey = new HashMap<>();
    private final Map<String, String> sessionStatus = new HashMap<>();
    private final Map<String, Map<String, String>> sessions = new HashMap<>();
    private final HttpServer server;

    public StripeStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized void setSessionStatus(String sessionId, String status) {
        sessionStatus.put(sessionId, status);
    }

    /** A session's status as Stripe would answer it now: {@code open}, {@code complete} or {@code expired}. */
    public synchronized String sessionStatus(String sessionId) {
        return sessionStatus.get(sessionId);
    }

    public List<Request> posts(String path) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.method().equals("POST") && r.path().equals(path)).toList();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = form(body);
            String key = x.getRequestHeaders().getFirst("Idempotency-Key");
            String path = x.getRequestURI().getPath();
            requests.add(new Request(x.getRequestMethod(), path, key, form));
            if (!("Bearer " + KEY).equals(x.getRequestHeaders().getFirst("Authorization"))) {
                answer(x, 401, error("invalid_request_error", null, "Invalid API Key provided: sk_test_****"));
                return;
            }
            if (faults.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                answer(x, 500, error("api_error", null, "An unknown error occurred on Stripe's side."));
                return;
            }
            Stored answer;
            synchronized (this) {
                Stored before = key == null ? null : byKey.get(key);
                if (before != null) {
                    answer = before.form().equals(form) ? before
                            : new Stored(form, 400, error("idempotency_error", null, "Keys for idempotent requests can"
                                    + " only be used with the same parameters they were first used with. Try using a"
                                    + " key other than '" + key + "' if you meant to execute a different request."));
                } else {
                    answer = route(x.getRequestMethod(), path, form);
                    if (key != null && "POST".equals(x.getRequestMethod())) {
                        byKey.put(key, new Stored(form, answer.status(), answer.body()));
                    }
                }
            }
            if (lostAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                answer(x, 500, error("api_error", null, "An unknown error occurred on Stripe's side."));
                return;
            }
            answer(x, answer.status(), answer.body());
        }
    }

    private Stored route(String method, String path, Map<String, String> form) {
        if ("POST".equals(method) && "/v1/checkout/sessions".equals(path)) {
            return session(form);
        }
        if ("GET".equals(method) && path.startsWith("/v1/checkout/sessions/")) {
            String id = path.substring("/v1/checkout/sessions/".length());
            Map<String, String> made = sessions.get(id);
            return made == null ? new Stored(form, 404, error("invalid_request_error", "resource_missing",
                    "No such checkout.session: '" + id + "'")) : new Stored(form, 200, sessionJson(id, made));
        }
        if ("POST".equals(method) && path.startsWith("/v1/checkout/sessions/") && path.endsWith("/expire")) {
            String id = path.substring("/v1/checkout/sessions/".length(), path.length() - "/expire".length());
            Map<String, String> made = sessions.get(id);
            if (made == null) {
                return new Stored(form, 404, error("invalid_request_error", "resource_missing",
                        "No such checkout.session: '" + id + "'"));
            }
            if (!"open".equals(sessionStatus.get(id))) {
                return new Stored(form, 400, error("invalid_request_error", null,
                        "Only Checkout Sessions with a status in [\"open\"] can be expired."));
            }
            sessionStatus.put(id, "expired");
            return new Stored(form, 200, sessionJson(id, made));
        }
        if ("POST".equals(method) && "/v1/refunds".equals(path)) {
            return refund(form);
        }
        return new Stored(form, 404, error("invalid_request_error", null, "Unrecognized request URL (" + method + ": "
                + path + ")."));
    }

    private Stored session(Map<String, String> f) {
        for (String required : List.of("mode", "success_url", "cancel_url", "line_items[0][quantity]",
                "line_items[0][price_data][currency]", "line_items[0][price_data][unit_amount]",
                "line_items[0][price_data][product_data][name]")) {
            if (!f.containsKey(required)) {
                return new Stored(f, 400, error("invalid_request_error", "parameter_missing",
                        "Missing required param: " + required + "."));
            }
        }
        if (f.containsKey("expires_at")) {
            long in = Long.parseLong(f.get("expires_at")) - clock.instant().getEpochSecond();
            if (in < 30 * 60 || in > 24 * 3600) {
                return new Stored(f, 400, error("invalid_request_error", null, "expires_at",
                        "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation."));
            }
        }
        String id = "cs_test_" + sessionsMade.incrementAndGet();
        sessions.put(id, f);
        sessionStatus.put(id, "open");
        return new Stored(f, 200, sessionJson(id, f));
    }

    private String sessionJson(String id, Map<String, String> f) {
        long expires = f.containsKey("expires_at") ? Long.parseLong(f.get("expires_at"))
                : clock.instant().getEpochSecond() + 24 * 3600;
        String amount = f.get("line_items[0][price_data][unit_amount]");
        return "{\"id\":" + q(id) + ",\"object\":\"checkout.session\",\"mode\":\"payment\""
                + ",\"status\":" + q(sessionStatus.get(id)) + ",\"payment_status\":\"unpaid\""
                + ",\"client_reference_id\":" + q(f.get("client_reference_id"))
                + ",\"amount_total\":" + amount + ",\"currency\":" + q(f.get("line_items[0][price_data][currency]"))
                + ",\"expires_at\":" + expires + ",\"payment_intent\":null"
                + ",\"metadata\":{\"payment_link_id\":" + q(f.get("metadata[payment_link_id]")) + "}"
                + ",\"url\":" + q("https://checkout.stripe.com/c/pay/" + id + "#fidkdWxOYHwnPyd1blpxYHZxWjA0") + "}";
    }

    private Stored refund(Map<String, String> f) {
        String pi = f.get("payment_intent");
        if (pi == null || f.get("amount") == null) {
            return new Stored(f, 400, error("invalid_request_error", "parameter_missing",
                    "Missing required param: payment_intent."));
        }
        if (!pi.startsWith("pi_")) {
            return new Stored(f, 400, error("invalid_request_error", "resource_missing",
                    "No such payment_intent: '" + pi + "'"));
        }
        String status = pi.startsWith("pi_declines") ? "failed" : "succeeded";
        String id = "re_test_" + refundsMade.incrementAndGet();
        return new Stored(f, 200, "{\"id\":" + q(id) + ",\"object\":\"refund\",\"amount\":" + f.get("amount")
                + ",\"currency\":\"inr\",\"payment_intent\":" + q(pi) + ",\"status\":" + q(status)
                + (status.equals("failed") ? ",\"failure_reason\":\"expired_or_canceled_card\"" : "")
                + ",\"metadata\":{\"refund_id\":" + q(f.get("metadata[refund_id]")) + "}}");
    }

    private static String error(String type, String code, String message) {
        return error(type, code, null, message);
    }

    private static String error(String type, String code, String param, String message) {
        return "{\"error\":{\"type\":" + q(type) + (code == null ? "" : ",\"code\":" + q(code))
                + (param == null ? "" : ",\"param\":" + q(param)) + ",\"message\":" + q(message) + "}}";
    }

    private static void answer(HttpExchange x, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.getResponseHeaders().set("Request-Id", "req_stub");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

    private static String q(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
