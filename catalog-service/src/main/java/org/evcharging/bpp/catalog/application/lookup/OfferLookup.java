package org.evcharging.bpp.catalog.application.lookup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.evcharging.bpp.catalog.application.onboarding.Items;
import org.evcharging.bpp.catalog.application.onboarding.Providers;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ItemSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ProviderSpec;
import org.evcharging.bpp.catalog.domain.Connector;
import org.evcharging.bpp.catalog.domain.Evse;
import org.evcharging.bpp.catalog.domain.EvseKind;
import org.evcharging.bpp.catalog.domain.FulfillmentType;
import org.evcharging.bpp.catalog.domain.Status;
import org.evcharging.bpp.core.rest.ProblemException;

/**
 * The offer lookup for the other services (quote, order): one provider's item, and optionally the fulfillment
 * (connector, swap station, mobile swap) it would be delivered by, as the catalog knows them now. A missing part is
 * a 404 problem whose {@code errors[0].field} says which: {@code providerId}, {@code itemId} or {@code fulfillmentId}.
 */
@ApplicationScoped
public class OfferLookup {

    @Inject
    Providers providers;

    @Inject
    Items items;

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    /** What a service needs to price or book one item. */
    public record Offer(ProviderSpec provider, ItemSpec item, FulfillmentView fulfillment) {
    }

    /** A fulfillment as search publishes it. */
    public record FulfillmentView(String id, String type, String locationId, String gps, String chargerType,
            String connectorType, Double powerKw, String availability, String openingHours) {
    }

    /**
     * One active item of an active provider, with the fulfillment asked for: named, or the first available one that
     * fits the charger or connector type, or the battery type; none when nothing is asked.
     */
    public Offer offer(String providerId, String itemId, String fulfillmentId, String chargerType, String connectorType,
            String batteryType) {
        ProviderSpec provider = providers.provider(providerId).filter(p -> Status.ACTIVE.name().equals(p.status()))
                .orElseThrow(
                        () -> new ProblemException(404, "no provider '" + providerId + "'", "providerId", "not found"));
        ItemSpec item = items.item(providerId, itemId).filter(i -> Status.ACTIVE.name().equals(i.status()))
                .orElseThrow(() -> new ProblemException(404, "no item '" + itemId + "' at '" + providerId + "'",
                        "itemId", "not found"));
        FulfillmentView fulfillment = fulfillmentId != null && !fulfillmentId.isBlank()
                ? fulfillment(providerId, item, fulfillmentId)
                : chargerType != null || connectorType != null
                        ? firstMatching(providerId, item, chargerType, connectorType)
                        : batteryType != null ? firstSwapStation(providerId, item, batteryType)
                                : null;
        return new Offer(provider, item, fulfillment);
    }

    private FulfillmentView fulfillment(String providerId, ItemSpec item, String id) {
        List<String> types = item.fulfillmentTypes();
        if (types.contains(FulfillmentType.MOBILE_BATTERY_SWAP.name()) && id.equals(item.id() + "-mobile-swap")) {
            return new FulfillmentView(id, FulfillmentType.MOBILE_BATTERY_SWAP.beckn(), null, null, null, null, null,
                    "Available", null);
        }
        List<Connector> connectors = em.createQuery(
                "SELECT c FROM Connector c WHERE c.providerId = :p AND c.ref = :r", Connector.class)
                .setParameter("p", providerId).setParameter("r", id).getResultList();
        if (!connectors.isEmpty() && types.contains(FulfillmentType.CHARGING.name())
                && offeredAt(item, connectors.get(0).evse())) {
            Connector c = connectors.get(0);
            Evse e = c.evse();
            return new FulfillmentView(id, FulfillmentType.CHARGING.beckn(), e.location().ref(), e.location().gps(),
                    e.chargerType() == null ? null : e.chargerType().name(), c.type().name(), e.powerKw(),
                    c.availability().label(),
                    e.location().openingHours());
        }
        List<Evse> swaps = em.createQuery("SELECT e FROM Evse e WHERE e.providerId = :p AND e.ref = :r", Evse.class)
                .setParameter("p", providerId).setParameter("r", id).getResultList();
        if (!swaps.isEmpty() && swaps.get(0).kind() == EvseKind.SWAP_STATION
                && types.contains(FulfillmentType.BATTERY_SWAP.name())
                && offeredAt(item, swaps.get(0))) {
            Evse s = swaps.get(0);
            return new FulfillmentView(id, FulfillmentType.BATTERY_SWAP.beckn(), s.location().ref(), s.location().gps(),
                    null, null, null, s.availability().label(), s.location().openingHours());
        }
        throw new ProblemException(404, "item '" + item.id() + "' is not delivered by '" + id + "'", "fulfillmentId",
                "not found");
    }

    /** No fulfillment named but a charger or connector type asked for: the first available connector that fits. */
    private FulfillmentView firstMatching(String providerId, ItemSpec item, String chargerType, String connectorType) {
        // Filtered in the query, a page at a time: a large network must not be loaded whole for one select.
        List<Connector> candidates = em
                .createQuery("SELECT c FROM Connector c JOIN FETCH c.evse e WHERE c.providerId = :p"
                        + " AND c.availability = :a AND (:ct IS NULL OR e.chargerType = :ctEnum)"
                        + " AND (:kt IS NULL OR c.type = :ktEnum) ORDER BY c.ref", Connector.class)
                .setParameter("p", providerId)
                .setParameter("a", org.evcharging.bpp.catalog.domain.Availability.AVAILABLE)
                .setParameter("ct", chargerType).setParameter("ctEnum", chargerEnum(chargerType))
                .setParameter("kt", connectorType).setParameter("ktEnum", connectorEnum(connectorType))
                .setMaxResults(200).getResultList();
        for (Connector c : candidates) {
            Evse e = c.evse();
            if (c.availability() == org.evcharging.bpp.catalog.domain.Availability.AVAILABLE && offeredAt(item, e)
                    && item.fulfillmentTypes().contains(FulfillmentType.CHARGING.name())
                    && (chargerType == null
                            || e.chargerType() != null && e.chargerType().name().equalsIgnoreCase(chargerType))
                    && (connectorType == null || c.type().name().equalsIgnoreCase(connectorType))) {
                return fulfillment(providerId, item, c.ref());
            }
        }
        throw new ProblemException(404, "no available " + (chargerType == null ? "" : chargerType + " ")
                + (connectorType == null ? "" : connectorType + " ") + "connector for item '" + item.id() + "'",
                "fulfillmentId", "none matches");
    }

    private static org.evcharging.bpp.catalog.domain.ChargerType chargerEnum(String s) {
        try {
            return s == null ? null
                    : org.evcharging.bpp.catalog.domain.ChargerType.valueOf(s.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(404, "no charger type " + s, "fulfillmentId", "none matches");
        }
    }

    private static org.evcharging.bpp.catalog.domain.ConnectorType connectorEnum(String s) {
        org.evcharging.bpp.catalog.domain.ConnectorType t = s == null ? null
                : org.evcharging.bpp.catalog.domain.ConnectorType.parse(s);
        if (s != null && t == null) {
            throw new ProblemException(404, "no connector type " + s, "fulfillmentId", "none matches");
        }
        return t;
    }

    /** No fulfillment named but a battery type asked for: the first available swap station that swaps it. */
    private FulfillmentView firstSwapStation(String providerId, ItemSpec item, String batteryType) {
        for (Evse e : em
                .createQuery("SELECT e FROM Evse e WHERE e.providerId = :p AND e.kind = :k ORDER BY e.ref", Evse.class)
                .setParameter("p", providerId).setParameter("k", EvseKind.SWAP_STATION).getResultList()) {
            if (e.availability() == org.evcharging.bpp.catalog.domain.Availability.AVAILABLE && offeredAt(item, e)
                    && batteryType.equalsIgnoreCase(e.batteryType())) {
                return fulfillment(providerId, item, e.ref());
            }
        }
        throw new ProblemException(404, "no available swap station for " + batteryType + " batteries", "fulfillmentId",
                "none matches");
    }

    private static boolean offeredAt(ItemSpec item, Evse e) {
        return item.locationIds() == null || item.locationIds().isEmpty()
                || item.locationIds().contains(e.location().ref());
    }
}
