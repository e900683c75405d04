package org.evcharging.bpp.payment.application.links;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.core.tasks.AfterCommit;
import org.evcharging.bpp.payment.domain.LinkStatus;
import org.evcharging.bpp.payment.domain.Money;
import org.evcharging.bpp.payment.domain.PaymentLink;
import org.evcharging.bpp.payment.infrastructure.gateway.PaymentGateway;

/**
 * Making and reading payment links. Re-initialising an order is idempotent: the same amount gets the open link
 * back, another amount cancels it and gets a new one, so an order has at most one payable link; a paid order gets
 * none. The order's links are locked while this is decided.
 */
@ApplicationScoped
public class PaymentLinks {

    private static final SafeLog LOG = SafeLog.of(PaymentLinks.class);

    /** A link, and whether this call made it (201) or found it open already (200). */
    public record Made(PaymentLink link, boolean created) {
    }

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    PaymentGateway gateway;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "payment.link.validity", defaultValue = "PT15M")
    String validitySetting;

    private Duration validity;

    @PostConstruct
    void init() {
        try {
            validity = Duration.parse(validitySetting);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("payment.link.validity=" + validitySetting
                    + " is not an ISO-8601 duration such as PT15M", e);
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalStateException("payment.link.validity must be positive, not " + validitySetting);
        }
    }

    @Transactional
    public Made create(CreateLinkRequest request) {
        BigDecimal amount = Money.parsePositive(request.amount());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = request.expiresAt() == null ? now.plus(validity) : expiresAt(request.expiresAt(), now);
        List<PaymentLink> existing = em.createNamedQuery(PaymentLink.BY_ORDER, PaymentLink.class)
                .setParameter("orderRef", request.orderRef())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        if (existing.stream().anyMatch(l -> l.storedStatus() == LinkStatus.PAID)) {
            throw new ProblemException(409, "order already paid: '" + request.orderRef() + "'");
        }
        Optional<PaymentLink> open = existing.stream()
                .filter(l -> l.reusableFor(amount, request.currency(), now) && !l.expiresAt().isBefore(expiresAt))
                .reduce((first, second) -> second);
        if (open.isPresent()) {
            return new Made(open.get(), false);
        }
        // Every older link not paid is cancelled, an expired one too: money that still arrives on one is owed back.
        List<String> cancelled = new java.util.ArrayList<>();
        existing.stream().filter(l -> l.storedStatus() == LinkStatus.NOT_PAID || l.storedStatus() == LinkStatus.FAILED)
                .forEach(l -> {
                    l.cancel();
                    cancelled.add(l.id());
                    LOG.info(() -> "payment link " + l.id() + " of order " + l.orderRef() + " cancelled: replaced by "
                            + Money.format(amount) + " " + request.currency());
                });
        if (!cancelled.isEmpty()) {
            AfterCommit.soon(transactions, executor, () -> withdraw(request.orderRef(), cancelled),
                    "closing replaced links' checkouts");
        }
        CreateLinkRequest.PayerSpec p = request.payer();
        PaymentLink link = new PaymentLink(UUID.randomUUID().toString(), request.orderRef(), amount,
                request.currency(), request.description(),
                p == null ? null : new PaymentLink.Payer(p.name(), p.email(), p.phone()), now, expiresAt);
        em.persist(link);
        LOG.info(() -> "payment link " + link.id() + " for order " + link.orderRef() + ": "
                + Money.format(amount) + " " + link.currency() + " until " + expiresAt);
        return new Made(link, true);
    }

    /** Closes the provider's checkouts of cancelled links; one that cannot be closed stays payable and owed back. */
    private void withdraw(String orderRef, List<String> paymentIds) {
        for (String id : paymentIds) {
            try {
                gateway.withdraw(id);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "payment={0} order={1}: link cancelled, but its checkout at {2} could not be"
                        + " closed (money paid there is given back): {3}",
                        new Object[] {id, orderRef, gateway.name(), e.getMessage()});
            }
        }
    }

    public Optional<PaymentLink> find(String paymentId) {
        return paymentId == null ? Optional.empty() : Optional.ofNullable(em.find(PaymentLink.class, paymentId));
    }

    /**
     * The link as committed now, read in a transaction of its own. Outside a transaction, Liberty keeps what a request
     * has read for the rest of that request: the page that answers a payment would otherwise show the link as it was
     * read before the gateway's webhook changed it (still payable, after it was paid).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<PaymentLink> current(String paymentId) {
        return find(paymentId);
    }

    public List<PaymentLink> ofOrder(String orderRef) {
        return em.createNamedQuery(PaymentLink.BY_ORDER, PaymentLink.class)
                .setParameter("orderRef", orderRef).getResultList();
    }

    /** Where a person pays the link: the active gateway's page for it. */
    public String checkoutUrl(PaymentLink link) {
        return gateway.checkoutUrl(link);
    }

    private static Instant expiresAt(String text, Instant now) {
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "expiresAt must be an RFC 3339 instant such as 2026-11-29T10:15:00Z",
                    "expiresAt", "must be an RFC 3339 instant such as 2026-11-29T10:15:00Z");
        }
        if (!at.isAfter(now)) {
            throw new ProblemException(400, "expiresAt must be in the future", "expiresAt", "must be in the future");
        }
        return at;
    }
}
