package org.evcharging.bpp.core.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.evcharging.bpp.core.signing.VerificationKey;

/**
 * Signing keys of other subscribers, looked up in the registry and cached until the earlier of the key's
 * {@code valid_until} and a maximum age (so revocations are seen). Unknown keys are remembered briefly so a
 * flood of forged key ids does not become a flood of registry lookups. The cache is bounded, and while the
 * registry is unreachable a key already known stays usable (within its own {@code valid_until}) for a short grace
 * period, so a registry outage does not lock out every BAP whose cache entry happened to age out.
 */
public class SubscriberKeyCache {

    /** The source of registry entries; {@link RegistryLookup#lookup} in production. */
    @FunctionalInterface
    public interface Source {

        List<Subscriber> lookup(String subscriberId, String keyId) throws IOException;
    }

    private record Entry(Subscriber subscriber, VerificationKey key, Instant until) {
    }

    static final int MAX_ENTRIES = 10_000;
    private static final java.time.Duration STALE_GRACE = java.time.Duration.ofMinutes(1);

    private final Source source;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration negativeAge;
    private final Set<String> domains;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** A cache that takes a subscription in any domain. */
    public SubscriberKeyCache(Source source, Clock clock, Duration maxAge, Duration negativeAge) {
        this(source, clock, maxAge, negativeAge, null);
    }

    /**
     * A cache that takes a subscription only in one of {@code domains} (or one that names no domain): a key a BAP
     * registered for another network's domain is not a key for ours. Null takes any.
     */
    public SubscriberKeyCache(Source source, Clock clock, Duration maxAge, Duration negativeAge, Set<String> domains) {
        this.source = source;
        this.clock = clock;
        this.maxAge = maxAge;
        this.negativeAge = negativeAge;
        this.domains = domains == null ? null : Set.copyOf(domains);
    }

    /** The valid key of {@code subscriberId|keyId}, or empty. Throws {@link UncheckedIOException} if the registry is unreachable. */
    public Optional<VerificationKey> signingKey(String subscriberId, String keyId) {
        return entry(subscriberId, keyId).map(Entry::key);
    }

    /** The registry entry of {@code subscriberId|keyId} while its key is valid. */
    public Optional<Subscriber> subscriber(String subscriberId, String keyId) {
        return entry(subscriberId, keyId).map(Entry::subscriber);
    }

    private Optional<Entry> entry(String subscriberId, String keyId) {
        String cacheKey = subscriberId + '|' + keyId;
        Instant now = clock.instant();
        Entry cached = entries.get(cacheKey);
        if (cached == null || !now.isBefore(cached.until())) {
            try {
                cached = load(subscriberId, keyId, now);
            } catch (UncheckedIOException registryDown) {
                if (cached == null || cached.key() == null
                        || !cached.subscriber().usableAt(now.atOffset(ZoneOffset.UTC))) {
                    throw registryDown;
                }
                cached = new Entry(cached.subscriber(), cached.key(), now.plus(STALE_GRACE));
            }
            entries.put(cacheKey, cached);
            if (entries.size() > MAX_ENTRIES) {
                trim(now);
            }
        }
        return cached.key() == null ? Optional.empty() : Optional.of(cached);
    }

    /** Drops expired entries, then unknown-key entries, then everything, until the cache is within its bound. */
    private void trim(Instant now) {
        entries.values().removeIf(e -> !now.isBefore(e.until()));
        if (entries.size() > MAX_ENTRIES) {
            entries.values().removeIf(e -> e.key() == null);
        }
        if (entries.size() > MAX_ENTRIES) {
            entries.clear();
        }
    }

    int size() {
        return entries.size();
    }

    private boolean inOurDomains(Subscriber s) {
        return domains == null || s.domain() == null || s.domain().isBlank() || domains.contains(s.domain());
    }

    private Entry load(String subscriberId, String keyId, Instant now) {
        List<Subscriber> found;
        try {
            found = source.lookup(subscriberId, keyId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OffsetDateTime nowUtc = now.atOffset(ZoneOffset.UTC);
        for (Subscriber s : found) {
            if (subscriberId.equals(s.subscriberId()) && (s.keyId() == null || keyId.equals(s.keyId()))
                    && s.usableAt(nowUtc) && inOurDomains(s)) {
                try {
                    VerificationKey key = VerificationKey.of(Ed25519Keys.publicKey(s.signingPublicKey()));
                    Instant until = now.plus(maxAge);
                    if (s.validUntil() != null && s.validUntil().toInstant().isBefore(until)) {
                        until = s.validUntil().toInstant();
                    }
                    return new Entry(s, key, until);
                } catch (IllegalArgumentException badKey) {
                    // A malformed key in the registry is as good as no key.
                }
            }
        }
        return new Entry(null, null, now.plus(negativeAge));
    }
}
