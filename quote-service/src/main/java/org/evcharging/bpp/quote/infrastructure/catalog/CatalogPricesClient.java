package org.evcharging.bpp.quote.infrastructure.catalog;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.evcharging.bpp.core.rest.PeerErrors;
import org.evcharging.bpp.core.rest.ServiceTokens;

/**
 * catalog-service's unit prices of a provider, which {@code on_search} shows per fulfillment
 * ({@code catalog/mp-rest/url}): quote-service publishes them from each provider's tariff.
 */
@RegisterRestClient(configKey = "catalog")
@ClientHeaderParam(name = "Authorization", value = "{bearer}")
@RegisterProvider(PeerErrors.class)
@Path("/internal/catalog/v1/providers")
public interface CatalogPricesClient {

    @PUT
    @Path("{providerId}/unit-prices")
    @Consumes(MediaType.APPLICATION_JSON)
    void put(@PathParam("providerId") String providerId, UnitPriceTable table);

    /**
     * The body: the tariff's {@code version} (the catalog keeps the highest it was given), its currency, the provider's
     * UTC offset (prices by time of day are in its local time), the charger types and locations its rates name, and
     * the price windows of every (service, charger type, location) whose price is not the list price.
     */
    record UnitPriceTable(long version, String currency, String utcOffset, List<String> chargerTypes,
            List<String> locations, List<PriceEntry> prices) {
    }

    /** One service at a charger type and location (null: any the table does not name). */
    record PriceEntry(String service, String chargerType, String locationId, List<PriceWindow> windows) {
    }

    /** From {@code from} (HH:mm, local) to the next window's start: {@code price} per unit, or the list price when null. */
    record PriceWindow(String from, String price) {
    }

    /** This service's token for catalog (see {@link ServiceTokens}). */
    default String bearer() {
        return ServiceTokens.bearer("catalog");
    }
}
