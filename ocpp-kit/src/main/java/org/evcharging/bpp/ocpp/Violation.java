package org.evcharging.bpp.ocpp;

import java.util.List;
import java.util.Objects;

/**
 * One place where a payload breaks its OCA schema: the JSON path in the payload ({@code $.meterValue[0].timestamp}),
 * the error code the version names for it, and a short description in our words. The path may hold property names a
 * peer chose; log it through beckn-core's {@code SafeLog}.
 */
public record Violation(String path, ErrorCode code, String description) {

    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
    }

    /**
     * The CALLERROR answering the CALL {@code messageId} whose payload has these violations (as
     * {@link OcppSchemas#validate} orders them, most fundamental first): the first one's code, its path and
     * description, and how many more there are.
     */
    public static Frame.CallError answer(String messageId, List<Violation> violations) {
        Violation first = violations.get(0);
        String more = violations.size() == 1 ? "" : " (and " + (violations.size() - 1) + " more)";
        return new Frame.CallError(messageId, first.code(), first.path() + ": " + first.description() + more);
    }
}
