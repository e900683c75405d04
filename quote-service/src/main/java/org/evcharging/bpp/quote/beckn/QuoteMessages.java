package org.evcharging.bpp.quote.beckn;

import org.evcharging.bpp.quote.application.Quoting;
import org.evcharging.bpp.quote.application.SelectRequest;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import org.evcharging.bpp.quote.infrastructure.catalog.CatalogOffer;
import org.evcharging.bpp.quote.domain.pricing.Quote;
import org.evcharging.bpp.quote.domain.pricing.Settlement;
import static org.evcharging.bpp.core.model.BecknValues.RFC3339;
import static org.evcharging.bpp.core.model.BecknValues.decimal;
import static org.evcharging.bpp.core.model.BecknValues.tag;

/**
 * Writes the {@code on_select} order in the workflow document's shape (valid against core 1.1.0): provider, the item
 * with its price and available and selected quantities and add-ons, the fulfillment with its slot and charging point
 * tags, and the quote: id, price, a breakup whose lines add up exactly to the price, and {@code ttl}.
 */
final class QuoteMessages {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private QuoteMessages() {
    }

    /** Half-hour slots offered when a select has none: the first ones nobody else holds. */
    static final int SLOT_OPTIONS = 4;
    /** The on_select message; {@code taken}: claims of others on the charger, whose slots are not offered. */
    static ObjectNode message(String quoteId, CatalogOffer offer, SelectRequest s, Quote quote, Duration ttl,
            java.time.OffsetDateTime now,
            java.util.List<org.evcharging.bpp.quote.infrastructure.slots.Slots.Claim> taken) {
        ObjectNode message = JSON.objectNode();
        ObjectNode order = message.putObject("order");
        CatalogOffer.Provider p = offer.provider();
        ObjectNode provider = order.putObject("provider");
        provider.put("id", p.id());
        ObjectNode pd = provider.putObject("descriptor").put("name", p.name());
        if (p.shortDesc() != null) {
            pd.put("short_desc", p.shortDesc());
        }
        if (p.images() != null && !p.images().isEmpty()) {
            ArrayNode images = pd.putArray("images");
            p.images().forEach(u -> images.addObject().put("url", u));
        }

        CatalogOffer.Item i = offer.item();
        String unit = Quoting.unit(i);
        ObjectNode item = order.putArray("items").addObject();
        item.put("id", i.id());
        ObjectNode d = item.putObject("descriptor").put("code", i.code());
        if (i.name() != null) {
            d.put("name", i.name());
        }
        // The unit price this quote applies (the tariff's rate for this charger, place and time), as on_search shows
        // it for the fulfillment; the catalog's list price only when no rate applies.
        item.putObject("price").put("value", decimal(Settlement.energyLine(quote).unitPrice())).put("currency",
                quote.currency());
        ObjectNode qty = item.putObject("quantity");
        qty.putObject("available").putObject("measure").put("value", decimal(i.availableQuantity())).put("unit", unit);
        qty.putObject("selected").putObject("measure").put("value", decimal(s.quantity())).put("unit", unit);
        if (offer.fulfillment() != null) {
            item.putArray("fulfillment_ids").add(offer.fulfillment().id());
        }
        if (!s.addOnIds().isEmpty()) {
            ArrayNode addOns = item.putArray("add_ons");
            s.addOnIds().forEach(a -> addOns.addObject().put("id", a));
        }

        CatalogOffer.Fulfillment f = offer.fulfillment();
        ObjectNode fo = null;
        if (f != null) {
            fo = order.putArray("fulfillments").addObject();
            fo.put("id", f.id()).put("type", f.type());
            ArrayNode stops = fo.putArray("stops");
            if (s.slotStart() != null) {
                stops.addObject().put("type", "start").putObject("time").put("timestamp",
                        RFC3339.format(s.slotStart()));
                stops.addObject().put("type", "end").putObject("time").put("timestamp", RFC3339.format(s.slotEnd()));
            } else if (f.gps() != null) {
                stops.addObject().put("type", "start").putObject("location").put("id", f.locationId()).put("gps",
                        f.gps());
            }
            if (f.chargerType() != null) {
                ObjectNode group = fo.putArray("tags").addObject();
                group.putObject("descriptor").put("name", "Charging Point Specifications").put("code",
                        "charging-point");
                ArrayNode list = group.putArray("list");
                tag(list, "Charger type", "charger-type", f.chargerType());
                tag(list, "Connector type", "connector-type", f.connectorType());
                tag(list, "Power Rating", "power-rating", decimal(BigDecimal.valueOf(f.powerKw())) + "kW");
                tag(list, "Availability", "availability", f.availability());
                if (s.slotStart() != null) {
                    tag(list, "Blocked for the slot", "block", s.block() ? "Y" : "N");
                }
                group.put("display", true);
            } else if (s.slotStart() != null) {
                // A swap station has no charging specifications, but whether its slot is held still matters.
                ObjectNode group = fo.putArray("tags").addObject();
                group.putObject("descriptor").put("name", "Slot").put("code", "slot");
                tag(group.putArray("list"), "Blocked for the slot", "block", s.block() ? "Y" : "N");
                group.put("display", true);
            }
        }
        if (s.slotStart() == null) {
            // The first round of the document's selection: the provider asks what it needs to book.
            if (fo == null) {
                fo = order.putArray("fulfillments").addObject();
                fo.put("type", i.fulfillmentTypes() == null || i.fulfillmentTypes().isEmpty() ? "CHARGING"
                        : i.fulfillmentTypes().get(0).replace('_', '-'));
            }
            ArrayNode tags = fo.has("tags") ? (ArrayNode) fo.get("tags") : fo.putArray("tags");
            ObjectNode ask = tags.addObject();
            ask.putObject("descriptor").put("name", "To book, choose").put("code", "select-options");
            ArrayNode list = ask.putArray("list");
            tag(list, "Block the charger for a slot? (Y/N)", "block", "Y/N");
            java.time.OffsetDateTime next = Quoting.firstOption(now);
            int offered = 0;
            for (java.time.OffsetDateTime from = next; offered < SLOT_OPTIONS
                    && from.isBefore(next.plus(Quoting.OPTIONS_LOOK_AHEAD)); from = from.plusMinutes(30)) {
                java.time.Instant start = from.toInstant();
                java.time.Instant end = from.plusMinutes(30).toInstant();
                if (taken.stream().noneMatch(c -> c.overlaps(start, end))) {
                    tag(list, "Slot", "slot", RFC3339.format(from) + "/" + RFC3339.format(from.plusMinutes(30)));
                    offered++;
                }
            }
            if (f == null) {
                tag(list, "Charger type (AC/DC)", "charger-type", "AC/DC");
            }
            tag(list, "Vehicle type", "vehicle-type", "2W/3W/4W");
            tag(list, "Battery type", "battery-type", "as the vehicle's");
            ask.put("display", true);
        }

        ObjectNode q = order.putObject("quote");
        q.put("id", quoteId);
        q.putObject("price").put("value", quote.total().toPlainString()).put("currency", quote.currency());
        QuoteBreakup.write(q.putArray("breakup"), quote, i.id());
        q.put("ttl", ttl.toString());
        return message;
    }
}
