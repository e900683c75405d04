package org.evcharging.bpp.catalog.application.onboarding;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.evcharging.bpp.catalog.application.onboarding.Specs.AddOnSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.CategorySpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ConnectorSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.EvseSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ItemSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.LocationSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ProviderSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.Support;
import org.evcharging.bpp.catalog.domain.AddOn;
import org.evcharging.bpp.catalog.domain.Availability;
import org.evcharging.bpp.catalog.domain.Category;
import org.evcharging.bpp.catalog.domain.ChargerType;
import org.evcharging.bpp.catalog.domain.Connector;
import org.evcharging.bpp.catalog.domain.ConnectorType;
import org.evcharging.bpp.catalog.domain.EnergySource;
import org.evcharging.bpp.catalog.domain.Evse;
import org.evcharging.bpp.catalog.domain.EvseKind;
import org.evcharging.bpp.catalog.domain.FulfillmentType;
import org.evcharging.bpp.catalog.domain.Geo;
import org.evcharging.bpp.catalog.domain.Item;
import org.evcharging.bpp.catalog.domain.Location;
import org.evcharging.bpp.catalog.domain.Provider;

/**
 * Onboarding documents to entities and back. What a partner PUTs is what it GETs, so each {@code view} is the
 * inverse of the write beside it, plus the read-only fields the platform fills (rating, status).
 */
public final class OnboardingMapper {

    private OnboardingMapper() {
    }

    /** Writes a provider's description and support contacts; its id, rating and status are not the spec's to set. */
    public static void apply(Provider p, ProviderSpec s) {
        p.describe(s.code(), s.name(), s.shortDesc(), s.longDesc(), String.join("\n", orEmpty(s.images())),
                EnergySource.valueOf(s.energySource()));
        Support support = s.support();
        p.support(support == null ? null : support.phone(), support == null ? null : support.email(),
                support == null ? null : support.url());
    }

    public static Category newCategory(String providerId, CategorySpec s) {
        return new Category(providerId, s.id(), s.code(), s.name());
    }

    /**
     * A location with its EVSEs and connectors. An availability the spec leaves out is taken from {@code previous}
     * (by connector or swap station ref), so a live OUT_OF_SERVICE survives a re-onboarding.
     */
    public static Location newLocation(String providerId, LocationSpec s, Map<String, Availability> previous) {
        Location l = new Location(providerId, s.id());
        double[] at = Geo.parse(s.gps());
        l.place(s.name(), at[0], at[1], s.address(), s.cityCode(), s.areaCode());
        l.open(s.openingHours());
        for (EvseSpec es : orEmpty(s.evses())) {
            Evse e = new Evse(l, es.id());
            EvseKind kind = es.kind() == null ? EvseKind.CHARGER : EvseKind.valueOf(es.kind());
            e.specify(kind, es.chargerType() == null ? null : ChargerType.valueOf(es.chargerType()), es.powerKw(),
                    es.availability() != null ? Availability.valueOf(es.availability()) : previous.get(es.id()));
            e.swaps(es.batteryType());
            for (ConnectorSpec cs : orEmpty(es.connectors())) {
                Connector c = new Connector(e, cs.id());
                c.specify(ConnectorType.valueOf(cs.type()));
                // absent: what it was (a live OUT_OF_SERVICE survives a rename), else AVAILABLE
                c.setAvailability(cs.availability() != null ? Availability.valueOf(cs.availability())
                        : previous.getOrDefault(cs.id(), Availability.AVAILABLE));
                e.connectors().add(c);
            }
            l.evses().add(e);
        }
        return l;
    }

    /** An item with its add-ons; a fulfillment type given twice is kept once. */
    public static Item newItem(String providerId, ItemSpec s) {
        Item i = new Item(providerId, s.id());
        i.describe(s.code(), s.name(), Item.Unit.valueOf(s.unit()), s.price(), s.currency(), s.availableQuantity(),
                orEmpty(s.categoryIds()), orEmpty(s.locationIds()),
                s.fulfillmentTypes().stream().map(FulfillmentType::valueOf).distinct().toList(), s.trackingUrl());
        for (AddOnSpec a : orEmpty(s.addOns())) {
            i.addOns().add(new AddOn(i, a.id(), a.name(), a.price()));
        }
        return i;
    }

    public static ProviderSpec view(Provider p) {
        List<String> images = p.images() == null || p.images().isBlank() ? List.of() : List.of(p.images().split("\n"));
        Support support = p.supportPhone() == null && p.supportEmail() == null && p.supportUrl() == null ? null
                : new Support(p.supportPhone(), p.supportEmail(), p.supportUrl());
        return new ProviderSpec(p.id(), p.code(), p.name(), p.shortDesc(), p.longDesc(), images,
                p.energySource().name(),
                support, p.rating(), p.ratingCount(), p.status().name());
    }

    public static CategorySpec view(Category c) {
        return new CategorySpec(c.ref(), c.code(), c.name());
    }

    public static LocationSpec view(Location l) {
        return new LocationSpec(l.ref(), l.name(), l.gps(), l.address(), l.cityCode(), l.areaCode(),
                l.evses().stream().map(e -> new EvseSpec(e.ref(), e.kind().name(),
                        e.chargerType() == null ? null : e.chargerType().name(), e.powerKw(),
                        e.availability() == null ? null : e.availability().name(),
                        e.connectors().stream()
                                .map(c -> new ConnectorSpec(c.ref(), c.type().name(), c.availability().name()))
                                .toList(),
                        e.batteryType()))
                        .toList(),
                l.openingHours());
    }

    public static ItemSpec view(Item i) {
        return new ItemSpec(i.ref(), i.code(), i.name(), i.unit().name(), i.price(), i.currency(),
                i.availableQuantity(),
                i.categoryRefs(), i.locationRefs(), i.fulfillmentTypes().stream().map(Enum::name).toList(),
                i.trackingUrl(),
                i.addOns().stream().map(a -> new AddOnSpec(a.ref(), a.name(), a.price())).toList(),
                i.rating(), i.ratingCount(), i.status().name());
    }

    /** The list without its null elements; empty for none. */
    static <T> List<T> orEmpty(Collection<T> c) {
        return c == null ? List.of() : List.copyOf(c.stream().filter(Objects::nonNull).toList());
    }
}
