package org.evcharging.bpp.suite.bap;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * {@code bap track ORDER}: on_track's tracking status and the live page's url, then one line of what that page shows
 * now (state, energy, cost so far), read from the JSON beside it.
 */
final class TrackCommand extends BapCommand {

    private final String orderId;

    TrackCommand(String orderId, CliOptions options, Printer printer) {
        super(options, printer);
        this.orderId = orderId;
    }

    @Override
    int run() throws IOException {
        if (!demoBapKeysFound()) {
            return 1;
        }
        String txn = transactionOrNew("tracking");
        try (BapClient client = startClient()) {
            BookingFlow.Step track = new SessionFlow(client, waitTime()).track(txn, orderId);
            if (!printer.step(track)) {
                return 1;
            }
            JsonNode tracking = track.callback().body().at("/message/tracking");
            String url = tracking.path("url").asText();
            printer.line("tracking " + tracking.path("status").asText() + ": " + url);
            try {
                printer.line(pageLine(SessionFlow.trackingState(url)));
            } catch (IOException e) {
                printer.error("the tracking page could not be read: " + e.getMessage());
                return 1;
            }
            return 0;
        }
    }

    /** "page: Charging, 1.234 kWh of 4.000 kWh booked, cost so far 12.34 INR, updated 10:32:05 (UTC+05:30)". */
    static String pageLine(JsonNode state) {
        JsonNode text = state.path("text");
        return "page: " + text.path("state").asText(state.path("state").asText()) + ", "
                + text.path("energy").asText("-") + ", cost so far " + text.path("cost").asText("-") + ", updated "
                + text.path("updated").asText("-") + (state.path("ended").asBoolean() ? " (tracking ended)" : "");
    }
}
