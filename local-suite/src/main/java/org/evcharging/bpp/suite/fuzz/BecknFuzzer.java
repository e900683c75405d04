package org.evcharging.bpp.suite.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.evcharging.bpp.suite.bap.BapClient;

/**
 * Mutated, correctly signed Beckn requests through the ingress, as the demo BAP: each a copy of the action's seed with
 * a fresh transaction and message id and the current timestamp, then mutated ({@link Mutator}) and signed over the
 * mutated bytes, so that it passes the signature check and reaches the schema, the context checks and the handler.
 * Every answer is held to the door's promise: never a 5xx, always a Beckn ACK or NACK body, never a stack trace or a
 * Java name. The callbacks of what was ACKed are counted as they come; each must carry a valid signature.
 */
public final class BecknFuzzer {

    /** The BPP's Beckn actions: the nine of the issue and track. */
    public static final List<String> ACTIONS = List.of("search", "select", "init", "confirm", "update", "status",
            "track", "cancel", "rating", "support");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_BODY = 262_144;
    private static final int MAX_SAVED = 100;

    private final BapClient bap;
    private final String ingress;
    private final String bppId;
    private final Mutator mutator;
    private final FuzzReport report;
    private final Path failures;
    private final Map<String, String> seeds = new LinkedHashMap<>();
    private final AtomicInteger saved = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code failures}: where the bodies of failing requests are saved to be sent again (null: not saved). */
    public BecknFuzzer(BapClient bap, String ingressUrl, String bppId, long seed, FuzzReport report, Path failures) {
        this.bap = bap;
        this.ingress = ingressUrl.endsWith("/") ? ingressUrl.substring(0, ingressUrl.length() - 1) : ingressUrl;
        this.bppId = bppId;
        this.mutator = new Mutator(seed);
        this.report = report;
        this.failures = failures;
        for (String action : ACTIONS) {
            seeds.put(action, seedText(action));
        }
    }

    static String seedText(String action) {
        try (InputStream in = BecknFuzzer.class.getResourceAsStream("/fuzz/seeds/beckn/" + action + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no seed for action " + action);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the seed of " + action, e);
        }
    }

    /** The action's seed with this BAP's ids, a fresh transaction and message id and the current time. */
    JsonNode fresh(String action) {
        String text = seeds.get(action).replace("@BAP_ID@", bap.subscriberId()).replace("@BAP_URI@", bap.bapUri())
                .replace("@BPP_ID@", bppId).replace("@BPP_URI@", ingress)
                .replace("@TRANSACTION_ID@", UUID.randomUUID().toString())
                .replace("@MESSAGE_ID@", UUID.randomUUID().toString())
                .replace("@NOW@", TIMESTAMP.format(Instant.now()));
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("the seed of " + action + " is not JSON", e);
        }
    }

    /**
     * Sends each action's seed unmutated: each must be ACKed (a seed that is refused tests only the refusal). Returns
     * the refusals, empty when every seed passed the door.
     */
    public List<String> checkSeeds(List<String> actions) throws IOException, InterruptedException {
        List<String> refused = new ArrayList<>();
        for (String action : actions) {
            byte[] body = JSON.writeValueAsBytes(fresh(action));
            HttpResponse<String> r = post(action, body);
            JsonNode answer = parse(r.body());
            if (r.statusCode() != 200 || !"ACK".equals(answer.at("/message/ack/status").asText())) {
                refused.add(action + ": HTTP " + r.statusCode() + " " + r.body());
            } else {
                report.seedsAcked.incrementAndGet();
            }
        }
        return refused;
    }

    /** {@code perAction} mutated requests of each action, interleaved, {@code concurrency} at a time. */
    public void run(List<String> actions, int perAction, int concurrency) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "fuzz-beckn");
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService drain = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fuzz-callbacks");
            t.setDaemon(true);
            return t;
        });
        drain.scheduleWithFixedDelay(this::countCallbacks, 1, 1, TimeUnit.SECONDS);
        Semaphore inFlight = new Semaphore(concurrency * 2);
        try {
            for (int i = 0; i < perAction; i++) {
                for (String action : actions) {
                    int n = i;
                    inFlight.acquire();
                    pool.execute(() -> {
                        try {
                            sendOne(action, n);
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            }
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
            drain.shutdownNow();
            countCallbacks();
        }
    }

    /** Waits until no callback has come for {@code quiet}, at most {@code max}, counting what comes. */
    public void awaitCallbacks(Duration quiet, Duration max) throws InterruptedException {
        long until = System.nanoTime() + max.toNanos();
        long last = report.callbacks.get();
        long lastChange = System.nanoTime();
        while (System.nanoTime() < until) {
            Thread.sleep(500);
            countCallbacks();
            long now = report.callbacks.get();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > quiet.toNanos()) {
                return;
            }
        }
    }

    private synchronized void countCallbacks() {
        for (BapClient.Callback c : bap.takeCallbacks()) {
            report.callbacks.incrementAndGet();
            JsonNode error = c.body().path("error");
            if (error.isObject() && !error.isEmpty()) {
                report.callbacksWithError.incrementAndGet();
            }
            if (!c.verified()) {
                report.callbacksUnverified.incrementAndGet();
                report.example("callback " + c.path() + " with an invalid signature: " + c.verificationError());
            }
        }
    }

    void sendOne(String action, int n) {
        FuzzReport.BecknRow row = report.beckn(action);
        Mutator.Mutant m = mutator.mutate(fresh(action), action, n, List.of("/context"));
        row.sent.incrementAndGet();
        HttpResponse<String> r;
        try {
            r = post(action, m.body());
        } catch (IOException e) {
            if (m.body().length > MAX_BODY) {
                row.noAnswerOverLimit.incrementAndGet(); // refused before it was read, the connection closed
            } else {
                row.noAnswer.incrementAndGet();
                fail(action, n, m, "no answer: " + e, null);
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        int status = r.statusCode();
        String body = r.body();
        if (status >= 500) {
            row.serverErrors.incrementAndGet();
            fail(action, n, m, "HTTP " + status, body);
        }
        if (FuzzReport.leaks(body)) {
            row.stackTraces.incrementAndGet();
            fail(action, n, m, "stack trace or Java name in the answer (HTTP " + status + ")", body);
        }
        String ack = parse(body).at("/message/ack/status").asText("");
        if (!"ACK".equals(ack) && !"NACK".equals(ack)) {
            row.nonBeckn.incrementAndGet();
            fail(action, n, m, "not a Beckn ACK/NACK body (HTTP " + status + ")", body);
        } else if (status < 500) {
            if ("ACK".equals(ack) && status == 200) {
                row.ack.incrementAndGet();
            } else {
                FuzzReport.count(row.nackByStatus, status);
            }
        }
    }

    private void fail(String action, int n, Mutator.Mutant m, String what, String body) {
        String excerpt = body == null ? "" : " body: " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        report.example(action + " #" + n + " [" + m.describe() + "]: " + what + excerpt);
        if (failures != null && saved.incrementAndGet() <= MAX_SAVED) {
            try {
                Files.createDirectories(failures);
                Files.write(failures.resolve(action + "-" + n + ".json"), m.body());
            } catch (IOException e) {
                report.example("cannot save the failing request: " + e.getMessage());
            }
        }
    }

    private HttpResponse<String> post(String action, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingress + "/" + action))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", bap.authorizationFor(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.net.http.HttpTimeoutException | java.net.ConnectException e) {
            throw e;
        } catch (IOException e) {
            // a kept-alive connection the ingress closed as this request went out: once more on a new one (the BPP
            // de-duplicates on the message id, so a copy that did arrive is not processed twice)
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode n = JSON.readTree(body == null ? "" : body);
            return n == null ? JSON.missingNode() : n;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
