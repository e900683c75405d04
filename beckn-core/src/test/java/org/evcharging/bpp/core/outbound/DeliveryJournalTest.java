package org.evcharging.bpp.core.outbound;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one server noted as delivered is known to the next one started on the same output dir, once. */
class DeliveryJournalTest {

    @TempDir
    Path dir;

    private DeliveryJournal open() {
        DeliveryJournal j = new DeliveryJournal();
        j.configuredDir = dir.toString();
        j.open();
        return j;
    }

    @Test
    void deliveries_noted_before_a_crash_are_known_after_the_restart_once() {
        DeliveryJournal before = open();
        before.delivered("o1");
        before.delivered("o2");
        // no close: as after a kill -9, only what was written is there

        DeliveryJournal after = open();

        assertTrue(after.deliveredBeforeRestart("o1"));
        assertTrue(after.deliveredBeforeRestart("o2"));
        assertFalse(after.deliveredBeforeRestart("o1"), "once");
        assertFalse(after.deliveredBeforeRestart("o3"), "not delivered: sent");
        after.closeQuietly();
        assertFalse(open().deliveredBeforeRestart("o2"), "read once: the next start begins empty");
    }
}
