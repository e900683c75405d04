package org.evcharging.bpp.catalog.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.catalog.application.onboarding.Availabilities;
import org.evcharging.bpp.catalog.application.onboarding.Categories;
import org.evcharging.bpp.catalog.application.onboarding.Items;
import org.evcharging.bpp.catalog.application.onboarding.Locations;
import org.evcharging.bpp.catalog.application.onboarding.Networks;
import org.evcharging.bpp.catalog.application.onboarding.Providers;
import org.evcharging.bpp.catalog.application.onboarding.Specs.AvailabilityChange;
import org.evcharging.bpp.catalog.application.onboarding.Specs.CategorySpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ItemSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.LocationSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.Network;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ProviderSpec;
import org.evcharging.bpp.catalog.domain.Availability;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.Problem;
import org.evcharging.bpp.core.rest.ProblemException;

/**
 * The partner onboarding API, version 1: providers and their networks (locations with EVSEs and connectors,
 * categories, items with add-ons), bulk import and live availability (aggregate ratings arrive through the internal
 * {@link org.evcharging.bpp.catalog.api.internal.RatingResource}). Every change is visible to the next {@code search}.
 * Each call goes to the application service of what it changes (application/onboarding).
 */
@Path("/catalog/v1/providers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Onboarding", description = "Put a provider's network on the platform")
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT", description = "RS256 token with groups 'operator' (any provider) or 'partner' (claim provider_id: its own provider)")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", description = "A field is invalid; `errors` names each one", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProviderResource.ProblemDoc.class)))
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token's role or provider does not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProviderResource.ProblemDoc.class)))
@APIResponse(responseCode = "404", description = "No such provider or part of it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProviderResource.ProblemDoc.class)))
public class ProviderResource {

    @Inject
    JsonWebToken jwt;

    @Inject
    Providers providers;

    @Inject
    Networks networks;

    @Inject
    Categories categories;

    @Inject
    Locations locations;

    @Inject
    Availabilities availabilities;

    @Inject
    Items items;

    @Context
    UriInfo uri;

    // ---- providers ----

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "List providers", description = "An operator sees every provider, a partner its own")
    @APIResponse(responseCode = "200", description = "Providers, ordered by id", content = @Content(schema = @Schema(implementation = ProviderSpec.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public List<ProviderSpec> list(@QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        Caller caller = caller();
        if (!caller.isOperator() && caller.providerId() == null) {
            return List.of();
        }
        return providers.providers(caller.isOperator() ? null : caller.providerId(), offset, limit);
    }

    @POST
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Onboard a new provider")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ProviderSpec.class)))
    @APIResponse(responseCode = "409", description = "The id is taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = ProviderResource.ProblemDoc.class)))
    public Response create(@NotNull @Valid ProviderSpec body) {
        caller().mayManage(body.id());
        ProviderSpec created = providers.create(body);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "One provider")
    public ProviderSpec get(@PathParam("id") String id) {
        caller().mayManage(id);
        return providers.provider(id).orElseThrow(() -> ProblemException.notFound("provider '" + id + "'"));
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Create or update a provider's description", description = "An operator's PUT also brings a retired provider back")
    public ProviderSpec put(@PathParam("id") String id, @NotNull @Valid ProviderSpec body) {
        caller().mayManage(id);
        providers.checkPut(id, body);
        // Only the operator brings a retired provider back; a partner's PUT keeps the status.
        return providers.put(body, caller().isOperator());
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Retire a provider", description = "It disappears from search at once; its data is kept for existing orders")
    @APIResponse(responseCode = "204", description = "Retired")
    public void retire(@PathParam("id") String id) {
        caller().mayManage(id);
        providers.require(id);
        providers.retire(id);
    }

    // ---- the whole network ----

    @GET
    @Path("{id}/network")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Export a provider's whole network")
    public Network network(@PathParam("id") String id) {
        caller().mayManage(id);
        return networks.export(id);
    }

    @PUT
    @Path("{id}/network")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Bulk import a provider's whole network", description = "Replaces the provider's categories, locations (with EVSEs and connectors) and items in one transaction")
    public Network importNetwork(@PathParam("id") String id, @NotNull @Valid Network body) {
        caller().mayManage(id);
        networks.check(id, body);
        return networks.importNetwork(id, body);
    }

    // ---- categories ----

    @GET
    @Path("{id}/categories")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "A provider's categories")
    public List<CategorySpec> categories(@PathParam("id") String id) {
        caller().mayManage(id);
        return categories.categories(id);
    }

    @PUT
    @Path("{id}/categories/{ref}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Create or update a category")
    public CategorySpec putCategory(@PathParam("id") String id, @PathParam("ref") String ref,
            @NotNull @Valid CategorySpec body) {
        caller().mayManage(id);
        categories.check(id, ref, body);
        return categories.put(id, ref, body);
    }

    @DELETE
    @Path("{id}/categories/{ref}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Remove a category no item uses")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "409", description = "An item is in this category")
    public void deleteCategory(@PathParam("id") String id, @PathParam("ref") String ref) {
        caller().mayManage(id);
        categories.delete(id, ref);
    }

    // ---- locations, EVSEs, connectors ----

    @GET
    @Path("{id}/locations")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "A provider's locations with their EVSEs and connectors")
    public List<LocationSpec> locations(@PathParam("id") String id) {
        caller().mayManage(id);
        return locations.locations(id);
    }

    @PUT
    @Path("{id}/locations/{ref}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Create or replace a location with its EVSEs and connectors")
    public LocationSpec putLocation(@PathParam("id") String id, @PathParam("ref") String ref,
            @NotNull @Valid LocationSpec body) {
        caller().mayManage(id);
        locations.check(id, ref, body);
        return locations.put(id, ref, body);
    }

    @DELETE
    @Path("{id}/locations/{ref}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Remove a location with its EVSEs and connectors")
    @APIResponse(responseCode = "204", description = "Removed")
    public void deleteLocation(@PathParam("id") String id, @PathParam("ref") String ref) {
        caller().mayManage(id);
        locations.delete(id, ref);
    }

    @PUT
    @Path("{id}/connectors/{ref}/availability")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Set a connector's availability", description = "An OUT_OF_SERVICE connector is no longer offered as available, from the next search on")
    @APIResponse(responseCode = "204", description = "Set")
    public void connectorAvailability(@PathParam("id") String id, @PathParam("ref") String ref,
            @NotNull @Valid AvailabilityChange body) {
        caller().mayManage(id);
        availabilities.setConnector(id, ref, Availability.valueOf(body.availability()));
    }

    @PUT
    @Path("{id}/evses/{ref}/availability")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Set a battery-swap station's availability")
    @APIResponse(responseCode = "204", description = "Set")
    public void swapStationAvailability(@PathParam("id") String id, @PathParam("ref") String ref,
            @NotNull @Valid AvailabilityChange body) {
        caller().mayManage(id);
        availabilities.setSwapStation(id, ref, Availability.valueOf(body.availability()));
    }

    // ---- items and add-ons ----

    @GET
    @Path("{id}/items")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "A provider's items with their add-ons")
    public List<ItemSpec> items(@PathParam("id") String id) {
        caller().mayManage(id);
        return items.items(id);
    }

    @GET
    @Path("{id}/items/{ref}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "One item")
    public ItemSpec item(@PathParam("id") String id, @PathParam("ref") String ref) {
        caller().mayManage(id);
        return items.item(id, ref)
                .orElseThrow(() -> ProblemException.notFound("item '" + ref + "' of provider '" + id + "'"));
    }

    @PUT
    @Path("{id}/items/{ref}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Create or replace an item with its add-ons")
    public ItemSpec putItem(@PathParam("id") String id, @PathParam("ref") String ref, @NotNull @Valid ItemSpec body) {
        caller().mayManage(id);
        items.check(id, ref, body);
        return items.put(id, ref, body);
    }

    @DELETE
    @Path("{id}/items/{ref}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Retire an item", description = "It disappears from search; kept for existing orders")
    @APIResponse(responseCode = "204", description = "Retired")
    public void retireItem(@PathParam("id") String id, @PathParam("ref") String ref) {
        caller().mayManage(id);
        items.retire(id, ref);
    }

    private Caller caller() {
        return Caller.of(jwt);
    }

    /** The problem document, for the OpenAPI contract. */
    @Schema(name = "Problem", description = "RFC 9457 problem details")
    public record ProblemDoc(String type, String title, int status, String detail, List<Problem.FieldError> errors) {
    }
}
