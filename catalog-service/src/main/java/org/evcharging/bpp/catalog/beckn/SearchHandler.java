package org.evcharging.bpp.catalog.beckn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.evcharging.bpp.catalog.application.search.CatalogSearch;
import org.evcharging.bpp.catalog.application.search.SearchCriteria;
import org.evcharging.bpp.core.inbound.BecknActionHandler;
import org.evcharging.bpp.core.model.InboundRequest;

/**
 * Beckn {@code search}: the intent is checked before the ACK (a gps that is not a coordinate, a negative radius
 * are NACKed with their path), then answered with an {@code on_search} catalog of what matches; nothing matching
 * is an empty catalog, never silence.
 */
@ApplicationScoped
public class SearchHandler implements BecknActionHandler {

    @Inject
    CatalogSearch search;

    @Override
    public String action() {
        return "search";
    }

    @Override
    public void check(InboundRequest request) {
        SearchCriteria.from(request.message());
    }

    /** A search only reads: searches stored together are answered in one transaction. */
    @Override
    public boolean answersInBatches() {
        return true;
    }

    /**
     * A search's answer is a fresh read of the catalog: it is not kept in the outbox, a retried delivery searches
     * again (with the catalog as it is then).
     */
    @Override
    public boolean answerRebuiltOnRetry() {
        return true;
    }

    @Override
    public ObjectNode handle(InboundRequest request) {
        return CatalogMessages.message(search.search(SearchCriteria.from(request.message())));
    }
}
