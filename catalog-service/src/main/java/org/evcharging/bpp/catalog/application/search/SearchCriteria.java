package org.evcharging.bpp.catalog.application.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Locale;
import org.evcharging.bpp.catalog.domain.ChargerType;
import org.evcharging.bpp.catalog.domain.ConnectorType;
import org.evcharging.bpp.catalog.domain.FulfillmentType;
import org.evcharging.bpp.catalog.domain.Geo;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;

/**
 * What a {@code search} intent asks for, read from both shapes in use: the workflow document's and core 1.1.0's.
 * Every field is optional; together they narrow the catalog. {@code docs/search-intent.md} lists every path read and
 * every path ignored.
 *
 * <table>
 * <tr><th>criterion</th><th>where in {@code message.intent}</th></tr>
 * <tr><td>near a point</td><td>{@code location.gps} + {@code location.radius} (document; or its
 *     {@code location.circle.gps/radius}), or
 *     {@code fulfillment.stops[*].location.circle.gps/radius} or {@code .location.gps} (core). Radius
 *     {@code value} with {@code unit} km (default) or m; default radius 5 km, at most 100 km.</td></tr>
 * <tr><td>in a city</td><td>{@code location.city.code} (document), or the first
 *     {@code fulfillment.stops[*].location.city.code} (core), e.g. {@code std:080}: only locations onboarded with
 *     exactly that city code. Used only when no gps is given (a circle is the more precise "where", and a location
 *     onboarded without a city code must not vanish from a search near it); {@code *} means every city.</td></tr>
 * <tr><td>energy needed (kWh)</td><td>the first of {@code item.quantity.required}, {@code item.quantity.selected},
 *     {@code item.quantity.available} (the last as other organisations' published DENT examples put it) that gives
 *     a number (the later ones are then neither read nor checked): its {@code measure.value} when it has a
 *     {@code measure}, else its {@code value}, or the quantity itself when it is a bare string or number; never
 *     negative. Its unit is not read: the number is taken as kWh. A {@code count} alone is a number of swaps or
 *     units, not energy: it filters nothing.</td></tr>
 * <tr><td>provider</td><td>{@code provider.id} (exact), {@code provider.descriptor.name} or {@code .code}
 *     (case-insensitive, partial)</td></tr>
 * <tr><td>minimum rating</td><td>{@code provider.rating} (provider's aggregate) and/or {@code item.rating}
 *     (item's aggregate), a number 0..5 (as a string at the door: core's {@code Rating.value} is one): only rated
 *     offers at or above it; an operator such as {@code gte 4} is refused</td></tr>
 * <tr><td>category</td><td>{@code category.descriptor.code} or {@code item.category.descriptor.code}: a
 *     provider category such as {@code green-tariff}, or a kind of energy source ({@code ev-charging-network},
 *     {@code solar-farm}, {@code home-charger}, {@code battery-swap-provider})</td></tr>
 * <tr><td>fulfillment type</td><td>{@code fulfillment.type}: CHARGING, BATTERY-SWAP, MOBILE-BATTERY-SWAP</td></tr>
 * <tr><td>charger, connector, power</td><td>{@code fulfillment.tags[*].list[*]} with descriptor code
 *     {@code charger-type} (AC/DC), {@code connector-type} (CCS2, Type2, CHAdeMO, GB_T, Type1),
 *     {@code power-rating} (minimum kW, e.g. {@code 50} or {@code 50kW}); for swaps {@code battery-type}</td></tr>
 * </table>
 *
 * {@code cityCode} is null whenever {@code latitude} is not: the two never narrow one search together.
 */
public record SearchCriteria(Double latitude, Double longitude, double radiusMetres, String cityCode,
        BigDecimal energyKwh, String providerId, String providerName, Double minProviderRating, Double minItemRating,
        String categoryCode, FulfillmentType fulfillmentType, ChargerType chargerType,
        ConnectorType connectorType, Double minPowerKw, String batteryType) {

    public static final double DEFAULT_RADIUS_M = 5_000;
    public static final double MAX_RADIUS_M = 100_000;

    public boolean hasLocation() {
        return latitude != null;
    }

    public boolean wantsCharging() {
        return chargerType != null || connectorType != null || minPowerKw != null;
    }

    /** Reads the intent; a value that cannot mean anything is a {@link BecknException} naming its path. */
    public static SearchCriteria from(JsonNode message) {
        JsonNode intent = message.path("intent");
        Double lat = null;
        Double lon = null;
        double radius = DEFAULT_RADIUS_M;
        String path = null;
        JsonNode where = null;
        JsonNode documentShape = intent.path("location");
        if (documentShape.isObject()
                && (documentShape.has("gps") || documentShape.has("circle") || documentShape.has("radius"))) {
            where = documentShape;
            path = "$.message.intent.location";
        } else {
            JsonNode stops = intent.path("fulfillment").path("stops");
            for (int i = 0; i < stops.size(); i++) {
                if (stops.get(i).path("location").isObject()) {
                    where = stops.get(i).path("location");
                    path = "$.message.intent.fulfillment.stops[" + i + "].location";
                    break;
                }
            }
        }
        if (where != null) {
            JsonNode circle = where.path("circle");
            String gpsPath = circle.has("gps") ? path + ".circle.gps" : path + ".gps";
            JsonNode gps = circle.has("gps") ? circle.get("gps") : where.get("gps");
            JsonNode r = circle.has("radius") ? circle.get("radius") : where.get("radius");
            String radiusPath = circle.has("radius") ? path + ".circle.radius" : path + ".radius";
            if (gps != null) {
                double[] at = Geo.parse(gps.asText());
                if (at == null || !gps.isTextual()) {
                    throw new BecknException(ErrorCode.INVALID_REQUEST, gpsPath,
                            "gps must be \"latitude,longitude\" with latitude in [-90, 90] and longitude in [-180, 180]");
                }
                lat = at[0];
                lon = at[1];
                if (r != null && !r.isNull()) {
                    radius = radiusMetres(r, radiusPath);
                }
            } else if (r != null) {
                throw new BecknException(ErrorCode.INVALID_REQUEST, gpsPath,
                        "a radius needs a gps to be measured from");
            }
        }
        String city = city(intent);
        if (lat != null) {
            city = null; // the circle decides where
        }
        JsonNode item = intent.path("item");
        BigDecimal energy = null;
        for (String field : new String[] {"required", "selected", "available"}) {
            energy = quantity(item.path("quantity").path(field), "$.message.intent.item.quantity." + field);
            if (energy != null) {
                break;
            }
        }
        JsonNode provider = intent.path("provider");
        String providerName = text(provider.path("descriptor").path("name"));
        if (providerName == null) {
            providerName = text(provider.path("descriptor").path("code"));
        }
        Double minProviderRating = rating(provider.path("rating"), "$.message.intent.provider.rating");
        Double minItemRating = rating(item.path("rating"), "$.message.intent.item.rating");
        String category = text(intent.path("category").path("descriptor").path("code"));
        if (category == null) {
            category = text(item.path("category").path("descriptor").path("code"));
        }
        JsonNode fulfillment = intent.path("fulfillment");
        FulfillmentType type = null;
        String typeText = text(fulfillment.path("type"));
        if (typeText != null) {
            type = FulfillmentType.fromBeckn(typeText);
            if (type == null) {
                throw new BecknException(ErrorCode.INVALID_REQUEST, "$.message.intent.fulfillment.type",
                        "fulfillment type must be CHARGING, BATTERY-SWAP or MOBILE-BATTERY-SWAP");
            }
        }
        ChargerType chargerType = null;
        ConnectorType connectorType = null;
        Double minPower = null;
        String batteryType = null;
        JsonNode groups = fulfillment.path("tags");
        for (int g = 0; g < groups.size(); g++) {
            JsonNode list = groups.get(g).path("list");
            for (int t = 0; t < list.size(); t++) {
                JsonNode tag = list.get(t);
                String code = text(tag.path("descriptor").path("code"));
                String value = text(tag.path("value"));
                String tagPath = "$.message.intent.fulfillment.tags[" + g + "].list[" + t + "].value";
                if (code == null || value == null) {
                    continue;
                }
                switch (code.toLowerCase(Locale.ROOT)) {
                    case "charger-type" -> {
                        try {
                            chargerType = ChargerType.valueOf(value.trim().toUpperCase(Locale.ROOT));
                        } catch (IllegalArgumentException e) {
                            throw new BecknException(ErrorCode.INVALID_REQUEST, tagPath,
                                    "charger-type must be AC or DC");
                        }
                    }
                    case "connector-type" -> {
                        connectorType = ConnectorType.parse(value.trim());
                        if (connectorType == null) {
                            throw new BecknException(ErrorCode.INVALID_REQUEST, tagPath,
                                    "connector-type must be one of CCS2, Type2, CHAdeMO, GB_T, Type1");
                        }
                    }
                    case "battery-type" -> batteryType = value.trim();
                    case "power-rating" -> {
                        try {
                            minPower = Double
                                    .parseDouble(value.trim().toLowerCase(Locale.ROOT).replace("kw", "").trim());
                        } catch (NumberFormatException e) {
                            throw new BecknException(ErrorCode.INVALID_REQUEST, tagPath,
                                    "power-rating is a minimum in kW, e.g. 50 or 50kW");
                        }
                        if (!Double.isFinite(minPower) || minPower < 0) {
                            throw new BecknException(ErrorCode.INVALID_REQUEST, tagPath,
                                    "power-rating cannot be negative");
                        }
                    }
                    default -> {
                        // other tags are not search criteria
                    }
                }
            }
        }
        return new SearchCriteria(lat, lon, radius, city, energy, text(provider.path("id")), providerName,
                minProviderRating, minItemRating, category, type, chargerType, connectorType, minPower, batteryType);
    }

    /**
     * The city code of {@code location.city.code}, else of the first stop that has one; null when none is given, it
     * is blank or it is {@code *} (every city).
     */
    private static String city(JsonNode intent) {
        JsonNode code = intent.path("location").path("city").path("code");
        String path = "$.message.intent.location.city.code";
        JsonNode stops = intent.path("fulfillment").path("stops");
        for (int i = 0; (code.isMissingNode() || code.isNull()) && i < stops.size(); i++) {
            code = stops.get(i).path("location").path("city").path("code");
            path = "$.message.intent.fulfillment.stops[" + i + "].location.city.code";
        }
        if (code.isMissingNode() || code.isNull()) {
            return null;
        }
        if (!code.isTextual()) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, path, "a city code is a string, e.g. \"std:080\"");
        }
        String c = code.asText().trim();
        return c.isEmpty() || c.equals("*") ? null : c;
    }

    private static double radiusMetres(JsonNode r, String path) {
        String value = r.isObject() ? text(r.path("value")) : text(r);
        String unit = r.isObject() ? text(r.path("unit")) : null;
        double v;
        try {
            v = Double.parseDouble(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, path + ".value", "radius must be a number");
        }
        if (!Double.isFinite(v) || v < 0) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, path + ".value", "radius cannot be negative");
        }
        double metres;
        String u = unit == null ? "km" : unit.trim().toLowerCase(Locale.ROOT);
        switch (u) {
            case "km", "kms", "kilometer", "kilometre", "kilometers", "kilometres" -> metres = v * 1000;
            case "m", "meter", "metre", "meters", "metres" -> metres = v;
            default ->
                throw new BecknException(ErrorCode.INVALID_REQUEST, path + ".unit", "radius unit must be km or m");
        }
        return Math.min(metres, MAX_RADIUS_M);
    }

    private static BigDecimal quantity(JsonNode q, String path) {
        if (q.isMissingNode() || q.isNull()) {
            return null;
        }
        // Energy is a measure (kWh); a bare count is a number of swaps or units, not energy, and filters nothing here.
        String value = q.isObject()
                ? (q.has("measure") ? text(q.path("measure").path("value")) : text(q.path("value")))
                : text(q);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(value.trim());
            if (d.signum() < 0) {
                throw new BecknException(ErrorCode.INVALID_REQUEST, path, "quantity cannot be negative");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, path, "quantity must be a number of kWh");
        }
    }

    private static Double rating(JsonNode r, String path) {
        String value = text(r);
        if (value == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.trim());
            if (!Double.isFinite(d) || d < 0 || d > 5) {
                throw new BecknException(ErrorCode.INVALID_REQUEST, path, "a minimum rating is between 0 and 5");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, path, "a minimum rating is a number between 0 and 5");
        }
    }

    private static String text(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull() || n.isContainerNode()) {
            return null;
        }
        String s = n.asText();
        return s.isBlank() ? null : s;
    }
}
