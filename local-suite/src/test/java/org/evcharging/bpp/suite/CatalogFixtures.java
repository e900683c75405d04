package org.evcharging.bpp.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A small test network around New Delhi (far from the demo providers in Bengaluru), put in through the onboarding
 * API as a partner would, and the HTTP calls the catalog ITs share.
 */
final class CatalogFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String CENTER = "28.613900,77.209000";

    static final String ALPHA = """
            {"provider":{"id":"it-alpha.test","code":"ALP","name":"Alpha Charging","energySource":"CHARGING_NETWORK",
                         "images":["https://alpha.example/logo.png"],"support":{"email":"help@alpha.example"}},
             "categories":[{"id":"g","code":"green-tariff","name":"green tariff"}],
             "locations":[
               {"id":"a1","name":"Alpha Connaught Place","gps":"28.613900,77.209000","cityCode":"std:011","openingHours":"06:00-23:00",
                "evses":[{"id":"a1-dc","chargerType":"DC","powerKw":60,"connectors":[{"id":"a1-ccs2","type":"CCS2"}]},
                         {"id":"a1-ac","chargerType":"AC","powerKw":22,"connectors":[{"id":"a1-t2","type":"Type2"}]}]},
               {"id":"a2","name":"Alpha Janpath","gps":"28.623900,77.209000",
                "evses":[{"id":"a2-ac","chargerType":"AC","powerKw":7.4,"connectors":[{"id":"a2-t2","type":"Type2"}]}]},
               {"id":"a3","name":"Alpha Model Town","gps":"28.700000,77.209000",
                "evses":[{"id":"a3-dc","chargerType":"DC","powerKw":120,"connectors":[{"id":"a3-ccs2","type":"CCS2"}]}]}],
             "items":[{"id":"alpha-energy","code":"energy","name":"Alpha green energy","unit":"KWH","price":"18.50",
                       "currency":"INR","availableQuantity":"50","categoryIds":["g"],"fulfillmentTypes":["CHARGING"],
                       "addOns":[{"id":"wash","name":"Free car wash","price":"0"}]}]}
            """;

    static final String SUN = """
            {"provider":{"id":"it-sun.test","name":"Sunny Solar Farm","energySource":"SOLAR_FARM"},
             "locations":[{"id":"s1","name":"Sunny farm gate","gps":"28.620000,77.220000",
                "evses":[{"id":"s1-ac","chargerType":"AC","powerKw":11,"connectors":[{"id":"s1-t2","type":"Type2"}]}]}],
             "items":[{"id":"sun-energy","code":"energy","unit":"KWH","price":"12","currency":"INR",
                       "availableQuantity":"5","fulfillmentTypes":["CHARGING"]}]}
            """;

    static final String SWAP = """
            {"provider":{"id":"it-swap.test","name":"Swapz","energySource":"BATTERY_SWAP"},
             "locations":[{"id":"w1","name":"Swapz Karol Bagh","gps":"28.610000,77.200000",
                "evses":[{"id":"w1-swap","kind":"SWAP_STATION","powerKw":0,"batteryType":"LFP-48V"}]}],
             "items":[{"id":"swap","code":"battery-swap","unit":"SWAP","price":"60","currency":"INR",
                       "availableQuantity":"200","fulfillmentTypes":["BATTERY_SWAP","MOBILE_BATTERY_SWAP"],
                       "trackingUrl":"https://swapz.example/track"}]}
            """;

    /** Far from the others (Mumbai), for the test that puts a tariff: its prices change what search shows. */
    static final String TARIFFED_CENTER = "19.076000,72.877700";
    static final String TARIFFED = """
            {"provider":{"id":"it-tariff.test","name":"Tariffed Charging","energySource":"CHARGING_NETWORK"},
             "locations":[{"id":"t1","name":"Tariffed Bandra","gps":"19.076000,72.877700",
                "evses":[{"id":"t1-dc","chargerType":"DC","powerKw":60,"connectors":[{"id":"t1-ccs2","type":"CCS2"}]},
                         {"id":"t1-ac","chargerType":"AC","powerKw":22,"connectors":[{"id":"t1-t2","type":"Type2"}]}]}],
             "items":[{"id":"tariff-energy","code":"energy","unit":"KWH","price":"18.50","currency":"INR",
                       "availableQuantity":"50","fulfillmentTypes":["CHARGING"],
                       "addOns":[{"id":"wash","name":"Free car wash","price":"0"}]}]}
            """;

    private static boolean seeded;

    private CatalogFixtures() {
    }

    /** Puts the three test providers in (once per JVM) and rates Alpha 4.6 as the rating service would. */
    static synchronized void seed(LocalSuite suite) throws Exception {
        if (seeded) {
            return;
        }
        for (String network : new String[] {ALPHA, SUN, SWAP, TARIFFED}) {
            String id = JSON.readTree(network).at("/provider/id").asText();
            HttpResponse<String> r = call(suite, "PUT", "/catalog/v1/providers/" + id + "/network",
                    suite.tokens().partner(id), network);
            if (r.statusCode() != 200) {
                throw new AssertionError("seeding " + id + ": " + r.statusCode() + " " + r.body());
            }
        }
        HttpResponse<String> rated = internal(suite, "catalog", "PUT",
                "/internal/catalog/v1/providers/it-alpha.test/rating",
                suite.tokens().ratingService(),
                "{\"value\":4.6,\"count\":12}");
        if (rated.statusCode() != 204) {
            throw new AssertionError("rating: " + rated.statusCode() + " " + rated.body());
        }
        seeded = true;
    }

    /** A call to the onboarding API through the ingress (its {@code /catalog/} route). */
    static HttpResponse<String> call(LocalSuite suite, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        return callAt(suite.ingressUrl() + path, method, token, body);
    }

    /**
     * A call to a service's internal API ({@code /internal/...}), straight to the service as its peers make it: the
     * ingress does not route internal paths.
     */
    static HttpResponse<String> internal(LocalSuite suite, String service, String method, String path, String token,
            String body) throws IOException, InterruptedException {
        return callAt(suite.serviceUrl(service) + path, method, token, body);
    }

    /** A JSON call to any address (a service itself, not through the ingress). */
    static HttpResponse<String> callAt(String url, String method, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .method(method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }
}
