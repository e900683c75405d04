package org.evcharging.bpp.payment.infrastructure.gateway.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failures an operator arms on the sandbox, to test what callers do when the provider is down or its answer is lost.
 * In memory, per server: with several replicas, arm each one (tests run against one).
 * <ul>
 *   <li>{@code failNextRefunds}: the next N refunds fail before the provider acts (no refund made);</li>
 *   <li>{@code loseNextRefundAnswers}: the next N refunds are made (or found made) but their answers are lost on the
 *       way back, so the caller cannot tell them from a failure and must retry with the same id.</li>
 * </ul>
 */
@ApplicationScoped
public class SandboxFaults {

    private final AtomicInteger failNextRefunds = new AtomicInteger();
    private final AtomicInteger loseNextRefundAnswers = new AtomicInteger();

    public void failNextRefunds(int n) {
        failNextRefunds.set(Math.max(0, n));
    }

    public int failNextRefunds() {
        return failNextRefunds.get();
    }

    public void loseNextRefundAnswers(int n) {
        loseNextRefundAnswers.set(Math.max(0, n));
    }

    public int loseNextRefundAnswers() {
        return loseNextRefundAnswers.get();
    }

    /** Uses up one armed refund failure, if any. */
    public boolean takeRefundFault() {
        return take(failNextRefunds);
    }

    /** Uses up one armed lost answer, if any. */
    public boolean takeLostAnswer() {
        return take(loseNextRefundAnswers);
    }

    private static boolean take(AtomicInteger armed) {
        return armed.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
