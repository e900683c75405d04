package org.evcharging.bpp.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Client of the registry's {@code POST /lookup} (registry.yaml). Tolerates the field names that real
 * registries use besides the spec's: {@code ukId} for {@code key_id}, {@code subscriber_url} for {@code url}.
 */
public class RegistryLookup {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI lookupUri;
    private final HttpClient http;
    private final Duration timeout;

    public RegistryLookup(String registryUrl, Duration timeout) {
        String base = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        this.lookupUri = URI.create(base + "/lookup");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** All entries the registry returns for this subscriber (and key id, where given). */
    public List<Subscriber> lookup(String subscriberId, String keyId) throws IOException {
        ObjectNode query = JSON.createObjectNode().put("subscriber_id", subscriberId);
        if (keyId != null) {
            query.put("key_id", keyId).put("ukId", keyId);
        }
        HttpRequest request = HttpRequest.newBuilder(lookupUri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(query.toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("registry lookup interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("registry lookup answered HTTP " + response.statusCode());
        }
        return parse(JSON.readTree(response.body()));
    }

    static List<Subscriber> parse(JsonNode body) {
        List<Subscriber> out = new ArrayList<>();
        JsonNode array = body.isArray() ? body : body.path("subscribers");
        for (JsonNode n : array) {
            out.add(new Subscriber(text(n, "subscriber_id"), firstText(n, "key_id", "ukId", "unique_key_id"),
                    text(n, "type"), firstText(n, "url", "subscriber_url"), text(n, "signing_public_key"),
                    text(n, "status"), time(n, "valid_from"), time(n, "valid_until"), text(n, "domain"),
                    text(n, "encr_public_key")));
        }
        return out;
    }

    private static String firstText(JsonNode n, String... names) {
        for (String name : names) {
            String v = text(n, name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static OffsetDateTime time(JsonNode n, String name) {
        String v = text(n, name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
