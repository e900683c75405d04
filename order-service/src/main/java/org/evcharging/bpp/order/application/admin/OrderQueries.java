package org.evcharging.bpp.order.application.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.evcharging.bpp.order.domain.ChargingSession;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.OrderStatus;

/**
 * What the console reads of orders: a search, and today's figures. Plain reads, no locks; a partner's queries are
 * always narrowed to its provider ({@code provider} non-null), whatever else it asks.
 */
@ApplicationScoped
public class OrderQueries {

    /** What to look for; any field may be null. {@code text} matches an order id or a transaction id exactly. */
    public record Search(String provider, String text, String bapId, OrderStatus status, int offset, int limit) {
    }

    /** Today's figures, from the start of today in the caller's time zone. */
    public record Summary(String provider, Instant since, long bookings, Map<String, BigDecimal> bookedAmount,
            Map<String, BigDecimal> settledAmount, long chargingNow, BigDecimal energyKwh, long refundsPending,
            long refundsRefused) {
    }

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    /** Orders, newest first, each with its session when it has one. */
    public List<Operations.OrderAndSession> search(Search s) {
        StringBuilder jpql = new StringBuilder("SELECT o FROM BecknOrder o WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (s.provider() != null) {
            jpql.append(" AND o.providerId = :provider");
            params.put("provider", s.provider());
        }
        if (s.text() != null) {
            jpql.append(" AND (o.id = :text OR o.beckn.transactionId = :text)");
            params.put("text", s.text());
        }
        if (s.bapId() != null) {
            jpql.append(" AND o.beckn.bapId = :bap");
            params.put("bap", s.bapId());
        }
        if (s.status() != null) {
            jpql.append(" AND o.status = :status");
            params.put("status", s.status());
        }
        jpql.append(" ORDER BY o.createdAt DESC");
        TypedQuery<Order> q = em.createQuery(jpql.toString(), Order.class);
        params.forEach(q::setParameter);
        List<Order> orders = q.setFirstResult(s.offset()).setMaxResults(s.limit()).getResultList();
        Map<String, ChargingSession> sessions = new HashMap<>();
        if (!orders.isEmpty()) {
            em.createQuery("SELECT s FROM ChargingSession s WHERE s.orderId IN :ids", ChargingSession.class)
                    .setParameter("ids", orders.stream().map(Order::id).toList()).getResultList()
                    .forEach(session -> sessions.put(session.orderId(), session));
        }
        List<Operations.OrderAndSession> found = new ArrayList<>();
        orders.forEach(o -> found.add(new Operations.OrderAndSession(o, sessions.get(o.id()))));
        return found;
    }

    /** An order and its session as committed; null when there is none (or, for a partner, another provider's). */
    public Operations.OrderAndSession order(String id, String provider) {
        Order o = em.find(Order.class, id);
        if (o == null || provider != null && !provider.equals(o.providerId())) {
            return null;
        }
        return new Operations.OrderAndSession(o, em.find(ChargingSession.class, id));
    }

    /** How many orders the BAP's transaction holds (more than one: the BAP inited at more than one provider). */
    public long ordersInTransaction(String bapId, String transactionId) {
        return em.createQuery("SELECT COUNT(o) FROM BecknOrder o WHERE o.beckn.bapId = :bap"
                + " AND o.beckn.transactionId = :txn", Long.class).setParameter("bap", bapId)
                .setParameter("txn", transactionId).getSingleResult();
    }

    /** Today's bookings, their value, what was settled, sessions charging now, energy and refunds. */
    public Summary summary(String provider, ZoneId zone, Instant now) {
        Instant since = LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
        String scope = provider == null ? "" : " AND o.providerId = :provider";
        TypedQuery<Object[]> booked = em.createQuery("SELECT o.currency, COUNT(o), SUM(o.total),"
                + " SUM(o.settlement.finalAmount) FROM BecknOrder o WHERE o.confirmedAt >= :since" + scope
                + " GROUP BY o.currency", Object[].class).setParameter("since", since);
        TypedQuery<Long> charging = em.createQuery("SELECT COUNT(s) FROM ChargingSession s, BecknOrder o"
                + " WHERE o.id = s.orderId AND s.state = :running" + scope, Long.class)
                .setParameter("running", ChargingSession.State.RUNNING);
        TypedQuery<BigDecimal> energy = em.createQuery("SELECT SUM(s.deliveredKwh) FROM ChargingSession s,"
                + " BecknOrder o WHERE o.id = s.orderId AND s.startedAt >= :since" + scope, BigDecimal.class)
                .setParameter("since", since);
        TypedQuery<Long> refunds = em.createQuery("SELECT COUNT(o) FROM BecknOrder o"
                + " WHERE o.settlement.refundStatus = :status" + scope, Long.class);
        TypedQuery<Long> refused = em.createQuery("SELECT COUNT(o) FROM BecknOrder o"
                + " WHERE o.settlement.refundStatus = :status" + scope, Long.class);
        if (provider != null) {
            booked.setParameter("provider", provider);
            charging.setParameter("provider", provider);
            energy.setParameter("provider", provider);
            refunds.setParameter("provider", provider);
            refused.setParameter("provider", provider);
        }
        long bookings = 0;
        Map<String, BigDecimal> bookedAmount = new HashMap<>();
        Map<String, BigDecimal> settledAmount = new HashMap<>();
        for (Object[] row : booked.getResultList()) {
            bookings += ((Number) row[1]).longValue();
            bookedAmount.put((String) row[0], row[2] == null ? BigDecimal.ZERO : (BigDecimal) row[2]);
            settledAmount.put((String) row[0], row[3] == null ? BigDecimal.ZERO : (BigDecimal) row[3]);
        }
        BigDecimal kwh = energy.getSingleResult();
        return new Summary(provider, since, bookings, bookedAmount, settledAmount, charging.getSingleResult(),
                kwh == null ? BigDecimal.ZERO : kwh,
                refunds.setParameter("status", Order.RefundStatus.PENDING).getSingleResult(),
                refused.setParameter("status", Order.RefundStatus.REFUSED).getSingleResult());
    }
}
