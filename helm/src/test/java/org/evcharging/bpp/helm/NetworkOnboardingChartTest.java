package org.evcharging.bpp.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Joining the registry and rotating the signing key, as values: the domains and city every service serves, the
 * registry's published keys, our X25519 encryption key (generated, kept, for catalog-service only) and a rotation's next
 * key (every service signs callbacks, so every service gets it), with half-given rotations refused.
 */
class NetworkOnboardingChartTest {

    private static final List<String> SERVICES = List.of("catalog", "quote", "order", "payment", "support-rating",
            "charger");

    private static String name(String key) {
        return Chart.RELEASE + "-ev-charging-bpp-" + key;
    }

    private static Container container(Chart.Rendered r, String key) {
        return r.get(Deployment.class, name(key)).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Optional<EnvVar> env(Chart.Rendered r, String key, String variable) {
        return container(r, key).getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst();
    }

    @AfterEach
    void forgetStubSecrets() {
        StubApiServer.start().clear();
    }

    @Test
    void bothDentDomainsAreServedAndOnlyCatalogGetsTheGeneratedEncryptionKey() {
        Chart.Rendered r = Chart.render();
        Map<String, String> common = r.get(ConfigMap.class, name("common")).getData();
        assertEquals("dent:0.1.0,dent:ev-charging:0.1.0", common.get("BECKN_DOMAINS"));
        assertEquals("*", common.get("BECKN_CITY"));
        assertEquals("aes-256-ecb", common.get("BECKN_REGISTRY_CHALLENGE_CIPHER"));
        assertEquals("false", common.get("BECKN_REGISTRY_SUBSCRIBE_ON_START"));
        assertNull(common.get("BECKN_NEXT_KEY_ID"), "no rotation unless asked");

        Secret credentials = r.get(Secret.class, name("credentials"));
        String key = new String(Base64.getDecoder().decode(credentials.getData().get("beckn-encryption-private-key")),
                StandardCharsets.UTF_8);
        assertEquals(32, Base64.getDecoder().decode(key).length, "32 random bytes: an X25519 private key");
        EnvVar catalogKey = env(r, "catalog", "BECKN_ENCRYPTION_PRIVATE_KEY").orElseThrow();
        assertEquals("beckn-encryption-private-key", catalogKey.getValueFrom().getSecretKeyRef().getKey());
        assertTrue(catalogKey.getValueFrom().getSecretKeyRef().getOptional(),
                "an existing Secret without it starts the pods; the BPP then says it cannot join");
        for (String s : SERVICES) {
            if (!s.equals("catalog")) {
                assertTrue(env(r, s, "BECKN_ENCRYPTION_PRIVATE_KEY").isEmpty(), s + " has no use for it");
            }
            assertTrue(env(r, s, "BECKN_NEXT_SIGNING_PRIVATE_KEY").isEmpty(), s);
        }

        // Kept on upgrade, like every generated credential.
        Map<String, String> data = new java.util.TreeMap<>();
        credentials.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v),
                StandardCharsets.UTF_8)));
        StubApiServer.start().putSecret(Chart.NAMESPACE, name("credentials"), data);
        Chart.Rendered upgrade = Chart.render();
        assertEquals(credentials.getData().get("beckn-encryption-private-key"),
                upgrade.get(Secret.class, name("credentials")).getData().get("beckn-encryption-private-key"));
    }

    @Test
    void aRotationGivesEveryServiceTheNextKeyAndItsSwitch() {
        Chart.Rendered r = Chart.render(List.of(), Map.of("beckn.rotation.nextKeyId", "bpp.example.com.k2",
                "beckn.rotation.nextKeyActiveFrom", "2027-01-10T02:00:00Z", "beckn.rotation.overlap", "PT2H",
                "secrets.becknNextSigningPrivateKey", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "beckn.registry.subscribeOnStart", true));
        Map<String, String> common = r.get(ConfigMap.class, name("common")).getData();
        assertEquals("bpp.example.com.k2", common.get("BECKN_NEXT_KEY_ID"));
        assertEquals("2027-01-10T02:00:00Z", common.get("BECKN_NEXT_KEY_ACTIVE_FROM"));
        assertEquals("PT2H", common.get("BECKN_ROTATION_OVERLAP"));
        assertEquals("true", common.get("BECKN_REGISTRY_SUBSCRIBE_ON_START"));
        assertFalse(common.containsKey("BECKN_NEXT_SIGNING_PRIVATE_KEY"), "a credential never in a ConfigMap");
        for (String s : SERVICES) {
            EnvVar next = env(r, s, "BECKN_NEXT_SIGNING_PRIVATE_KEY").orElseThrow(() -> new AssertionError(s));
            assertEquals("beckn-next-signing-private-key", next.getValueFrom().getSecretKeyRef().getKey());
        }
        assertTrue(env(r, "console", "BECKN_NEXT_SIGNING_PRIVATE_KEY").isEmpty(), "the console signs nothing");
        assertTrue(env(r, "console", "BECKN_SIGNING_PRIVATE_KEY").isEmpty(), "the console signs nothing");
        assertTrue(r.get(Secret.class, name("credentials")).getData().containsKey("beckn-next-signing-private-key"));
    }

    @Test
    void aHalfGivenRotationIsRefusedWithWhatIsMissing() {
        IllegalStateException noSwitch = assertThrows(IllegalStateException.class, () -> Chart.render(List.of(),
                Map.of("beckn.rotation.nextKeyId", "bpp.example.com.k2",
                        "secrets.becknNextSigningPrivateKey", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")));
        assertTrue(noSwitch.getMessage().contains("nextKeyActiveFrom"), noSwitch.getMessage());
        IllegalStateException noKey = assertThrows(IllegalStateException.class, () -> Chart.render(List.of(),
                Map.of("beckn.rotation.nextKeyId", "bpp.example.com.k2",
                        "beckn.rotation.nextKeyActiveFrom", "2027-01-10T02:00:00Z")));
        assertTrue(noKey.getMessage().contains("becknNextSigningPrivateKey"), noKey.getMessage());
        IllegalStateException sameId = assertThrows(IllegalStateException.class, () -> Chart.render(List.of(),
                Map.of("beckn.rotation.nextKeyId", "bpp.example.com.k1",
                        "beckn.rotation.nextKeyActiveFrom", "2027-01-10T02:00:00Z",
                        "secrets.becknNextSigningPrivateKey", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")));
        assertTrue(sameId.getMessage().contains("must differ"), sameId.getMessage());
        IllegalStateException badTime = assertThrows(IllegalStateException.class, () -> Chart.render(List.of(),
                Map.of("beckn.rotation.nextKeyId", "bpp.example.com.k2",
                        "beckn.rotation.nextKeyActiveFrom", "next tuesday",
                        "secrets.becknNextSigningPrivateKey", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")));
        assertTrue(badTime.getMessage().contains("nextKeyActiveFrom"), badTime.getMessage());
        IllegalStateException noId = assertThrows(IllegalStateException.class, () -> Chart.render(List.of(),
                Map.of("beckn.rotation.nextKeyActiveFrom", "2027-01-10T02:00:00Z")));
        assertTrue(noId.getMessage().contains("nextKeyId"), noId.getMessage());
        for (String overlap : List.of("P", "PT", "1h")) {
            assertThrows(IllegalStateException.class,
                    () -> Chart.render(List.of(), Map.of("beckn.rotation.overlap", overlap)), overlap);
        }
    }
}
