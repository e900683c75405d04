package org.evcharging.bpp.catalog.application.onboarding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ProviderSpec;
import org.evcharging.bpp.catalog.domain.Provider;
import org.evcharging.bpp.core.rest.ProblemException;

/** Onboards providers: their description and support contacts, retirement, and the aggregate rating they are given. */
@ApplicationScoped
public class Providers {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    OnboardingRows rows;

    /** Creates or updates a provider's description; only {@code reactivate} (the operator) brings a retired one back. */
    @Transactional
    public ProviderSpec put(ProviderSpec spec, boolean reactivate) {
        rows.offersChange();
        Provider p = rows.exact(spec.id());
        if (p == null) {
            p = new Provider(spec.id());
            OnboardingMapper.apply(p, spec);
            em.persist(p);
        } else {
            OnboardingMapper.apply(p, spec);
            if (reactivate) {
                p.activate();
            }
        }
        return OnboardingMapper.view(p);
    }

    /** A PUT of {@code id}: the body names the same provider. */
    public void checkPut(String id, ProviderSpec spec) {
        OnboardingValidator.sameProvider(id, spec.id(), "id");
    }

    @Transactional
    public ProviderSpec create(ProviderSpec spec) {
        if (em.find(Provider.class, spec.id()) != null) {
            throw new ProblemException(409,
                    "provider '" + spec.id() + "' exists; PUT /catalog/v1/providers/" + spec.id() + " updates it",
                    "id", "already taken");
        }
        return put(spec, false);
    }

    public Optional<ProviderSpec> provider(String id) {
        return Optional.ofNullable(rows.exact(id)).map(OnboardingMapper::view);
    }

    public List<ProviderSpec> providers(String onlyId, int offset, int limit) {
        var q = onlyId == null
                ? em.createQuery("SELECT p FROM Provider p ORDER BY p.id", Provider.class)
                : em.createQuery("SELECT p FROM Provider p WHERE p.id = :id", Provider.class).setParameter("id",
                        onlyId);
        return q.setFirstResult(offset).setMaxResults(limit).getResultList().stream().map(OnboardingMapper::view)
                .toList();
    }

    /** 404 unless the provider exists; for checks before a transaction. */
    public void require(String id) {
        rows.existing(id);
    }

    @Transactional
    public void retire(String id) {
        rows.offersChange();
        rows.existing(id).retire();
    }

    /**
     * Sets a provider's aggregate rating as computed at {@code asOf} (epoch ms; null for an unversioned one), under
     * the provider's row lock, so that an aggregate arriving late (a push whose answer timed out) never replaces a
     * later one. False when it was older than the one already set.
     */
    @Transactional
    public boolean rate(String id, double value, int count, Long asOf) {
        rows.offersChange();
        Provider p = em.find(Provider.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (p == null || !p.id().equals(id)) {
            throw ProblemException.notFound("provider '" + id + "'");
        }
        return p.rate(value, count, asOf);
    }
}
