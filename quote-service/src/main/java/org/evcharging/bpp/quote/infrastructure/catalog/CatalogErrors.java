package org.evcharging.bpp.quote.infrastructure.catalog;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** A 404 problem from the catalog becomes {@link NotInCatalog} naming what is missing; other errors stay failures. */
public class CatalogErrors implements ResponseExceptionMapper<RuntimeException> {

    @Override
    public RuntimeException toThrowable(Response response) {
        if (response.getStatus() == 404) {
            // Only the catalog's own problem naming what is missing means "not there"; any other 404 (a
            // redeploy, a misroute) means the catalog could not answer.
            try (JsonReader r = Json.createReader(new StringReader(response.readEntity(String.class)))) {
                JsonObject problem = r.readObject();
                if (problem.containsKey("errors") && !problem.getJsonArray("errors").isEmpty()) {
                    String field = problem.getJsonArray("errors").getJsonObject(0).getString("field", "");
                    if (java.util.Set.of("providerId", "itemId", "fulfillmentId").contains(field)) {
                        return new NotInCatalog(field);
                    }
                }
            } catch (RuntimeException unreadable) {
                // not a problem document
            }
            return new CatalogUnavailable("catalog answered 404 without saying what is missing");
        }
        return new CatalogUnavailable("catalog answered HTTP " + response.getStatus());
    }

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
