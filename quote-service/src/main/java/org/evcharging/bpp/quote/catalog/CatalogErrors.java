package org.evcharging.bpp.quote.catalog;

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
            String field = "itemId";
            try (JsonReader r = Json.createReader(new StringReader(response.readEntity(String.class)))) {
                JsonObject problem = r.readObject();
                if (problem.containsKey("errors") && !problem.getJsonArray("errors").isEmpty()) {
                    field = problem.getJsonArray("errors").getJsonObject(0).getString("field", field);
                }
            } catch (RuntimeException unreadable) {
                // keep the default
            }
            return new NotInCatalog(field);
        }
        return new CatalogUnavailable("catalog answered HTTP " + response.getStatus());
    }

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
