package org.evcharging.bpp.suite.bap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** {@code bap search}: the catalog around {@code --gps} within {@code --radius}, printed as a table. */
final class SearchCommand extends BapCommand {

    SearchCommand(CliOptions options, Printer printer) {
        super(options, printer);
    }

    @Override
    int run() throws IOException {
        if (!demoBapKeysFound()) {
            return 1;
        }
        try (BapClient client = startClient()) {
            ObjectNode search = BapCli.searchMessage(options.gps, options.radiusKm);
            if (options.minRating != null) {
                ((ObjectNode) search.path("intent")).putObject("provider").put("rating", options.minRating);
            }
            BapClient.Sent sent = client.send("search", search);
            if (!sent.acked()) {
                printer.refused("search", sent);
                return 1;
            }
            printer.acked("search", sent);
            BapClient.Callback cb = awaitCallback(client, sent, "on_search");
            if (cb == null) {
                return 1;
            }
            printer.received("on_search", cb);
            JsonNode error = cb.body().path("error");
            if (present(error)) {
                printer.searchError(error);
            }
            printer.catalog(cb.body().path("message").path("catalog"));
            return cb.verified() ? 0 : 1;
        }
    }
}
