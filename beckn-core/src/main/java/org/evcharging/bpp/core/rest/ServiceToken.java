package org.evcharging.bpp.core.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** This service's bearer token (role {@code service}) for the other services' internal APIs: env BPP_SERVICE_TOKEN. */
@ApplicationScoped
public class ServiceToken implements ClientHeadersFactory {

    @Inject
    @ConfigProperty(name = "bpp.service-token")
    Optional<String> token;

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        token.ifPresent(t -> headers.putSingle("Authorization", "Bearer " + t));
        return headers;
    }
}
