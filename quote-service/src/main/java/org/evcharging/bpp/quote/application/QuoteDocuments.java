package org.evcharging.bpp.quote.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.evcharging.bpp.quote.infrastructure.catalog.CatalogOffer;
import org.evcharging.bpp.quote.domain.pricing.Quote;
import org.evcharging.bpp.quote.infrastructure.slots.Slots;

/**
 * How a quote is written down, in the Beckn shapes a BAP and order-service read (implemented in {@code beckn/}, so the
 * use cases here do not depend on the answer builders).
 */
public interface QuoteDocuments {

    /** The {@code on_select} message of a quote; {@code taken}: others' claims on the charger, whose slots are not offered. */
    ObjectNode message(String quoteId, CatalogOffer offer, SelectRequest s, Quote quote, Duration ttl,
            OffsetDateTime now, List<Slots.Claim> taken);

    /** A bill's lines as a Beckn quote {@code breakup}, as in on_select. */
    ArrayNode breakup(Quote bill, String itemId);

    /** A stored quote's {@code breakup} read back into its lines. */
    Quote read(JsonNode quote);
}
