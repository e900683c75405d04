package org.evcharging.bpp.core.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.evcharging.bpp.core.signing.HttpSigner;

/**
 * Our side of registry.yaml {@code POST /subscribe}: the Subscription, signed (BECKN-006) with a key the registry
 * already holds for us, or, the first time, with the key it publishes (which proves we hold it). The registry answers
 * {@code UNDER_SUBSCRIPTION} and then challenges our {@code /on_subscribe} ({@link OnSubscribeAnswerer}). Any other
 * answer — an HTTP error, a body that is not JSON, a status outside the spec's, a timeout — is an outcome with an
 * error, never an exception. At most 64 KiB of the answer is read.
 */
public final class RegistrySubscriber {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STATUSES = Set.of("INITIATED", "UNDER_SUBSCRIPTION", "SUBSCRIBED");
    private static final int MAX_ANSWER_CHARS = 200;
    private static final int MAX_ANSWER_BYTES = 65_536;

    private final URI subscribeUri;
    private final HttpClient http;
    private final Duration timeout;

    public RegistrySubscriber(URI subscribeUri, Duration timeout) {
        this.subscribeUri = subscribeUri;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public SubscribeOutcome subscribe(SubscriptionEntry entry, HttpSigner signedWith, long signatureValiditySeconds) {
        byte[] body = entry.toJson().toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(subscribeUri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", signedWith.authorization(body, signatureValiditySeconds))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String answer;
            try (InputStream in = response.body()) {
                answer = new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8);
            }
            return outcome(entry, response.statusCode(), answer);
        } catch (HttpTimeoutException e) {
            return failed(entry, "the registry did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return failed(entry, "the registry is unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + shorten(e.getMessage()) + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(entry, "interrupted");
        }
    }

    static SubscribeOutcome outcome(SubscriptionEntry entry, int httpStatus, String body) {
        JsonNode answer;
        try {
            answer = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            answer = null;
        }
        if (httpStatus / 100 != 2) {
            String why = answer == null ? ""
                    : ": " + shorten(answer.path("error").path("message").asText(answer.toString()));
            return failed(entry, "the registry refused the subscription (HTTP " + httpStatus + why + ")");
        }
        if (answer == null || !answer.isObject()) {
            return failed(entry, "the registry's answer is not a JSON object: " + shorten(body));
        }
        String status = answer.path("status").asText("");
        if (status.isEmpty()) {
            // Networks that wrap it as an ACK ({"message":{"ack":{"status":"ACK"}}}) mean the same as UNDER_SUBSCRIPTION.
            if ("ACK".equals(answer.path("message").path("ack").path("status").asText())) {
                return new SubscribeOutcome(entry.keyId(), entry.domain(), "UNDER_SUBSCRIPTION", null);
            }
            return failed(entry, "the registry's answer has no status: " + shorten(body));
        }
        String upper = status.toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(upper)) {
            return failed(entry, "the registry answered status " + shorten(status));
        }
        return new SubscribeOutcome(entry.keyId(), entry.domain(), upper, null);
    }

    private static SubscribeOutcome failed(SubscriptionEntry entry, String why) {
        return new SubscribeOutcome(entry.keyId(), entry.domain(), null, why);
    }

    /** A bounded, printable excerpt of what a remote party said (it is not ours to log whole). */
    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= MAX_ANSWER_CHARS ? printable : printable.substring(0, MAX_ANSWER_CHARS) + "…";
    }
}
