package org.evcharging.bpp.payment.api.sandbox;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.Html;
import org.evcharging.bpp.payment.application.links.PaymentLinks;
import org.evcharging.bpp.payment.domain.LinkStatus;
import org.evcharging.bpp.payment.domain.PaymentLink;
import org.evcharging.bpp.payment.infrastructure.gateway.PaymentGateway;
import org.evcharging.bpp.payment.infrastructure.gateway.sandbox.SandboxCheckout;
import org.evcharging.bpp.payment.infrastructure.gateway.sandbox.SandboxGateway;

/**
 * The page a payment link opens, for people (no bearer token: the unguessable link id is the key). Paying here only
 * asks the sandbox provider to decide; the link changes when its signed webhook arrives, as with a real provider.
 */
@Path(SandboxGateway.PAGE_PATH)
@RequestScoped
@Tag(name = "Sandbox checkout", description = "The hosted payment page of the sandbox gateway (HTML, for people)")
public class HostedPageResource {

    static final String HTML = "text/html; charset=UTF-8";

    private static final SafeLog LOG = SafeLog.of(HostedPageResource.class);

    @Inject
    PaymentLinks links;

    @Inject
    PaymentGateway gateway;

    @Inject
    SandboxCheckout checkout;

    @Inject
    @ConfigProperty(name = "payment.merchant-name", defaultValue = "EV charging")
    String merchant;

    @Inject
    @ConfigProperty(name = "payment.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    @GET
    @Path("{paymentId}")
    @Produces(HTML)
    @Operation(summary = "The payment page of a link: amount, order, status; pay and decline buttons while payable")
    @APIResponse(responseCode = "200", description = "The page")
    @APIResponse(responseCode = "404", description = "No such payment link (an HTML page)")
    public Response show(@PathParam("paymentId") String paymentId) {
        Optional<PaymentLink> link = sandboxLink(paymentId);
        if (link.isEmpty()) {
            return notFound();
        }
        return page(200, HostedPage.link(merchant, HostedPage.View.of(link.get(), Instant.now()), null));
    }

    @POST
    @Path("{paymentId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(HTML)
    @Operation(summary = "Pay (outcome=pay) or decline (outcome=decline): the sandbox sends its signed webhook, "
            + "waits for the answer and shows the result")
    @APIResponse(responseCode = "200", description = "The result: a receipt, payment declined, or why it cannot be paid")
    @APIResponse(responseCode = "400", description = "outcome is neither pay nor decline")
    @APIResponse(responseCode = "403", description = "Sent from another site's page (Origin or Sec-Fetch-Site)")
    @APIResponse(responseCode = "404", description = "No such payment link")
    @APIResponse(responseCode = "502", description = "The webhook did not accept the event; nothing was paid")
    public Response pay(@PathParam("paymentId") String paymentId, @FormParam("outcome") String outcome,
            @HeaderParam("Origin") String origin, @HeaderParam("Sec-Fetch-Site") String fetchSite) {
        Optional<PaymentLink> found = sandboxLink(paymentId);
        if (found.isEmpty()) {
            return notFound();
        }
        if (Html.crossSite(origin, fetchSite, publicUrl)) {
            LOG.log(Level.WARNING,
                    "payment={0} order={1}: payment page POST from another site (Origin {2}, Sec-Fetch-Site {3})"
                            + " refused",
                    new Object[] {paymentId, found.get().orderRef(), origin, fetchSite});
            return page(403, HostedPage.message(merchant, "Payment not sent",
                    "This payment can only be made from its own page. Open the payment link you were sent."));
        }
        PaymentLink link = found.get();
        Instant now = Instant.now();
        if (!"pay".equals(outcome) && !"decline".equals(outcome)) {
            return page(400, HostedPage.link(merchant, HostedPage.View.of(link, now),
                    "Choose pay or decline."));
        }
        if (!link.payableAt(now)) {
            String notice = switch (link.statusAt(now)) {
                case PAID -> "This link was already paid.";
                case EXPIRED -> "This link has expired; nothing was charged.";
                default -> "This link was cancelled; nothing was charged.";
            };
            return page(200, HostedPage.link(merchant, HostedPage.View.of(link, now), notice));
        }
        OptionalInt status;
        try {
            status = checkout.process(link, "pay".equals(outcome));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "payment={0} order={1}: sandbox webhook could not be delivered: {2}",
                    new Object[] {paymentId, link.orderRef(), e});
            return gatewayTrouble();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return gatewayTrouble();
        }
        if (status.isPresent() && status.getAsInt() / 100 != 2) {
            LOG.log(Level.WARNING, "payment={0} order={1}: sandbox webhook answered HTTP {2}",
                    new Object[] {paymentId, link.orderRef(), status.getAsInt()});
            return gatewayTrouble();
        }
        PaymentLink after = links.current(paymentId).orElse(link); // as the webhook left it, committed
        String notice = status.isPresent() ? null : after.storedStatus() == LinkStatus.PAID
                ? "This link was already paid; nothing more was charged."
                : "This link is being paid already; nothing more was charged. Reload the page in a moment.";
        return page(200, HostedPage.link(merchant, HostedPage.View.of(after, Instant.now()), notice));
    }

    private Optional<PaymentLink> sandboxLink(String paymentId) {
        return SandboxGateway.NAME.equals(gateway.name()) ? links.find(paymentId) : Optional.empty();
    }

    private Response notFound() {
        return page(404, HostedPage.message(merchant, "Payment link not found",
                "There is no payment link at this address. Check the link you were sent."));
    }

    private Response gatewayTrouble() {
        return page(502, HostedPage.message(merchant, "Payment not confirmed",
                "The payment could not be confirmed and nothing was charged. Please try again in a moment."));
    }

    private static Response page(int status, String html) {
        return Html.page(status, html);
    }
}
