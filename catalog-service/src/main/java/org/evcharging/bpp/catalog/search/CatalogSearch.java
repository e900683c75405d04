package org.evcharging.bpp.catalog.search;

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
import org.evcharging.bpp.catalog.domain.Connector;
import org.evcharging.bpp.catalog.domain.EnergySource;
import org.evcharging.bpp.catalog.domain.Evse;
import org.evcharging.bpp.catalog.domain.EvseKind;
import org.evcharging.bpp.catalog.domain.FulfillmentType;
import org.evcharging.bpp.catalog.domain.Geo;
import org.evcharging.bpp.catalog.domain.Item;
import org.evcharging.bpp.catalog.domain.Location;
import org.evcharging.bpp.catalog.domain.Provider;
import org.evcharging.bpp.catalog.domain.Status;

/**
 * Finds the offers that match a search. Candidate locations come from one index-backed query (a bounding box on
 * (latitude, longitude) around the user, nearest first by an approximate distance, or, with no location, the best
 * rated providers first); then, in batches, the exact distance, the EVSEs and connectors and the items decide
 * which locations match. The answer is capped: at most {@code catalog.search.max-locations} locations (default
 * 25) and {@code catalog.search.max-locations-per-provider} per provider (default 10), nearest first.
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
    @ConfigProperty(name = "catalog.search.max-locations", defaultValue = "25")
    int maxLocations;

    @Inject
    @ConfigProperty(name = "catalog.search.max-locations-per-provider", defaultValue = "10")
    int maxPerProvider;

    /** A location that matched, with the fulfillments (connectors, swap stations) offered there. */
    public record LocationMatch(Location location, Double distanceMetres, List<Connector> connectors, List<Evse> swapStations,
                                boolean mobileSwap) {
    }

    /** A provider with what matched: its locations (nearest first), items and their categories. */
    public record ProviderMatch(Provider provider, List<Category> categories, List<LocationMatch> locations,
                                List<Item> items) {
    }

    public List<ProviderMatch> search(SearchCriteria c) {
        List<Candidate> candidates = candidates(c);
        Map<String, Provider> providers = new HashMap<>();
        Map<String, List<Item>> itemsByProvider = new HashMap<>();
        Map<String, List<Category>> categoriesByProvider = new HashMap<>();
        Map<String, List<LocationMatch>> matched = new LinkedHashMap<>();
        Map<String, Set<Item>> matchedItems = new HashMap<>();
        int total = 0;
        for (int from = 0; from < candidates.size() && total < maxLocations; from += BATCH) {
            List<Candidate> batch = candidates.subList(from, Math.min(candidates.size(), from + BATCH));
            loadProviders(batch, providers, itemsByProvider, categoriesByProvider);
            Map<Long, Location> locations = em.createQuery("SELECT l FROM Location l WHERE l.id IN :ids", Location.class)
                    .setParameter("ids", batch.stream().map(Candidate::locationId).toList()).getResultList().stream()
                    .collect(Collectors.toMap(Location::id, l -> l));
            Map<Long, List<Evse>> evses = em.createQuery(
                            "SELECT DISTINCT e FROM Evse e LEFT JOIN FETCH e.connectors WHERE e.location.id IN :ids ORDER BY e.ref", Evse.class)
                    .setParameter("ids", locations.keySet()).getResultList().stream()
                    .collect(Collectors.groupingBy(e -> e.location().id()));
            for (Candidate cand : batch) {
                if (total >= maxLocations) {
                    break;
                }
                List<LocationMatch> forProvider = matched.computeIfAbsent(cand.providerId(), k -> new ArrayList<>());
                if (forProvider.size() >= maxPerProvider) {
                    continue;
                }
                Location l = locations.get(cand.locationId());
                Provider p = providers.get(cand.providerId());
                if (l == null || p == null) {
                    continue;
                }
                LocationMatch m = match(c, p, l, cand.distance(), evses.getOrDefault(l.id(), List.of()),
                        itemsByProvider.get(p.id()), categoriesByProvider.get(p.id()), matchedItems.computeIfAbsent(p.id(), k -> new java.util.LinkedHashSet<>()));
                if (m != null) {
                    forProvider.add(m);
                    total++;
                }
            }
        }
        List<ProviderMatch> result = new ArrayList<>();
        matched.forEach((providerId, locs) -> {
            if (!locs.isEmpty()) {
                result.add(new ProviderMatch(providers.get(providerId), categoriesByProvider.get(providerId), locs,
                        List.copyOf(matchedItems.get(providerId))));
            }
        });
        return result;
    }

    /** Does this location offer something the search wants? Records the matching items in {@code itemsOut}. */
    private LocationMatch match(SearchCriteria c, Provider p, Location l, Double distance, List<Evse> evses,
                                List<Item> items, List<Category> categories, Set<Item> itemsOut) {
        List<Connector> connectors = new ArrayList<>();
        List<Evse> swaps = new ArrayList<>();
        for (Evse e : evses) {
            if (e.kind() == EvseKind.SWAP_STATION) {
                if (e.availability() != Availability.OUT_OF_SERVICE) {
                    swaps.add(e);
                }
                continue;
            }
            if (c.chargerType() != null && e.chargerType() != c.chargerType()) {
                continue;
            }
            if (c.minPowerKw() != null && e.powerKw() < c.minPowerKw()) {
                continue;
            }
            for (Connector k : e.connectors()) {
                if (k.availability() != Availability.OUT_OF_SERVICE && (c.connectorType() == null || k.type() == c.connectorType())) {
                    connectors.add(k);
                }
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
                    && (c.fulfillmentType() == null || c.fulfillmentType() == FulfillmentType.CHARGING);
            boolean swap = types.contains(FulfillmentType.BATTERY_SWAP) && !swaps.isEmpty() && !c.wantsCharging()
                    && (c.fulfillmentType() == null || c.fulfillmentType() == FulfillmentType.BATTERY_SWAP);
            boolean mobile = types.contains(FulfillmentType.MOBILE_BATTERY_SWAP) && !c.wantsCharging()
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

    private static boolean offeredAt(Item i, Location l) {
        List<String> refs = i.locationRefs();
        return refs.isEmpty() || refs.contains(l.ref());
    }

    private static boolean wanted(SearchCriteria c, Provider p, Item i, List<Category> categories) {
        if (c.energyKwh() != null && (i.unit() != Item.Unit.KWH || i.availableQuantity().compareTo(c.energyKwh()) < 0)) {
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

    private void loadProviders(List<Candidate> batch, Map<String, Provider> providers, Map<String, List<Item>> items,
                               Map<String, List<Category>> categories) {
        List<String> missing = batch.stream().map(Candidate::providerId).filter(id -> !providers.containsKey(id)).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        em.createQuery("SELECT p FROM Provider p WHERE p.id IN :ids", Provider.class).setParameter("ids", missing)
                .getResultList().forEach(p -> providers.put(p.id(), p));
        Map<String, List<Item>> found = em.createQuery(
                        "SELECT DISTINCT i FROM Item i LEFT JOIN FETCH i.addOns WHERE i.providerId IN :ids AND i.status = :s", Item.class)
                .setParameter("ids", missing).setParameter("s", Status.ACTIVE).getResultList().stream()
                .sorted(Comparator.comparing(Item::ref))
                .collect(Collectors.groupingBy(Item::providerId));
        Map<String, List<Category>> cats = em.createQuery(
                        "SELECT c FROM Category c WHERE c.providerId IN :ids ORDER BY c.ref", Category.class)
                .setParameter("ids", missing).getResultList().stream().collect(Collectors.groupingBy(Category::providerId));
        for (String id : missing) {
            items.put(id, found.getOrDefault(id, List.of()));
            categories.put(id, cats.getOrDefault(id, List.of()));
        }
    }

    record Candidate(long locationId, String providerId, Double distance) {
    }

    /**
     * The candidate locations, best first, from one query on the indexes: inside the bounding box of the circle
     * (then cut to the circle by the exact distance) or, with no location, by provider rating. Provider-level
     * criteria (id, name, minimum rating, kind of energy source, active) are applied in the same query.
     */
    List<Candidate> candidates(SearchCriteria c) {
        StringBuilder sql = new StringBuilder(
                "SELECT l.id, l.provider_id, l.latitude, l.longitude FROM location l JOIN provider p ON p.id = l.provider_id"
                        + " WHERE p.status = 'ACTIVE'");
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
        } else {
            sql.append(" ORDER BY p.rating IS NULL, p.rating DESC, p.id, l.ref");
        }
        sql.append(" LIMIT ").append(MAX_CANDIDATES);
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
                distance = Geo.distanceMetres(c.latitude(), c.longitude(), ((Number) r[2]).doubleValue(), ((Number) r[3]).doubleValue());
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
