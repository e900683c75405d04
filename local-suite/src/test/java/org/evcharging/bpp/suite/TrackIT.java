package org.evcharging.bpp.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.suite.bap.BapCli;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.bap.BookingFlow;
import org.evcharging.bpp.suite.bap.SessionFlow;
import org.evcharging.bpp.suite.browser.Browser;
import org.evcharging.bpp.suite.registry.RegistryEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Beckn {@code track} on the running suite (issue 20): a charging order on a demo charger (simulated over OCPP) is
 * tracked through the ingress by a signing BAP; on_track links a public page that a real browser (headless Chromium)
 * opens and watches update by itself, with the state, the energy from the charger's meter values and the cost so far,
 * until "tracking ended" once the session is stopped (on_track then says inactive). Another BAP's order is 30010, a
 * draft is 40005, a bad body a NACK naming the field; {@code bap track} prints the page's status and figures. A battery
 * swap is tracked too: booked, "Battery swap in progress", then "Swap completed" at the bill's cost.
 */
class TrackIT {

    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final BookingFlow.Billing BILLING = new BookingFlow.Billing("Kavya Menon", "kavya@example.com",
            "+91-9876500031");
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Connectors a session now may take, the slowest first (an AC charger's session lasts long enough to watch). */
    private static final List<String> CONNECTORS = List.of("cz-in-2-type2", "cz-mg-3-type2", "cz-mg-2-chademo",
            "cz-wf-1-ccs2", "cz-in-1-ccs2", "cz-mg-1-ccs2");
    private static final Pattern KWH = Pattern.compile("([0-9]+\\.[0-9]{3}) kWh of");
    private static final Pattern MONEY = Pattern.compile("^([0-9]+\\.[0-9]{2}) INR$");
    private static final String OTHER_BAP = "tracking-other-bap.localhost";

    private static LocalSuite suite;
    private static BapClient bap;
    private static BapClient other;
    private static String otherKey;
    private static BookingFlow booking;
    private static SessionFlow session;

    @BeforeAll
    static void start() throws Exception {
        suite = SharedSuite.get();
        bap = BapClient.demo(suite, 0);
        booking = new BookingFlow(bap, WAIT);
        session = new SessionFlow(bap, WAIT);
        // A second BAP of its own, registered in the suite's registry for this class.
        KeyPair keys = Ed25519Keys.generate();
        otherKey = "k-" + UUID.randomUUID().toString().substring(0, 8);
        other = BapClient.start(OTHER_BAP, otherKey, keys.getPrivate(), 0, suite.ingressUrl(), suite.registryUrl());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        suite.registry().put(RegistryEntry.subscribed(OTHER_BAP, otherKey, "BAP", other.bapUri(),
                Ed25519Keys.rawPublicBase64(keys.getPublic()), now.minusMinutes(1), now.plusDays(1)));
    }

    @AfterAll
    static void stop() {
        if (bap != null) {
            bap.close();
        }
        if (other != null) {
            other.close();
            suite.registry().remove(OTHER_BAP, otherKey);
        }
    }

    /** A confirmed booking of {@code kwh} from the next minute, on the first connector free now. */
    private static BookingFlow.Booking bookNow(String kwh) throws Exception {
        return bookNow(booking, kwh);
    }

    private static BookingFlow.Booking bookNow(BookingFlow flow, String kwh) throws Exception {
        OffsetDateTime start = OffsetDateTime.now(IST).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        BookingFlow.Booking last = null;
        for (String connector : CONNECTORS) {
            last = flow.book(new BookingFlow.Choice("chargezone.in", "pe-charging-01", kwh, null, connector, start,
                    start.plusMinutes(30), true, List.of(), null), BILLING);
            if (last.confirmed()) {
                return last;
            }
        }
        throw new AssertionError("no connector could be booked now: " + last);
    }

    private static BookingFlow.Step track(BapClient as, String txn, String orderId) throws Exception {
        BookingFlow.Step step = new SessionFlow(as, WAIT).track(txn, orderId);
        assertTrue(step.sent().acked(), step.outcome());
        assertNotNull(step.callback(), step.outcome());
        assertTrue(step.callback().verified(), step.outcome());
        assertTrue(BecknSchemas.shared().validateStrict("on_track", (ObjectNode) step.callback().body()).isEmpty(),
                () -> "on_track is core 1.1.0: " + step.outcome());
        return step;
    }

    private static String shown(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static BigDecimal kwh(String energy) {
        Matcher m = KWH.matcher(energy);
        assertTrue(m.find(), energy);
        return new BigDecimal(m.group(1));
    }

    private static JsonNode state(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url + "/state")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
    }

    private static String cli(String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--ingress", suite.ingressUrl(), "--work-dir", suite.workDir().toString(),
                "--callback-port", "0", "--wait", "30"));
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        synchronized (TrackIT.class) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                exit = BapCli.run(all.toArray(String[]::new));
            } finally {
                System.setOut(out);
            }
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertEquals(0, exit, text);
        return text;
    }

    @Test
    void a_charging_session_is_tracked_live_in_a_browser_until_tracking_ends() throws Exception {
        BookingFlow.Booking b = bookNow("10");
        String txn = b.transactionId();
        JsonNode order = b.confirm().order();
        String orderId = order.path("id").asText();

        BookingFlow.Step booked = track(bap, txn, orderId);
        assertTrue(booked.ok(), booked.outcome());
        JsonNode tracking = booked.callback().body().at("/message/tracking");
        assertEquals("active", tracking.path("status").asText(), tracking.toString());
        String url = tracking.path("url").asText();
        assertTrue(url.startsWith(suite.ingressUrl() + "/orders/v1/track/"), url);
        assertFalse(url.contains(orderId), "the page's key is not the order id: " + url);
        assertTrue(url.substring(url.lastIndexOf('/') + 1).matches("[A-Za-z0-9_-]{43}"), url);
        assertEquals("booked", state(url).path("state").asText());

        BookingFlow.Step started = session.start(txn, order);
        assertTrue(started.ok(), started.outcome());

        try (Browser browser = Browser.open("track")) {
            WebDriver driver = browser.driver();
            browser.go(url);
            assertEquals("Charging session", browser.heading());
            // A mark on this very page: a reload would lose it, so what changes below changed without one.
            ((JavascriptExecutor) driver).executeScript("window.loadedOnce = 'yes';");
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(40), Duration.ofMillis(250));
            wait.until(d -> "Charging".equals(shown(d, "state")) && kwh(shown(d, "energy")).signum() > 0);
            browser.screenshot("charging");
            BigDecimal first = kwh(shown(driver, "energy"));
            String cost = shown(driver, "cost");
            Matcher money = MONEY.matcher(cost);
            assertTrue(money.matches(), "the cost so far: " + cost);
            assertTrue(new BigDecimal(money.group(1)).signum() > 0, cost);
            assertTrue(shown(driver, "charger").startsWith("cz-"), shown(driver, "charger"));
            assertFalse(shown(driver, "provider").isBlank());
            assertFalse(shown(driver, "updated").isBlank());
            assertFalse(driver.findElement(By.id("ended")).isDisplayed(), "tracking has not ended");
            wait.until(d -> kwh(shown(d, "energy")).compareTo(first) > 0);
            assertEquals("yes", ((JavascriptExecutor) driver).executeScript("return window.loadedOnce;"),
                    "the figures changed without a reload");
            String page = browser.text() + driver.getPageSource();
            for (String personal : List.of("Kavya", "kavya@example.com", "9876500031", orderId, txn)) {
                assertFalse(page.contains(personal), "nothing personal on a public page: " + personal);
            }

            JsonNode live = state(url);
            assertEquals("charging", live.path("state").asText(), live.toString());
            assertTrue(new BigDecimal(live.path("energy_kwh").asText()).signum() > 0, live.toString());
            String printed = cli("track", orderId, "--transaction-id", txn);
            assertTrue(printed.contains("tracking active: " + url), printed);
            assertTrue(printed.matches("(?s).*page: Charging, [0-9.]+ kWh of 10\\.000 kWh booked, cost so far "
                    + "[0-9]+\\.[0-9]{2} INR, updated .*"), printed);

            BookingFlow.Step ended = session.end(txn, order);
            assertTrue(ended.ok(), ended.outcome());
            assertEquals("COMPLETE", ended.order().path("status").asText());
            String finalPrice = ended.order().at("/quote/price/value").asText();
            wait.until(d -> d.findElement(By.id("ended")).isDisplayed());
            browser.screenshot("ended");
            assertTrue(shown(driver, "ended").startsWith("Tracking ended"), shown(driver, "ended"));
            assertEquals("Charging completed", shown(driver, "state"));
            assertEquals("Final cost", shown(driver, "cost-label"));
            assertEquals(new BigDecimal(finalPrice).setScale(2) + " INR", shown(driver, "cost"),
                    "the final cost is the bill's");
            assertEquals("yes", ((JavascriptExecutor) driver).executeScript("return window.loadedOnce;"));
        }

        BookingFlow.Step after = track(bap, txn, orderId);
        assertTrue(after.ok(), after.outcome());
        assertEquals("inactive", after.callback().body().at("/message/tracking/status").asText());
        assertEquals(url, after.callback().body().at("/message/tracking/url").asText(), "the same page, ended");
        JsonNode last = state(url);
        assertTrue(last.path("ended").asBoolean(), last.toString());
        assertEquals("completed", last.path("state").asText());
        try (Browser browser = Browser.open("track-ended")) {
            browser.go(url);
            assertTrue(browser.text().contains("Tracking ended"), browser.text());
        }
    }

    @Test
    void another_baps_order_is_not_found_a_draft_has_nothing_to_track_and_a_bad_body_is_refused() throws Exception {
        // Another BAP's order, and an unknown one: the same 30010. (A slot no other IT of the shared suite books.)
        OffsetDateTime start = OffsetDateTime.now(IST).plusDays(1).truncatedTo(ChronoUnit.DAYS).withHour(22);
        BookingFlow.Choice later = new BookingFlow.Choice("chargezone.in", "pe-charging-01", "4", null,
                "cz-mg-3-type2", start, start.plusMinutes(30), true, List.of(), null);
        BookingFlow.Booking b = booking.book(later, BILLING);
        assertTrue(b.confirmed(), "booked: " + b);
        String orderId = b.confirm().order().path("id").asText();
        for (String id : List.of(orderId, UUID.randomUUID().toString())) {
            BookingFlow.Step notFound = track(other, UUID.randomUUID().toString(), id);
            assertEquals("30010", notFound.error().path("code").asText(), notFound.outcome());
            assertEquals("$.message.order_id", notFound.error().path("paths").asText(), notFound.outcome());
            assertFalse(notFound.callback().body().at("/message/tracking").isObject(), notFound.outcome());
        }
        assertTrue(track(bap, b.transactionId(), orderId).ok(), "its own BAP tracks it");

        // A draft (initiated, not paid nor confirmed): nothing to track yet.
        String txn = UUID.randomUUID().toString();
        BookingFlow.Choice draft = later.withSlot(start.plusHours(1), start.plusHours(1).plusMinutes(30));
        assertTrue(booking.select(txn, draft).ok());
        assertTrue(booking.init(txn, draft, BILLING).ok());
        String draftId;
        try (Connection c = suite.openDb("order");
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id FROM orders WHERE bap_id = ? AND transaction_id = ?")) {
            ps.setString(1, bap.subscriberId());
            ps.setString(2, txn);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the draft is stored");
                draftId = rs.getString(1);
            }
        }
        BookingFlow.Step notYet = track(bap, txn, draftId);
        assertEquals("40005", notYet.error().path("code").asText(), notYet.outcome());
        assertEquals("$.message.order_id", notYet.error().path("paths").asText());
        assertTrue(notYet.error().path("message").asText()
                .contains("order " + draftId + " is not active (state order-initiated): nothing to track yet"),
                notYet.outcome());

        // Bad bodies: refused at the door, naming the field.
        for (ObjectNode bad : List.of(JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.objectNode().put("order_id", " "),
                JsonNodeFactory.instance.objectNode().put("order_id", "x".repeat(65)),
                JsonNodeFactory.instance.objectNode().put("order_id", 42))) {
            BapClient.Sent sent = bap.send("track", UUID.randomUUID().toString(), bad);
            assertFalse(sent.acked(), sent.body());
            assertEquals(400, sent.status(), sent.body());
            JsonNode error = sent.response().path("error");
            assertEquals("30000", error.path("code").asText(), sent.body());
            assertTrue(error.path("paths").asText().contains("$.message.order_id")
                    || error.path("paths").asText().equals("$.message"), sent.body());
        }

        // A page that does not exist: a plain 404, the same for a malformed key.
        for (String token : List.of("A".repeat(43), "not-a-token")) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create(suite.ingressUrl() + "/orders/v1/track/" + token)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode(), token + ": " + r.body());
        }
    }
    @Test
    void a_bap_on_the_example_files_domain_hears_everything_in_that_domain_even_what_the_bpp_sends_by_itself()
            throws Exception {
        String domain = "dent:ev-charging:0.1.0";
        try (BapClient exampleBap = BapClient.demo(suite, 0).domain(domain)) {
            BookingFlow flow = new BookingFlow(exampleBap, WAIT);
            BookingFlow.Booking b = bookNow(flow, "1"); // the charger ends it by itself within a minute
            String txn = b.transactionId();
            for (BookingFlow.Step step : List.of(b.select(), b.init(), b.confirm())) {
                assertEquals(domain, step.callback().body().at("/context/domain").asText(), step.action());
            }
            BookingFlow.Step started = new SessionFlow(exampleBap, WAIT).start(txn, b.confirm().order());
            assertTrue(started.ok(), started.outcome());
            BookingFlow.Step tracked = track(exampleBap, txn, b.confirm().order().path("id").asText());
            assertEquals(domain, tracked.callback().body().at("/context/domain").asText());

            BapClient.Callback update = exampleBap.awaitUnsolicited(txn, "on_update", WAIT);
            BapClient.Callback ended = exampleBap.awaitUnsolicited(txn, "on_status",
                    c -> "charging-ended"
                            .equals(c.body().at("/message/order/fulfillments/0/state/descriptor/code").asText()),
                    WAIT);
            assertTrue(update.verified() && ended.verified());
            List<BapClient.Callback> unsolicited = exampleBap.unsolicited(txn);
            assertTrue(unsolicited.size() >= 2, unsolicited.toString());
            for (BapClient.Callback c : unsolicited) {
                assertEquals(domain, c.body().at("/context/domain").asText(),
                        c.action() + " sent by the BPP itself: " + c.body().path("context"));
                assertEquals(txn, c.body().at("/context/transaction_id").asText());
            }
        }
    }

    @Test
    void a_battery_swap_is_tracked_from_booked_to_swapping_to_completed() throws Exception {
        OffsetDateTime start = OffsetDateTime.now(IST).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        // not blocking the station: ChargingSessionIT's swaps use it at these times
        BookingFlow.Booking b = booking.book(new BookingFlow.Choice("log9.in", "pe-swap-01", null, 1,
                "log9-jn-swap-1", start, start.plusMinutes(30), false, List.of(), "2W"), BILLING);
        assertTrue(b.confirmed(), "booked: " + b);
        String txn = b.transactionId();
        JsonNode order = b.confirm().order();
        String orderId = order.path("id").asText();

        String url = track(bap, txn, orderId).callback().body().at("/message/tracking/url").asText();
        assertEquals("booked", state(url).path("state").asText());
        assertTrue(session.start(txn, order).ok(), "swap started");
        BookingFlow.Step swapping = track(bap, txn, orderId);
        assertEquals("active", swapping.callback().body().at("/message/tracking/status").asText());
        // A page's figures are reused for 2 s: the swap shows within a refresh or two.
        await("the page shows the swap").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> state(url).path("state").asText(), "swapping"::equals);
        try (Browser browser = Browser.open("track-swap")) {
            browser.go(url);
            WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(20), Duration.ofMillis(250));
            wait.until(d -> "Battery swap in progress".equals(shown(d, "state")));
            browser.screenshot("swapping");
            assertEquals("11.80 INR", shown(browser.driver(), "cost"), "a swap under way costs the swap booked");
            String page = browser.text();
            assertFalse(page.contains("kWh of"), "a swap is counted in swaps, not kWh: " + page);

            BookingFlow.Step done = session.end(txn, order);
            assertTrue(done.ok(), done.outcome());
            wait.until(d -> d.findElement(By.id("ended")).isDisplayed());
            assertEquals("Swap completed", shown(browser.driver(), "state"));
            assertEquals(new BigDecimal(done.order().at("/quote/price/value").asText()).setScale(2) + " INR",
                    shown(browser.driver(), "cost"), "the final cost is the bill's");
        }
        assertEquals("inactive", track(bap, txn, orderId).callback().body().at("/message/tracking/status").asText());
    }
}
