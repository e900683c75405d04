package org.evcharging.bpp.suite.ingress;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.ee10.proxy.ProxyServlet;
import org.evcharging.bpp.suite.routes.RouteTable;

/**
 * Routes each request by routes.yaml to {@code http://localhost:<localPort>} with the same path and query.
 * Headers (including the signature headers) and the raw body pass untouched, since Beckn signatures are
 * over the exact bytes. Routes to services that are not deployed, and unknown paths, get a Beckn NACK here.
 */
final class RoutingProxyServlet extends ProxyServlet {

    private static final String TARGET = RoutingProxyServlet.class.getName() + ".target";

    private final RouteTable routes;
    private final Function<String, ServiceState> states;

    RoutingProxyServlet(RouteTable routes, Function<String, ServiceState> states) {
        this.routes = routes;
        this.states = states;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (!canonical(path)) {
            // routed by one path and read by the service as another: /payments/../internal/... would reach an
            // internal API through a public prefix
            Nacks.badPath(response);
            return;
        }
        Optional<RouteTable.Service> service = routes.route(path);
        if (service.isEmpty()) {
            Nacks.unknownPath(response, path);
            return;
        }
        switch (states.apply(service.get().key())) {
            case NOT_DEPLOYED -> {
                Nacks.notDeployed(response, service.get().key());
                return;
            }
            case STARTING -> {
                Nacks.starting(response, service.get().key());
                return;
            }
            case RUNNING -> {
                // proxied below
            }
        }
        String query = request.getQueryString();
        String target = "http://localhost:" + service.get().localPort() + path + (query == null ? "" : "?" + query);
        try {
            new java.net.URI(target);
        } catch (java.net.URISyntaxException notAUri) {
            Nacks.badRequestLine(response);
            return;
        }
        request.setAttribute(TARGET, target);
        super.service(request, response);
    }

    /**
     * A path the ingress routes as the service will read it: no dot segments, no empty segments, and no encoded dot,
     * slash or backslash, which a service might decode into one.
     */
    static boolean canonical(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/") || rawPath.contains("//") || rawPath.contains("\\")) {
            return false;
        }
        String lower = rawPath.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains(";")) {
            return false;
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * What goes wrong between the ingress and a service (refused, reset, timed out) is answered as the cluster's
     * Ingress would, with a status and a Beckn NACK naming neither the service's address nor the cause; Jetty's own
     * answer would carry the exception's message.
     */
    @Override
    protected void sendProxyResponseError(HttpServletRequest clientRequest, HttpServletResponse proxyResponse,
            int status) {
        try {
            if (!proxyResponse.isCommitted()) {
                proxyResponse.resetBuffer();
                proxyResponse.setHeader("Connection", "close");
                Nacks.upstreamFailed(proxyResponse, status);
            }
        } catch (IOException | RuntimeException e) {
            // the client is gone: nothing to tell it
        } finally {
            if (clientRequest.isAsyncStarted()) {
                clientRequest.getAsyncContext().complete();
            }
        }
    }

    @Override
    protected String rewriteTarget(HttpServletRequest request) {
        return (String) request.getAttribute(TARGET);
    }

    /** Jetty drops Proxy-Authorization as a hop-by-hop header; the services may want it, so it goes along. */
    @Override
    protected void addProxyHeaders(HttpServletRequest clientRequest, Request proxyRequest) {
        super.addProxyHeaders(clientRequest, proxyRequest);
        for (String value : Collections.list(clientRequest.getHeaders("Proxy-Authorization"))) {
            proxyRequest.headers(h -> h.add("Proxy-Authorization", value));
        }
    }

    /**
     * The ingress must never act on a 401 itself: Jetty's client would parse and re-serialise the challenge
     * (dropping the quotes BECKN-006 prescribes), so its authentication handlers are removed.
     */
    @Override
    protected HttpClient createHttpClient() throws ServletException {
        HttpClient client = super.createHttpClient();
        client.getProtocolHandlers().clear();
        return client;
    }

    /**
     * A BPP's challenges go back to the BAP verbatim: {@code WWW-Authenticate} exactly as the service wrote it,
     * and {@code Proxy-Authenticate} (for a gateway's bad signature), which Jetty drops as a hop-by-hop header.
     */
    @Override
    protected void onServerResponseHeaders(HttpServletRequest clientRequest, HttpServletResponse proxyResponse,
            Response serverResponse) {
        super.onServerResponseHeaders(clientRequest, proxyResponse, serverResponse);
        for (String name : new String[] {"WWW-Authenticate", "Proxy-Authenticate"}) {
            java.util.List<String> values = serverResponse.getHeaders().getValuesList(name);
            if (!values.isEmpty()) {
                proxyResponse.setHeader(name, values.get(0));
                for (int i = 1; i < values.size(); i++) {
                    proxyResponse.addHeader(name, values.get(i));
                }
            }
        }
    }
}
