package org.evcharging.bpp.suite.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.evcharging.bpp.suite.DemoNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 25, 12, 0, 0, 0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static RegistryEntry entry(String id, String key, String type) {
        return RegistryEntry.subscribed(id, key, type, "http://localhost:1/" + id, "AAAA", NOW, NOW.plusYears(1));
    }

    @Test
    void lookup_matches_subscriber_and_key_id_or_ukId() {
        LocalRegistry r = new LocalRegistry(dir.resolve("registry.json"));
        r.put(entry("bap.one", "k1", "BAP"));
        r.put(entry("bap.one", "k2", "BAP"));
        r.put(entry("bpp.two", "k1", "BPP"));

        assertEquals(2, r.lookup(JSON.createObjectNode().put("subscriber_id", "bap.one")).size());
        assertEquals("k2", r.lookup(JSON.createObjectNode().put("subscriber_id", "bap.one").put("key_id", "k2"))
                .get(0).keyId());
        assertEquals("k2", r.lookup(JSON.createObjectNode().put("subscriber_id", "bap.one").put("ukId", "k2"))
                .get(0).keyId());
        assertEquals(1, r.lookup(JSON.createObjectNode().put("type", "BPP")).size());
        assertEquals(0, r.lookup(JSON.createObjectNode().put("subscriber_id", "nobody")).size());
    }

    @Test
    void entries_are_written_in_registry_yaml_field_names() throws IOException {
        LocalRegistry r = new LocalRegistry(dir.resolve("registry.json"));
        r.put(entry("bap.one", "k1", "BAP"));
        ArrayNode file = (ArrayNode) JSON.readTree(dir.resolve("registry.json").toFile());
        ObjectNode e = (ObjectNode) file.get(0);
        assertEquals("bap.one", e.get("subscriber_id").asText());
        assertEquals("k1", e.get("key_id").asText());
        assertEquals("k1", e.get("ukId").asText());
        assertEquals("SUBSCRIBED", e.get("status").asText());
        assertEquals("dent:0.1.0", e.get("domain").asText());
        assertEquals("2026-11-25T12:00:00Z", e.get("valid_from").asText());
        assertEquals("2027-11-25T12:00:00Z", e.get("valid_until").asText());
    }

    @Test
    void put_replaces_the_same_key_and_remove_drops_it() {
        LocalRegistry r = new LocalRegistry(dir.resolve("registry.json"));
        r.put(entry("bap.one", "k1", "BAP"));
        r.put(entry("bap.one", "k1", "BAP").withValidity(NOW.minusYears(2), NOW.minusYears(1)));
        assertEquals(1, r.entries().size());
        assertEquals("2025-11-25T12:00:00Z", r.entries().get(0).validUntil());
        assertTrue(r.remove("bap.one", "k1"));
        assertFalse(r.remove("bap.one", "k1"));
        assertEquals(List.of(), r.entries());
    }

    @Test
    void an_edited_file_is_read_again() throws IOException {
        Path file = dir.resolve("registry.json");
        LocalRegistry r = new LocalRegistry(file);
        r.put(entry("bap.one", "k1", "BAP"));
        LocalRegistry other = new LocalRegistry(file);
        other.put(entry("bap.two", "k1", "BAP"));
        // Same second and maybe same size on coarse file systems: make the change visible by its time.
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals(2, r.entries().size());
    }

    @Test
    void a_broken_file_keeps_the_last_good_entries() throws IOException {
        Path file = dir.resolve("registry.json");
        LocalRegistry r = new LocalRegistry(file);
        r.put(entry("bap.one", "k1", "BAP"));
        Files.writeString(file, "[{\"subscriber_id\": ");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals(1, r.entries().size());
    }

    @Test
    void the_demo_network_is_made_once_with_private_keys_kept_private() throws IOException {
        LocalRegistry r = new LocalRegistry(dir.resolve("registry.json"));
        DemoNetwork first = DemoNetwork.ensure(dir, "bpp.ev.localhost", "http://localhost:8080", r, Clock.systemUTC());
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(DemoNetwork.keysFile(dir));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), perms);
        assertEquals(2, r.entries().size());
        RegistryEntry bpp = r.lookup(JSON.createObjectNode().put("subscriber_id", "bpp.ev.localhost")).get(0);
        assertEquals("BPP", bpp.type());
        assertEquals(first.bpp().publicKey(), bpp.signingPublicKey());
        RegistryEntry bap = r.lookup(JSON.createObjectNode().put("subscriber_id", DemoNetwork.DEMO_BAP_ID)).get(0);
        assertEquals("BAP", bap.type());
        assertEquals("http://localhost:8090/bap", bap.url());
        assertTrue(OffsetDateTime.parse(bap.validUntil()).isAfter(OffsetDateTime.now().plusDays(360)));

        DemoNetwork again = DemoNetwork.ensure(dir, "bpp.ev.localhost", "http://localhost:18080", r, Clock.systemUTC());
        assertEquals(first.bpp(), again.bpp());
        assertEquals(first.demoBap(), again.demoBap());
        assertEquals("http://localhost:18080",
                r.lookup(JSON.createObjectNode().put("subscriber_id", "bpp.ev.localhost")).get(0).url(),
                "the BPP's entry follows the ingress port");
    }
}
