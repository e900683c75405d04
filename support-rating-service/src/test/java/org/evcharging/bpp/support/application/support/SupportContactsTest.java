package org.evcharging.bpp.support.application.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SupportContactsTest {

    @Test
    void phones_become_international_as_core_wants_them() {
        assertEquals("+91 80 4000 1000", SupportContacts.phone("+91 80 4000 1000", "91"));
        assertEquals("+91 1800 1080", SupportContacts.phone("1800 1080", "91"));
        assertEquals("+91 80 4000 1000", SupportContacts.phone("080-4000-1000", "91"));
        assertEquals("+44 20 7946 0000", SupportContacts.phone("0044 (20) 7946 0000", "91"));
        assertEquals("+919876543210", SupportContacts.phone("+919876543210", "91"));
        assertNull(SupportContacts.phone("call us", "91"));
        assertNull(SupportContacts.phone("+1 2", "91"));
        assertNull(SupportContacts.phone("  ", "91"));
    }

    @Test
    void the_providers_own_come_first_the_platforms_fill_the_gaps() {
        SupportContacts provider = SupportContacts.of("+91 80 4000 2000", "support@log9.example", null);
        SupportContacts platform = SupportContacts.of("+91 80 4000 0000", "help@platform.example",
                "https://platform.example/help");
        SupportContacts merged = provider.orElse(platform);
        assertEquals("+91 80 4000 2000", merged.phone());
        assertEquals("support@log9.example", merged.email());
        assertEquals("https://platform.example/help", merged.url());
        assertTrue(SupportContacts.NONE.orElse(SupportContacts.NONE).isEmpty());
        assertEquals(platform, SupportContacts.NONE.orElse(platform));
    }

    @Test
    void malformed_values_are_left_out() {
        SupportContacts c = SupportContacts.of("+91 80 4000 2000", "not an email", "ftp://x.example/help");
        assertNull(c.email());
        assertNull(c.url());
        assertEquals("+91 80 4000 2000", c.phone());
        assertNull(SupportContacts.of(null, null, "https://exämple.in/help").url());
    }
}
