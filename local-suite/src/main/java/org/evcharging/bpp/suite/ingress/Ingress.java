package org.evcharging.bpp.suite.ingress;

import java.util.function.Function;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.suite.registry.LocalRegistry;
import org.evcharging.bpp.suite.routes.RouteTable;

/**
 * The local stand-in for the cluster's Ingress and the network registry: one Jetty server on loopback that
 * proxies Beckn actions and admin paths to the services by routes.yaml and answers {@code /registry/lookup}.
 */
public final class Ingress implements AutoCloseable {

    private static final SafeLog LOG = SafeLog.of(Ingress.class);

    private final Server server;
    private final int port;

    private Ingress(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts on {@code port} (0 = a free port); {@code states} says which service keys are running. */
    public static Ingress start(int port, RouteTable routes, Function<String, ServiceState> states,
            LocalRegistry registry) {
        return start(port, routes, states, registry, null);
    }

    /** The same, with the console's development login at {@code /dev-login/} ({@code devLogin} null: none). */
    public static Ingress start(int port, RouteTable routes, Function<String, ServiceState> states,
            LocalRegistry registry, jakarta.servlet.http.HttpServlet devLogin) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder("registry", new RegistryServlet(registry)), "/registry/*");
        if (devLogin != null) {
            context.addServlet(new ServletHolder("dev-login", devLogin), "/dev-login/*");
        }
        ServletHolder proxy = new ServletHolder("routes", new RoutingProxyServlet(routes, states));
        proxy.setAsyncSupported(true);
        proxy.setInitParameter("timeout", "60000");
        proxy.setInitParameter("maxConnections", "512");
        // Drop idle connections to a service before Liberty does (persistTimeout 75 s), never after.
        proxy.setInitParameter("idleTimeout", "20000");
        context.addServlet(proxy, "/");
        // Whatever still fails here is answered with its status alone: no message, cause or stack that could name a
        // service's address.
        org.eclipse.jetty.ee10.servlet.ErrorHandler errors = new org.eclipse.jetty.ee10.servlet.ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowCauses(false);
        errors.setShowMessageInTitle(false);
        context.setErrorHandler(errors);
        org.eclipse.jetty.server.handler.ErrorHandler serverErrors = new org.eclipse.jetty.server.handler.ErrorHandler();
        serverErrors.setShowStacks(false);
        serverErrors.setShowCauses(false);
        serverErrors.setShowMessageInTitle(false);
        server.setErrorHandler(serverErrors);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // Startup already failed; report that.
            }
            throw new IllegalStateException("ingress cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        int actual = connector.getLocalPort();
        LOG.info(() -> "ingress listening on http://localhost:" + actual);
        return new Ingress(server, actual);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
            LOG.info("ingress stopped");
        } catch (Exception e) {
            LOG.warning("ingress did not stop cleanly: " + e.getMessage());
        }
    }
}
