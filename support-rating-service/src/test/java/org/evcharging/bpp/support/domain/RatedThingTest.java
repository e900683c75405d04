package org.evcharging.bpp.support.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RatedThingTest {

    @Test
    void what_was_rated_reads_well() {
        RatedThing charger = new RatedThing("chargezone.in", "pe-charging-01", "cz-mg-1-ccs2", "o-1", null);
        assertEquals("charger or station cz-mg-1-ccs2 of order o-1 (chargezone.in)",
                charger.describe(RatingCategory.FULFILLMENT, "o-1"));
        assertEquals("order o-1 (chargezone.in)", charger.describe(RatingCategory.ORDER, "o-1"));
        assertEquals("provider chargezone.in", new RatedThing("chargezone.in", null, null, null, null)
                .describe(RatingCategory.PROVIDER, "chargezone.in"));
        assertEquals("support ticket SUP-7K3MZQ",
                new RatedThing(null, null, null, null, "SUP-7K3MZQ").describe(RatingCategory.SUPPORT, "SUP-7K3MZQ"));
    }
}
