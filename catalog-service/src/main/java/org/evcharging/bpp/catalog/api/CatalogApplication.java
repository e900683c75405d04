package org.evcharging.bpp.catalog.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The catalog service: provider onboarding and catalog discovery ({@code search} / {@code on_search}). */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "catalog-service", version = "0.1.0",
        description = "EV-charging BPP: provider onboarding and catalog discovery (Beckn search / on_search)"))
public class CatalogApplication extends Application {
}
