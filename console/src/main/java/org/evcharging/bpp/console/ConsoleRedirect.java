package org.evcharging.bpp.console;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /console} to {@code /console/}, by a path-only Location: the browser stays on the host and scheme it used (the
 * ingress's), where the container's own redirect would name this server's address.
 */
@WebServlet("/console")
public class ConsoleRedirect extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) {
        res.setStatus(HttpServletResponse.SC_FOUND);
        res.setHeader("Location", "/console/");
    }
}
