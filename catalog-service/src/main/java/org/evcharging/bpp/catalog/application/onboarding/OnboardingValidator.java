package org.evcharging.bpp.catalog.application.onboarding;

import static org.evcharging.bpp.catalog.application.onboarding.OnboardingMapper.orEmpty;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.evcharging.bpp.catalog.application.onboarding.Specs.AddOnSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.CategorySpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ConnectorSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.EvseSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ItemSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.LocationSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.Network;
import org.evcharging.bpp.catalog.domain.Geo;
import org.evcharging.bpp.core.rest.Problem.FieldError;
import org.evcharging.bpp.core.rest.ProblemException;

/**
 * The onboarding rules that span fields, after Bean Validation has checked each field: ids unique within a provider,
 * items referring to existing categories and locations, a charger having a charger type and connectors. Every
 * failure is a 400 problem naming the field at fault. Pure: what the database holds (the ids taken elsewhere in the
 * provider) is passed in by the service that asks.
 */
public final class OnboardingValidator {

    /** The fulfillment id of an item's mobile battery swap is the item id with this suffix. */
    static final String MOBILE_SWAP_SUFFIX = "-mobile-swap";

    private OnboardingValidator() {
    }

    /** The provider named in the body is the one in the path; {@code field} is where the body names it. */
    public static void sameProvider(String id, String bodyId, String field) {
        if (!id.equals(bodyId)) {
            throw new ProblemException(400, "the path and the body name different providers", field,
                    "must be '" + id + "' as in the path");
        }
    }

    /** The category, location or item named in the body is the one in the path. */
    public static void samePathAndBody(String ref, String bodyId) {
        if (!ref.equals(bodyId)) {
            throw new ProblemException(400, "the path and the body name different ids", "id",
                    "must be '" + ref + "' as in the path");
        }
    }

    /** A whole network: ids unique, items referring to its categories and locations, chargers with connectors. */
    public static void network(String id, Network network) {
        sameProvider(id, network.provider().id(), "provider.id");
        List<CategorySpec> categories = orEmpty(network.categories());
        List<LocationSpec> locations = orEmpty(network.locations());
        List<ItemSpec> items = orEmpty(network.items());
        List<FieldError> errors = new ArrayList<>();
        unique(categories, CategorySpec::id, "categories", errors);
        unique(locations, LocationSpec::id, "locations", errors);
        unique(items, ItemSpec::id, "items", errors);
        checkEquipment(locations, "locations", Set.of(), Set.of(), errors);
        Set<String> categoryIds = categories.stream().map(CategorySpec::id).collect(Collectors.toSet());
        Set<String> locationIds = locations.stream().map(LocationSpec::id).collect(Collectors.toSet());
        for (int i = 0; i < items.size(); i++) {
            checkItem(items.get(i), "items[" + i + "]", categoryIds, locationIds, errors);
        }
        fail(errors);
    }

    /**
     * One location: its EVSE and connector ids unique in the provider, whose other locations use {@code takenEvses}
     * and {@code takenConnectors} (swap stations are fulfillments too, so their ids are among the connectors').
     */
    public static void location(LocationSpec spec, Set<String> takenEvses, Set<String> takenConnectors) {
        List<FieldError> errors = new ArrayList<>();
        checkEquipment(List.of(spec), "", takenEvses, takenConnectors, errors);
        fail(errors);
    }

    /** One item: its categories and locations among the provider's, its fulfillment types fit its unit. */
    public static void item(ItemSpec spec, Set<String> categoryIds, Set<String> locationIds) {
        List<FieldError> errors = new ArrayList<>();
        checkItem(spec, "", categoryIds, locationIds, errors);
        fail(errors);
    }

    private static void checkEquipment(List<LocationSpec> locations, String prefix, Set<String> takenEvses,
            Set<String> takenConnectors, List<FieldError> errors) {
        Set<String> evses = new HashSet<>(takenEvses);
        Set<String> connectors = new HashSet<>(takenConnectors);
        for (int li = 0; li < locations.size(); li++) {
            LocationSpec l = locations.get(li);
            String lp = prefix.isEmpty() ? "" : prefix + "[" + li + "].";
            if (Geo.parse(l.gps()) == null) {
                errors.add(new FieldError(lp + "gps", "must be latitude,longitude within [-90,90] and [-180,180]"));
            }
            List<EvseSpec> list = orEmpty(l.evses());
            for (int ei = 0; ei < list.size(); ei++) {
                EvseSpec e = list.get(ei);
                String ep = lp + "evses[" + ei + "].";
                if (!evses.add(e.id())) {
                    errors.add(new FieldError(ep + "id", "'" + e.id() + "' is used by another EVSE of this provider"));
                }
                boolean swap = "SWAP_STATION".equals(e.kind());
                // A swap station is published as a fulfillment with its own id, as connectors are: one id space.
                if (swap && !connectors.add(e.id())) {
                    errors.add(new FieldError(ep + "id", "'" + e.id()
                            + "' is already a fulfillment id (a connector or swap station) of this provider"));
                }
                if (e.id().endsWith(MOBILE_SWAP_SUFFIX)) {
                    errors.add(new FieldError(ep + "id", "ids ending in " + MOBILE_SWAP_SUFFIX + " are reserved"));
                }
                List<ConnectorSpec> cs = orEmpty(e.connectors());
                if (!swap && e.chargerType() == null) {
                    errors.add(new FieldError(ep + "chargerType", "a charger needs a charger type (AC or DC)"));
                }
                if (!swap && cs.isEmpty()) {
                    errors.add(new FieldError(ep + "connectors", "a charger needs at least one connector"));
                }
                if (swap && !cs.isEmpty()) {
                    errors.add(new FieldError(ep + "connectors", "a swap station has no connectors"));
                }
                for (int ci = 0; ci < cs.size(); ci++) {
                    if (cs.get(ci).id().endsWith(MOBILE_SWAP_SUFFIX)) {
                        errors.add(new FieldError(ep + "connectors[" + ci + "].id",
                                "ids ending in " + MOBILE_SWAP_SUFFIX + " are reserved"));
                    }
                    if (!connectors.add(cs.get(ci).id())) {
                        errors.add(new FieldError(ep + "connectors[" + ci + "].id",
                                "'" + cs.get(ci).id() + "' is used by another connector of this provider"));
                    }
                }
            }
        }
    }

    private static void checkItem(ItemSpec item, String prefix, Set<String> categoryIds, Set<String> locationIds,
            List<FieldError> errors) {
        String p = prefix.isEmpty() ? "" : prefix + ".";
        List<String> cats = orEmpty(item.categoryIds());
        for (int i = 0; i < cats.size(); i++) {
            if (!categoryIds.contains(cats.get(i))) {
                errors.add(new FieldError(p + "categoryIds[" + i + "]",
                        "no category '" + cats.get(i) + "' in this provider"));
            }
        }
        List<String> locs = orEmpty(item.locationIds());
        for (int i = 0; i < locs.size(); i++) {
            if (!locationIds.contains(locs.get(i))) {
                errors.add(new FieldError(p + "locationIds[" + i + "]",
                        "no location '" + locs.get(i) + "' in this provider"));
            }
        }
        boolean kwh = "KWH".equals(item.unit());
        for (int i = 0; i < item.fulfillmentTypes().size(); i++) {
            String t = item.fulfillmentTypes().get(i);
            if (t != null && kwh != "CHARGING".equals(t)) {
                errors.add(new FieldError(p + "fulfillmentTypes[" + i + "]", kwh
                        ? "energy sold per kWh is delivered by CHARGING"
                        : "battery swaps are delivered by BATTERY_SWAP or MOBILE_BATTERY_SWAP"));
            }
        }
        unique(orEmpty(item.addOns()), AddOnSpec::id, p + "addOns", errors);
    }

    private static <T> void unique(List<T> list, Function<T, String> id, String path, List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (!seen.add(id.apply(list.get(i)))) {
                errors.add(new FieldError(path + "[" + i + "].id", "'" + id.apply(list.get(i)) + "' appears twice"));
            }
        }
    }

    private static void fail(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(400, errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " fields are invalid", errors);
        }
    }
}
