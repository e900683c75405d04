package org.evcharging.bpp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Random;

/**
 * A large synthetic charging network for the catalog benchmark: providers in a few Indian cities, each with
 * locations scattered within about 15 km of the city centre, ten single-connector EVSEs per location, one energy
 * item with an add-on. Deterministic for a given seed, so runs compare.
 */
public final class SyntheticNetwork {

    /** City centres (lat, lon): Bengaluru, Delhi, Mumbai, Chennai. */
    public static final double[][] CITIES = {
            {12.9716, 77.5946}, {28.6139, 77.2090}, {19.0760, 72.8777}, {13.0827, 80.2707}};
    static final double SPREAD_DEGREES = 0.14;
    public static final int EVSES_PER_LOCATION = 10;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double[] DC_POWER = {30, 50, 60, 120, 150};
    private static final double[] AC_POWER = {3.3, 7.4, 11, 22};

    private SyntheticNetwork() {
    }

    /** Provider number {@code p}'s whole network, as the onboarding API's bulk import takes it. */
    public static ObjectNode provider(int p, int locations, long seed) {
        Random r = new Random(seed * 1_000_003L + p);
        String id = String.format(Locale.ROOT, "synth-%04d.bench", p);
        ObjectNode network = JSON.createObjectNode();
        ObjectNode provider = network.putObject("provider");
        provider.put("id", id).put("code", String.format(Locale.ROOT, "S%04d", p))
                .put("name", "Synthetic Charging " + p)
                .put("energySource", p % 10 == 0 ? "SOLAR_FARM" : "CHARGING_NETWORK");
        network.putArray("categories").addObject().put("id", "g").put("code", "green-tariff").put("name",
                "green tariff");
        ArrayNode locs = network.putArray("locations");
        for (int l = 0; l < locations; l++) {
            double[] city = CITIES[(p + l) % CITIES.length];
            double lat = city[0] + (r.nextDouble() * 2 - 1) * SPREAD_DEGREES;
            double lon = city[1] + (r.nextDouble() * 2 - 1) * SPREAD_DEGREES;
            ObjectNode loc = locs.addObject();
            String lid = "l" + l;
            loc.put("id", lid).put("name", "Station " + p + "-" + l)
                    .put("gps", String.format(Locale.ROOT, "%.6f,%.6f", lat, lon));
            ArrayNode evses = loc.putArray("evses");
            for (int e = 0; e < EVSES_PER_LOCATION; e++) {
                boolean dc = r.nextInt(3) == 0;
                ObjectNode evse = evses.addObject();
                evse.put("id", lid + "-e" + e).put("chargerType", dc ? "DC" : "AC")
                        .put("powerKw",
                                dc ? DC_POWER[r.nextInt(DC_POWER.length)] : AC_POWER[r.nextInt(AC_POWER.length)]);
                evse.putArray("connectors").addObject().put("id", lid + "-e" + e + "-c")
                        .put("type", dc ? (r.nextBoolean() ? "CCS2" : "CHAdeMO")
                                : (r.nextInt(10) < 8 ? "Type2" : r.nextBoolean() ? "Type1" : "GB_T"));
            }
        }
        ArrayNode items = network.putArray("items");
        ObjectNode item = items.addObject();
        item.put("id", "energy").put("code", "energy").put("name", "EV charging").put("unit", "KWH")
                .put("price", String.format(Locale.ROOT, "%.2f", 12 + r.nextInt(1000) / 100.0)).put("currency", "INR")
                .put("availableQuantity", String.valueOf(50 + r.nextInt(500)));
        item.putArray("categoryIds").add("g");
        item.putArray("fulfillmentTypes").add("CHARGING");
        item.putArray("addOns").addObject().put("id", "wash").put("name", "Free car wash").put("price", "0");
        return network;
    }
}
