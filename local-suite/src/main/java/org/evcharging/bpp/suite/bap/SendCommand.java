package org.evcharging.bpp.suite.bap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** {@code bap send ACTION}: any action with a message from the command line or a file, its callback as JSON. */
final class SendCommand extends BapCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String action;

    SendCommand(String action, CliOptions options, Printer printer) {
        super(options, printer);
        this.action = action;
    }

    @Override
    int run() throws IOException {
        if (options.message == null) {
            printer.error("bap send " + action + " needs --message JSON or --message-file FILE");
            return 2;
        }
        JsonNode message = JSON.readTree(options.message);
        if (message == null || !message.isObject()) {
            printer.error("the message must be a JSON object");
            return 2;
        }
        if (!demoBapKeysFound()) {
            return 1;
        }
        try (BapClient client = startClient()) {
            BapClient.Sent sent = options.transactionId == null ? client.send(action, (ObjectNode) message)
                    : client.send(action, options.transactionId, (ObjectNode) message);
            printer.sent(action, sent);
            if (!sent.acked()) {
                printer.line(sent.refusal());
                return 1;
            }
            BapClient.Callback cb = awaitCallback(client, sent, "on_" + action);
            if (cb == null) {
                return 1;
            }
            printer.received("on_" + action, cb);
            printer.json(cb.body());
            return cb.verified() ? 0 : 1;
        }
    }
}
