package org.evcharging.bpp.suite.bap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** {@code bap select PROVIDER ITEM}: a quote for the item, printed as a bill. */
final class SelectCommand extends BapCommand {

    private final String provider;
    private final String item;

    SelectCommand(String provider, String item, CliOptions options, Printer printer) {
        super(options, printer);
        this.provider = provider;
        this.item = item;
    }

    @Override
    int run() throws IOException {
        if (!demoBapKeysFound()) {
            return 1;
        }
        ObjectNode message = BookingFlow.selectMessage(options.choice(provider, item));
        try (BapClient client = startClient()) {
            BapClient.Sent sent = client.send("select", message);
            if (!sent.acked()) {
                printer.refused("select", sent);
                return 1;
            }
            printer.acked("select", sent);
            BapClient.Callback cb = awaitCallback(client, sent, "on_select");
            if (cb == null) {
                return 1;
            }
            printer.received("on_select", cb);
            JsonNode error = cb.body().path("error");
            if (present(error)) {
                printer.callbackError(error);
                return 1;
            }
            printer.quote(cb.body().at("/message/order"));
            return cb.verified() ? 0 : 1;
        }
    }
}
