package org.evcharging.bpp.support.application.ratings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;

import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.core.rest.PeerErrors;
import org.evcharging.bpp.support.infrastructure.catalog.Catalog;
import org.evcharging.bpp.support.infrastructure.catalog.CatalogClient;
import org.evcharging.bpp.support.infrastructure.peers.Ids;
import org.evcharging.bpp.support.infrastructure.orders.OrderClient;
import org.evcharging.bpp.support.infrastructure.orders.Orders;
import org.evcharging.bpp.support.domain.RatedThing;
import org.evcharging.bpp.support.domain.RatingCategory;
import org.evcharging.bpp.support.domain.Ticket;
import org.evcharging.bpp.support.application.support.Tickets;

/**
 * What a rated id stands for; only what exists may be rated (else 30014 at the rating's {@code id}).
 * <ul>
 *   <li>An id that is one of the BAP's own orders means that order, or its charger (Fulfillment), item or provider:
 *       how the workflow document rates the charger. The order must have been confirmed (ACTIVE, COMPLETE, or
 *       CANCELLED after confirm): a draft or a lapsed booking has nothing to rate.</li>
 *   <li>Otherwise a Fulfillment, Item or Provider id is looked up in the catalog (active ones only). Item and
 *       connector ids are unique only within a provider: one that several providers use is refused as ambiguous
 *       (rate the order instead). A fulfillment counts for an item only when exactly one item is delivered there.</li>
 *   <li>Support: the BAP's own ticket reference ({@code SUP-…}).</li>
 * </ul>
 * A peer that cannot be reached makes the whole message an error 40000 (nothing is stored; send it again).
 */
@ApplicationScoped
public class RatingTargets {

    private static final SafeLog LOG = SafeLog.of(RatingTargets.class);

    @Inject
    Orders orders;

    @Inject
    Catalog catalog;

    @Inject
    Tickets tickets;

    public RatedThing resolve(RatingCategory category, String id, String path, InboundRequest request) {
        String idPath = path + ".id";
        if (category == RatingCategory.SUPPORT) {
            Ticket t = Ids.plausible(id) ? tickets.ofBap(id, request.bapId()) : null;
            if (t == null) {
                throw notFound(idPath,
                        "no support ticket '" + id + "' of yours (rate a ticket by the ticket_ref on_support gave)");
            }
            return new RatedThing(t.providerId(), null, null, t.orderId(), t.ref());
        }
        if (!Ids.plausible(id)) {
            throw notFound(idPath, "nothing here is called '" + abbreviate(id) + "'");
        }
        OrderClient.OrderRef o = order(id, request);
        if (o != null) {
            if (!o.wasConfirmed()) {
                throw notFound(idPath, "order '" + id + "' was never confirmed: there is nothing to rate");
            }
            if (category == RatingCategory.FULFILLMENT && o.fulfillmentId() == null) {
                throw notFound(idPath, "order '" + id + "' has no charger or station to rate");
            }
            return new RatedThing(o.providerId(), o.itemId(), o.fulfillmentId(), o.id(), null);
        }
        if (category == RatingCategory.ORDER) {
            throw notFound(idPath, "no order '" + id + "' of yours");
        }
        List<CatalogClient.Named> named = named(id, request).stream()
                .filter(n -> kindOf(category).equals(n.kind())).toList();
        String what = category == RatingCategory.FULFILLMENT ? "charger, station or order"
                : category.beckn().toLowerCase(java.util.Locale.ROOT) + " or order";
        if (named.isEmpty()) {
            throw notFound(idPath, "no " + what + " '" + id + "'");
        }
        if (named.size() > 1) {
            throw notFound(idPath, "'" + id + "' names a " + category.beckn().toLowerCase(java.util.Locale.ROOT)
                    + " of several providers: rate it by the order id instead");
        }
        CatalogClient.Named n = named.get(0);
        return switch (category) {
            case PROVIDER -> new RatedThing(n.providerId(), null, null, null, null);
            case ITEM -> new RatedThing(n.providerId(), n.itemId(), null, null, null);
            case FULFILLMENT -> new RatedThing(n.providerId(),
                    n.itemIds() != null && n.itemIds().size() == 1 ? n.itemIds().get(0) : null, n.fulfillmentId(), null,
                    null);
            default -> throw new IllegalStateException(category.name());
        };
    }

    private static String kindOf(RatingCategory category) {
        return switch (category) {
            case PROVIDER -> "PROVIDER";
            case ITEM -> "ITEM";
            case FULFILLMENT -> "FULFILLMENT";
            default -> "";
        };
    }

    private OrderClient.OrderRef order(String id, InboundRequest request) {
        try {
            return orders.get(id, request.bapId());
        } catch (PeerErrors.PeerRefused notFound) {
            return null;
        } catch (RuntimeException e) {
            throw unavailable("orders", request, e);
        }
    }

    private List<CatalogClient.Named> named(String id, InboundRequest request) {
        try {
            return catalog.named(id);
        } catch (PeerErrors.PeerRefused none) {
            return List.of();
        } catch (RuntimeException e) {
            throw unavailable("the catalog", request, e);
        }
    }

    private static BecknException notFound(String path, String message) {
        return new BecknException(ErrorCode.ENTITY_TO_RATE_NOT_FOUND, path, message);
    }

    private static BecknException unavailable(String peer, InboundRequest request, RuntimeException e) {
        LOG.log(Level.WARNING, "rating txn={0} msg={1}: {2} unavailable: {3}",
                new Object[] {request.transactionId(), request.messageId(), peer, e.toString()});
        return new BecknException(ErrorCode.BUSINESS_ERROR, null,
                peer + " could not be reached to check what is rated, so nothing was stored; send rating again shortly");
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
