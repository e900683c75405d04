package org.evcharging.bpp.support.application.support;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.core.persistence.BecknReferences;
import org.evcharging.bpp.core.rest.PeerErrors;
import org.evcharging.bpp.support.infrastructure.catalog.Catalog;
import org.evcharging.bpp.support.infrastructure.catalog.CatalogClient;
import org.evcharging.bpp.support.infrastructure.peers.Ids;
import org.evcharging.bpp.support.infrastructure.orders.OrderClient;
import org.evcharging.bpp.support.infrastructure.orders.Orders;
import org.evcharging.bpp.support.infrastructure.quotes.QuoteClient;
import org.evcharging.bpp.support.infrastructure.quotes.Quotes;
import org.evcharging.bpp.support.domain.Ticket;
import org.evcharging.bpp.support.domain.TicketRefs;

/**
 * A {@code support} request answered: what the user needs help with (an order, a provider or a transaction), the
 * contacts that apply (the provider's from the catalog, the platform's for what it lacks) and a ticket for the
 * provider to answer. One transaction with the {@code on_support} answer.
 *
 * <p>Which subject: {@code order_id} (the workflow document) is the BAP's order, else 30010. {@code ref_id} (core
 * 1.1.0) may be a ticket reference, an order, a provider or a transaction id, tried in that order, else 30010. With
 * neither, the request's own transaction. The provider of a transaction is the one of its latest quote; a
 * transaction without one gets the platform's contacts.
 */
@ApplicationScoped
public class SupportDesk {

    private static final SafeLog LOG = SafeLog.of(SupportDesk.class);

    /** What the BAP gets back: the ticket, the order it is about (if any) and whom to contact. */
    public record Answer(String ticketRef, String orderId, SupportContacts contacts) {
    }

    /** What the request is about, once resolved. */
    record Subject(Ticket.Subject kind, String id, String orderId, String providerId) {
    }

    @Inject
    Orders orders;

    @Inject
    Catalog catalog;

    @Inject
    Quotes quotes;

    @Inject
    Tickets tickets;

    @Inject
    @ConfigProperty(name = "support.platform.phone")
    Optional<String> platformPhone;

    @Inject
    @ConfigProperty(name = "support.platform.email")
    Optional<String> platformEmail;

    @Inject
    @ConfigProperty(name = "support.platform.url")
    Optional<String> platformUrl;

    private SupportContacts platform;

    @PostConstruct
    void init() {
        platform = SupportContacts.of(platformPhone.orElse(null), platformEmail.orElse(null), platformUrl.orElse(null));
        if (platformPhone.isPresent() && platform.phone() == null
                || platformEmail.isPresent() && platform.email() == null
                || platformUrl.isPresent() && platform.url() == null) {
            LOG.log(Level.SEVERE, "some support.platform.* value is malformed and is not given to users"
                    + " (phone: digits, spaces, + ( ) -; email; url: http(s), plain ASCII)");
        }
    }

    public SupportContacts platform() {
        return platform;
    }

    /** The request's order id, ref id and the user's contacts, as {@link org.evcharging.bpp.support.beckn.SupportRequest} read them. */
    public record Request(String orderId, String refId, String phone, String email, String callbackPhone) {
    }

    @Transactional
    public Answer help(InboundRequest request, Request r) {
        Subject subject = subjectOf(request, r);
        SupportContacts contacts = contactsOf(subject.providerId(), request).orElse(platform);
        if (contacts.isEmpty()) {
            throw new BecknException(ErrorCode.SUPPORT_UNAVAILABLE, null, subject.providerId() == null
                    ? "no support is configured on this platform"
                    : "provider '" + subject.providerId() + "' has no support contacts and the platform none either");
        }
        Ticket t = tickets.open(BecknReferences.of(request.bapId(), request.transactionId(), request.messageId()),
                subject.kind(), subject.id(), subject.orderId(), subject.providerId(), r.phone(), r.email(),
                r.callbackPhone());
        LOG.log(Level.INFO, "support txn={0} msg={1}: ticket {2} ({3} {4}, provider {5}), asked {6} time(s)",
                new Object[] {
                        request.transactionId(), request.messageId(), t.ref(), subject.kind(), subject.id(),
                        subject.providerId() == null ? "none: the platform" : subject.providerId(), t.requests()});
        return new Answer(t.ref(), subject.orderId(), contacts);
    }

    private Subject subjectOf(InboundRequest request, Request r) {
        String bap = request.bapId();
        if (r.orderId() != null) {
            OrderClient.OrderRef o = order(r.orderId(), request);
            if (o == null) {
                throw new BecknException(ErrorCode.ORDER_NOT_FOUND, "$.message.support.order_id",
                        "no order '" + r.orderId() + "'");
            }
            return new Subject(Ticket.Subject.ORDER, o.id(), o.id(), o.providerId());
        }
        if (r.refId() != null) {
            String ref = r.refId();
            if (TicketRefs.looksLikeRef(ref)) {
                Ticket t = tickets.ofBap(ref, bap);
                if (t != null) {
                    return new Subject(t.subjectKind(), t.subjectId(), t.orderId(), t.providerId());
                }
            }
            OrderClient.OrderRef o = order(ref, request);
            if (o != null) {
                return new Subject(Ticket.Subject.ORDER, o.id(), o.id(), o.providerId());
            }
            if (providerExists(ref, request)) {
                return new Subject(Ticket.Subject.PROVIDER, ref, null, ref);
            }
            QuoteClient.QuoteRef q = latestQuote(ref, request);
            if (q != null) {
                return new Subject(Ticket.Subject.TRANSACTION, ref, null, q.providerId());
            }
            throw new BecknException(ErrorCode.ORDER_NOT_FOUND, "$.message.support.ref_id",
                    "'" + ref + "' is none of your orders, tickets or transactions, nor a provider");
        }
        QuoteClient.QuoteRef q = latestQuote(request.transactionId(), request);
        return new Subject(Ticket.Subject.TRANSACTION, request.transactionId(), null,
                q == null ? null : q.providerId());
    }

    private OrderClient.OrderRef order(String id, InboundRequest request) {
        if (!Ids.plausible(id)) {
            return null;
        }
        try {
            return orders.get(id, request.bapId());
        } catch (PeerErrors.PeerRefused notFound) {
            return null;
        } catch (RuntimeException e) {
            throw unavailable("orders", request, e);
        }
    }

    private boolean providerExists(String id, InboundRequest request) {
        if (!Ids.plausible(id)) {
            return false;
        }
        try {
            return catalog.provider(id) != null;
        } catch (PeerErrors.PeerRefused notFound) {
            return false;
        } catch (RuntimeException e) {
            throw unavailable("the catalog", request, e);
        }
    }

    private QuoteClient.QuoteRef latestQuote(String transactionId, InboundRequest request) {
        if (!Ids.plausible(transactionId)) {
            return null;
        }
        try {
            return quotes.get(transactionId, request.bapId());
        } catch (PeerErrors.PeerRefused none) {
            return null;
        } catch (RuntimeException e) {
            throw unavailable("quotes", request, e);
        }
    }

    /**
     * The provider's own contacts. When the catalog cannot be reached, none: the platform's are given instead (a
     * degraded answer is better than none for someone who needs help), and the ticket still goes to the provider.
     */
    private SupportContacts contactsOf(String providerId, InboundRequest request) {
        if (providerId == null) {
            return SupportContacts.NONE;
        }
        try {
            CatalogClient.Provider p = catalog.provider(providerId);
            CatalogClient.Support s = p == null ? null : p.support();
            return s == null ? SupportContacts.NONE : SupportContacts.of(s.phone(), s.email(), s.url());
        } catch (PeerErrors.PeerRefused gone) {
            return SupportContacts.NONE;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING,
                    "support txn={0} msg={1}: the catalog is unavailable ({2}); the platform''s contacts are given",
                    new Object[] {request.transactionId(), request.messageId(), e.toString()});
            if (platform.isEmpty()) {
                throw unavailable("the catalog", request, e);
            }
            return SupportContacts.NONE;
        }
    }

    private static BecknException unavailable(String peer, InboundRequest request, RuntimeException e) {
        LOG.log(Level.WARNING, "support txn={0} msg={1}: {2} unavailable: {3}",
                new Object[] {request.transactionId(), request.messageId(), peer, e.toString()});
        return new BecknException(ErrorCode.BUSINESS_ERROR, null,
                peer + " could not be reached, so no ticket was opened; send support again shortly");
    }
}
