package org.evcharging.bpp.core.inbound;

import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The door's cheapest answer: a Beckn request from a BAP that is already over its rate limit is refused with the
 * door's own 429 (NACK body, {@code Retry-After}) here, before JAX-RS dispatches it and before its body is parsed. A
 * flood at ten times a BAP's limit is nine refusals in ten; each one passing through the whole JAX-RS stack cost the
 * service nearly a millisecond of CPU that the other BAPs' requests were waiting for (RELIABILITY.md, the flood).
 * Only a bucket that verified requests drained refuses here ({@link RateLimits#peek}); every other request goes on to
 * {@link BecknEndpoint} as before.
 *
 * <p>It needs the {@code servlet-6.0} feature in the service's {@code server.xml}: {@code restfulWS-3.1} alone does
 * not show the servlet API to the application, and Liberty then cannot load the class (SRVE9991E at every start).
 */
@WebFilter(urlPatterns = {"/search", "/select", "/init", "/confirm", "/update", "/status", "/cancel", "/rating",
        "/support"}, asyncSupported = true)
public class EarlyRefusalFilter implements Filter {

    /** Read and dropped so that the connection stays usable; a larger rest is left to the server. */
    private static final int UNREAD_LIMIT = 64 * 1024;

    @Inject
    InboundPipeline pipeline;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest req && response instanceof HttpServletResponse res
                && "POST".equals(req.getMethod())) {
            String action = req.getRequestURI().substring(req.getContextPath().length() + 1);
            DoorAnswer refused = pipeline.refusedUnread(action, req.getHeader("Authorization"));
            if (refused != null) {
                req.getInputStream().readNBytes(UNREAD_LIMIT);
                res.setStatus(refused.status());
                refused.headers().forEach(res::setHeader);
                res.setContentType("application/json");
                res.setContentLength(refused.body().length);
                res.getOutputStream().write(refused.body());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
