package org.evcharging.bpp.order.application.settlement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.logging.Level;

import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.core.rest.PeerErrors;
import org.evcharging.bpp.order.infrastructure.quotes.QuoteClient;
import org.evcharging.bpp.order.infrastructure.quotes.Quotes;

/**
 * The bill of what was delivered, priced by quote-service from the order's own quote (its rates, fees, discounts
 * and taxes, so a tariff changed during the session does not change it). Used at the end of a session, for the
 * amount so far while charging, and for what a cancelled session still costs.
 */
@ApplicationScoped
public class Settlements {

    private static final SafeLog LOG = SafeLog.of(Settlements.class);

    @Inject
    Quotes quotes;

    /** The bill of {@code delivered} (kWh, or swaps); never more than the booked quantity. */
    public Bill bill(Order o, BigDecimal delivered) {
        return bill(o, delivered, false);
    }

    /**
     * The bill of {@code delivered}; with {@code providerFault} (the charger failed, the provider cancelled) the user
     * pays the energy delivered and nothing else: no reservation fee, no add-ons (docs/charging-session.md).
     */
    public Bill bill(Order o, BigDecimal delivered, boolean providerFault) {
        BigDecimal d = delivered.min(o.quantity()).max(BigDecimal.ZERO);
        QuoteClient.Settlement s;
        try {
            s = quotes.settlement(o.quoteId(), d, providerFault);
        } catch (PeerErrors.PeerRefused e) {
            LOG.log(Level.SEVERE, "order={0}: quote-service refused to bill {1} of quote {2}: {3}",
                    new Object[] {o.id(), d, o.quoteId(), e.getMessage()});
            throw new BecknException(ErrorCode.BUSINESS_ERROR, null, "the bill of order " + o.id()
                    + " cannot be made from its quote; the provider has been alerted");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "order={0}: the bill could not be priced now: {1}",
                    new Object[] {o.id(), e.toString()});
            throw new BecknException(ErrorCode.BUSINESS_ERROR, null,
                    "the bill could not be priced now (quotes unreachable); nothing is lost, send the request again shortly");
        }
        if (providerFault && !Boolean.TRUE.equals(s.providerFault())) {
            // a quote-service that does not know the waiver (older than this one): its bill would charge the fees
            LOG.log(Level.SEVERE,
                    "order={0}: quote-service billed a charger error with its fees; upgrade quote-service",
                    new Object[] {o.id()});
            throw new BecknException(ErrorCode.BUSINESS_ERROR, null,
                    "the bill could not be priced now; nothing is lost, send the request again shortly");
        }
        if (!o.currency().equals(s.currency())) {
            LOG.log(Level.SEVERE, "order={0} is in {1}, its bill in {2}",
                    new Object[] {o.id(), o.currency(), s.currency()});
            throw new BecknException(ErrorCode.BUSINESS_ERROR, null, "the bill of order " + o.id()
                    + " cannot be made from its quote; the provider has been alerted");
        }
        return new Bill(d, new BigDecimal(s.total()), s.currency(), s.breakup().toString());
    }
}
