package org.evcharging.bpp.order.application.settlement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.logging.Level;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Quotes quotes;

    /**
     * The bill of {@code delivered} (kWh, or swaps); never more than the booked quantity is billed. A meter that read
     * more (the charger stopped a reading after the booked energy) is billed the booked quantity, and the bill's energy
     * line says so: its title gives what was delivered, its {@code quantity.allocated} the same, its
     * {@code quantity.selected} what is billed.
     */
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
        BigDecimal metered = delivered.max(BigDecimal.ZERO);
        if (metered.compareTo(d) > 0 && !o.isSwap()) {
            LOG.log(Level.INFO, "order={0}: {1} kWh delivered, {2} booked; the booked energy is billed",
                    new Object[] {o.id(), metered.toPlainString(), d.toPlainString()});
            return new Bill(metered, d, new BigDecimal(s.total()), s.currency(),
                    beyondBooking(s.breakup().toString(), metered));
        }
        return new Bill(d, new BigDecimal(s.total()), s.currency(), s.breakup().toString());
    }

    /** The breakup with its energy line telling what was delivered beside the booked quantity it bills. */
    public static String beyondBooking(String breakup, BigDecimal metered) {
        JsonNode copy;
        try {
            copy = JSON.readTree(breakup);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("quote-service sent a bill that is not JSON", e);
        }
        for (JsonNode line : copy) {
            JsonNode item = line.path("item");
            if (line instanceof ObjectNode l && item instanceof ObjectNode i
                    && "energy".equals(item.path("descriptor").path("code").asText())
                    && i.path("quantity") instanceof ObjectNode q) {
                String unit = q.at("/selected/measure/unit").asText("kWh");
                String title = "Energy delivered " + metered.stripTrailingZeros().toPlainString() + " " + unit
                        + ", billed as booked";
                l.put("title", title);
                if (i.path("descriptor") instanceof ObjectNode d) {
                    d.put("name", title);
                }
                q.putObject("allocated").putObject("measure")
                        .put("value", metered.stripTrailingZeros().toPlainString()).put("unit", unit);
            }
        }
        return copy.toString();
    }
}
