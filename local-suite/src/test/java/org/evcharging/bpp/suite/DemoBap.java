package org.evcharging.bpp.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.evcharging.bpp.suite.bap.BapCli;
import org.evcharging.bpp.suite.bap.BapClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared suite and a BAP of its own for one IT class: registered in the suite's registry before the class's
 * tests, removed after them. Use as {@code @RegisterExtension static final DemoBap DEMO = new DemoBap();}.
 */
final class DemoBap implements BeforeAllCallback, AfterAllCallback {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalSuite suite;
    private BapClient bap;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        suite = SharedSuite.get();
        bap = BapClient.demo(suite, 0);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (bap != null) {
            bap.close();
        }
    }

    LocalSuite suite() {
        return suite;
    }

    BapClient bap() {
        return bap;
    }

    /** A search near Bengaluru's centre (5 km), with fresh transaction and message ids, not yet signed. */
    ObjectNode search() {
        ObjectNode request = JSON.createObjectNode();
        String id = UUID.randomUUID().toString();
        request.set("context", bap.context("search", id, id));
        request.set("message", BapCli.searchMessage("12.9716,77.5946", "5"));
        return request;
    }
}
