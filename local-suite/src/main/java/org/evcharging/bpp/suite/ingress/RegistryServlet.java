package org.evcharging.bpp.suite.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.evcharging.bpp.suite.registry.LocalRegistry;
import org.evcharging.bpp.suite.registry.RegistrySubscriptions;

/**
 * registry.yaml {@code POST /lookup} over the local registry, {@code POST /subscribe} (once the suite's network has
 * keys, {@link LocalRegistry#acceptSubscriptions}), and {@code GET /subscribers} to see it all.
 */
final class RegistryServlet extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalRegistry registry;

    RegistryServlet(LocalRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("/subscribe".equals(request.getPathInfo())) {
            RegistrySubscriptions subscriptions = registry.subscriptions();
            if (subscriptions == null) {
                Nacks.unknownPath(response, request.getRequestURI());
                return;
            }
            byte[] body = request.getInputStream().readNBytes(65_536);
            RegistrySubscriptions.Reply reply = subscriptions.subscribe(body, request.getHeader("Authorization"));
            byte[] bytes = JSON.writeValueAsBytes(reply.body());
            response.setStatus(reply.status());
            response.setContentType("application/json");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
            return;
        }
        if (!"/lookup".equals(request.getPathInfo())) {
            Nacks.unknownPath(response, request.getRequestURI());
            return;
        }
        JsonNode criteria;
        try {
            criteria = JSON.readTree(request.getInputStream());
        } catch (IOException e) {
            Nacks.send(response, 400, Nacks.nack("10000", null, "lookup body is not JSON"));
            return;
        }
        if (criteria == null || !criteria.isObject()) {
            Nacks.send(response, 400, Nacks.nack("10000", null, "lookup body must be a JSON object"));
            return;
        }
        write(response, registry.lookup(criteria));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/subscribers".equals(request.getPathInfo())) {
            Nacks.unknownPath(response, request.getRequestURI());
            return;
        }
        write(response, registry.entries());
    }

    private static void write(HttpServletResponse response, Object value) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(value);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
