package org.evcharging.bpp.payment.infrastructure.gateway.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox provider's book of refunds. Each method runs in a transaction of its own (REQUIRES_NEW), apart from the
 * ledger's that calls the gateway: a refund the provider made stays made when the caller rolls back, and a look-up
 * reads what is committed now, not the caller's older snapshot (InnoDB repeatable read).
 */
@ApplicationScoped
public class SandboxRefunds {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    /**
     * The refund already made under {@code candidate}'s id, or {@code candidate}, now committed.
     *
     * @throws RuntimeException (a persistence or transaction exception) when a concurrent request with the same id
     *         committed first: {@link #find} then has its refund
     */
    @Transactional(TxType.REQUIRES_NEW)
    public SandboxRefund recordOnce(SandboxRefund candidate) {
        SandboxRefund stored = em.find(SandboxRefund.class, candidate.refundId());
        if (stored != null) {
            return stored;
        }
        em.persist(candidate);
        em.flush();
        return candidate;
    }

    @Transactional(TxType.REQUIRES_NEW)
    public Optional<SandboxRefund> find(String refundId) {
        return Optional.ofNullable(em.find(SandboxRefund.class, refundId));
    }

    @Transactional(TxType.REQUIRES_NEW)
    public List<SandboxRefund> ofOrder(String orderRef) {
        return em.createNamedQuery(SandboxRefund.BY_ORDER, SandboxRefund.class)
                .setParameter("orderRef", orderRef).getResultList();
    }
}
