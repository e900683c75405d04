package org.evcharging.bpp.payment.gateway.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failures an operator arms on the sandbox, to test what callers do when the provider is down. In memory, per
 * server: with several replicas, arm each one (tests run against one).
 */
@ApplicationScoped
public class SandboxFaults {

    private final AtomicInteger failNextRefunds = new AtomicInteger();

    public void failNextRefunds(int n) {
        failNextRefunds.set(Math.max(0, n));
    }

    public int failNextRefunds() {
        return failNextRefunds.get();
    }

    /** Uses up one armed refund failure, if any. */
    public boolean takeRefundFault() {
        return failNextRefunds.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
