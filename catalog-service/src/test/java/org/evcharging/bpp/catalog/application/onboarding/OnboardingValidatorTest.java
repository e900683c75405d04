package org.evcharging.bpp.catalog.application.onboarding;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.evcharging.bpp.catalog.application.onboarding.Specs.AddOnSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.CategorySpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ConnectorSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.EvseSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ItemSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.LocationSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.Network;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ProviderSpec;
import org.evcharging.bpp.core.rest.Problem;
import org.evcharging.bpp.core.rest.Problem.FieldError;
import org.evcharging.bpp.core.rest.ProblemException;
import org.junit.jupiter.api.Test;

class OnboardingValidatorTest {

    @Test
    void a_sound_network_passes() {
        assertDoesNotThrow(() -> OnboardingValidator.network("alpha.test", network(
                List.of(category("green")), List.of(location("a1", charger("a1-1", connector("a1-1-ccs2")))),
                List.of(item("energy", "KWH", List.of("CHARGING"), List.of("green"), List.of("a1"))))));
    }

    @Test
    void a_network_of_another_provider_is_refused_at_provider_id() {
        Problem p = refused(() -> OnboardingValidator.network("other.test", network(List.of(), List.of(), List.of())));
        assertEquals(400, p.status());
        assertEquals("the path and the body name different providers", p.detail());
        assertEquals(List.of(new FieldError("provider.id", "must be 'other.test' as in the path")), p.errors());
    }

    @Test
    void every_broken_rule_of_a_network_is_named_by_its_path() {
        EvseSpec bare = new EvseSpec("a1-1", "CHARGER", null, 22.0, null, List.of(), null);
        Problem p = refused(() -> OnboardingValidator.network("alpha.test", network(
                List.of(category("green"), category("green")),
                List.of(location("a1", bare), new LocationSpec("a2", null, "91,200", null, null, null, null, null)),
                List.of(item("energy", "KWH", List.of("BATTERY_SWAP"), List.of("none"), List.of("a9"))))));
        assertEquals(400, p.status());
        assertEquals("7 fields are invalid", p.detail());
        assertEquals(List.of(
                new FieldError("categories[1].id", "'green' appears twice"),
                new FieldError("locations[0].evses[0].chargerType", "a charger needs a charger type (AC or DC)"),
                new FieldError("locations[0].evses[0].connectors", "a charger needs at least one connector"),
                new FieldError("locations[1].gps", "must be latitude,longitude within [-90,90] and [-180,180]"),
                new FieldError("items[0].categoryIds[0]", "no category 'none' in this provider"),
                new FieldError("items[0].locationIds[0]", "no location 'a9' in this provider"),
                new FieldError("items[0].fulfillmentTypes[0]", "energy sold per kWh is delivered by CHARGING")),
                p.errors());
    }

    @Test
    void one_broken_rule_is_the_detail() {
        Problem p = refused(() -> OnboardingValidator.network("alpha.test", network(List.of(),
                List.of(location("a1", charger("a1-1", connector("a1-1-ccs2"))),
                        location("a2", charger("a1-1", connector("a2-1-ccs2")))),
                List.of())));
        assertEquals("locations[1].evses[0].id: 'a1-1' is used by another EVSE of this provider", p.detail());
    }

    @Test
    void a_location_may_not_reuse_ids_of_the_providers_other_locations() {
        EvseSpec swap = new EvseSpec("a1-ccs2", "SWAP_STATION", null, 5.0, null, null, "LFP-48V");
        Problem p = refused(
                () -> OnboardingValidator.location(location("a2", charger("a1-1", connector("a1-1-ccs2")), swap),
                        Set.of("a1-1"), Set.of("a1-1-ccs2", "a1-ccs2")));
        assertEquals(List.of(
                new FieldError("evses[0].id", "'a1-1' is used by another EVSE of this provider"),
                new FieldError("evses[0].connectors[0].id",
                        "'a1-1-ccs2' is used by another connector of this provider"),
                new FieldError("evses[1].id",
                        "'a1-ccs2' is already a fulfillment id (a connector or swap station) of this provider")),
                p.errors());
        assertDoesNotThrow(() -> OnboardingValidator.location(location("a2", charger("a2-1", connector("a2-1-ccs2"))),
                Set.of("a1-1"), Set.of("a1-1-ccs2")));
    }

    @Test
    void mobile_swap_ids_are_reserved_and_swap_stations_have_no_connectors() {
        EvseSpec swap = new EvseSpec("s1-mobile-swap", "SWAP_STATION", null, 5.0, null,
                List.of(connector("c1-mobile-swap")), null);
        Problem p = refused(() -> OnboardingValidator.location(location("s1", swap), Set.of(), Set.of()));
        assertEquals(List.of(
                new FieldError("evses[0].id", "ids ending in -mobile-swap are reserved"),
                new FieldError("evses[0].connectors", "a swap station has no connectors"),
                new FieldError("evses[0].connectors[0].id", "ids ending in -mobile-swap are reserved")), p.errors());
    }

    @Test
    void an_item_refers_to_the_providers_categories_and_locations_and_its_add_ons_are_unique() {
        ItemSpec swaps = new ItemSpec("swap", "swap", null, "SWAP", BigDecimal.ONE, "INR", BigDecimal.TEN,
                List.of("green"),
                List.of("s1", "s2"), List.of("CHARGING"), null,
                List.of(new AddOnSpec("wash", "Car wash", BigDecimal.ZERO),
                        new AddOnSpec("wash", "Car wash", BigDecimal.ZERO)),
                null, null, null);
        Problem p = refused(() -> OnboardingValidator.item(swaps, Set.of("green"), Set.of("s1")));
        assertEquals(List.of(
                new FieldError("locationIds[1]", "no location 's2' in this provider"),
                new FieldError("fulfillmentTypes[0]",
                        "battery swaps are delivered by BATTERY_SWAP or MOBILE_BATTERY_SWAP"),
                new FieldError("addOns[1].id", "'wash' appears twice")), p.errors());
        assertEquals("3 fields are invalid", p.detail());
    }

    @Test
    void null_elements_of_lists_are_left_to_bean_validation() {
        ItemSpec energy = new ItemSpec("energy", "energy", null, "KWH", BigDecimal.ONE, "INR", BigDecimal.TEN,
                Arrays.asList("green", null), null, Arrays.asList("CHARGING", null), null, null, null, null, null);
        assertDoesNotThrow(() -> OnboardingValidator.item(energy, Set.of("green"), Set.of()));
    }

    @Test
    void path_and_body_name_the_same_thing() {
        Problem p = refused(() -> OnboardingValidator.samePathAndBody("a1", "a2"));
        assertEquals("the path and the body name different ids", p.detail());
        assertEquals(List.of(new FieldError("id", "must be 'a1' as in the path")), p.errors());
        Problem q = refused(() -> OnboardingValidator.sameProvider("alpha.test", "beta.test", "id"));
        assertEquals("the path and the body name different providers", q.detail());
        assertEquals(List.of(new FieldError("id", "must be 'alpha.test' as in the path")), q.errors());
        assertDoesNotThrow(() -> OnboardingValidator.samePathAndBody("a1", "a1"));
    }

    private static Problem refused(org.junit.jupiter.api.function.Executable check) {
        return assertThrows(ProblemException.class, check).problem();
    }

    static Network network(List<CategorySpec> categories, List<LocationSpec> locations, List<ItemSpec> items) {
        ProviderSpec provider = new ProviderSpec("alpha.test", "A", "Alpha", null, null, null, "CHARGING_NETWORK", null,
                null, null, null);
        return new Network(provider, categories, locations, items);
    }

    static CategorySpec category(String id) {
        return new CategorySpec(id, id + "-tariff", null);
    }

    static LocationSpec location(String id, EvseSpec... evses) {
        return new LocationSpec(id, "Hub " + id, "12.9752,77.6067", null, null, null, new ArrayList<>(List.of(evses)),
                null);
    }

    static EvseSpec charger(String id, ConnectorSpec... connectors) {
        return new EvseSpec(id, "CHARGER", "DC", 60.0, null, List.of(connectors), null);
    }

    static ConnectorSpec connector(String id) {
        return new ConnectorSpec(id, "CCS2", null);
    }

    static ItemSpec item(String id, String unit, List<String> types, List<String> categories, List<String> locations) {
        return new ItemSpec(id, id, null, unit, new BigDecimal("18.50"), "INR", new BigDecimal("100"), categories,
                locations, types, null, List.of(), null, null, null);
    }
}
