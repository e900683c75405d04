package org.evcharging.bpp.support.api;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.rest.Html;
import org.evcharging.bpp.support.application.feedback.Feedback;
import org.evcharging.bpp.support.application.feedback.Comments;
import org.evcharging.bpp.support.domain.FeedbackForm;

/**
 * The feedback form of a rating, for people (no bearer token: the unguessable token in the URL is the key). GET
 * shows what was rated and a comment box; POST (a plain HTML form) stores the comment and thanks the user. Every
 * answer is an HTML page, errors included.
 */
@Path(Feedback.PATH)
@RequestScoped
@Tag(name = "Feedback form", description = "The page on_rating links to (HTML, for people)")
public class FeedbackResource {

    static final String HTML = "text/html; charset=UTF-8";

    @Inject
    Feedback feedback;

    @Inject
    @ConfigProperty(name = "support.feedback.site-name", defaultValue = "EV charging")
    String site;

    @Inject
    @ConfigProperty(name = "support.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    @GET
    @Path("{token}")
    @Produces(HTML)
    @Operation(summary = "The feedback form of a rating: what was rated, a comment box and a submit button")
    @APIResponse(responseCode = "200", description = "The form (or, once closed, what was said)")
    @APIResponse(responseCode = "404", description = "No such form (an HTML page)")
    public Response show(@PathParam("token") String token) {
        Feedback.View v = feedback.view(token);
        if (v == null) {
            return notFound();
        }
        return page(200, FeedbackPage.form(site, Feedback.PATH + "/" + token, v, null, null));
    }

    @POST
    @Path("{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(HTML)
    @Operation(summary = "Send the comment (form field comment, 1 to 2000 characters): stored, and a thank-you page")
    @APIResponse(responseCode = "200", description = "Thank-you page (or, once closed, the closed form)")
    @APIResponse(responseCode = "400", description = "Empty or too long: the form again, with the text kept")
    @APIResponse(responseCode = "403", description = "Sent from another site's page (Origin or Sec-Fetch-Site)")
    @APIResponse(responseCode = "404", description = "No such form")
    public Response submit(@PathParam("token") String token, @FormParam("comment") String comment,
            @HeaderParam("Origin") String origin, @HeaderParam("Sec-Fetch-Site") String fetchSite) {
        Feedback.View v = feedback.view(token);
        if (v == null) {
            return notFound();
        }
        if (Html.crossSite(origin, fetchSite, publicUrl)) {
            return page(403, FeedbackPage.message(site, "Comment not sent",
                    "This form can only be sent from its own page. Open the feedback link you were given."));
        }
        String action = Feedback.PATH + "/" + token;
        if (!v.open()) {
            return page(200, FeedbackPage.form(site, action, v, null, null));
        }
        String clean = Comments.clean(comment);
        if (clean.isEmpty()) {
            return page(400, FeedbackPage.form(site, action, v, "", "Write a comment first."));
        }
        if (clean.length() > FeedbackForm.COMMENT_LENGTH) {
            return page(400, FeedbackPage.form(site, action, v, clean.substring(0, FeedbackForm.COMMENT_LENGTH),
                    "A comment is at most " + FeedbackForm.COMMENT_LENGTH + " characters; yours was " + clean.length()
                            + ". It was cut to fit: check it and send it again."));
        }
        Feedback.View after = feedback.comment(token, clean);
        if (after == null) {
            return notFound();
        }
        if (!after.open()) {
            return page(200, FeedbackPage.form(site, action, after, null, null));
        }
        return page(200, FeedbackPage.thanks(site, action, after));
    }

    private Response notFound() {
        return page(404, FeedbackPage.message(site, "Feedback form not found",
                "There is no feedback form at this address. Check the link you were given."));
    }

    private static Response page(int status, String html) {
        return Html.page(status, html);
    }
}
