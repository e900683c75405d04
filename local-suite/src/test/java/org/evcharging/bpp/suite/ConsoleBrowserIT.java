package org.evcharging.bpp.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.evcharging.bpp.suite.bap.BapCli;
import org.evcharging.bpp.suite.bap.BookingFlow;
import org.evcharging.bpp.suite.browser.Browser;
import org.evcharging.bpp.suite.chargers.ChargerCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator and partner console in a real browser (headless Chromium) against the running suite, as its users see
 * it: signing in through the development login (OIDC code + PKCE) as the operator and as each partner; the demo
 * network on the overview, the chargers page and its map; a session started by the {@code bap} client charging live
 * on its order page (energy chart, timeline, ledger); a charger fault from the simulator; a ticket answered; a network
 * import with an error, the field named; a tariff preview whose lines add up; an order cancelled with its refund; a
 * partner who cannot open another provider's order by its address; forged and expired tokens sending the user back to
 * sign in. Each page's screenshot is kept under {@code target/screenshots/console-*}.
 */
class ConsoleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final DemoBap DEMO = new DemoBap();

    // ---- signing in ----

    /** Opens the console, signs in at the development login as {@code who} (operator, or partner:<provider>). */
    private static Browser signedIn(String test, String who) throws Exception {
        Browser b = Browser.open("console-" + test);
        b.go(DEMO.suite().ingressUrl() + "/console");
        WebDriver d = b.driver();
        until(d, x -> !x.findElements(By.id("sign-in")).isEmpty());
        assertTrue(b.text().contains("development login issues tokens for this machine only"), b.text());
        d.findElement(By.id("sign-in")).click();
        until(d, x -> x.getCurrentUrl().contains("/dev-login/authorize"));
        assertTrue(b.text().contains("Local development only."), b.text());
        d.findElement(
                By.id("operator".equals(who) ? "as-operator" : "as-partner-" + who.substring("partner:".length())))
                .click();
        until(d, x -> !x.findElements(By.id("who")).isEmpty());
        assertFalse(d.getCurrentUrl().contains("code="), "the code is not left in the address: " + d.getCurrentUrl());
        String badge = d.findElement(By.id("who")).getText();
        assertTrue(badge.contains("LOCAL DEVELOPMENT LOGIN"), badge);
        assertTrue(badge.contains("operator".equals(who) ? "Operator" : "Partner " + who.substring(8)), badge);
        return b;
    }

    private static void until(WebDriver d, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(d, WAIT).until(condition::apply);
    }

    private static String textOf(WebDriver d, String id) {
        List<WebElement> e = d.findElements(By.id(id));
        return e.isEmpty() ? "" : e.get(0).getText();
    }

    private static void open(Browser b, String hash) {
        b.driver().get(DEMO.suite().ingressUrl() + "/console/#/" + hash);
        ((JavascriptExecutor) b.driver()).executeScript("return 1");
    }

    private static void confirm(WebDriver d) {
        until(d, x -> !x.findElements(By.id("confirm-action")).isEmpty());
        d.findElement(By.id("confirm-action")).click();
    }

    // ---- the platform's APIs, to compare the pages with ----

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(DEMO.suite().ingressUrl() + path))
                .header("Authorization", "Bearer " + DEMO.suite().tokens().operator()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static BookingFlow.Booking book(int hour, String connector) throws Exception {
        OffsetDateTime start = OffsetDateTime.now(IST).plusDays(2).truncatedTo(ChronoUnit.DAYS).withHour(hour);
        BookingFlow.Booking booked = new BookingFlow(DEMO.bap(), WAIT).book(
                new BookingFlow.Choice("chargezone.in", "pe-charging-01", "4", null, connector, start,
                        start.plusMinutes(30), true, List.of(), null),
                new BookingFlow.Billing("Asha Rao", "asha@example.com", "+91 98765 00011"));
        assertTrue(booked.confirmed(), "booked: " + booked);
        return booked;
    }

    /** {@code bap charge} of {@code kwh} at {@code connector}, run in the background as a user's app would. */
    private static CompletableFuture<Integer> charge(String kwh, String connector) {
        String[] args = {"charge", "chargezone.in", "pe-charging-01", "--kwh", kwh, "--fulfillment", connector,
                "--vehicle", "4W", "--ingress", DEMO.suite().ingressUrl(), "--work-dir",
                DEMO.suite().workDir().toString(), "--callback-port", "0", "--wait", "30"};
        return CompletableFuture.supplyAsync(() -> {
            try {
                return BapCli.run(args);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static int chargers(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--work-dir";
        all[args.length + 1] = DEMO.suite().workDir().toString();
        int exit = ChargerCli.run(all, DEMO.suite().workDir(), p, p);
        System.out.print(out.toString(StandardCharsets.UTF_8));
        return exit;
    }

    // ---- the scenarios ----

    @Test
    void the_operator_sees_the_demo_network_on_the_overview_the_chargers_page_and_the_map() throws Exception {
        JsonNode chargers = get("/chargers/v1/charge-points");
        try (Browser b = signedIn("overview", "operator")) {
            WebDriver d = b.driver();
            until(d, x -> !textOf(x, "chargers-online").isEmpty());
            String online = textOf(d, "chargers-online");
            assertTrue(online.contains("of " + chargers.size()), online);
            assertEquals(String.valueOf(chargers.size()),
                    textOf(d, "chargers-online").replaceAll("(?s).*of (\\d+).*", "$1"));
            String page0 = b.text().toLowerCase(java.util.Locale.ROOT);
            assertTrue(page0.contains("bookings today") && page0.contains("open tickets"), page0);
            b.screenshot("overview");

            open(b, "chargers");
            until(d, x -> !x.findElements(By.cssSelector("tr[id^='charger-']")).isEmpty());
            for (JsonNode c : chargers) {
                String id = c.path("id").asText();
                until(d, x -> !x.findElements(By.id("charger-" + id)).isEmpty());
                String row = d.findElement(By.id("charger-" + id)).getText();
                assertTrue(row.contains(c.path("protocol").asText()), row);
                if (!c.path("firmware").isNull() && !c.path("firmware").asText().isEmpty()) {
                    assertTrue(row.contains(c.path("firmware").asText()), row);
                }
            }
            String page = b.text();
            assertTrue(page.contains("Chargezone MG Road") && page.contains("Chargezone Indiranagar"), page);
            long stations = 0;
            for (JsonNode p : get("/catalog/v1/providers?limit=1000")) {
                for (JsonNode l : get("/catalog/v1/providers/" + p.path("id").asText() + "/network")
                        .path("locations")) {
                    stations += l.path("gps").asText().isEmpty() ? 0 : 1;
                }
            }
            long markers = stations;
            until(d, x -> x.findElements(By.cssSelector("#station-map path.station-marker")).size() == markers);
            b.screenshot("chargers");
        }
    }

    @Test
    void a_session_started_by_the_bap_client_charges_live_on_its_order_page() throws Exception {
        CompletableFuture<Integer> charge = charge("10", "cz-mg-2-chademo");
        try (Browser b = signedIn("session", "operator")) {
            WebDriver d = b.driver();
            open(b, "orders");
            until(d, x -> !x.findElements(By.id("order-status")).isEmpty());
            new org.openqa.selenium.support.ui.Select(d.findElement(By.id("order-status"))).selectByValue("ACTIVE");
            // the row of the BAP's order appears once it is confirmed and charging (the list refreshes every 10 s)
            String[] order = new String[1];
            new WebDriverWait(d, Duration.ofSeconds(90)).until(x -> {
                d.findElement(By.id("order-search")).click();
                for (WebElement row : x.findElements(By.cssSelector("tr[data-order]"))) {
                    String text = row.getText();
                    if (text.contains("cz-mg-2-chademo") && text.contains("RUNNING")) {
                        order[0] = row.getAttribute("data-order");
                        return true;
                    }
                }
                return false;
            });
            d.findElement(By.cssSelector("tr[data-order='" + order[0] + "'] a.order-link")).click();
            until(d, x -> textOf(x, "order-id").equals(order[0]));
            // live: the charger's meter values arrive and the chart grows while the session runs
            until(d, x -> !textOf(x, "meter-count").isEmpty() && Integer.parseInt(textOf(x, "meter-count")) >= 2);
            BigDecimal first = new BigDecimal(textOf(d, "meter-kwh"));
            until(d, x -> new BigDecimal(textOf(x, "meter-kwh")).compareTo(first) > 0);
            assertFalse(d.findElements(By.cssSelector("#energy-chart canvas")).isEmpty(), "an energy chart is drawn");
            assertTrue(textOf(d, "session-line").contains("RUNNING"), textOf(d, "session-line"));
            b.screenshot("session-charging");

            assertEquals(0, charge.get(3, java.util.concurrent.TimeUnit.MINUTES), "bap charge ended well");
            until(d, x -> textOf(x, "session-line").contains("ENDED"));
            JsonNode api = get("/orders/v1/admin/orders/" + order[0]);
            JsonNode meter = get("/chargers/v1/sessions/" + order[0] + "/meter-values");
            String line = textOf(d, "session-line");
            String kwh = api.at("/session/deliveredKwh").decimalValue().setScale(3).toPlainString();
            assertTrue(line.contains(kwh + " kWh delivered"), line + " vs " + api);
            assertEquals(0, meter.path("deliveredKwh").decimalValue().compareTo(new BigDecimal(kwh)),
                    "order-service's session and the charger's meter agree: " + meter.path("deliveredKwh") + " " + kwh);
            assertEquals(meter.path("samples").size(), Integer.parseInt(textOf(d, "meter-count")));
            // the timeline: the BAP's confirm ACKed and our on_confirm delivered
            String timeline = textOf(d, "timeline");
            assertTrue(timeline.contains("confirm") && timeline.contains("on_confirm"), timeline);
            WebElement onConfirm = d.findElement(By.cssSelector("#timeline tr[data-action='on_confirm']"));
            assertTrue(onConfirm.getText().contains("DELIVERED"), onConfirm.getText());
            // and quote-service's part of the same transaction: the select and its on_select
            WebElement onSelect = d.findElement(By.cssSelector("#timeline tr[data-action='on_select']"));
            assertTrue(onSelect.getText().contains("quote") && onSelect.getText().contains("DELIVERED"),
                    onSelect.getText());
            assertTrue(timeline.indexOf("select") < timeline.indexOf("confirm"), "in order of time: " + timeline);
            // the ledger: what was paid, as payment-service keeps it
            JsonNode ledger = get("/orders/v1/admin/orders/" + order[0] + "/ledger").path("ledger");
            assertTrue(textOf(d, "ledger").contains("Paid " + ledger.path("paid").asText() + " INR"),
                    textOf(d, "ledger") + " vs " + ledger);
            b.screenshot("session-ended");
        } finally {
            charge.get(3, java.util.concurrent.TimeUnit.MINUTES);
        }
    }

    @Test
    void the_operator_stops_a_session_from_the_chargers_page_and_the_bap_is_billed_the_energy_only() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        CompletableFuture<Integer> charge;
        try {
            charge = charge("30", "cz-in-1-ccs2");
            try (Browser b = signedIn("stop", "operator")) {
                WebDriver d = b.driver();
                open(b, "chargers");
                new WebDriverWait(d, Duration.ofSeconds(90))
                        .until(x -> !x.findElements(By.id("stop-cz-in-1-ccs2")).isEmpty());
                String order = d.findElement(By.cssSelector("#charger-cz-in-1 .charging-order a")).getAttribute("href")
                        .replaceAll(".*#/orders/", "");
                until(d, x -> {
                    try {
                        return get("/chargers/v1/sessions/" + order + "/meter-values").path("deliveredKwh")
                                .decimalValue().signum() > 0;
                    } catch (Exception e) {
                        return false;
                    }
                });
                b.screenshot("charging");
                d.findElement(By.id("stop-cz-in-1-ccs2")).click();
                assertTrue(b.text().contains("billed the energy delivered and nothing else"), b.text());
                confirm(d);
                until(d, x -> textOf(x, "action-result").startsWith("Stop charging on cz-in-1-ccs2: stopped, "));
                String result = textOf(d, "action-result");
                until(d, x -> x.findElements(By.id("stop-cz-in-1-ccs2")).isEmpty()); // the row, as it is now
                b.screenshot("stopped");
                JsonNode stopped = get("/orders/v1/admin/orders/" + order);
                assertEquals("COMPLETE", stopped.path("status").asText(), stopped.toString());
                assertEquals("OPERATOR", stopped.at("/session/endReason").asText(), stopped.toString());
                assertEquals(0,
                        stopped.path("finalAmount").decimalValue().add(stopped.path("refundAmount").decimalValue())
                                .compareTo(stopped.path("total").decimalValue()),
                        "billed + refunded = paid: " + stopped);
                assertTrue(result.contains("billed " + stopped.path("finalAmount").decimalValue().setScale(2) + " INR"),
                        result + " vs " + stopped);
                assertEquals(0, charge.get(2, java.util.concurrent.TimeUnit.MINUTES), "bap charge ended well");
            }
        } finally {
            System.setOut(out);
            System.out.print(printed.toString(StandardCharsets.UTF_8));
        }
        // what the BAP was told: a final bill of the energy alone that adds up, and the refund of the rest
        String cli = printed.toString(StandardCharsets.UTF_8);
        String bill = cli.substring(cli.indexOf("final bill - order"));
        assertTrue(bill.contains("Energy delivered"), bill);
        assertFalse(bill.contains("Reservation of the charger"), "the operator's stop waives the reservation: " + bill);
        assertFalse(cli.contains("DOES NOT ADD UP"), cli);
    }

    @Test
    void a_charger_fault_from_the_simulator_shows_on_the_chargers_page_and_the_overview() throws Exception {
        try (Browser b = signedIn("fault", "operator")) {
            WebDriver d = b.driver();
            open(b, "chargers");
            until(d, x -> "ONLINE".equals(x.findElement(By.id("charger-cz-wf-1")).getAttribute("data-health")));
            assertEquals(0, chargers("fault", "cz-wf-1"));
            try {
                until(d, x -> "FAULTED".equals(x.findElement(By.id("charger-cz-wf-1")).getAttribute("data-health")));
                String row = d.findElement(By.id("charger-cz-wf-1")).getText();
                assertTrue(row.contains("Faulted"), row);
                b.screenshot("charger-faulted");
                open(b, "overview");
                until(d, x -> !x.findElements(By.cssSelector("#chargers-faulted .card-value")).isEmpty());
                String faulted = d.findElement(By.cssSelector("#chargers-faulted .card-value")).getText();
                assertTrue(Integer.parseInt(faulted) >= 1, faulted);
                assertTrue(b.text().contains("cz-wf-1 FAULTED"), b.text());
            } finally {
                assertEquals(0, chargers("clear-fault", "cz-wf-1"));
            }
            open(b, "chargers");
            until(d, x -> "ONLINE".equals(x.findElement(By.id("charger-cz-wf-1")).getAttribute("data-health")));
            // an operator's action asks first, then shows the charger's answer
            d.findElement(By.id("reset-cz-wf-1")).click();
            assertTrue(b.text().contains("Soft reset"), b.text());
            confirm(d);
            until(d, x -> textOf(x, "action-result").startsWith("Reset cz-wf-1: "));
            assertTrue(textOf(d, "action-result").contains("Accepted"), textOf(d, "action-result"));
        }
    }

    @Test
    void the_operator_answers_a_ticket_and_cancels_its_order_with_a_refund() throws Exception {
        BookingFlow.Booking booked = book(7, "cz-in-2-type2");
        String orderId = booked.confirm().order().path("id").asText();
        BookingFlow.Step support = new org.evcharging.bpp.suite.bap.FeedbackFlow(DEMO.bap(), WAIT).support(
                booked.transactionId(), orderId,
                "+91 98765 00011", "asha@example.com");
        assertTrue(support.ok(), support.outcome());
        String ticket = support.callback().body().at("/message/support/ref_id").asText();
        JsonNode open = get("/support-rating/v1/admin/tickets?status=OPEN&limit=1000");
        String ref = null;
        for (JsonNode t : open) {
            if (orderId.equals(t.path("orderId").asText())) {
                ref = t.path("ref").asText();
            }
        }
        assertTrue(ref != null, "an open ticket for the order: " + open + " (" + ticket + ")");
        String ticketRef = ref;
        try (Browser b = signedIn("support", "operator")) {
            WebDriver d = b.driver();
            open(b, "support");
            until(d, x -> !x.findElements(By.cssSelector("tr[data-ticket='" + ticketRef + "']")).isEmpty());
            assertEquals("OPEN", d.findElement(By.cssSelector("tr[data-ticket='" + ticketRef + "']"))
                    .getAttribute("data-status"));
            b.screenshot("tickets");
            d.findElement(By.cssSelector("button[data-answer='" + ticketRef + "']")).click();
            until(d, x -> !x.findElements(By.id("answer-text")).isEmpty());
            d.findElement(By.id("answer-text")).sendKeys("We reset the charger; it works again. Sorry for the wait.");
            b.screenshot("ticket-answer");
            confirm(d);
            until(d, x -> textOf(x, "action-result").equals("Ticket " + ticketRef + " is ANSWERED"));
            JsonNode answered = get("/support-rating/v1/admin/tickets/" + ticketRef);
            assertEquals("ANSWERED", answered.path("status").asText());
            assertEquals("We reset the charger; it works again. Sorry for the wait.", answered.path("answer").asText());
            d.findElement(By.id("tickets-ANSWERED")).click();
            until(d, x -> !x.findElements(By.cssSelector("tr[data-ticket='" + ticketRef + "']")).isEmpty());
            assertTrue(d.findElement(By.cssSelector("tr[data-ticket='" + ticketRef + "']")).getText()
                    .contains("We reset the charger"));

            // the order the ticket is about: cancelled by the operator, refunded in full before its slot
            d.findElement(By.cssSelector("tr[data-ticket='" + ticketRef + "'] a")).click();
            until(d, x -> textOf(x, "order-id").equals(orderId));
            BigDecimal total = get("/orders/v1/admin/orders/" + orderId).path("total").decimalValue();
            d.findElement(By.id("cancel-order")).click();
            until(d, x -> !x.findElements(By.id("cancel-reason")).isEmpty());
            d.findElement(By.id("cancel-reason")).sendKeys("Site closed for maintenance");
            confirm(d);
            until(d, x -> textOf(x, "action-result").startsWith("Cancelled: refund "));
            String result = textOf(d, "action-result");
            assertTrue(result.startsWith("Cancelled: refund " + total.setScale(2) + " INR ("), result);
            JsonNode cancelled = get("/orders/v1/admin/orders/" + orderId);
            assertEquals("CANCELLED", cancelled.path("status").asText());
            assertEquals(0, total.compareTo(cancelled.path("refundAmount").decimalValue()), cancelled.toString());
            b.screenshot("order-cancelled");
        }
    }

    @Test
    void an_import_with_an_error_names_the_field_and_a_tariff_preview_adds_up() throws Exception {
        ObjectNode network = (ObjectNode) get("/catalog/v1/providers/log9.in/network");
        String gps = network.at("/locations/0/gps").asText();
        ((ObjectNode) network.path("locations").get(0)).put("gps", "north of the lake");
        Path file = Files.createTempFile("log9-network-", ".json");
        Files.writeString(file, network.toString());
        try (Browser b = signedIn("catalog", "operator")) {
            WebDriver d = b.driver();
            open(b, "catalog");
            until(d, x -> !x.findElements(By.cssSelector("tr[data-provider='log9.in']")).isEmpty());
            d.findElement(By.id("import-file")).sendKeys(file.toString());
            confirm(d);
            until(d, x -> !x.findElements(By.cssSelector(".modal .problem")).isEmpty());
            String problem = d.findElement(By.cssSelector(".modal .problem")).getText();
            assertTrue(problem.contains("locations[0].gps"), problem);
            b.screenshot("import-error");
            d.findElement(By.cssSelector(".modal button.secondary")).click();
            assertEquals(gps, get("/catalog/v1/providers/log9.in/network").at("/locations/0/gps").asText(),
                    "nothing changed");

            Path notJson = Files.createTempFile("network-", ".json");
            Files.writeString(notJson, "{\"provider\": ");
            d.findElement(By.id("import-file")).sendKeys(notJson.toString());
            until(d, x -> textOf(x, "import-problem").startsWith("Not a JSON file"));

            // the tariff editor's preview: quote-service prices it; its lines add up to its total
            d.findElement(By.cssSelector("tr[data-provider='chargezone.in'] a")).click();
            until(d, x -> !x.findElements(By.id("tariff-preview")).isEmpty());
            d.findElement(By.id("tariff-preview")).click();
            until(d, x -> !textOf(x, "preview-total").isEmpty());
            BigDecimal sum = BigDecimal.ZERO;
            for (WebElement row : d.findElements(By.cssSelector("#preview-quote tbody tr"))) {
                List<WebElement> cells = row.findElements(By.tagName("td"));
                sum = sum.add(new BigDecimal(cells.get(2).getText().replace(" INR", "")));
            }
            assertEquals(textOf(d, "preview-total"), sum.setScale(2) + " INR", "the preview's lines add up");
            // 10 kWh DC at 18:00 with 30 min blocked, by the demo tariff: 120.00 + 35.00, CGST and SGST 9 % each
            assertEquals("182.90 INR", textOf(d, "preview-total"));
            b.screenshot("tariff-preview");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void a_partner_sees_only_its_provider_and_cannot_open_another_provider_s_order_by_its_address() throws Exception {
        String order = book(9, "cz-mg-3-type2").confirm().order().path("id").asText();
        try (Browser b = signedIn("partner-chargezone", "partner:chargezone.in")) {
            WebDriver d = b.driver();
            open(b, "orders");
            until(d, x -> !x.findElements(By.cssSelector("tr[data-order='" + order + "']")).isEmpty());
            for (WebElement row : d.findElements(By.cssSelector("tr[data-order]"))) {
                assertTrue(row.getText().contains("chargezone.in"), row.getText());
            }
            open(b, "orders/" + order);
            until(d, x -> textOf(x, "order-id").equals(order));
            assertTrue(d.findElements(By.id("cancel-order")).isEmpty(), "a partner does not cancel orders");
            // the quote of its own order, from quote-service's timeline (the select names its provider)
            until(d, x -> !x.findElements(By.cssSelector("#timeline tr[data-action='on_select']")).isEmpty());
            b.screenshot("partner-order");
        }
        try (Browser b = signedIn("partner-log9", "partner:log9.in")) {
            WebDriver d = b.driver();
            open(b, "orders");
            until(d, x -> !x.findElements(By.cssSelector("table.grid")).isEmpty());
            assertTrue(d.findElements(By.cssSelector("tr[data-order='" + order + "']")).isEmpty());
            for (WebElement row : d.findElements(By.cssSelector("tr[data-order]"))) {
                assertTrue(row.getText().contains("log9.in"), row.getText());
            }
            open(b, "orders/" + order);
            until(d, x -> !x.findElements(By.cssSelector(".problem")).isEmpty());
            assertEquals(401, HTTP.send(HttpRequest.newBuilder(URI.create(DEMO.suite().ingressUrl()
                    + "/quotes/v1/admin/timeline?bapId=x&transactionId=y")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), "the timelines need a token");
            String page = b.text();
            assertTrue(page.contains("Not Found") && page.contains("order '" + order + "' not found"), page);
            assertTrue(d.findElements(By.id("order-id")).isEmpty(), "nothing of the order is shown");
            assertFalse(page.contains("cz-mg-3-type2"), page);
            open(b, "chargers");
            until(d, x -> !x.findElements(By.id("station-map")).isEmpty());
            assertTrue(d.findElements(By.cssSelector("tr[id^='charger-cz-']")).isEmpty(), "no Chargezone charger");
            b.screenshot("partner-log9");
        }
    }

    @Test
    void a_forged_or_expired_token_sends_the_user_back_to_sign_in() throws Exception {
        try (Browser b = signedIn("tokens", "operator")) {
            WebDriver d = b.driver();
            JavascriptExecutor js = (JavascriptExecutor) d;
            String token = (String) js.executeScript("return sessionStorage.getItem('console.token')");
            String[] parts = token.split("\\.");
            String forgedClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                            .replace("\"console-operator\"", "\"mallory\"").getBytes(StandardCharsets.UTF_8));
            js.executeScript("sessionStorage.setItem('console.token', arguments[0])",
                    parts[0] + "." + forgedClaims + "." + parts[2]);
            open(b, "orders"); // the orders page asks order-service, which refuses the token
            until(d, x -> !x.findElements(By.id("sign-in")).isEmpty());
            assertTrue(textOf(d, "signin-notice").contains("no longer valid"), b.text());
            b.screenshot("forged");

            String expired = DEMO.suite().tokens().mint("console-operator", List.of("operator"), null,
                    Duration.ofSeconds(-120));
            js.executeScript("sessionStorage.setItem('console.token', arguments[0])", expired);
            d.navigate().refresh();
            until(d, x -> !x.findElements(By.id("sign-in")).isEmpty());
            assertTrue(textOf(d, "signin-notice").contains("expired"), b.text());
        }
    }
}
