package org.evcharging.bpp.catalog.beckn;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.evcharging.bpp.catalog.domain.FulfillmentType;
import org.evcharging.bpp.catalog.domain.Item;
import org.evcharging.bpp.catalog.domain.PriceList;
import org.evcharging.bpp.catalog.domain.Provider;
import org.evcharging.bpp.catalog.application.search.CatalogSearch.LocationMatch;
import org.evcharging.bpp.catalog.application.search.CatalogSearch.ProviderMatch;
import org.evcharging.bpp.catalog.application.search.Point;
import org.evcharging.bpp.catalog.application.search.Site;
import static org.evcharging.bpp.core.model.BecknValues.decimal;
import static org.evcharging.bpp.core.model.BecknValues.tag;

/**
 * Writes the {@code on_search} catalog in the workflow document's shape, valid against core 1.1.0: per provider
 * its descriptor, categories (its own, plus its kind of energy source), the matched locations (nearest first,
 * with the distance in {@code descriptor.short_desc}), one {@code CHARGING} fulfillment per connector (tags
 * {@code charger-type}, {@code connector-type}, {@code power-rating}, {@code availability}, {@code distance}),
 * one {@code BATTERY-SWAP} fulfillment per swap station, one {@code MOBILE-BATTERY-SWAP} per item offering it,
 * and the items with price, available quantity and add-ons.
 *
 * <p>Prices: what a unit costs can depend on the charger type, the place and the time of day (the provider's tariff,
 * published by quote-service as a {@link PriceList}). Each item carries a tag group {@code unit-prices} with the unit
 * price at each of its fulfillments here, now (the price {@code select} applies there: one lookup, from the same
 * tariff); {@code price.value} is the lowest of them, with {@code minimum_value} and {@code maximum_value} when they
 * differ. A price that changes during the day has its day in the group {@code unit-price-schedule}.
 */
public final class CatalogMessages {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final String ENERGY_SOURCE_CATEGORY = "energy-source";

    private CatalogMessages() {
    }

    public static ObjectNode message(List<ProviderMatch> providers) {
        return message(providers, Instant.now());
    }

    /** The catalog as it is at {@code now} (prices that depend on the time of day). */
    public static ObjectNode message(List<ProviderMatch> providers, Instant now) {
        ObjectNode message = JSON.objectNode();
        ObjectNode catalog = message.putObject("catalog");
        catalog.putObject("descriptor").put("name", "EV charging and battery swap");
        ArrayNode list = catalog.putArray("providers");
        providers.forEach(p -> list.add(provider(p, now)));
        return message;
    }

    private static ObjectNode provider(ProviderMatch m, Instant now) {
        Provider p = m.provider();
        ObjectNode out = JSON.objectNode();
        out.put("id", p.id());
        ObjectNode d = out.putObject("descriptor");
        d.put("name", p.name());
        putIfPresent(d, "code", p.code());
        putIfPresent(d, "short_desc", p.shortDesc());
        putIfPresent(d, "long_desc", p.longDesc());
        if (p.images() != null && !p.images().isBlank()) {
            ArrayNode images = d.putArray("images");
            for (String url : p.images().split("\n")) {
                images.addObject().put("url", url);
            }
        }
        if (p.rating() != null) {
            out.put("rating", decimal(BigDecimal.valueOf(p.rating()).setScale(1, java.math.RoundingMode.HALF_UP)));
        }
        ArrayNode categories = out.putArray("categories");
        m.categories().forEach(c -> {
            ObjectNode cat = categories.addObject();
            cat.put("id", c.ref());
            ObjectNode cd = cat.putObject("descriptor").put("code", c.code());
            putIfPresent(cd, "name", c.name());
        });
        ObjectNode source = categories.addObject();
        source.put("id", ENERGY_SOURCE_CATEGORY);
        source.putObject("descriptor").put("code", p.energySource().code()).put("name", p.energySource().label());

        ArrayNode locations = out.putArray("locations");
        ArrayNode fulfillments = out.putArray("fulfillments");
        for (LocationMatch lm : m.locations()) {
            locations.add(location(lm));
            for (Point c : lm.connectors()) {
                fulfillments.add(charging(c, lm));
            }
            for (Point s : lm.swapStations()) {
                fulfillments.add(swap(s, lm));
            }
        }
        ArrayNode items = out.putArray("items");
        for (Item i : m.items()) {
            items.add(item(i, m, fulfillments, now));
        }
        return out;
    }

    private static ObjectNode location(LocationMatch lm) {
        Site l = lm.location();
        ObjectNode out = JSON.objectNode();
        out.put("id", l.ref());
        ObjectNode d = out.putObject("descriptor");
        d.put("name", l.name() == null ? l.ref() : l.name());
        if (lm.distanceMetres() != null) {
            d.put("short_desc", distance(lm.distanceMetres()) + " away");
        }
        d.put("long_desc", l.openingHours() == null ? "Open 24 hours" : "Open " + l.openingHours());
        out.put("gps", l.gps());
        putIfPresent(out, "address", l.address());
        if (l.cityCode() != null) {
            out.putObject("city").put("code", l.cityCode());
        }
        putIfPresent(out, "area_code", l.areaCode());
        return out;
    }

    private static ObjectNode charging(Point c, LocationMatch lm) {
        ObjectNode f = JSON.objectNode();
        f.put("id", c.connectorRef());
        f.put("type", FulfillmentType.CHARGING.beckn());
        stopAt(f, lm.location());
        ObjectNode group = f.putArray("tags").addObject();
        group.putObject("descriptor").put("name", "Charging Point Specifications").put("code", "charging-point");
        ArrayNode list = group.putArray("list");
        tag(list, "Charger type", "charger-type", c.chargerType().name());
        tag(list, "Connector type", "connector-type", c.connectorType().name());
        tag(list, "Power Rating", "power-rating", power(c.powerKw()));
        tag(list, "Availability", "availability", c.availability().label());
        if (lm.distanceMetres() != null) {
            tag(list, "Distance", "distance", distance(lm.distanceMetres()));
        }
        group.put("display", true);
        return f;
    }

    private static ObjectNode swap(Point s, LocationMatch lm) {
        ObjectNode f = JSON.objectNode();
        f.put("id", s.evseRef());
        f.put("type", FulfillmentType.BATTERY_SWAP.beckn());
        stopAt(f, lm.location());
        ObjectNode group = f.putArray("tags").addObject();
        group.putObject("descriptor").put("name", "Battery Swap Station").put("code", "swap-station");
        ArrayNode list = group.putArray("list");
        tag(list, "Availability", "availability", s.availability().label());
        if (s.batteryType() != null) {
            tag(list, "Battery type", "battery-type", s.batteryType());
        }
        if (lm.distanceMetres() != null) {
            tag(list, "Distance", "distance", distance(lm.distanceMetres()));
        }
        group.put("display", true);
        return f;
    }

    private static void stopAt(ObjectNode fulfillment, Site l) {
        ObjectNode stop = fulfillment.putArray("stops").addObject();
        stop.put("type", "start");
        stop.putObject("location").put("id", l.ref()).put("gps", l.gps());
    }

    private static ObjectNode item(Item i, ProviderMatch m, ArrayNode fulfillments, Instant now) {
        ObjectNode out = JSON.objectNode();
        out.put("id", i.ref());
        ObjectNode d = out.putObject("descriptor").put("code", i.code());
        putIfPresent(d, "name", i.name());
        ObjectNode price = out.putObject("price");
        out.putObject("quantity").putObject("available").putObject("measure")
                .put("value", decimal(i.availableQuantity())).put("unit", i.unit().label());
        ArrayNode categoryIds = out.putArray("category_ids");
        i.categoryRefs().forEach(categoryIds::add);
        categoryIds.add(ENERGY_SOURCE_CATEGORY);
        Set<String> locationIds = new LinkedHashSet<>();
        Set<String> fulfillmentIds = new LinkedHashSet<>();
        Map<String, List<PriceList.Window>> schedules = new LinkedHashMap<>();
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        Prices priced = new Prices(i, m.prices(), now);
        Set<FulfillmentType> types = i.fulfillmentTypes();
        boolean mobile = false;
        for (LocationMatch lm : m.locations()) {
            if (!i.locationRefs().isEmpty() && !i.locationRefs().contains(lm.location().ref())) {
                continue;
            }
            boolean here = false;
            String where = lm.location().ref();
            if (types.contains(FulfillmentType.CHARGING)) {
                for (Point c : lm.connectors()) {
                    fulfillmentIds.add(c.connectorRef());
                    String charger = c.chargerType() == null ? null : c.chargerType().name();
                    prices.put(c.connectorRef(), priced.at(FulfillmentType.CHARGING, charger, where));
                    priced.schedule(FulfillmentType.CHARGING, charger, where)
                            .ifPresent(s -> schedules.put(c.connectorRef(), s));
                    here = true;
                }
            }
            if (types.contains(FulfillmentType.BATTERY_SWAP)) {
                for (Point s : lm.swapStations()) {
                    fulfillmentIds.add(s.evseRef());
                    prices.put(s.evseRef(), priced.at(FulfillmentType.BATTERY_SWAP, null, where));
                    priced.schedule(FulfillmentType.BATTERY_SWAP, null, where)
                            .ifPresent(w -> schedules.put(s.evseRef(), w));
                    here = true;
                }
            }
            if (types.contains(FulfillmentType.MOBILE_BATTERY_SWAP) && lm.mobileSwap()) {
                here = true;
                mobile = true;
            }
            if (here) {
                locationIds.add(lm.location().ref());
            }
        }
        if (mobile) {
            String id = i.ref() + "-mobile-swap";
            fulfillmentIds.add(id);
            prices.put(id, priced.at(FulfillmentType.MOBILE_BATTERY_SWAP, null, null));
            priced.schedule(FulfillmentType.MOBILE_BATTERY_SWAP, null, null).ifPresent(w -> schedules.put(id, w));
            ObjectNode f = fulfillments.addObject();
            f.put("id", id);
            f.put("type", FulfillmentType.MOBILE_BATTERY_SWAP.beckn());
            ObjectNode where = f.putArray("stops").addObject().putObject("location");
            if (i.trackingUrl() != null) {
                where.put("map_url", i.trackingUrl());
            } else {
                where.put("id", locationIds.isEmpty() ? "" : locationIds.iterator().next());
            }
        }
        ArrayNode loc = out.putArray("location_ids");
        locationIds.forEach(loc::add);
        ArrayNode ful = out.putArray("fulfillment_ids");
        fulfillmentIds.forEach(ful::add);
        prices(out, price, i, prices, schedules);
        if (!i.addOns().isEmpty()) {
            ArrayNode addOns = out.putArray("add_ons");
            // by ref, from a copy: the item is a snapshot shared by concurrent searches
            i.addOns().stream().sorted(java.util.Comparator.comparing(a -> a.ref())).forEach(a -> {
                ObjectNode ao = addOns.addObject();
                ao.put("id", a.ref());
                ao.putObject("descriptor").put("name", a.name());
                ao.putObject("price").put("value", decimal(a.price())).put("currency", i.currency());
            });
        }
        if (i.rating() != null) {
            out.put("rating", decimal(BigDecimal.valueOf(i.rating()).setScale(1, java.math.RoundingMode.HALF_UP)));
        }
        return out;
    }

    /** The item's unit price at each of its fulfillments: from the provider's price list, or the item's list price. */
    private record Prices(Item item, PriceList list, Instant now) {

        Prices {
            // a price list in another currency cannot price this item (a select refuses to quote it): its list price
            list = list != null && list.currency().equals(item.currency()) ? list : null;
        }

        BigDecimal at(FulfillmentType service, String chargerType, String locationRef) {
            return list == null ? item.price() : list.at(service, chargerType, locationRef, now).orElse(item.price());
        }

        /** The day's prices, when they change during it. */
        java.util.Optional<List<PriceList.Window>> schedule(FulfillmentType service, String chargerType,
                String locationRef) {
            List<PriceList.Window> day = list == null ? List.of() : list.day(service, chargerType, locationRef);
            return day.size() > 1 ? java.util.Optional.of(day) : java.util.Optional.empty();
        }
    }

    /**
     * {@code price} (the lowest unit price, with the range when they differ) and the tag groups {@code unit-prices}
     * (one entry per fulfillment id) and, for prices that change during the day, {@code unit-price-schedule}.
     */
    private static void prices(ObjectNode item, ObjectNode price, Item i, Map<String, BigDecimal> prices,
            Map<String, List<PriceList.Window>> schedules) {
        BigDecimal min = prices.values().stream().min(BigDecimal::compareTo).orElse(i.price());
        BigDecimal max = prices.values().stream().max(BigDecimal::compareTo).orElse(i.price());
        price.put("value", decimal(min)).put("currency", i.currency());
        if (min.compareTo(max) != 0) {
            price.put("minimum_value", decimal(min)).put("maximum_value", decimal(max));
        }
        if (prices.isEmpty()) {
            return;
        }
        String per = i.currency() + " per " + i.unit().label();
        ArrayNode tags = item.putArray("tags");
        ObjectNode group = tags.addObject();
        group.putObject("descriptor").put("code", "unit-prices").put("name",
                "Price (" + per + ") at each charger or station");
        ArrayNode list = group.putArray("list");
        prices.forEach((fulfillment, p) -> tag(list, fulfillment, fulfillment, decimal(p)));
        group.put("display", true);
        if (!schedules.isEmpty()) {
            ObjectNode schedule = tags.addObject();
            schedule.putObject("descriptor").put("code", "unit-price-schedule")
                    .put("name", "Price (" + per + ") through the day, from each local time given");
            ArrayNode days = schedule.putArray("list");
            schedules.forEach((fulfillment, windows) -> tag(days, fulfillment, fulfillment, windows.stream()
                    .map(w -> w.from() + " " + (w.price() == null ? decimal(i.price()) : decimal(w.price())))
                    .collect(java.util.stream.Collectors.joining("; "))));
            schedule.put("display", true);
        }
    }

    private static void putIfPresent(ObjectNode o, String field, String value) {
        if (value != null && !value.isBlank()) {
            o.put(field, value);
        }
    }

    static String power(double kw) {
        return (kw == Math.rint(kw) ? String.valueOf((long) kw) : String.format(Locale.ROOT, "%.1f", kw)) + "kW";
    }

    static String distance(double metres) {
        return metres < 1000 ? Math.round(metres) + " m" : String.format(Locale.ROOT, "%.1f km", metres / 1000);
    }
}
