package org.evcharging.bpp.suite.bap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/** How {@link Printer} shows an on_search catalog: a table for a person. */
final class CatalogTable {

    private CatalogTable() {
    }

    /**
     * One line per fulfillment (a connector, a swap station, a mobile swap), grouped by provider: where (the
     * station and its distance), what (charger type, connector, power), whether it is available, and the price and
     * add-ons of the item delivered there.
     */
    static String of(JsonNode catalog) {
        List<String[]> rows = new ArrayList<>();
        for (JsonNode p : catalog.path("providers")) {
            String provider = p.path("descriptor").path("name").asText(p.path("id").asText("?"));
            JsonNode fulfillments = p.has("fulfillments") ? p.path("fulfillments") : catalog.path("fulfillments");
            for (JsonNode f : fulfillments) {
                String fid = f.path("id").asText();
                JsonNode item = MissingNode.getInstance();
                for (JsonNode i : p.path("items")) {
                    for (JsonNode id : i.path("fulfillment_ids")) {
                        if (id.asText().equals(fid)) {
                            item = i;
                        }
                    }
                }
                if (item.isMissingNode()) {
                    continue;
                }
                JsonNode where = f.path("stops").path(0).path("location");
                JsonNode location = where.has("id")
                        ? byId(p.path("locations"), JsonNodeFactory.instance.arrayNode().add(where.path("id").asText()))
                        : MissingNode.getInstance();
                String station = location.isMissingNode() ? where.path("map_url").asText(where.path("gps").asText(""))
                        : location.path("descriptor").path("name").asText(location.path("id").asText(""));
                String distance = tag(f, "distance");
                JsonNode price = item.path("price");
                String unit = item.at("/quantity/available/measure/unit").asText("");
                // the price at this charger or station (unit-prices), else the item's
                String at = SessionFlow.tagGroup(item.path("tags"), "unit-prices").getOrDefault(fid,
                        price.path("value").asText(""));
                String priceText = (at + " " + price.path("currency").asText("") + (unit.isEmpty() ? "" : "/" + unit))
                        .trim();
                List<String> addOns = new ArrayList<>();
                item.path("add_ons").forEach(a -> addOns.add(a.path("descriptor").path("name").asText()));
                rows.add(new String[] {provider, rating(p, item), station, distance, f.path("type").asText(""),
                        tag(f, "charger-type"), tag(f, "connector-type"), tag(f, "power-rating"),
                        tag(f, "availability"),
                        priceText, String.join(", ", addOns)});
            }
            if (rows.isEmpty() || !rows.get(rows.size() - 1)[0].equals(provider)) {
                rows.add(new String[] {provider, rating(p, MissingNode.getInstance()), "(nothing offered here)", "", "",
                        "",
                        "", "", "", "", ""});
            }
        }
        if (rows.isEmpty()) {
            return "no providers\n";
        }
        String[] head = {"PROVIDER", "RATING", "STATION", "DISTANCE", "TYPE", "CHARGER", "CONNECTOR", "POWER",
                "AVAILABILITY",
                "PRICE", "ADD-ONS"};
        int[] w = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            w[i] = head[i].length();
            for (String[] r : rows) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        StringBuilder fmt = new StringBuilder();
        for (int i = 0; i < head.length; i++) {
            fmt.append("%-").append(w[i]).append('s').append(i + 1 < head.length ? "  " : "%n");
        }
        b.append(String.format(fmt.toString(), (Object[]) head));
        for (String[] r : rows) {
            b.append(String.format(fmt.toString(), (Object[]) r));
        }
        return b.toString();
    }

    /** The provider's aggregate rating and the item's, as on_search gives them ("4.5 / item 4.0"), or "-". */
    private static String rating(JsonNode provider, JsonNode item) {
        String p = provider.path("rating").asText("");
        String i = item.path("rating").asText("");
        return p.isEmpty() && i.isEmpty() ? "-" : (p.isEmpty() ? "-" : p) + (i.isEmpty() ? "" : " / item " + i);
    }

    /** The value of the tag with this descriptor code in any of the fulfillment's tag groups, or "". */
    private static String tag(JsonNode fulfillment, String code) {
        for (JsonNode group : fulfillment.path("tags")) {
            for (JsonNode t : group.path("list")) {
                if (code.equals(t.path("descriptor").path("code").asText())) {
                    return t.path("value").asText("");
                }
            }
        }
        return "";
    }

    /** The element of {@code list} whose id is the first of {@code ids}, else the first element. */
    private static JsonNode byId(JsonNode list, JsonNode ids) {
        String wanted = ids.isArray() && ids.size() > 0 ? ids.get(0).asText() : null;
        for (JsonNode n : list) {
            if (wanted == null || wanted.equals(n.path("id").asText())) {
                return n;
            }
        }
        return list instanceof ArrayNode a && a.size() > 0 ? a.get(0) : MissingNode.getInstance();
    }
}
