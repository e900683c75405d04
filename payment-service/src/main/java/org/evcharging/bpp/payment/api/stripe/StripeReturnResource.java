package org.evcharging.bpp.payment.api.stripe;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.rest.Html;
import org.evcharging.bpp.payment.infrastructure.gateway.PaymentGateway;
import org.evcharging.bpp.payment.infrastructure.gateway.stripe.StripeGateway;

/**
 * Where Stripe Checkout sends a person back (the default success and cancel URLs). It only says what happens next:
 * whether the link is paid is decided by Stripe's signed event, never by this redirect, which anyone can open.
 */
@Path(StripeGateway.RETURN_PATH)
@RequestScoped
@Tag(name = "Stripe checkout", description = "The page a person returns to from Stripe Checkout (HTML, for people)")
public class StripeReturnResource {

    @Inject
    PaymentGateway gateway;

    @Inject
    @ConfigProperty(name = "payment.merchant-name", defaultValue = "EV charging")
    String merchant;

    @GET
    @Produces(Html.TYPE)
    @Operation(summary = "The page after Stripe Checkout: outcome=paid or outcome=cancelled")
    @APIResponse(responseCode = "200", description = "The page")
    @APIResponse(responseCode = "404", description = "Stripe is not the active gateway")
    public Response back(@QueryParam("outcome") String outcome) {
        if (!StripeGateway.NAME.equals(gateway.name())) {
            return Html.page(404, page("Not found", "There is no page at this address."));
        }
        return "paid".equals(outcome)
                ? Html.page(200, page("Thank you", "Your payment was sent to Stripe. It is confirmed as soon as "
                        + "Stripe reports it; you can close this page."))
                : Html.page(200, page("Payment not made", "Nothing was charged. You can pay later from the payment "
                        + "link you were sent, while it is valid."));
    }

    private String page(String title, String text) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.escape(title) + " \u2013 " + Html.escape(merchant) + "</title>\n</head>\n<body>\n"
                + "<p>" + Html.escape(merchant) + "</p>\n<h1>" + Html.escape(title) + "</h1>\n<p>" + Html.escape(text)
                + "</p>\n</body>\n</html>\n";
    }
}
