package org.evcharging.bpp.quote.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.math.BigDecimal;
import java.util.List;
import org.evcharging.bpp.quote.application.tariffs.TariffPreview;
import org.evcharging.bpp.quote.domain.pricing.Quote;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.quote.application.tariffs.TariffSpec;
import org.evcharging.bpp.quote.application.tariffs.Tariffs;

/**
 * The tariff admin API: a provider's rates, reservation fee, taxes and discounts. Operators manage any provider,
 * partners their own ({@code provider_id} claim). Until a provider puts one, quotes use the catalog's list price and
 * the default tax.
 */
@Path("/quotes/v1/tariffs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tariffs")
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
@SecurityRequirement(name = "jwt")
public class TariffResource {

    @Inject
    JsonWebToken jwt;

    @Inject
    Tariffs tariffs;

    @GET
    @Path("{providerId}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "A provider's tariff")
    @APIResponse(responseCode = "404", description = "No tariff: quotes use the catalog's list price and the default tax")
    public TariffSpec get(@PathParam("providerId") String providerId) {
        mayManage(providerId);
        return tariffs.find(providerId).orElseThrow(() -> ProblemException.notFound("tariff of '" + providerId + "'"));
    }

    @PUT
    @Path("{providerId}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Set a provider's tariff", description = "Applies to quotes made from now on; quotes already sent keep their price")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named in errors[]")
    public TariffSpec put(@PathParam("providerId") String providerId, @NotNull @Valid TariffSpec body) {
        mayManage(providerId);
        tariffs.check(body);
        return tariffs.put(providerId, body);
    }

    @GET
    @Path("{providerId}/publication")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Whether the catalog shows this tariff's prices yet", description = "revision: when the tariff last changed (epoch ms); publishedRevision: the one whose prices "
            + "on_search shows; failedAttempts and lastError since the last publish that went through")
    @APIResponse(responseCode = "404", description = "No tariff")
    public Tariffs.Publication publication(@PathParam("providerId") String providerId) {
        mayManage(providerId);
        return tariffs.publication(providerId)
                .orElseThrow(() -> ProblemException.notFound("tariff of '" + providerId + "'"));
    }

    @Inject
    TariffPreview preview;

    /** A previewed quote: its lines (title, quantity, amount) and total. */
    public record PreviewView(String currency, List<PreviewLine> lines, BigDecimal total) {
    }

    public record PreviewLine(String kind, String title, BigDecimal quantity, String unit, BigDecimal unitPrice,
            BigDecimal amount) {
    }

    @POST
    @Path("{providerId}/preview")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Price a quote with a tariff that is not saved", description = "What a user would be quoted with this tariff: kwh at a local time (HH:mm, today), the charger blocked for blockMinutes; nothing is stored")
    @APIResponse(responseCode = "400", description = "Invalid fields of the tariff or the request, each named in errors[]")
    public PreviewView preview(@PathParam("providerId") String providerId,
            @NotNull @Valid TariffPreview.Request body) {
        mayManage(providerId);
        Quote q = preview.price(providerId, body);
        return new PreviewView(q.currency(), q.lines().stream().map(l -> new PreviewLine(l.kind().name(), l.name(),
                l.quantity(), l.unit(), l.unitPrice(), l.amount())).toList(), q.total());
    }

    private void mayManage(String providerId) {
        Caller.of(jwt).mayManage(providerId);
    }
}
