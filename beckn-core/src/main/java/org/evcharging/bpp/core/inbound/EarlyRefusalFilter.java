package org.evcharging.bpp.core.inbound;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The door's cheapest answer: a Beckn request from a BAP that is already over its rate limit is refused with the
 * door's own 429 (NACK body, {@code Retry-After}) here, before JAX-RS dispatches it and before its body is read. A
 * flood at ten times a BAP's limit is nine refusals in ten; each one passing through the whole JAX-RS stack cost the
 * service nearly a millisecond of CPU that the other BAPs' requests were waiting for (RELIABILITY.md, the flood).
 * Only a bucket that verified requests drained refuses here ({@link RateLimits#peek}); every other request goes on to
 * {@link BecknEndpoint} as before.
 */
@WebFilter(urlPatterns = {"/search", "/select", "/init", "/confirm", "/update", "/status", "/cancel", "/rating",
        "/support"}, asyncSupported = true)
public class EarlyRefusalFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final int UNREAD_LIMIT = 64 * 1024;

    @Inject
    transient InboundPipeline pipeline;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if ("POST".equals(req.getMethod())) {
            String action = req.getRequestURI().substring(req.getContextPath().length() + 1);
            DoorAnswer refused = pipeline.refusedUnread(action, req.getHeader("Authorization"));
            if (refused != null) {
                // the body is read, not parsed, so that the connection stays open for the next request (a search is
                // a few kB; the door's size limit is not known here, a larger rest is left to the server)
                req.getInputStream().readNBytes(UNREAD_LIMIT);
                res.setStatus(refused.status());
                refused.headers().forEach(res::setHeader);
                res.setContentType("application/json");
                res.setContentLength(refused.body().length);
                res.getOutputStream().write(refused.body());
                return;
            }
        }
        chain.doFilter(req, res);
    }
}
