package org.evcharging.bpp.catalog.application.onboarding;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
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
import org.evcharging.bpp.catalog.domain.Status;
import org.evcharging.bpp.catalog.application.onboarding.Specs.AddOnSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.CategorySpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ConnectorSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.EvseSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ItemSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.LocationSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.Network;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ProviderSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.Support;
import org.evcharging.bpp.catalog.application.search.ProviderOffers;
import org.evcharging.bpp.core.rest.Problem.FieldError;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.core.tasks.AfterCommit;

/**
 * Writes what partners onboard: providers and their networks. Bean Validation has checked each field; the rules
 * that span fields (ids unique within a provider, items referring to existing categories and locations, a charger
 * having a charger type and connectors) are checked here, and every failure names the field at fault.
 */
@ApplicationScoped
public class OnboardingService {

    /** The fulfillment id of an item's mobile battery swap is the item id with this suffix. */
    static final String MOBILE_SWAP_SUFFIX = "-mobile-swap";

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    ProviderOffers offers;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Searches keep providers, items and categories a short while ({@link ProviderOffers}): this change ends that. */
    private void offersChange() {
        AfterCommit.run(transactions, offers::changed);
    }

    // ---- providers ----

    /** Creates or updates a provider's description; only {@code reactivate} (the operator) brings a retired one back. */
    @Transactional
    public ProviderSpec putProvider(ProviderSpec spec, boolean reactivate) {
        offersChange();
        Provider p = exact(spec.id());
        if (p == null) {
            p = new Provider(spec.id());
            apply(p, spec);
            em.persist(p);
        } else {
            apply(p, spec);
            if (reactivate) {
                p.activate();
            }
        }
        return view(p);
    }

    @Transactional
    public ProviderSpec createProvider(ProviderSpec spec) {
        if (em.find(Provider.class, spec.id()) != null) {
            throw new ProblemException(409, "provider '" + spec.id() + "' exists; PUT /catalog/v1/providers/" + spec.id() + " updates it",
                    "id", "already taken");
        }
        return putProvider(spec, false);
    }

    public Optional<ProviderSpec> provider(String id) {
        return Optional.ofNullable(exact(id)).map(OnboardingService::view);
    }

    /**
     * The provider with exactly this id. Ids are compared byte for byte (the service databases use utf8mb4_bin);
     * this check keeps that true on a database with a case-insensitive default, where "ACME" would find "acme".
     */
    private Provider exact(String id) {
        Provider p = em.find(Provider.class, id);
        return p != null && p.id().equals(id) ? p : null;
    }

    public List<ProviderSpec> providers(String onlyId, int offset, int limit) {
        var q = onlyId == null
                ? em.createQuery("SELECT p FROM Provider p ORDER BY p.id", Provider.class)
                : em.createQuery("SELECT p FROM Provider p WHERE p.id = :id", Provider.class).setParameter("id", onlyId);
        return q.setFirstResult(offset).setMaxResults(limit).getResultList().stream().map(OnboardingService::view).toList();
    }

    @Transactional
    public void retireProvider(String id) {
        offersChange();
        existing(id).retire();
    }

    /**
     * Sets a provider's aggregate rating as computed at {@code asOf} (epoch ms; null for an unversioned one), under
     * the provider's row lock, so that an aggregate arriving late (a push whose answer timed out) never replaces a
     * later one. False when it was older than the one already set.
     */
    @Transactional
    public boolean rateProvider(String id, double value, int count, Long asOf) {
        offersChange();
        Provider p = em.find(Provider.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (p == null || !p.id().equals(id)) {
            throw ProblemException.notFound("provider '" + id + "'");
        }
        return p.rate(value, count, asOf);
    }

    // ---- whole network ----

    /**
     * The rules a network must meet, checked before any write (outside a transaction, so a refusal costs no
     * rollback): ids unique, items referring to existing categories and locations, chargers with connectors.
     */
    public void checkNetwork(String id, Network network) {
        if (!id.equals(network.provider().id())) {
            throw new ProblemException(400, "the path and the body name different providers", "provider.id",
                    "must be '" + id + "' as in the path");
        }
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

    @Transactional
    public Network importNetwork(String id, Network network) {
        offersChange();
        checkNetwork(id, network);
        List<CategorySpec> categories = orEmpty(network.categories());
        List<LocationSpec> locations = orEmpty(network.locations());
        List<ItemSpec> items = orEmpty(network.items());
        putProvider(network.provider(), false);
        // Each locked by its key: an aggregate rating set meanwhile waits for this import and lands on the new rows.
        Map<String, Item> previousItems = new HashMap<>();
        em.createQuery("SELECT i FROM Item i WHERE i.providerId = :p", Item.class).setParameter("p", id).getResultList()
                .forEach(i -> {
                    Item locked = locked(i);
                    if (locked != null) {
                        previousItems.put(locked.ref(), locked);
                    }
                });
        Map<String, ItemSpec> previousSpecs = new HashMap<>();
        previousItems.forEach((ref, i) -> previousSpecs.put(ref, view(i)));
        Map<String, Availability> previousAvailability = availabilityByRef(id, null);
        removeNetwork(id);
        categories.forEach(c -> em.persist(new Category(id, c.id(), c.code(), c.name())));
        locations.forEach(l -> em.persist(newLocation(id, l, previousAvailability)));
        Set<String> imported = new HashSet<>();
        for (ItemSpec spec : items) {
            imported.add(spec.id());
            em.persist(newItem(id, spec).keepHistoryOf(previousItems.get(spec.id())));
        }
        // Items left out of the import are retired, not deleted: orders and quotes refer to them.
        previousItems.values().stream().filter(old -> !imported.contains(old.ref())).forEach(old -> {
            Item kept = newItem(id, previousSpecs.get(old.ref())).keepHistoryOf(old);
            kept.retire();
            em.persist(kept);
        });
        em.flush();
        return exportNetwork(id);
    }

    public Network exportNetwork(String id) {
        ProviderSpec provider = provider(id).orElseThrow(() -> ProblemException.notFound("provider '" + id + "'"));
        return new Network(provider, categories(id), locations(id), items(id));
    }

    /** Live availability of connectors and swap stations by ref (of one location, or all when null). */
    private Map<String, Availability> availabilityByRef(String providerId, String locationRef) {
        Map<String, Availability> out = new HashMap<>();
        String where = locationRef == null ? "" : " AND c.evse.location.ref = :l";
        var q = em.createQuery("SELECT c FROM Connector c WHERE c.providerId = :p" + where, Connector.class).setParameter("p", providerId);
        if (locationRef != null) {
            q.setParameter("l", locationRef);
        }
        q.getResultList().forEach(c -> out.put(c.ref(), c.availability()));
        var e = em.createQuery("SELECT e FROM Evse e WHERE e.providerId = :p" + where.replace("c.evse.", "e."), Evse.class)
                .setParameter("p", providerId);
        if (locationRef != null) {
            e.setParameter("l", locationRef);
        }
        e.getResultList().stream().filter(x -> x.availability() != null).forEach(x -> out.put(x.ref(), x.availability()));
        return out;
    }

    private void removeNetwork(String id) {
        em.flush();
        em.createQuery("DELETE FROM AddOn a WHERE a.item.providerId = :p").setParameter("p", id).executeUpdate();
        em.createQuery("DELETE FROM Item i WHERE i.providerId = :p").setParameter("p", id).executeUpdate();
        em.createQuery("DELETE FROM Connector c WHERE c.providerId = :p").setParameter("p", id).executeUpdate();
        em.createQuery("DELETE FROM Evse e WHERE e.providerId = :p").setParameter("p", id).executeUpdate();
        em.createQuery("DELETE FROM Location l WHERE l.providerId = :p").setParameter("p", id).executeUpdate();
        em.createQuery("DELETE FROM Category c WHERE c.providerId = :p").setParameter("p", id).executeUpdate();
        em.clear();
    }

    // ---- categories ----

    public List<CategorySpec> categories(String providerId) {
        return em.createQuery("SELECT c FROM Category c WHERE c.providerId = :p ORDER BY c.ref", Category.class)
                .setParameter("p", providerId).getResultList().stream()
                .map(c -> new CategorySpec(c.ref(), c.code(), c.name())).toList();
    }

    public void checkCategory(String providerId, String ref, CategorySpec spec) {
        existing(providerId);
        samePathAndBody(ref, spec.id());
    }

    @Transactional
    public CategorySpec putCategory(String providerId, String ref, CategorySpec spec) {
        offersChange();
        checkCategory(providerId, ref, spec);
        Category c = category(providerId, ref);
        if (c == null) {
            em.persist(new Category(providerId, ref, spec.code(), spec.name()));
        } else {
            c.update(spec.code(), spec.name());
        }
        return spec;
    }

    @Transactional
    public void deleteCategory(String providerId, String ref) {
        offersChange();
        Category c = category(providerId, ref);
        if (c == null) {
            throw ProblemException.notFound("category '" + ref + "' of provider '" + providerId + "'");
        }
        for (Item i : allItems(providerId)) {
            if (i.categoryRefs().contains(ref)) {
                throw new ProblemException(409, "item '" + i.ref() + "' is in category '" + ref + "'; change the item first");
            }
        }
        em.remove(c);
    }

    // ---- locations ----

    public List<LocationSpec> locations(String providerId) {
        return em.createQuery("SELECT l FROM Location l WHERE l.providerId = :p ORDER BY l.ref", Location.class)
                .setParameter("p", providerId).getResultList().stream().map(OnboardingService::view).toList();
    }

    /** The rules for one location: the provider exists, ids match, EVSE and connector ids are unique in the provider. */
    public void checkLocation(String providerId, String ref, LocationSpec spec) {
        existing(providerId);
        samePathAndBody(ref, spec.id());
        // EVSE and connector ids are unique across the provider: collect those of its other locations.
        Set<String> otherEvses = new HashSet<>(em.createQuery(
                "SELECT e.ref FROM Evse e WHERE e.providerId = :p AND e.location.ref <> :l", String.class)
                .setParameter("p", providerId).setParameter("l", ref).getResultList());
        Set<String> otherConnectors = new HashSet<>(em.createQuery(
                "SELECT c.ref FROM Connector c WHERE c.providerId = :p AND c.evse.location.ref <> :l", String.class)
                .setParameter("p", providerId).setParameter("l", ref).getResultList());
        otherConnectors.addAll(em.createQuery("SELECT e.ref FROM Evse e WHERE e.providerId = :p AND e.location.ref <> :l"
                        + " AND e.kind = :k", String.class)
                .setParameter("p", providerId).setParameter("l", ref).setParameter("k", EvseKind.SWAP_STATION).getResultList());
        List<FieldError> errors = new ArrayList<>();
        checkEquipment(List.of(spec), "", otherEvses, otherConnectors, errors);
        fail(errors);
    }

    @Transactional
    public LocationSpec putLocation(String providerId, String ref, LocationSpec spec) {
        checkLocation(providerId, ref, spec);
        Map<String, Availability> previousAvailability = availabilityByRef(providerId, ref);
        Location old = location(providerId, ref);
        if (old != null) {
            em.remove(old);
            em.flush();
        }
        Location l = newLocation(providerId, spec, previousAvailability);
        em.persist(l);
        return view(l);
    }

    @Transactional
    public void deleteLocation(String providerId, String ref) {
        Location l = location(providerId, ref);
        if (l == null) {
            throw ProblemException.notFound("location '" + ref + "' of provider '" + providerId + "'");
        }
        for (Item i : allItems(providerId)) {
            if (i.locationRefs().contains(ref)) {
                throw new ProblemException(409, "item '" + i.ref() + "' is offered at '" + ref + "'; change the item first");
            }
        }
        em.remove(l);
    }

    @Transactional
    public void setConnectorAvailability(String providerId, String ref, Availability availability) {
        List<Connector> found = em.createQuery("SELECT c FROM Connector c WHERE c.providerId = :p AND c.ref = :r", Connector.class)
                .setParameter("p", providerId).setParameter("r", ref).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("connector '" + ref + "' of provider '" + providerId + "'");
        }
        found.get(0).setAvailability(availability);
    }

    @Transactional
    public void setSwapStationAvailability(String providerId, String ref, Availability availability) {
        List<Evse> found = em.createQuery("SELECT e FROM Evse e WHERE e.providerId = :p AND e.ref = :r", Evse.class)
                .setParameter("p", providerId).setParameter("r", ref).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("EVSE '" + ref + "' of provider '" + providerId + "'");
        }
        if (found.get(0).kind() != EvseKind.SWAP_STATION) {
            throw new ProblemException(409, "EVSE '" + ref + "' is a charger: set the availability of its connectors");
        }
        found.get(0).setAvailability(availability);
    }

    // ---- items ----

    public List<ItemSpec> items(String providerId) {
        return em.createQuery("SELECT i FROM Item i WHERE i.providerId = :p ORDER BY i.ref", Item.class)
                .setParameter("p", providerId).getResultList().stream().map(OnboardingService::view).toList();
    }

    public Optional<ItemSpec> item(String providerId, String ref) {
        return Optional.ofNullable(itemEntity(providerId, ref)).map(OnboardingService::view);
    }

    /** The rules for one item: the provider exists, ids match, its categories and locations exist. */
    public void checkItem(String providerId, String ref, ItemSpec spec) {
        existing(providerId);
        samePathAndBody(ref, spec.id());
        Set<String> categoryIds = new HashSet<>(em.createQuery("SELECT c.ref FROM Category c WHERE c.providerId = :p", String.class)
                .setParameter("p", providerId).getResultList());
        Set<String> locationIds = new HashSet<>(em.createQuery("SELECT l.ref FROM Location l WHERE l.providerId = :p", String.class)
                .setParameter("p", providerId).getResultList());
        List<FieldError> errors = new ArrayList<>();
        checkItem(spec, "", categoryIds, locationIds, errors);
        fail(errors);
    }

    @Transactional
    public ItemSpec putItem(String providerId, String ref, ItemSpec spec) {
        offersChange();
        checkItem(providerId, ref, spec);
        Item old = locked(itemEntity(providerId, ref));
        Item i = newItem(providerId, spec);
        if (old != null) {
            // a PUT of an item brings it back if it was retired, but its ratings stay the rating service's
            i.keepRatingOf(old);
            em.remove(old);
            em.flush();
        }
        em.persist(i);
        return view(i);
    }

    @Transactional
    public void retireItem(String providerId, String ref) {
        offersChange();
        Item i = itemEntity(providerId, ref);
        if (i == null) {
            throw ProblemException.notFound("item '" + ref + "' of provider '" + providerId + "'");
        }
        i.retire();
    }

    /** As {@link #rateProvider}, for an item; an item being re-onboarded is rated once its new row is in. */
    @Transactional
    public boolean rateItem(String providerId, String ref, double value, int count, Long asOf) {
        offersChange();
        Item i = locked(itemEntity(providerId, ref));
        if (i == null) {
            // The row waited on may have been replaced by a re-onboarding that committed meanwhile: look again.
            i = locked(itemEntity(providerId, ref));
        }
        if (i == null) {
            throw ProblemException.notFound("item '" + ref + "' of provider '" + providerId + "'");
        }
        return i.rate(value, count, asOf);
    }

    // ---- rules that span fields ----

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
                    errors.add(new FieldError(ep + "id", "'" + e.id() + "' is already a fulfillment id (a connector or swap station) of this provider"));
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
                        errors.add(new FieldError(ep + "connectors[" + ci + "].id", "ids ending in " + MOBILE_SWAP_SUFFIX + " are reserved"));
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
                errors.add(new FieldError(p + "categoryIds[" + i + "]", "no category '" + cats.get(i) + "' in this provider"));
            }
        }
        List<String> locs = orEmpty(item.locationIds());
        for (int i = 0; i < locs.size(); i++) {
            if (!locationIds.contains(locs.get(i))) {
                errors.add(new FieldError(p + "locationIds[" + i + "]", "no location '" + locs.get(i) + "' in this provider"));
            }
        }
        boolean kwh = "KWH".equals(item.unit());
        for (int i = 0; i < item.fulfillmentTypes().size(); i++) {
            String t = item.fulfillmentTypes().get(i);
            if (t != null && kwh != "CHARGING".equals(t)) {
                errors.add(new FieldError(p + "fulfillmentTypes[" + i + "]", kwh
                        ? "energy sold per kWh is delivered by CHARGING" : "battery swaps are delivered by BATTERY_SWAP or MOBILE_BATTERY_SWAP"));
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

    private static void samePathAndBody(String ref, String bodyId) {
        if (!ref.equals(bodyId)) {
            throw new ProblemException(400, "the path and the body name different ids", "id", "must be '" + ref + "' as in the path");
        }
    }

    // ---- mapping ----

    private static void apply(Provider p, ProviderSpec s) {
        p.describe(s.code(), s.name(), s.shortDesc(), s.longDesc(), String.join("\n", orEmpty(s.images())),
                EnergySource.valueOf(s.energySource()));
        Support support = s.support();
        p.support(support == null ? null : support.phone(), support == null ? null : support.email(),
                support == null ? null : support.url());
    }

    private static Location newLocation(String providerId, LocationSpec s, Map<String, Availability> previous) {
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

    private static Item newItem(String providerId, ItemSpec s) {
        Item i = new Item(providerId, s.id());
        i.describe(s.code(), s.name(), Item.Unit.valueOf(s.unit()), s.price(), s.currency(), s.availableQuantity(),
                orEmpty(s.categoryIds()), orEmpty(s.locationIds()),
                s.fulfillmentTypes().stream().map(FulfillmentType::valueOf).distinct().toList(), s.trackingUrl());
        for (AddOnSpec a : orEmpty(s.addOns())) {
            i.addOns().add(new AddOn(i, a.id(), a.name(), a.price()));
        }
        return i;
    }

    static ProviderSpec view(Provider p) {
        List<String> images = p.images() == null || p.images().isBlank() ? List.of() : List.of(p.images().split("\n"));
        Support support = p.supportPhone() == null && p.supportEmail() == null && p.supportUrl() == null ? null
                : new Support(p.supportPhone(), p.supportEmail(), p.supportUrl());
        return new ProviderSpec(p.id(), p.code(), p.name(), p.shortDesc(), p.longDesc(), images, p.energySource().name(),
                support, p.rating(), p.ratingCount(), p.status().name());
    }

    static LocationSpec view(Location l) {
        return new LocationSpec(l.ref(), l.name(), l.gps(), l.address(), l.cityCode(), l.areaCode(),
                l.evses().stream().map(e -> new EvseSpec(e.ref(), e.kind().name(),
                        e.chargerType() == null ? null : e.chargerType().name(), e.powerKw(),
                        e.availability() == null ? null : e.availability().name(),
                        e.connectors().stream().map(c -> new ConnectorSpec(c.ref(), c.type().name(), c.availability().name())).toList(),
                        e.batteryType()))
                        .toList(), l.openingHours());
    }

    static ItemSpec view(Item i) {
        return new ItemSpec(i.ref(), i.code(), i.name(), i.unit().name(), i.price(), i.currency(), i.availableQuantity(),
                i.categoryRefs(), i.locationRefs(), i.fulfillmentTypes().stream().map(Enum::name).toList(), i.trackingUrl(),
                i.addOns().stream().map(a -> new AddOnSpec(a.ref(), a.name(), a.price())).toList(),
                i.rating(), i.ratingCount(), i.status().name());
    }

    // ---- lookups ----

    /** 404 unless the provider exists; for checks before a transaction. */
    public void requireProvider(String id) {
        existing(id);
    }

    private Provider existing(String id) {
        Provider p = exact(id);
        if (p == null) {
            throw ProblemException.notFound("provider '" + id + "'");
        }
        return p;
    }

    private Category category(String providerId, String ref) {
        return first(em.createQuery("SELECT c FROM Category c WHERE c.providerId = :p AND c.ref = :r", Category.class)
                .setParameter("p", providerId).setParameter("r", ref).getResultList());
    }

    private Location location(String providerId, String ref) {
        return first(em.createQuery("SELECT l FROM Location l WHERE l.providerId = :p AND l.ref = :r", Location.class)
                .setParameter("p", providerId).setParameter("r", ref).getResultList());
    }

    private Item itemEntity(String providerId, String ref) {
        return first(em.createQuery("SELECT i FROM Item i WHERE i.providerId = :p AND i.ref = :r", Item.class)
                .setParameter("p", providerId).setParameter("r", ref).getResultList());
    }

    /**
     * The item, locked by its primary key and read again; null when it is gone meanwhile (replaced by a re-onboarding
     * that committed first). Locking by key, never by a search on (provider, ref), takes no gap lock, so two partners'
     * PUTs of new items never deadlock on their inserts.
     */
    private Item locked(Item i) {
        if (i == null) {
            return null;
        }
        // A locking query is a refreshing one in EclipseLink: what it returns is the row as committed, under the lock.
        return first(em.createQuery("SELECT i FROM Item i WHERE i.id = :id", Item.class).setParameter("id", i.key())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList());
    }

    private List<Item> allItems(String providerId) {
        return em.createQuery("SELECT i FROM Item i WHERE i.providerId = :p", Item.class)
                .setParameter("p", providerId).getResultList();
    }

    private static <T> T first(List<T> list) {
        return list.isEmpty() ? null : list.get(0);
    }

    private static <T> List<T> orEmpty(Collection<T> c) {
        return c == null ? List.of() : List.copyOf(c.stream().filter(Objects::nonNull).toList());
    }
}
