package org.evcharging.bpp.suite.bap;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.evcharging.bpp.suite.DemoNetwork;

/** One {@code bap} command: its options, the printer, and the demo BAP it sends as. */
abstract class BapCommand {

    final CliOptions options;
    final Printer printer;

    BapCommand(CliOptions options, Printer printer) {
        this.options = options;
        this.printer = printer;
    }

    /** Runs the command; the process's exit code (0 done, 1 failed, 2 wrong arguments). */
    abstract int run() throws IOException;

    Duration waitTime() {
        return Duration.ofSeconds(options.waitSeconds);
    }

    /** Whether the suite ran in the work dir and left the demo BAP's keys there; a hint when it did not. */
    boolean demoBapKeysFound() {
        Path keysFile = DemoNetwork.keysFile(options.workDir);
        if (!Files.isRegularFile(keysFile)) {
            printer.error("no demo BAP keys at " + keysFile + ": start the suite first (./bpp up)");
            return false;
        }
        DemoNetwork.readKeys(keysFile); // an unreadable file fails here, before anything is sent
        return true;
    }

    /**
     * The BAP on {@code --callback-port}. The BPP sends callbacks only to the url the registry has for the signing
     * key: on the demo BAP's registered port the demo key signs; on another port (or when that one is busy) the
     * client registers a key of its own with its address in the suite's registry for as long as it runs.
     */
    /** {@code --transaction-id}, or a new transaction, saying so ({@code doing}: "cancelling", "tracking"). */
    String transactionOrNew(String doing) {
        if (options.transactionId != null) {
            return options.transactionId;
        }
        String txn = java.util.UUID.randomUUID().toString();
        printer.line("no --transaction-id: " + doing + " in a new transaction " + txn);
        return txn;
    }

    BapClient startClient() throws IOException {
        try {
            return BapClient.demo(options.workDir, options.callbackPort, options.ingress);
        } catch (BindException busy) {
            printer.error("port " + options.callbackPort + " is busy, receiving callbacks on a free port instead");
            return BapClient.demo(options.workDir, 0, options.ingress);
        }
    }

    /** The callback of a request, or null (said on err) when none came in time. */
    BapClient.Callback awaitCallback(BapClient client, BapClient.Sent sent, String onAction) {
        try {
            return client.awaitCallback(sent.messageId(), onAction, waitTime());
        } catch (AssertionError e) {
            printer.error(e.getMessage());
            return null;
        }
    }

    static boolean present(JsonNode error) {
        return !error.isMissingNode() && !error.isNull();
    }
}
