package org.evcharging.bpp.console;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The console's one API: its sign-in configuration ({@code /console/api/config}). Everything else is static files. */
@ApplicationPath("/console/api")
public class ConsoleApplication extends Application {
}
