package org.evcharging.bpp.catalog.application.prices;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.evcharging.bpp.catalog.domain.FulfillmentType;
import org.evcharging.bpp.catalog.domain.PriceList;
import org.evcharging.bpp.catalog.domain.PriceListRow;
import org.evcharging.bpp.catalog.application.prices.PriceListSpecs.EntrySpec;
import org.evcharging.bpp.catalog.application.prices.PriceListSpecs.PriceListSpec;
import org.evcharging.bpp.catalog.application.prices.PriceListSpecs.WindowSpec;
import org.evcharging.bpp.catalog.infrastructure.offers.ProviderOffers;
import org.evcharging.bpp.core.rest.Problem.FieldError;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.core.tasks.AfterCommit;

/**
 * The providers' unit prices that quote-service publishes from their tariffs: kept (the latest version wins, under the
 * row's lock) and read back as {@link PriceList}s for search. A provider the catalog does not know yet may have one:
 * a tariff can be put before the network is imported.
 */
@ApplicationScoped
public class PriceLists {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    ProviderOffers offers;

    /** Keeps {@code spec} unless a newer version is kept; the version kept (the spec's when it was taken). */
    @Transactional
    public long put(String providerId, PriceListSpec spec) {
        String json = of(spec).toJson();
        PriceListRow row = em.find(PriceListRow.class, providerId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            row = new PriceListRow(providerId);
            row.publish(spec.version(), json, Instant.now());
            em.persist(row); // two first publishes at once: one fails on the key and is retried by its publisher
        } else if (!row.publish(spec.version(), json, Instant.now())) {
            return row.version();
        }
        AfterCommit.run(transactions, offers::changed); // the next search on this replica shows them
        return spec.version();
    }

    @Transactional
    public void delete(String providerId) {
        PriceListRow row = em.find(PriceListRow.class, providerId, LockModeType.PESSIMISTIC_WRITE);
        if (row != null) {
            em.remove(row);
            AfterCommit.run(transactions, offers::changed);
        }
    }

    /** The stored price list of a provider, as published. */
    @Transactional
    public Optional<PriceListSpec> get(String providerId) {
        PriceListRow row = em.find(PriceListRow.class, providerId);
        return row == null ? Optional.empty() : Optional.of(spec(PriceList.fromJson(row.json())));
    }

    static PriceListSpec spec(PriceList p) {
        return new PriceListSpec(p.version(), p.currency(), p.offset().getId(),
                p.chargerTypes().stream().sorted().toList(),
                p.locations().stream().sorted().toList(), p.entries().stream().map(e -> new EntrySpec(
                        e.service().name(), e.chargerType(), e.locationRef(),
                        e.windows().stream()
                                .map(w -> new WindowSpec(w.from().toString(),
                                        w.price() == null ? null : w.price().toPlainString()))
                                .toList()))
                        .toList());
    }

    static PriceList of(PriceListSpec spec) {
        List<PriceList.Entry> entries = new ArrayList<>();
        for (EntrySpec e : spec.prices()) {
            List<PriceList.Window> windows = e.windows().stream()
                    .map(w -> new PriceList.Window(LocalTime.parse(w.from()),
                            w.price() == null ? null : new BigDecimal(w.price())))
                    .toList();
            entries.add(new PriceList.Entry(FulfillmentType.valueOf(e.service()), e.chargerType(), e.locationId(),
                    windows));
        }
        return new PriceList(spec.version(), spec.currency(), ZoneOffset.of(spec.utcOffset()),
                new HashSet<>(spec.chargerTypes() == null ? List.of() : spec.chargerTypes()),
                new HashSet<>(spec.locations() == null ? List.of() : spec.locations()), entries);
    }

    /** A version (a time) is at most this far ahead: one far in the future would keep every later one out. */
    static final long AHEAD_MILLIS = java.time.Duration.ofDays(1).toMillis();

    /** Windows start at 00:00 and go forward; a key is given once; the version is no more than a day ahead. */
    public void check(PriceListSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.version() > System.currentTimeMillis() + AHEAD_MILLIS) {
            errors.add(new FieldError("version", "more than a day ahead of now: a version is when the tariff changed"));
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (int i = 0; i < spec.prices().size(); i++) {
            EntrySpec e = spec.prices().get(i);
            if (!keys.add(e.service() + "|" + e.chargerType() + "|" + e.locationId())) {
                errors.add(
                        new FieldError("prices[" + i + "]", "this service, charger type and location is given twice"));
            }
            if (!"00:00".equals(e.windows().get(0).from())) {
                errors.add(
                        new FieldError("prices[" + i + "].windows[0].from", "the day's first window starts at 00:00"));
            }
            for (int w = 1; w < e.windows().size(); w++) {
                if (e.windows().get(w).from().compareTo(e.windows().get(w - 1).from()) <= 0) {
                    errors.add(new FieldError("prices[" + i + "].windows[" + w + "].from",
                            "windows are in order of their start"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " fields are invalid", errors);
        }
    }
}
