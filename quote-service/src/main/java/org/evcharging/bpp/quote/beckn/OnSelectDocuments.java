package org.evcharging.bpp.quote.beckn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.evcharging.bpp.quote.application.QuoteDocuments;
import org.evcharging.bpp.quote.application.SelectRequest;
import org.evcharging.bpp.quote.infrastructure.catalog.CatalogOffer;
import org.evcharging.bpp.quote.domain.pricing.Quote;
import org.evcharging.bpp.quote.infrastructure.slots.Slots;

/** Quotes written down as {@code on_select} writes them: {@link QuoteMessages} and {@link QuoteBreakup}. */
@ApplicationScoped
public class OnSelectDocuments implements QuoteDocuments {

    @Override
    public ObjectNode message(String quoteId, CatalogOffer offer, SelectRequest s, Quote quote, Duration ttl,
            OffsetDateTime now, List<Slots.Claim> taken) {
        return QuoteMessages.message(quoteId, offer, s, quote, ttl, now, taken);
    }

    @Override
    public ArrayNode breakup(Quote bill, String itemId) {
        return QuoteBreakup.write(JsonNodeFactory.instance.arrayNode(), bill, itemId);
    }

    @Override
    public Quote read(JsonNode quote) {
        return QuoteBreakup.read(quote);
    }
}
