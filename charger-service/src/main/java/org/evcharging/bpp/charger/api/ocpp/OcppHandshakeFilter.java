package org.evcharging.bpp.charger.api.ocpp;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;

import org.evcharging.bpp.charger.application.stations.Stations;
import org.evcharging.bpp.charger.domain.ChargePoint;
import org.evcharging.bpp.charger.domain.Passwords;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * The charger's WebSocket handshake, before the upgrade: security profile 1 (and 2 behind a TLS ingress), HTTP Basic
 * with the charge point id as the user and its password, checked against the stored hash; and the subprotocol it is
 * registered for among those offered. An unknown id, a wrong password (401) or no acceptable subprotocol (400) is
 * refused here, so no socket is ever opened for it.
 */
@WebFilter(urlPatterns = "/ocpp/*", asyncSupported = true)
public class OcppHandshakeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final SafeLog LOG = SafeLog.of(OcppHandshakeFilter.class);

    @Inject
    Stations stations;

    /** Failed handshakes per charge point id on this replica, to stop password guessing. */
    private final transient FailedHandshakes failures = new FailedHandshakes(10, java.time.Duration.ofMinutes(1));

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        String id = path.startsWith("/ocpp/") ? path.substring("/ocpp/".length()) : "";
        if (!ChargePoint.ID.matcher(id).matches()) {
            refuse(res, 404, "not a charge point id: letters, digits and . _ : - only, 48 at most", null);
            return;
        }
        if (!"websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
            refuse(res, 400, "this is an OCPP-J WebSocket endpoint: connect with a WebSocket client", null);
            return;
        }
        if (failures.blocked(id)) {
            // a password guesser gets no more PBKDF2 work out of us for a while
            refuse(res, 429, "too many failed attempts for this charge point: try again in a minute", null);
            return;
        }
        String[] basic = Passwords.basic(req.getHeader("Authorization"));
        Stations.Admission admission = stations.admit(id, basic == null ? null : basic[0],
                basic == null ? null : basic[1]);
        if (admission.chargePoint() == null) {
            LOG.log(Level.WARNING, "cp={0}: refused at the handshake from {1}: {2}",
                    new Object[] {id, req.getRemoteAddr(),
                            basic == null ? "no HTTP Basic credentials" : admission.refusal()});
            failures.failed(id);
            refuse(res, 401, "unknown charge point or wrong password", "Basic realm=\"ocpp\"");
            return;
        }
        String wanted = admission.chargePoint().protocol().subprotocol();
        if (!offered(req).contains(wanted)) {
            LOG.log(Level.WARNING, "cp={0}: refused at the handshake, it does not offer {1}",
                    new Object[] {id, wanted});
            refuse(res, 400, "this charge point is registered for subprotocol " + wanted + "; offer it in"
                    + " Sec-WebSocket-Protocol", null);
            return;
        }
        OcppConfigurator.registered(wanted); // the subprotocol to choose when both versions are offered
        try {
            chain.doFilter(req, res);
        } finally {
            OcppConfigurator.registered(null);
        }
    }

    private static List<String> offered(HttpServletRequest req) {
        List<String> out = new java.util.ArrayList<>();
        for (String h : java.util.Collections.list(req.getHeaders("Sec-WebSocket-Protocol"))) {
            Arrays.stream(h.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }

    private static void refuse(HttpServletResponse res, int status, String why, String challenge) throws IOException {
        res.setStatus(status);
        if (challenge != null) {
            res.setHeader("WWW-Authenticate", challenge);
        }
        res.setContentType("text/plain;charset=UTF-8");
        res.getWriter().write(why + "\n");
    }
}
