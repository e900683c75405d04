package org.evcharging.bpp.console;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Every answer of the console: scripts, styles and fetches from the console's own origin only (and the identity
 * provider's, to sign in), no framing, no referrer to other sites; pages and modules revalidated at each load (the
 * WebJars, whose paths name their versions, cached for good).
 */
@WebFilter(urlPatterns = "/*")
public class SecurityHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    SignInSettings settings;

    private String policy;

    @Override
    public void init() {
        String identity = String.join(" ", settings.identityOrigins());
        policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
                + " connect-src 'self' " + identity + "; form-action 'self' " + identity
                + "; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        res.setHeader("Content-Security-Policy", policy);
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Referrer-Policy", "no-referrer");
        res.setHeader("X-Frame-Options", "DENY");
        String path = req.getRequestURI();
        if (path.endsWith("/") || path.endsWith(".html") || path.contains("/api/")) {
            res.setHeader("Cache-Control", "no-store");
        } else if (path.startsWith("/console/webjars/")) {
            res.setHeader("Cache-Control", "public, max-age=31536000, immutable"); // versioned paths
        } else {
            // the console's own modules keep their names across releases: checked at each load, never mixed
            res.setHeader("Cache-Control", "no-cache");
        }
        chain.doFilter(req, res);
    }
}
