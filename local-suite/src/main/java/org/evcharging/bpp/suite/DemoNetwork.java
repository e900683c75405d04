package org.evcharging.bpp.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.network.ChallengeCipher;
import org.evcharging.bpp.core.network.X25519Keys;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.evcharging.bpp.suite.registry.LocalRegistry;
import org.evcharging.bpp.suite.registry.RegistryEntry;
import org.evcharging.bpp.suite.registry.RegistrySubscriptions;

/**
 * The demo network of the local suite: the BPP's and a demo BAP's signing keys ({@code <work>/keys.json},
 * mode 600) and their registry entries, made on first start so the suite is usable with no setup.
 */
public final class DemoNetwork {

    private static final SafeLog LOG = SafeLog.of(DemoNetwork.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static final String DEMO_BAP_ID = "demo-bap.localhost";
    public static final int DEMO_BAP_PORT = 8090;

    /** A network participant's identity: subscriber id, key id and Ed25519 key pair (seed and raw public, Base64). */
    public record Party(String subscriberId, String keyId, String privateKeySeed, String publicKey) {

        public PrivateKey privateKey() {
            return Ed25519Keys.privateKey(privateKeySeed);
        }

        public PublicKey signingPublicKey() {
            return Ed25519Keys.publicKey(publicKey);
        }

        static Party generate(String subscriberId, String keyId) {
            KeyPair pair = Ed25519Keys.generate();
            return new Party(subscriberId, keyId, Ed25519Keys.seedBase64(pair.getPrivate()),
                    Ed25519Keys.rawPublicBase64(pair.getPublic()));
        }
    }

    /** The local registry's subscriber id: it signs its on_subscribe challenges as this. */
    public static final String REGISTRY_ID = "registry.localhost";

    private final Party bpp;
    private final Party demoBap;
    private final Party registry;
    /** X25519 private keys (32 raw bytes, Base64): the BPP's and the registry's, for the on_subscribe challenge. */
    private final String bppEncryptionKey;
    private final String registryEncryptionKey;

    private DemoNetwork(Party bpp, Party demoBap, Party registry, String bppEncryptionKey,
            String registryEncryptionKey) {
        this.bpp = bpp;
        this.demoBap = demoBap;
        this.registry = registry;
        this.bppEncryptionKey = bppEncryptionKey;
        this.registryEncryptionKey = registryEncryptionKey;
    }

    /** A network with fresh registry and encryption keys where {@code keys.json} of an older suite has none. */
    private DemoNetwork withNetworkKeys() {
        return new DemoNetwork(bpp, demoBap,
                registry != null ? registry : Party.generate(REGISTRY_ID, REGISTRY_ID + ".k1"),
                bppEncryptionKey != null ? bppEncryptionKey : newEncryptionKey(),
                registryEncryptionKey != null ? registryEncryptionKey : newEncryptionKey());
    }

    private boolean hasNetworkKeys() {
        return registry != null && bppEncryptionKey != null && registryEncryptionKey != null;
    }

    private static String newEncryptionKey() {
        return Base64.getEncoder().encodeToString(X25519Keys.generatePrivate());
    }

    /** The local registry's signing identity. */
    public Party registry() {
        return registry;
    }

    /** The BPP's X25519 encryption private key, Base64 (services get it as {@code BECKN_ENCRYPTION_PRIVATE_KEY}). */
    public String bppEncryptionKey() {
        return bppEncryptionKey;
    }

    /** The local registry's X25519 encryption private key, Base64. */
    public String registryEncryptionKey() {
        return registryEncryptionKey;
    }

    /** The registry's encryption public key as registries publish it (X.509 DER, Base64). */
    public String registryEncryptionPublicKey() {
        return X25519Keys.spkiBase64(X25519Keys.publicOf(X25519Keys.privateKey(registryEncryptionKey)));
    }

    /** The registry side of subscribe / on_subscribe, with this network's registry keys. */
    public RegistrySubscriptions registrySubscriptions(LocalRegistry localRegistry, Clock clock) {
        return new RegistrySubscriptions(localRegistry, registry.subscriberId(), registry.keyId(),
                registry.privateKey(), X25519Keys.privateKey(registryEncryptionKey),
                ChallengeCipher.Mechanism.AES_256_ECB,
                clock);
    }

    public Party bpp() {
        return bpp;
    }

    public Party demoBap() {
        return demoBap;
    }

    public static Path keysFile(Path workDir) {
        return workDir.resolve("keys.json");
    }

    /**
     * Loads the keys of {@code workDir}, or on first start (no registry.json or no keys.json) makes them and
     * the registry entries of the BPP and the demo BAP, valid for one year. The BPP's entry always gets
     * {@code bppUrl}, so a suite started on another port is still reachable through the registry.
     */
    public static DemoNetwork ensure(Path workDir, String bppId, String bppUrl, LocalRegistry registry, Clock clock) {
        Path keys = keysFile(workDir);
        DemoNetwork network;
        if (!registry.exists() || !Files.isRegularFile(keys)) {
            network = new DemoNetwork(Party.generate(bppId, bppId + ".k1"),
                    Party.generate(DEMO_BAP_ID, DEMO_BAP_ID + ".k1"), null, null, null).withNetworkKeys();
            network.writeKeys(keys);
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            registry.put(entry(network.bpp, "BPP", bppUrl, now));
            registry.put(entry(network.demoBap, "BAP", "http://localhost:" + DEMO_BAP_PORT + "/bap", now));
            LOG.info(() -> "demo network: new keys in " + keys + ", registry " + registry.file());
        } else {
            DemoNetwork read = readKeys(keys);
            if (!read.bpp.subscriberId().equals(bppId)) {
                throw new IllegalStateException(keys + " holds keys of " + read.bpp.subscriberId()
                        + ", not of " + bppId + ": use another --work-dir");
            }
            network = read.hasNetworkKeys() ? read : read.withNetworkKeys();
            if (network != read) {
                network.writeKeys(keys);
            }
            registry.lookup(JSON.createObjectNode().put("subscriber_id", bppId)).stream()
                    .filter(e -> !bppUrl.equals(e.url()))
                    .forEach(e -> registry.put(new RegistryEntry(e.subscriberId(), e.keyId(), e.type(), bppUrl,
                            e.domain(), e.signingPublicKey(), e.status(), e.validFrom(), e.validUntil(),
                            e.encrPublicKey())));
        }
        return network;
    }

    /**
     * Joins the local registry as a real network would be joined, if catalog-service runs: subscribes (every domain
     * served, every signing key) through its operator API, and waits (15 s at most) until the registry's on_subscribe
     * challenge made them SUBSCRIBED. The hand-made entry of the first start stays in force meanwhile, so the suite is
     * usable either way; a failure is logged.
     */
    public void joinRegistry(LocalSuite suite) {
        if (!suite.isRunning("catalog")) {
            return;
        }
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    suite.serviceUrl("catalog") + "/catalog/v1/network/subscriptions"))
                    .header("Authorization", "Bearer " + suite.tokens().operator())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                LOG.warning(() -> "subscribing to the local registry failed: HTTP " + r.statusCode() + " " + r.body());
                return;
            }
            int expected = JSON.readTree(r.body()).path("subscriptions").size();
            long until = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < until) {
                long subscribed = suite.registry().lookup(JSON.createObjectNode().put("subscriber_id",
                        bpp.subscriberId())).stream()
                        .filter(e -> "SUBSCRIBED".equals(e.status()) && e.encrPublicKey() != null).count();
                if (subscribed >= expected) {
                    LOG.info(() -> "joined the local registry: " + subscribed + " subscriptions SUBSCRIBED");
                    return;
                }
                Thread.sleep(200);
            }
            LOG.warning("the local registry's challenge was not answered within 15 s; the hand-made entry stays");
        } catch (IOException e) {
            LOG.warning(() -> "subscribing to the local registry failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The workflow document's providers, seeded into the catalog on every start (bulk import is idempotent). */
    public static final List<String> DEMO_PROVIDERS = List.of("chargezone.in", "log9.in");

    /**
     * Puts the demo providers' networks (Chargezone's chargers and Log9's battery swaps around Bengaluru, from
     * {@code demo/<id>.json}) into the catalog through its onboarding API, as the platform operator would.
     */
    public void seedProviders(LocalSuite suite) {
        if (!suite.isRunning("catalog")) {
            LOG.info("catalog-service is not running: no demo providers seeded");
            return;
        }
        for (String id : DEMO_PROVIDERS) {
            put(suite, "catalog", "/catalog/v1/providers/" + id + "/network", "/demo/" + id + ".json",
                    "demo provider " + id);
        }
    }

    /**
     * Chargezone's demo tariff (rates by charger type, block fee, CGST + SGST, a partnership discount), if quote runs;
     * then waits (30 s at most) until the catalog shows its prices, which quote-service publishes right after: the
     * suite is ready when a search shows what a select applies.
     */
    public void seedTariffs(LocalSuite suite) {
        if (!suite.isRunning("quote")) {
            return;
        }
        put(suite, "quote", "/quotes/v1/tariffs/chargezone.in", "/demo/tariff-chargezone.in.json", "demo tariff");
        if (!suite.isRunning("catalog")) {
            return;
        }
        long until = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        try {
            while (System.nanoTime() < until) {
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        suite.serviceUrl("catalog") + "/catalog/v1/providers/chargezone.in/unit-prices"))
                        .header("Authorization", "Bearer " + suite.tokens().operator()).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    LOG.info("the catalog shows the demo tariff's prices");
                    return;
                }
                Thread.sleep(250);
            }
            LOG.warning(
                    "the catalog does not show the demo tariff's prices yet; searches show list prices until it does");
        } catch (IOException e) {
            LOG.warning(() -> "the demo tariff's prices could not be checked: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** PUTs a demo document to a service's REST API as the operator; a failure is logged, the suite still starts. */
    private static void put(LocalSuite suite, String service, String path, String resource, String what) {
        try (InputStream in = DemoNetwork.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the class path");
            }
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(suite.serviceUrl(service) + path))
                            .header("Authorization", "Bearer " + suite.tokens().operator())
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes())).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                LOG.warning(() -> "seeding the " + what + " failed: HTTP " + r.statusCode() + " " + r.body());
            } else {
                LOG.info(() -> what + " seeded");
            }
        } catch (IOException e) {
            LOG.warning(() -> "seeding the " + what + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RegistryEntry entry(Party p, String type, String url, OffsetDateTime now) {
        return RegistryEntry.subscribed(p.subscriberId(), p.keyId(), type, url, p.publicKey(), now.minusMinutes(5),
                now.plusYears(1));
    }

    private void writeKeys(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.set("bpp", JSON.valueToTree(bpp));
        root.set("demo_bap", JSON.valueToTree(demoBap));
        root.set("registry", JSON.valueToTree(registry));
        root.put("bpp_encryption_private_key", bppEncryptionKey);
        root.put("registry_encryption_private_key", registryEncryptionKey);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, JSON.writeValueAsBytes(root));
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("keys.json needs a POSIX file system for mode 600", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static DemoNetwork readKeys(Path file) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
            return new DemoNetwork(JSON.treeToValue(root.get("bpp"), Party.class),
                    JSON.treeToValue(root.get("demo_bap"), Party.class),
                    root.hasNonNull("registry") ? JSON.treeToValue(root.get("registry"), Party.class) : null,
                    root.path("bpp_encryption_private_key").asText(null),
                    root.path("registry_encryption_private_key").asText(null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
