package org.evcharging.bpp.suite.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.evcharging.bpp.suite.LocalSuite;
import org.evcharging.bpp.suite.bap.BapCli;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.bap.BookingFlow;
import org.evcharging.bpp.suite.bap.FeedbackFlow;
import org.evcharging.bpp.suite.bap.SessionFlow;
import org.evcharging.bpp.suite.registry.RegistryEntry;

/**
 * A realistic mix of what BAPs do, run by threads until {@link #close}: searches at a steady rate from several BAPs,
 * users racing in pairs for charger slots (book, pay, confirm, then support, cancel or rate), and charging sessions
 * started and stopped on the simulated chargers. Every request and what the door answered goes into the
 * {@link RequestLog}; searchers also keep each request's latency, for the flood test and for error rates per fault.
 */
public final class Traffic implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final BookingFlow.Billing BILLING = new BookingFlow.Billing("Fault Run", "fault.run@example.com",
            "+91-9000000042");
    /** Connectors that users race for (future slots) and the ones sessions charge on now, apart. */
    public static final List<String> RACED = List.of("cz-mg-1-ccs2", "cz-in-1-ccs2", "cz-wf-1-ccs2");
    public static final List<String> CHARGED = List.of("cz-mg-2-chademo", "cz-mg-3-type2", "cz-in-2-type2");

    /** One request's outcome at the door, for a searcher's latency and error figures. */
    public record Sample(long atMillis, long millis, int status) {
    }

    private final LocalSuite suite;
    private final RequestLog log;
    private final List<Thread> threads = new ArrayList<>();
    private final List<BapClient> ownBaps = new ArrayList<>();
    private final List<Runnable> onClose = new ArrayList<>();
    private volatile boolean running = true;
    private final Map<String, ConcurrentLinkedQueue<Sample>> samples = new ConcurrentHashMap<>();
    private final AtomicInteger slot = new AtomicInteger();
    private final AtomicInteger confirmed = new AtomicInteger();
    private final AtomicInteger slotTaken = new AtomicInteger();
    private final AtomicInteger sessionsStarted = new AtomicInteger();
    private final AtomicInteger sessionsEnded = new AtomicInteger();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final AtomicInteger ioErrors = new AtomicInteger();
    private final long dayOffset;
    /** Orders confirmed by the traffic, for probes that need one. */
    private final ConcurrentLinkedQueue<String[]> orders = new ConcurrentLinkedQueue<>();

    public Traffic(LocalSuite suite, RequestLog log, int firstDay) {
        this.suite = suite;
        this.log = log;
        this.dayOffset = firstDay;
    }

    /** A BAP of another organisation, registered in the suite's registry while this traffic runs. */
    public BapClient foreignBap(String subscriberId) throws IOException {
        KeyPair keys = Ed25519Keys.generate();
        String keyId = subscriberId + ".k" + UUID.randomUUID().toString().substring(0, 6);
        BapClient bap = BapClient.start(subscriberId, keyId, keys.getPrivate(), 0, suite.ingressUrl(),
                suite.registryUrl());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        suite.registry().put(RegistryEntry.subscribed(subscriberId, keyId, "BAP", bap.bapUri(),
                Ed25519Keys.rawPublicBase64(keys.getPublic()), now.minusMinutes(1), now.plusDays(1)));
        ownBaps.add(bap);
        onClose.add(() -> suite.registry().remove(subscriberId, keyId));
        return bap;
    }

    /** The suite's demo BAP on a port of its own (its own key, registered). */
    public BapClient demoBap() throws IOException {
        BapClient bap = BapClient.demo(suite, 0);
        ownBaps.add(bap);
        return bap;
    }

    /** A signed search near Bengaluru with {@code ttl}, logged. */
    public BapClient.Sent search(BapClient bap, Duration ttl) throws IOException {
        ObjectNode request = JSON.createObjectNode();
        String id = UUID.randomUUID().toString();
        request.set("context", bap.context("search", id, id).put("ttl", ttl.toString()));
        request.set("message", BapCli.searchMessage("12.9716,77.5946", "5"));
        BapClient.Sent sent = bap.sendRequest("search", request);
        log.add(bap, sent, ttl);
        return sent;
    }

    /**
     * {@code perSecond} searches a second from {@code bap} (bodies of its callbacks are dropped as they come; their
     * count is kept), each sample kept under {@code name}.
     */
    public Runnable searches(String name, BapClient bap, double perSecond, Duration ttl) {
        java.util.concurrent.atomic.AtomicBoolean on = new java.util.concurrent.atomic.AtomicBoolean(true);
        ConcurrentLinkedQueue<Sample> q = samples.computeIfAbsent(name, k -> new ConcurrentLinkedQueue<>());
        long periodNanos = (long) (1e9 / perSecond);
        int workers = (int) Math.max(1, Math.ceil(perSecond / 20));
        for (int w = 0; w < workers; w++) {
            long offset = periodNanos * w;
            long period = periodNanos * workers;
            start(name + "-" + w, () -> {
                long next = System.nanoTime() + offset;
                while (running && on.get()) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    next += period;
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        status = search(bap, ttl).status();
                    } catch (IOException e) {
                        ioErrors.incrementAndGet();
                        status = 599;
                    }
                    q.add(new Sample(System.currentTimeMillis(), (System.nanoTime() - t0) / 1_000_000, status));
                    if (next < System.nanoTime() - 1_000_000_000L) {
                        next = System.nanoTime(); // fell behind by more than a second: do not burst to catch up
                    }
                }
                return null;
            });
        }
        start(name + "-drain", () -> {
            while (running && on.get()) {
                Thread.sleep(2000);
                bap.clearCallbacks();
            }
            return null;
        });
        return () -> on.set(false);
    }

    /**
     * {@code users} users booking future slots on {@link #RACED} connectors, two for every (connector, slot); of
     * each confirmed booking a third is cancelled, and every one asks for support and rates.
     */
    public void bookings(BapClient bap, int users) {
        BookingFlow flow = new BookingFlow(bap, Duration.ofSeconds(40));
        SessionFlow session = new SessionFlow(bap, Duration.ofSeconds(40));
        for (int u = 0; u < users; u++) {
            start("booker-" + u, () -> {
                while (running) {
                    int k = slot.getAndIncrement();
                    int pair = k / 2;
                    String connector = RACED.get(pair % RACED.size());
                    int perDay = RACED.size() * 40;
                    OffsetDateTime start = OffsetDateTime.now(IST).truncatedTo(ChronoUnit.DAYS)
                            .plusDays(dayOffset + pair / perDay).plusHours(2)
                            .plusMinutes(30L * ((pair % perDay) / RACED.size()));
                    BookingFlow.Choice c = new BookingFlow.Choice("chargezone.in", "pe-charging-01", "4", null,
                            connector, start, start.plusMinutes(30), true, List.of(), null);
                    book(flow, session, bap, c, k % 3 == 0);
                    Thread.sleep(500); // a user looks at the result before the next booking
                }
                return null;
            });
        }
    }

    private void book(BookingFlow flow, SessionFlow session, BapClient bap, BookingFlow.Choice c, boolean cancel)
            throws IOException {
        String txn = UUID.randomUUID().toString();
        try {
            book(flow, session, bap, c, cancel, txn);
        } finally {
            // the counts of answers stay; the bodies of a finished booking would otherwise pile up in the BAP
            flow.forget(txn);
            bap.forgetTransaction(txn);
        }
    }

    private void book(BookingFlow flow, SessionFlow session, BapClient bap, BookingFlow.Choice c, boolean cancel,
            String txn) throws IOException {
        BookingFlow.Step select = step(bap, () -> flow.select(txn, c));
        if (!select.ok()) {
            return;
        }
        BookingFlow.Step init = step(bap, () -> flow.init(txn, c, BILLING));
        if (!init.ok()) {
            if ("30008".equals(init.error().path("code").asText())) {
                slotTaken.incrementAndGet();
            }
            return;
        }
        BookingFlow.Payment paid = flow.pay(init.order().at("/payments/0/url").asText(), true);
        if (!paid.paid()) {
            return;
        }
        BookingFlow.Step confirm = step(bap, () -> flow.confirm(txn, c, null));
        if (!confirm.ok()) {
            return;
        }
        confirmed.incrementAndGet();
        String orderId = confirm.order().path("id").asText();
        orders.add(new String[] {txn, orderId});
        step(bap, () -> flow.step("support", txn, supportMessage(orderId)));
        if (cancel) {
            BookingFlow.Step done = step(bap,
                    () -> flow.step("cancel", txn, SessionFlow.cancelMessage(orderId, "1", null)));
            if (done.ok()) {
                cancelled.incrementAndGet();
            }
        }
        step(bap, () -> session.status(txn, orderId));
        step(bap, () -> flow.step("rating", txn, ratingMessage(orderId)));
    }

    /**
     * One user per connector of {@link #CHARGED}, charging now: books a slot from the next minute, starts charging on
     * the simulated charger, stops after {@code charge}, waits for the final bill, then books the next slot after
     * this one ends.
     */
    public void sessions(BapClient bap, Duration charge, Duration slotLength) {
        BookingFlow flow = new BookingFlow(bap, Duration.ofSeconds(40));
        SessionFlow session = new SessionFlow(bap, Duration.ofSeconds(40));
        for (String connector : CHARGED) {
            start("charger-user-" + connector, () -> {
                OffsetDateTime free = OffsetDateTime.now(IST);
                while (running) {
                    OffsetDateTime start = OffsetDateTime.now(IST).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
                    if (start.isBefore(free)) {
                        start = free;
                    }
                    BookingFlow.Choice c = new BookingFlow.Choice("chargezone.in", "pe-charging-01", "4", null,
                            connector, start, start.plusSeconds(slotLength.toSeconds()), true, List.of(), null);
                    String txn = UUID.randomUUID().toString();
                    try {
                        if (charge(flow, session, bap, c, txn, charge)) {
                            free = start.plusSeconds(slotLength.toSeconds());
                        }
                    } catch (IOException e) {
                        ioErrors.incrementAndGet();
                    } finally {
                        flow.forget(txn);
                        bap.forgetTransaction(txn);
                    }
                    Thread.sleep(2000);
                }
                return null;
            });
        }
    }

    private boolean charge(BookingFlow flow, SessionFlow session, BapClient bap, BookingFlow.Choice c, String txn,
            Duration charge) throws IOException, InterruptedException {
        BookingFlow.Step select = step(bap, () -> flow.select(txn, c));
        if (!select.ok()) {
            return false;
        }
        BookingFlow.Step init = step(bap, () -> flow.init(txn, c, BILLING));
        if (!init.ok()) {
            return false; // refused (the slot taken, or a fault): try the next slot
        }
        BookingFlow.Payment paid = flow.pay(init.order().at("/payments/0/url").asText(), true);
        if (!paid.paid()) {
            return true;
        }
        BookingFlow.Step confirm = step(bap, () -> flow.confirm(txn, c, null));
        if (!confirm.ok()) {
            return true;
        }
        confirmed.incrementAndGet();
        JsonNode order = confirm.order();
        orders.add(new String[] {txn, order.path("id").asText()});
        BookingFlow.Step started = step(bap, () -> session.start(txn, order));
        if (!started.ok()) {
            // a charger that did not start (faulted, or its replica gone): the BAP cancels, as a driver would
            step(bap, () -> flow.step("cancel", txn, SessionFlow.cancelMessage(order.path("id").asText(), "1", null)));
            return true;
        }
        sessionsStarted.incrementAndGet();
        Thread.sleep(charge.toMillis());
        for (int attempt = 0; attempt < 3 && running; attempt++) {
            BookingFlow.Step ended = step(bap, () -> session.end(txn, order));
            if (ended.ok()) {
                sessionsEnded.incrementAndGet();
                break;
            }
            Thread.sleep(5000);
        }
        step(bap, () -> flow.step("rating", txn, ratingMessage(order.path("id").asText())));
        return true;
    }

    @FunctionalInterface
    private interface StepCall {

        BookingFlow.Step call() throws IOException;
    }

    /**
     * One step of a flow, sent again (with a new message id) while the door refuses it for a reason a BAP retries on:
     * 429 (over its rate) or a 5xx (a service restarting), backing off a little more each time, as a BAP does.
     */
    private BookingFlow.Step step(BapClient bap, StepCall call) throws IOException {
        for (int attempt = 1;; attempt++) {
            BookingFlow.Step step;
            try {
                step = call.call();
            } catch (IOException e) {
                ioErrors.incrementAndGet();
                if (attempt >= 6 || !running) {
                    throw e;
                }
                pause(attempt);
                continue;
            }
            log.add(bap, step.sent(), Duration.ofSeconds(30));
            int status = step.sent().status();
            if ((status == 429 || status >= 500) && attempt < 6 && running) {
                pause(attempt);
                continue;
            }
            return step;
        }
    }

    private static void pause(int attempt) throws IOException {
        try {
            Thread.sleep(1000L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static ObjectNode supportMessage(String orderId) {
        return FeedbackFlow.supportMessage(orderId, null, null);
    }

    private static ObjectNode ratingMessage(String orderId) {
        return FeedbackFlow.ratingMessage(new FeedbackFlow.Rating(orderId, "Order", "4"));
    }

    /** The searcher samples of {@code name} taken between the two instants (epoch millis). */
    public List<Sample> samples(String name, long fromMillis, long toMillis) {
        ConcurrentLinkedQueue<Sample> q = samples.get(name);
        return q == null ? List.of()
                : q.stream().filter(s -> s.atMillis() >= fromMillis && s.atMillis() < toMillis).toList();
    }

    /** Every searcher's samples between the two instants. */
    public List<Sample> allSamples(long fromMillis, long toMillis) {
        return samples.keySet().stream().flatMap(n -> samples(n, fromMillis, toMillis).stream()).toList();
    }

    /** The {@code q} quantile of the latencies (ms) of the samples that were ACKed. */
    public static long quantile(List<Sample> samples, double q) {
        long[] v = samples.stream().filter(s -> s.status() == 200).mapToLong(Sample::millis).sorted().toArray();
        return v.length == 0 ? -1 : v[(int) Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))];
    }

    /** A confirmed order of this traffic (transaction id, order id), if any yet. */
    public String[] someOrder() {
        return orders.peek();
    }

    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%d requests logged (%d ACKed); bookings confirmed %d, inits refused because the slot was taken %d,"
                        + " cancelled %d; sessions started %d, ended %d; transport errors %d",
                log.size(), log.acked(), confirmed.get(), slotTaken.get(), cancelled.get(), sessionsStarted.get(),
                sessionsEnded.get(), ioErrors.get());
    }

    @FunctionalInterface
    private interface Loop {

        Object run() throws Exception;
    }

    private void start(String name, Loop loop) {
        Thread t = new Thread(() -> {
            while (running) {
                try {
                    loop.run();
                    return;
                } catch (InterruptedException e) {
                    return;
                } catch (Exception | AssertionError e) {
                    ioErrors.incrementAndGet();
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }, "traffic-" + name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** Stops every thread (waiting for each to finish what it is doing) and closes the BAPs made here. */
    @Override
    public void close() {
        stop();
        stopBaps();
    }

    /** Only stops the threads; the BAPs stay up to receive answers still on their way. */
    public void stop() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(90).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void stopBaps() {
        ownBaps.forEach(BapClient::close);
        onClose.forEach(Runnable::run);
    }

}
