package org.evcharging.bpp.catalog.application.search;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.catalog.domain.Availability;
import org.evcharging.bpp.catalog.domain.Category;
import org.evcharging.bpp.catalog.domain.ChargerType;
import org.evcharging.bpp.catalog.domain.ConnectorType;
import org.evcharging.bpp.catalog.domain.EnergySource;
import org.evcharging.bpp.catalog.domain.EvseKind;
import org.evcharging.bpp.catalog.domain.FulfillmentType;
import org.evcharging.bpp.catalog.domain.Geo;
import org.evcharging.bpp.catalog.domain.Item;
import org.evcharging.bpp.catalog.domain.PriceList;
import org.evcharging.bpp.catalog.domain.Provider;
import org.evcharging.bpp.catalog.infrastructure.offers.ProviderOffers;

/**
 * Finds the offers that match a search. Candidate locations come from one index-backed query (a bounding box on
 * (latitude, longitude) around the user, nearest first by an approximate distance, or, with no location, the best
 * rated providers first, in the intent's city when it names one); then, in batches, the exact distance, the EVSEs
 * and connectors and the items decide which locations match. The answer is capped: at most
 * {@code catalog.search.max-locations} locations (default 20) and {@code catalog.search.max-locations-per-provider}
 * per provider (default 10), nearest first.
 * Out-of-service connectors and swap stations are never offered.
 */
@ApplicationScoped
public class CatalogSearch {

    /** Candidates examined at most per search; beyond it, the farthest are not looked at. */
    static final int MAX_CANDIDATES = 2_000;
    private static final int BATCH = 50;

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    ProviderOffers offers;

    @Inject
    @ConfigProperty(name = "catalog.search.max-locations", defaultValue = "20")
    int maxLocations;

    @Inject
    @ConfigProperty(name = "catalog.search.max-locations-per-provider", defaultValue = "10")
    int maxPerProvider;

    /** A location that matched, with the fulfillments (connectors, swap stations) offered there. */
    public record LocationMatch(Site location, Double distanceMetres, List<Point> connectors, List<Point> swapStations,
            boolean mobileSwap) {
    }

    /**
     * A provider with what matched: its locations (nearest first), items and their categories, and its unit prices
     * (null: the items' list prices).
     */
    public record ProviderMatch(Provider provider, List<Category> categories, List<LocationMatch> locations,
            List<Item> items, PriceList prices) {
    }

    public List<ProviderMatch> search(SearchCriteria c) {
        List<Candidate> candidates = candidates(c);
        Map<String, ProviderOffers.Offers> offersOf = new HashMap<>();
        Map<String, List<LocationMatch>> matched = new LinkedHashMap<>();
        Map<String, Set<Item>> matchedItems = new HashMap<>();
        int total = 0;
        int from = 0;
        while (from < candidates.size() && total < maxLocations) {
            // The first batch is just what the answer can hold; later ones (when filters rejected some) are larger.
            int size = from == 0 ? maxLocations : BATCH;
            List<Candidate> batch = candidates.subList(from, Math.min(candidates.size(), from + size));
            from += batch.size();
            loadProviders(batch, offersOf);
            Map<Long, Site> sites = new HashMap<>();
            Map<Long, List<Point>> points = new HashMap<>();
            sitesAndPoints(batch, sites, points);
            for (Candidate cand : batch) {
                if (total >= maxLocations) {
                    break;
                }
                List<LocationMatch> forProvider = matched.computeIfAbsent(cand.providerId(), k -> new ArrayList<>());
                if (forProvider.size() >= maxPerProvider) {
                    continue;
                }
                Site l = sites.get(cand.locationId());
                ProviderOffers.Offers o = offersOf.get(cand.providerId());
                if (l == null || o == null) {
                    continue;
                }
                Provider p = o.provider();
                LocationMatch m = match(c, p, l, cand.distance(), points.getOrDefault(l.id(), List.of()),
                        o.items(), o.categories(),
                        matchedItems.computeIfAbsent(p.id(), k -> new java.util.LinkedHashSet<>()));
                if (m != null) {
                    forProvider.add(m);
                    total++;
                }
            }
        }
        List<ProviderMatch> result = new ArrayList<>();
        matched.forEach((providerId, locs) -> {
            if (!locs.isEmpty()) {
                ProviderOffers.Offers o = offersOf.get(providerId);
                result.add(
                        new ProviderMatch(o.provider(), o.categories(), locs, List.copyOf(matchedItems.get(providerId)),
                                o.prices()));
            }
        });
        return result;
    }

    /** Does this location offer something the search wants? Records the matching items in {@code itemsOut}. */
    private LocationMatch match(SearchCriteria c, Provider p, Site l, Double distance, List<Point> points,
            List<Item> items, List<Category> categories, Set<Item> itemsOut) {
        List<Point> connectors = new ArrayList<>();
        List<Point> swaps = new ArrayList<>();
        for (Point e : points) {
            if (e.availability() == Availability.OUT_OF_SERVICE) {
                continue;
            }
            if (e.kind() == EvseKind.SWAP_STATION) {
                if (c.batteryType() == null || c.batteryType().equalsIgnoreCase(e.batteryType())) {
                    swaps.add(e);
                }
            } else if ((c.chargerType() == null || e.chargerType() == c.chargerType())
                    && (c.minPowerKw() == null || e.powerKw() >= c.minPowerKw())
                    && (c.connectorType() == null || e.connectorType() == c.connectorType())) {
                connectors.add(e);
            }
        }
        boolean any = false;
        boolean offersCharging = false;
        boolean offersSwap = false;
        boolean offersMobile = false;
        for (Item i : items) {
            if (!offeredAt(i, l) || !wanted(c, p, i, categories)) {
                continue;
            }
            Set<FulfillmentType> types = i.fulfillmentTypes();
            boolean charging = types.contains(FulfillmentType.CHARGING) && !connectors.isEmpty()
                    && c.batteryType() == null
                    && (c.fulfillmentType() == null || c.fulfillmentType() == FulfillmentType.CHARGING);
            boolean swap = types.contains(FulfillmentType.BATTERY_SWAP) && !swaps.isEmpty() && !c.wantsCharging()
                    && (c.fulfillmentType() == null || c.fulfillmentType() == FulfillmentType.BATTERY_SWAP);
            // a mobile swap's battery type is not catalogued, so it cannot answer a battery-type search
            boolean mobile = types.contains(FulfillmentType.MOBILE_BATTERY_SWAP) && !c.wantsCharging()
                    && c.batteryType() == null
                    && (c.fulfillmentType() == null || c.fulfillmentType() == FulfillmentType.MOBILE_BATTERY_SWAP);
            if (charging || swap || mobile) {
                itemsOut.add(i);
                any = true;
                offersCharging |= charging;
                offersSwap |= swap;
                offersMobile |= mobile;
            }
        }
        if (!any) {
            return null;
        }
        return new LocationMatch(l, distance, offersCharging ? connectors : List.of(), offersSwap ? swaps : List.of(),
                offersMobile);
    }

    private static boolean offeredAt(Item i, Site l) {
        List<String> refs = i.locationRefs();
        return refs.isEmpty() || refs.contains(l.ref());
    }

    private static boolean wanted(SearchCriteria c, Provider p, Item i, List<Category> categories) {
        if (c.energyKwh() != null
                && (i.unit() != Item.Unit.KWH || i.availableQuantity().compareTo(c.energyKwh()) < 0)) {
            return false;
        }
        if (c.minItemRating() != null && (i.rating() == null || i.rating() < c.minItemRating())) {
            return false;
        }
        if (c.categoryCode() != null && EnergySource.fromCode(c.categoryCode()) == null) {
            List<String> refs = i.categoryRefs();
            boolean inCategory = categories.stream()
                    .anyMatch(cat -> refs.contains(cat.ref()) && cat.code().equalsIgnoreCase(c.categoryCode()));
            if (!inCategory) {
                return false;
            }
        }
        return true;
    }

    private void loadProviders(List<Candidate> batch, Map<String, ProviderOffers.Offers> offersOf) {
        List<String> missing = batch.stream().map(Candidate::providerId).filter(id -> !offersOf.containsKey(id))
                .distinct().toList();
        if (!missing.isEmpty()) {
            offersOf.putAll(offers.of(missing));
        }
    }

    /**
     * The batch's locations and what they offer, in one narrow query with no entities: one row per connector (a
     * charger's type and power, the connector's type and availability) or per swap station, the location's columns
     * repeated on each, ordered by location, EVSE and connector; a location with no EVSE comes as one row of its own.
     * Ids come from our own query, so they are inlined as numbers.
     */
    private void sitesAndPoints(List<Candidate> batch, Map<Long, Site> sites, Map<Long, List<Point>> points) {
        if (batch.isEmpty()) {
            return;
        }
        String ids = batch.stream().map(b -> Long.toString(b.locationId())).distinct()
                .collect(Collectors.joining(","));
        for (Object row : em
                .createNativeQuery("SELECT l.id, l.provider_id, l.ref, l.name, l.latitude, l.longitude, l.address,"
                        + " l.city_code, l.area_code, l.opening_hours, e.ref, e.kind, e.charger_type, e.power_kw,"
                        + " e.availability, c.ref, c.connector_type, c.availability, e.battery_type"
                        + " FROM location l LEFT JOIN evse e ON e.location_id = l.id"
                        + " LEFT JOIN connector c ON c.evse_id = e.id"
                        + " WHERE l.id IN (" + ids + ") ORDER BY l.id, e.ref, c.ref")
                .getResultList()) {
            Object[] r = (Object[]) row;
            long site = ((Number) r[0]).longValue();
            sites.computeIfAbsent(site, id -> new Site(id, (String) r[1], (String) r[2], (String) r[3],
                    ((Number) r[4]).doubleValue(), ((Number) r[5]).doubleValue(), (String) r[6], (String) r[7],
                    (String) r[8], (String) r[9]));
            if (r[11] == null) {
                continue; // a location without EVSEs offers nothing
            }
            EvseKind kind = EvseKind.valueOf((String) r[11]);
            if (kind == EvseKind.CHARGER && r[15] == null) {
                continue; // a charger without connectors offers nothing
            }
            Availability availability = kind == EvseKind.SWAP_STATION
                    ? (r[14] == null ? Availability.AVAILABLE : Availability.valueOf((String) r[14]))
                    : Availability.valueOf((String) r[17]);
            points.computeIfAbsent(site, k -> new ArrayList<>()).add(new Point(site, (String) r[10], kind,
                    r[12] == null ? null : ChargerType.valueOf((String) r[12]), ((Number) r[13]).doubleValue(),
                    availability, (String) r[15], r[16] == null ? null : ConnectorType.valueOf((String) r[16]),
                    (String) r[18]));
        }
    }

    record Candidate(long locationId, String providerId, Double distance) {
    }

    /**
     * The candidate locations, best first, from one query on the indexes: inside the bounding box of the circle
     * (then cut to the circle by the exact distance) or, with no location, by provider rating, in the city when the
     * intent names one (index ix_location_city; compared as the database collates, i.e. exactly under the
     * utf8mb4_bin the Helm chart and the local suite create). Provider-level criteria (id, name, minimum rating, kind
     * of energy source, active) are applied in the same query.
     */
    List<Candidate> candidates(SearchCriteria c) {
        boolean providerCriteria = c.providerId() != null || c.providerName() != null || c.minProviderRating() != null
                || (c.categoryCode() != null && EnergySource.fromCode(c.categoryCode()) != null);
        // With a location and nothing to ask of the provider, the covering index (latitude, longitude, provider_id)
        // answers alone; retired providers are dropped when the providers are loaded. Otherwise join, locations
        // first when there is a box (STRAIGHT_JOIN: MariaDB would rather scan the small provider table).
        StringBuilder sql = new StringBuilder("SELECT l.id, l.provider_id, l.latitude, l.longitude"
                + (c.hasLocation() ? "" : ", p.rating AS rating, l.ref AS ref,"
                        + " ROW_NUMBER() OVER (PARTITION BY l.provider_id ORDER BY l.ref) AS rn")
                + " FROM location l");
        if (providerCriteria || !c.hasLocation()) {
            sql.append(c.hasLocation() ? " STRAIGHT_JOIN" : " JOIN")
                    .append(" provider p ON p.id = l.provider_id WHERE p.status = 'ACTIVE'");
        } else {
            sql.append(" WHERE 1 = 1");
        }
        List<Object> params = new ArrayList<>();
        if (c.hasLocation()) {
            double[] box = Geo.boxDegrees(c.latitude(), c.radiusMetres());
            sql.append(" AND l.latitude BETWEEN ? AND ? AND l.longitude BETWEEN ? AND ?");
            params.add(c.latitude() - box[0]);
            params.add(c.latitude() + box[0]);
            params.add(c.longitude() - box[1]);
            params.add(c.longitude() + box[1]);
        }
        if (c.providerId() != null) {
            sql.append(" AND p.id = ?");
            params.add(c.providerId());
        }
        if (c.providerName() != null) {
            sql.append(" AND (p.name_lc LIKE ? OR LOWER(p.code) LIKE ?)");
            String like = "%" + c.providerName().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\")
                    .replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
        }
        if (c.minProviderRating() != null) {
            sql.append(" AND p.rating >= ?");
            params.add(c.minProviderRating());
        }
        if (c.cityCode() != null) {
            sql.append(" AND l.city_code = ?");
            params.add(c.cityCode());
        }
        EnergySource source = c.categoryCode() == null ? null : EnergySource.fromCode(c.categoryCode());
        if (source != null) {
            sql.append(" AND p.energy_source = ?");
            params.add(source.name());
        }
        if (c.hasLocation()) {
            double cos = Math.cos(Math.toRadians(c.latitude()));
            sql.append(" ORDER BY (l.latitude - ?) * (l.latitude - ?) + (l.longitude - ?) * (l.longitude - ?) * ?");
            params.add(c.latitude());
            params.add(c.latitude());
            params.add(c.longitude());
            params.add(c.longitude());
            params.add(cos * cos);
            sql.append(" LIMIT ").append(MAX_CANDIDATES);
        } else {
            // No location: best-rated providers first, and no provider may fill the candidate window by itself
            // (a few times its share of the answer, so that filters rejecting some of its stations leave enough).
            sql.insert(0, "SELECT id, provider_id, latitude, longitude FROM (").append(") x WHERE rn <= ")
                    .append(4L * maxPerProvider)
                    .append(" ORDER BY rating IS NULL, rating DESC, provider_id, ref LIMIT ").append(MAX_CANDIDATES);
        }
        var q = em.createNativeQuery(sql.toString());
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        List<Candidate> out = new ArrayList<>();
        for (Object row : q.getResultList()) {
            Object[] r = (Object[]) row;
            long id = ((Number) r[0]).longValue();
            String provider = (String) r[1];
            Double distance = null;
            if (c.hasLocation()) {
                distance = Geo.distanceMetres(c.latitude(), c.longitude(), ((Number) r[2]).doubleValue(),
                        ((Number) r[3]).doubleValue());
                if (distance > c.radiusMetres()) {
                    continue;
                }
            }
            out.add(new Candidate(id, provider, distance));
        }
        if (c.hasLocation()) {
            out.sort(Comparator.comparingDouble(Candidate::distance));
        }
        return out;
    }

}
