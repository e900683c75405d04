package org.evcharging.bpp.suite.bap;

import java.io.IOException;
import java.util.UUID;

/** {@code bap rate ID}: one rating, the feedback form it links to, and the comment filled in there. */
final class RateCommand extends BapCommand {

    private final String id;

    RateCommand(String id, CliOptions options, Printer printer) {
        super(options, printer);
        this.id = id;
    }

    @Override
    int run() throws IOException {
        if (options.value == null) {
            printer.error("bap rate needs --value 1-5");
            return 2;
        }
        if (!demoBapKeysFound()) {
            return 1;
        }
        try (BapClient client = startClient()) {
            FeedbackFlow flow = new FeedbackFlow(client, waitTime());
            String txn = options.transactionId != null ? options.transactionId : UUID.randomUUID().toString();
            FeedbackFlow.Rating rating = new FeedbackFlow.Rating(id, options.category, options.value);
            BookingFlow.Step step = flow.rate(txn, rating);
            if (!printer.step(step)) {
                return 1;
            }
            String url = FeedbackFlow.formUrl(step.callback().body());
            printer.rated(rating, url);
            if (options.comment != null && url != null) {
                FeedbackFlow.Form form = flow.comment(url, options.comment);
                printer.feedbackForm(form);
                return form.saved() ? 0 : 1;
            }
            return 0;
        }
    }
}
