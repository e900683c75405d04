package org.evcharging.bpp.quote.application.tariffs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.evcharging.bpp.core.rest.Problem.FieldError;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.quote.domain.tariffs.TariffDocument;
import org.evcharging.bpp.quote.domain.tariffs.TariffPublication;

/** Providers' tariffs: stored as validated documents, read when pricing ({@code application/Quoting}). */
@ApplicationScoped
public class Tariffs {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    PricePublisher publisher;

    public Optional<TariffSpec> find(String providerId) {
        TariffDocument d = em.find(TariffDocument.class, providerId);
        return d == null || !d.providerId().equals(providerId) ? Optional.empty() : Optional.of(spec(d));
    }

    /** Where publishing a provider's unit prices to the catalog stands; empty without a tariff. */
    public Optional<Publication> publication(String providerId) {
        TariffDocument d = em.find(TariffDocument.class, providerId);
        if (d == null) {
            return Optional.empty();
        }
        TariffPublication p = em.find(TariffPublication.class, providerId);
        return Optional.of(p == null ? new Publication(d.revision(), 0, 0, null)
                : new Publication(d.revision(), p.publishedRevision(), p.attempts(), p.lastError()));
    }

    /** The tariff's revision, the one the catalog shows, and the failures since (the last one's message). */
    public record Publication(long revision, long publishedRevision, int failedAttempts, String lastError) {
    }

    /** The database's clock, epoch milliseconds: one clock for every replica. */
    private long databaseNow() {
        return ((Number) em.createNativeQuery("SELECT ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000)").getSingleResult())
                .longValue();
    }

    /** The tariff a stored document holds. */
    static TariffSpec spec(TariffDocument d) {
        return JSONB.fromJson(d.json(), TariffSpec.class);
    }

    /** Rules across fields, before any write: windows have both ends, percentages are at most 100, ids unique. */
    public void check(TariffSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        List<TariffSpec.RateSpec> rates = spec.rates() == null ? List.of() : spec.rates();
        for (int i = 0; i < rates.size(); i++) {
            if ((rates.get(i).from() == null) != (rates.get(i).to() == null)) {
                errors.add(new FieldError("rates[" + i + "]", "a time window has both from and to"));
            } else if (rates.get(i).from() != null && rates.get(i).from().equals(rates.get(i).to())) {
                errors.add(new FieldError("rates[" + i + "].to", "an empty window never applies"));
            }
        }
        List<TariffSpec.DiscountSpec> discounts = spec.discounts() == null ? List.of() : spec.discounts();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < discounts.size(); i++) {
            TariffSpec.DiscountSpec d = discounts.get(i);
            if ("PERCENT".equals(d.kind()) && d.value().compareTo(java.math.BigDecimal.valueOf(100)) > 0) {
                errors.add(new FieldError("discounts[" + i + "].value", "a percentage is at most 100"));
            }
            if (!ids.add(d.id())) {
                errors.add(new FieldError("discounts[" + i + "].id", "'" + d.id() + "' appears twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " fields are invalid", errors);
        }
    }

    @Transactional
    public TariffSpec put(String providerId, TariffSpec spec) {
        check(spec);
        String json = JSONB.toJson(spec);
        TariffDocument d = em.find(TariffDocument.class, providerId);
        long revision = databaseNow();
        if (d == null) {
            em.persist(new TariffDocument(providerId, json, revision));
        } else {
            d.replace(json, revision);
        }
        publisher.changed(providerId); // the catalog shows the new prices within seconds
        return spec;
    }
}
