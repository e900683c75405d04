package org.evcharging.bpp.suite.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Mutated OCPP-J frames to charger-service's central system, as charge points the fuzzer registers for itself (through
 * the onboarding API, with connectors mapped to catalog connectors that do not exist, so that no demo charger's
 * availability moves): CALLs of every action the seeds hold with a mutated payload, in 1.6J and 2.0.1, and malformed
 * frames (not JSON, not an array, a wrong message type id, a huge or mistyped unique id, an unknown action, a frame
 * over the size cap, a CALLRESULT answering nothing). A CALL with a usable unique id must get a CALLRESULT or a
 * CALLERROR with that id; a frame without one may get a CALLERROR, nothing, or a close with a protocol or policy code.
 * Each station sends at most {@value #PER_SECOND} frames a second (charger-service's rate limit is 20).
 */
public final class OcppFuzzer {

    /** A charge point of the fuzzer: its id, password and OCPP version ({@code 1.6} or {@code 2.0.1}). */
    public record Station(String id, String password, String version) {

        String subprotocol() {
            return "ocpp" + version;
        }
    }

    static final String FRAME = "malformed frame";
    private static final int PER_SECOND = 12;
    private static final int MAX_FRAME = 65_536;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** As the central system reads a frame: one JSON value, nothing after it. */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Duration ANSWER = Duration.ofSeconds(20);
    /** Close codes a server may use for a frame it will not read: protocol error, unsupported, bad data, policy, too big. */
    private static final List<Integer> POLICY_CLOSES = List.of(1002, 1003, 1007, 1008, 1009);

    private final String chargerUrl;
    private final String operatorToken;
    private final Mutator mutator;
    private final FuzzReport report;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final long seed;

    /** {@code chargerUrl}: charger-service's base URL (http); {@code operatorToken}: a bearer token of the operator. */
    public OcppFuzzer(String chargerUrl, String operatorToken, long seed, FuzzReport report) {
        this.chargerUrl = chargerUrl.endsWith("/") ? chargerUrl.substring(0, chargerUrl.length() - 1) : chargerUrl;
        this.operatorToken = operatorToken;
        this.mutator = new Mutator(seed);
        this.report = report;
        this.seed = seed;
    }

    static Map<String, String> seeds(String version) {
        try (InputStream in = OcppFuzzer.class.getResourceAsStream("/fuzz/seeds/ocpp/ocpp" + version + ".json")) {
            JsonNode all = JSON.readTree(in);
            Map<String, String> out = new LinkedHashMap<>();
            all.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().toString()));
            return out;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the OCPP " + version + " seeds", e);
        }
    }

    /** Registers {@code count} charge points of each version for this run (ids {@code fuzz-<run>-<version>-<n>}). */
    public List<Station> register(String run, int count) throws IOException, InterruptedException {
        List<Station> out = new ArrayList<>();
        for (String version : List.of("1.6", "2.0.1")) {
            for (int i = 1; i <= count; i++) {
                String id = "fuzz-" + run + "-" + version.replace(".", "") + "-" + i;
                String password = password();
                ObjectNode spec = JSON.createObjectNode().put("id", id).put("providerId", "chargezone.in")
                        .put("protocol", "1.6".equals(version) ? "1.6J" : "2.0.1").put("password", password)
                        .put("enabled", true);
                spec.putArray("connectors").addObject().put("evseId", 1).put("connectorId", 1)
                        .put("catalogConnector", id + "-c1");
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create(chargerUrl + "/chargers/v1/charge-points/" + id))
                        .header("Authorization", "Bearer " + operatorToken)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(spec.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("registering charge point " + id + ": HTTP " + r.statusCode());
                }
                out.add(new Station(id, password, version));
            }
        }
        return out;
    }

    /** Every station sends its share of {@code perAction} mutated CALLs of each action, and malformed frames. */
    public void run(List<Station> stations, int perAction) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (String version : List.of("1.6", "2.0.1")) {
            List<Station> mine = stations.stream().filter(s -> s.version().equals(version)).toList();
            for (int k = 0; k < mine.size(); k++) {
                Station s = mine.get(k);
                int share = k;
                Thread t = new Thread(() -> fuzz(s, perAction, share, mine.size()), "fuzz-ocpp-" + s.id());
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private void fuzz(Station s, int perAction, int share, int of) {
        Map<String, String> seeds = seeds(s.version());
        Connection c = null;
        int unique = 0;
        try {
            for (int i = share; i < perAction; i += of) {
                for (String action : seeds.keySet()) {
                    if (c == null || c.closed) {
                        c = connect(s);
                    }
                    String frame;
                    String row;
                    String described;
                    String uid = "fz" + share + "-" + (++unique);
                    Random r = new Random(seed * 31 + s.version().hashCode() * 17L + i * 101L + action.hashCode());
                    if (r.nextInt(7) == 0) {
                        frame = malformed(r, uid, action, now(seeds.get(action)));
                        row = FRAME;
                        described = "malformed frame";
                    } else {
                        Mutator.Mutant m = mutator.mutate(JSON.readTree(now(seeds.get(action))),
                                s.version() + action, i, List.of());
                        frame = "[2,\"" + uid + "\",\"" + action + "\","
                                + new String(m.body(), StandardCharsets.UTF_8) + "]";
                        row = action;
                        described = m.describe();
                    }
                    exchange(c, s, row, frame, described);
                }
            }
        } catch (IOException | RuntimeException e) {
            report.ocpp(s.version(), "(station)").failed.incrementAndGet();
            report.example("OCPP " + s.version() + " station " + s.id() + " stopped: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }

    /** Sends one frame and classifies what comes back. */
    private void exchange(Connection c, Station s, String rowName, String frame, String described)
            throws InterruptedException {
        FuzzReport.OcppRow row = report.ocpp(s.version(), rowName);
        row.sent.incrementAndGet();
        String expectedId = usableId(frame);
        boolean tooBig = frame.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME;
        c.send(frame);
        if (tooBig) {
            // over the cap: the central system closes the connection (1009) without reading it
            Answer a = c.next(ANSWER);
            if (a == null) {
                row.failed.incrementAndGet();
                report.example("OCPP " + s.version() + " " + rowName + " [" + described + "]: a frame over the cap"
                        + " neither answered nor closed in " + ANSWER.toSeconds() + " s");
                c.close();
            } else if (a.closeCode() != null) {
                closed(row, a, s, rowName, described, frame, true);
            } else {
                answered(row, a, s, rowName, described, frame);
            }
            return;
        }
        if (expectedId == null) {
            String probe = "probe-" + Long.toHexString(System.nanoTime());
            if (!c.closed) {
                c.send("[2,\"" + probe + "\",\"Heartbeat\",{}]");
            }
            Answer first = c.next(ANSWER);
            if (first == null) {
                row.failed.incrementAndGet();
                report.example("OCPP " + s.version() + " " + rowName + " [" + described + "]: neither an answer nor"
                        + " the Heartbeat probe's after " + ANSWER.toSeconds() + " s; frame: " + excerpt(frame));
                c.close();
            } else if (first.closeCode() != null) {
                closed(row, first, s, rowName, described, frame, true);
            } else if (probe.equals(first.id())) {
                row.silentAllowed.incrementAndGet();
            } else {
                answered(row, first, s, rowName, described, frame);
                Answer probeAnswer = c.next(ANSWER); // the probe's, to keep the next exchange in step
                if (probeAnswer != null && probeAnswer.closeCode() != null) {
                    c.closed = true;
                }
            }
            return;
        }
        Answer a = c.next(ANSWER);
        if (a == null) {
            row.failed.incrementAndGet();
            report.example("OCPP " + s.version() + " " + rowName + " [" + described + "]: no answer in "
                    + ANSWER.toSeconds() + " s; frame: " + excerpt(frame));
            c.close();
        } else if (a.closeCode() != null) {
            closed(row, a, s, rowName, described, frame, false);
        } else if (!expectedId.equals(a.id())) {
            row.failed.incrementAndGet();
            report.example("OCPP " + s.version() + " " + rowName + " [" + described + "]: answered with unique id "
                    + a.id() + ", not " + expectedId + ": " + excerpt(a.text()));
        } else {
            answered(row, a, s, rowName, described, frame);
        }
    }

    private void answered(FuzzReport.OcppRow row, Answer a, Station s, String rowName, String described,
            String frame) {
        if (FuzzReport.leaks(a.text())) {
            row.stackTraces.incrementAndGet();
            report.example("OCPP " + s.version() + " " + rowName + " [" + described + "]: stack trace or Java name in "
                    + excerpt(a.text()));
        }
        if (a.type() == 3) {
            row.callResult.incrementAndGet();
        } else if (a.type() == 4) {
            FuzzReport.count(row.errorsByCode, a.errorCode());
            if (a.errorCode().equals("InternalError")) {
                row.failed.incrementAndGet();
                report.example("OCPP " + s.version() + " " + rowName + " [" + described + "]: InternalError "
                        + excerpt(a.text()) + " for " + excerpt(frame));
            }
        } else {
            row.failed.incrementAndGet();
            report.example("OCPP " + s.version() + " " + rowName + ": not an OCPP answer: " + excerpt(a.text()));
        }
    }

    private void closed(FuzzReport.OcppRow row, Answer a, Station s, String rowName, String described, String frame,
            boolean noUsableId) {
        FuzzReport.count(row.closedByCode, a.closeCode());
        boolean tooBig = frame.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME;
        // over the cap: 1009 is what charger-service says; Liberty itself may close a frame of many megabytes with
        // 1002 before the application sees it
        boolean allowed = (tooBig || noUsableId) && POLICY_CLOSES.contains(a.closeCode());
        if (!allowed) {
            row.failed.incrementAndGet();
            report.example("OCPP " + s.version() + " " + rowName + " [" + described + "]: connection closed with "
                    + a.closeCode() + " (" + a.text() + ") after " + excerpt(frame));
        }
    }

    /** The frame's unique id when it is a CALL the central system must answer by id, else null. */
    static String usableId(String frame) {
        JsonNode n;
        try {
            n = STRICT.readTree(frame);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (n instanceof ArrayNode a && a.size() >= 3 && a.get(0).isInt() && a.get(0).asInt() == 2
                && a.get(1).isTextual() && a.get(1).asText().length() <= 36 && wellFormed(a.get(1).asText())
                && a.get(2).isTextual()) {
            return a.get(1).asText();
        }
        return null;
    }

    /** No unpaired surrogate: an id that UTF-8 cannot carry cannot come back unchanged. */
    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                return false;
            }
        }
        return true;
    }

    private static String malformed(Random r, String uid, String action, String payload) {
        String id = "\"" + uid + "\"";
        String act = "\"" + action + "\"";
        return switch (r.nextInt(20)) {
            case 0 -> "this is not JSON " + uid;
            case 1 -> "{\"messageTypeId\":2,\"uniqueId\":" + id + "}";
            case 2 -> "[" + new String[] {"0", "1", "5", "7", "-1", "\"2\"", "2.5", "null", "99999999999"}[r.nextInt(9)]
                    + "," + id + "," + act + "," + payload + "]";
            case 3 -> "[2,\"" + "u".repeat(new int[] {37, 1_000, 60_000}[r.nextInt(3)]) + "\"," + act + "," + payload
                    + "]";
            case 4 -> "[2," + new String[] {"123", "null", "{}", "[]", "true", "\"\""}[r.nextInt(6)] + "," + act + ","
                    + payload + "]";
            case 5 -> "[2," + id + "]";
            case 6 -> "[2," + id + ",42," + payload + "]";
            case 7 -> "[2," + id + ",\"LaunchRocket\",{}]";
            case 8 -> "[2," + id + "," + act + "," + payload + ",\"extra\"]";
            case 9 -> "[2," + id + "," + act + "," + new String[] {"\"str\"", "[]", "null", "7"}[r.nextInt(4)] + "]";
            case 10 -> new String[] {"", "[]", "[2]", "null", "2", " "}[r.nextInt(6)];
            case 11 -> "[3," + id + ",{}]";
            case 12 -> "[4," + id + ",\"GenericError\",\"\",{}]";
            case 13 -> "[2," + id + "," + act + ",{\"pad\":\"" + "p".repeat(70_000) + "\"}]";
            case 14 -> "[".repeat(5_000) + "]".repeat(5_000);
            case 15 -> "[2," + id + ",\"\"," + payload + "]";
            case 16 -> "[2," + id + "," + act + "," + payload;
            case 17 -> "[2,\"\\ud800\"," + act + "," + payload + "]";
            case 18 -> "[2," + id + ",\"" + action.toLowerCase() + "\"," + payload + "]";
            default -> "[2," + id + "," + act + "," + payload + "]".repeat(3);
        };
    }

    private static String now(String seedText) {
        return seedText.replace("@NOW@", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private static String excerpt(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "...(" + text.length() + ")" : text;
    }

    private static String password() {
        SecureRandom random = new SecureRandom();
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private Connection connect(Station s) throws IOException, InterruptedException {
        Connection c = new Connection();
        URI uri = URI.create(chargerUrl.replaceFirst("^http", "ws") + "/ocpp/" + s.id());
        try {
            c.ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).subprotocols(s.subprotocol())
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (s.id() + ":" + s.password()).getBytes(StandardCharsets.UTF_8)))
                    .buildAsync(uri, c).get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("cannot connect " + s.id() + ": " + e.getMessage(), e);
        }
        // every connection starts with a valid boot, as a charger's does
        String boot = "[2,\"boot\",\"BootNotification\"," + seeds(s.version()).get("BootNotification") + "]";
        c.send(boot);
        Answer a = c.next(ANSWER);
        if (a == null || a.type() != 3) {
            throw new IOException("boot of " + s.id() + " not answered: " + a);
        }
        return c;
    }

    /** An answer read from the socket, or its close ({@code closeCode} set). */
    record Answer(int type, String id, String errorCode, String text, Integer closeCode) {
    }

    /** One WebSocket to the central system; answers the central system's own CALLs with NotImplemented. */
    private static final class Connection implements WebSocket.Listener {

        private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket ws;
        private volatile boolean closed;
        private long lastSent;

        void send(String frame) throws InterruptedException {
            long gap = 1000L / PER_SECOND - (System.currentTimeMillis() - lastSent);
            if (gap > 0) {
                Thread.sleep(gap);
            }
            lastSent = System.currentTimeMillis();
            if (closed) {
                return;
            }
            try {
                sendNow(frame);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                    | RuntimeException e) {
                closed = true;
                answers.add(new Answer(0, null, null, "send failed: " + e, 1006));
            }
        }

        /** One send at a time on the socket (the JDK's WebSocket refuses a second while one is pending). */
        synchronized void sendNow(String frame) throws InterruptedException, java.util.concurrent.ExecutionException,
                java.util.concurrent.TimeoutException {
            ws.sendText(frame, true).get(20, TimeUnit.SECONDS);
        }

        Answer next(Duration within) throws InterruptedException {
            return answers.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        void close() {
            closed = true;
            if (ws != null) {
                ws.abort();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                take(webSocket, text);
            }
            webSocket.request(1);
            return null;
        }

        private void take(WebSocket webSocket, String text) {
            try {
                JsonNode n = JSON.readTree(text);
                int type = n.path(0).asInt();
                String id = n.path(1).asText(null);
                if (type == 2) {
                    try {
                        sendNow("[4," + JSON.writeValueAsString(id) + ",\"NotImplemented\",\"not in the fuzzer\",{}]");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        closed = true;
                    }
                    return;
                }
                answers.add(new Answer(type, id, type == 4 ? n.path(2).asText("") : null, text, null));
            } catch (IOException | RuntimeException e) {
                answers.add(new Answer(-1, null, null, text, null));
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            answers.add(new Answer(0, null, null, reason, statusCode));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
            answers.add(new Answer(0, null, null, String.valueOf(error), 1006));
        }
    }
}
