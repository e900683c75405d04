package org.evcharging.bpp.catalog.application.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.evcharging.bpp.catalog.application.onboarding.Specs.AddOnSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.CategorySpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ConnectorSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.EvseSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ItemSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.LocationSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ProviderSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.Support;
import org.evcharging.bpp.catalog.domain.Availability;
import org.evcharging.bpp.catalog.domain.Item;
import org.evcharging.bpp.catalog.domain.Location;
import org.evcharging.bpp.catalog.domain.Provider;
import org.junit.jupiter.api.Test;

/** What a partner PUTs is what it GETs back, plus the read-only fields the platform fills. */
class OnboardingMapperTest {

    @Test
    void a_provider_reads_back_as_written_with_its_rating_and_status() {
        ProviderSpec spec = new ProviderSpec("alpha.test", "A", "Alpha", "Alpha Ltd", "Long",
                List.of("https://a.test/logo.png",
                        "https://a.test/hub.png"),
                "SOLAR_FARM", new Support("+91 80 1234 5678", "help@a.test", null), 4.9, 99, "RETIRED");
        Provider p = new Provider(spec.id());
        OnboardingMapper.apply(p, spec);
        assertEquals(new ProviderSpec("alpha.test", "A", "Alpha", "Alpha Ltd", "Long", spec.images(), "SOLAR_FARM",
                spec.support(), null, 0, "ACTIVE"), OnboardingMapper.view(p),
                "rating and status are not the spec's to set");
    }

    @Test
    void a_provider_without_images_or_support_has_none() {
        Provider p = new Provider("bare.test");
        OnboardingMapper.apply(p, new ProviderSpec("bare.test", null, "Bare", null, null, null, "HOME",
                new Support(null, null, null), null, null, null));
        ProviderSpec view = OnboardingMapper.view(p);
        assertEquals(List.of(), view.images());
        assertNull(view.support(), "a support with no way to reach it is no support");
    }

    @Test
    void a_category_reads_back_as_written() {
        CategorySpec spec = new CategorySpec("1", "green-tariff", "green tariff");
        assertEquals(spec, OnboardingMapper.view(OnboardingMapper.newCategory("alpha.test", spec)));
    }

    @Test
    void a_location_reads_back_with_its_evses_and_connectors() {
        LocationSpec spec = new LocationSpec("a1", "MG Road hub", "12.975200,77.606700", "MG Road", "std:080", "560001",
                List.of(new EvseSpec("a1-1", "CHARGER", "DC", 60.0, null,
                        List.of(new ConnectorSpec("a1-1-ccs2", "CCS2", "OCCUPIED"),
                                new ConnectorSpec("a1-1-chademo", "CHAdeMO", "AVAILABLE")),
                        null),
                        new EvseSpec("a1-s", "SWAP_STATION", null, 5.0, "AVAILABLE", List.of(), "LFP-48V")),
                "06:00-23:00");
        Location l = OnboardingMapper.newLocation("alpha.test", spec, Map.of());
        assertEquals(12.9752, l.latitude(), 1e-9);
        assertEquals(spec, OnboardingMapper.view(l));
    }

    @Test
    void an_availability_left_out_is_what_it_was_else_available() {
        LocationSpec spec = new LocationSpec("a1", null, " 12.9752 , 77.6067 ", null, null, null,
                List.of(new EvseSpec("a1-1", null, "AC", 22.0, null,
                        Arrays.asList(new ConnectorSpec("a1-1-t2", "Type2", null),
                                null, new ConnectorSpec("a1-1-new", "Type2", null)),
                        null),
                        new EvseSpec("a1-s", "SWAP_STATION", null, 5.0, null, null, "LFP-48V"),
                        new EvseSpec("a1-s2", "SWAP_STATION", null, 5.0, null, null, "LFP-48V")),
                null);
        Location l = OnboardingMapper.newLocation("alpha.test", spec,
                Map.of("a1-1-t2", Availability.OUT_OF_SERVICE, "a1-s", Availability.OCCUPIED));
        LocationSpec view = OnboardingMapper.view(l);
        assertEquals("12.975200,77.606700", view.gps());
        EvseSpec charger = view.evses().get(0);
        assertEquals("CHARGER", charger.kind(), "an EVSE of no kind is a charger");
        assertEquals(
                List.of(new ConnectorSpec("a1-1-t2", "Type2", "OUT_OF_SERVICE"),
                        new ConnectorSpec("a1-1-new", "Type2", "AVAILABLE")),
                charger.connectors());
        assertEquals("OCCUPIED", view.evses().get(1).availability());
        assertEquals("AVAILABLE", view.evses().get(2).availability(), "a new swap station is available");
        assertEquals(List.of(), view.evses().get(1).connectors());
    }

    @Test
    void an_item_reads_back_with_its_add_ons_once_per_fulfillment_type() {
        ItemSpec spec = new ItemSpec("swap", "swap", "Battery swap", "SWAP", new BigDecimal("99.00"), "INR",
                new BigDecimal("12.500"),
                List.of("green"), List.of("s1", "s2"), List.of("BATTERY_SWAP", "MOBILE_BATTERY_SWAP", "BATTERY_SWAP"),
                "https://a.test/track", List.of(new AddOnSpec("wash", "Free car wash", BigDecimal.ZERO)), 4.0, 3,
                "RETIRED");
        Item i = OnboardingMapper.newItem("alpha.test", spec);
        assertEquals(
                new ItemSpec("swap", "swap", "Battery swap", "SWAP", new BigDecimal("99.00"), "INR",
                        new BigDecimal("12.500"),
                        List.of("green"), List.of("s1", "s2"), List.of("BATTERY_SWAP", "MOBILE_BATTERY_SWAP"),
                        "https://a.test/track",
                        List.of(new AddOnSpec("wash", "Free car wash", BigDecimal.ZERO)), null, 0, "ACTIVE"),
                OnboardingMapper.view(i));
    }

    @Test
    void an_item_without_lists_has_empty_ones() {
        ItemSpec spec = new ItemSpec("energy", "energy", null, "KWH", BigDecimal.ONE, "INR", BigDecimal.TEN, null, null,
                List.of("CHARGING"), null, null, null, null, null);
        ItemSpec view = OnboardingMapper.view(OnboardingMapper.newItem("alpha.test", spec));
        assertEquals(List.of(), view.categoryIds());
        assertEquals(List.of(), view.locationIds(), "offered at every location");
        assertEquals(List.of(), view.addOns());
    }
}
