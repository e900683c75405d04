package org.evcharging.bpp.catalog.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A provider's unit prices, as quote-service works them out from its tariff with the rate lookup that prices its
 * quotes, so that the price {@code on_search} shows at a connector or swap station is the one {@code select} applies.
 * Resolved there for every combination: here a price is only looked up. A fulfillment's charger type and location
 * count when a rate names them, else they are "any other" (null); the price is the one of the window that started
 * last at or before the provider's local time. No entry, or a window without a price: the item's list price applies,
 * as in a quote. Immutable, shared by concurrent searches.
 */
public final class PriceList {

    /** From {@code from} (local time) until the next window starts: {@code price}, or the list price when null. */
    public record Window(LocalTime from, BigDecimal price) {
    }

    /** One service at a charger type and location (null: any the list does not name) through the day. */
    public record Entry(FulfillmentType service, String chargerType, String locationRef, List<Window> windows) {

        public Entry {
            windows = List.copyOf(windows);
        }
    }

    private record Key(FulfillmentType service, String chargerType, String locationRef) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long version;
    private final String currency;
    private final ZoneOffset offset;
    private final Set<String> chargerTypes;
    private final Set<String> locations;
    private final Map<Key, List<Window>> byKey = new HashMap<>();
    private final List<Entry> entries;

    public PriceList(long version, String currency, ZoneOffset offset, Set<String> chargerTypes, Set<String> locations,
            List<Entry> entries) {
        this.version = version;
        this.currency = currency;
        this.offset = offset;
        this.chargerTypes = Set.copyOf(chargerTypes.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList());
        this.locations = Set.copyOf(locations);
        this.entries = List.copyOf(entries);
        for (Entry e : entries) {
            byKey.put(new Key(e.service(), upper(e.chargerType()), e.locationRef()), e.windows());
        }
    }

    /** A price list as {@link #toJson()} wrote it ({@link PriceListRow}'s JSON). */
    public static PriceList fromJson(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            List<Entry> entries = new ArrayList<>();
            for (JsonNode e : n.path("entries")) {
                List<Window> windows = new ArrayList<>();
                for (JsonNode w : e.path("windows")) {
                    windows.add(new Window(LocalTime.parse(w.path("from").asText()),
                            w.hasNonNull("price") ? new BigDecimal(w.path("price").asText()) : null));
                }
                entries.add(new Entry(FulfillmentType.valueOf(e.path("service").asText()),
                        e.path("chargerType").asText(null),
                        e.path("locationRef").asText(null), windows));
            }
            Set<String> chargerTypes = new HashSet<>();
            n.path("chargerTypes").forEach(c -> chargerTypes.add(c.asText()));
            Set<String> locations = new HashSet<>();
            n.path("locations").forEach(l -> locations.add(l.asText()));
            return new PriceList(n.path("version").asLong(), n.path("currency").asText(),
                    ZoneOffset.of(n.path("utcOffset").asText()), chargerTypes, locations, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored price list is not JSON", e);
        }
    }

    /** This price list as JSON, to be kept. */
    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("version", version).put("currency", currency).put("utcOffset", offset.getId());
        ArrayNode ct = n.putArray("chargerTypes");
        chargerTypes.stream().sorted().forEach(ct::add);
        ArrayNode loc = n.putArray("locations");
        locations.stream().sorted().forEach(loc::add);
        ArrayNode list = n.putArray("entries");
        for (Entry e : entries) {
            ObjectNode o = list.addObject().put("service", e.service().name());
            o.put("chargerType", e.chargerType()).put("locationRef", e.locationRef());
            ArrayNode windows = o.putArray("windows");
            for (Window w : e.windows()) {
                ObjectNode wn = windows.addObject().put("from", w.from().toString());
                wn.put("price", w.price() == null ? null : w.price().toPlainString());
            }
        }
        return n.toString();
    }

    public ZoneOffset offset() {
        return offset;
    }

    public Set<String> chargerTypes() {
        return chargerTypes;
    }

    public Set<String> locations() {
        return locations;
    }

    public List<Entry> entries() {
        return entries;
    }

    public long version() {
        return version;
    }

    public String currency() {
        return currency;
    }

    /** The unit price of a fulfillment at {@code now}; empty when the item's list price applies. */
    public Optional<BigDecimal> at(FulfillmentType service, String chargerType, String locationRef, Instant now) {
        LocalTime local = now.atOffset(offset).toLocalTime();
        BigDecimal price = null;
        for (Window w : day(service, chargerType, locationRef)) {
            if (!w.from().isAfter(local)) {
                price = w.price();
            }
        }
        return Optional.ofNullable(price);
    }

    /** The day's windows of a fulfillment (one when its price does not change with the time); empty: the list price. */
    public List<Window> day(FulfillmentType service, String chargerType, String locationRef) {
        String ct = chargerType != null && chargerTypes.contains(upper(chargerType)) ? upper(chargerType) : null;
        String loc = locationRef != null && locations.contains(locationRef) ? locationRef : null;
        return byKey.getOrDefault(new Key(service, ct, loc), List.of());
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}
