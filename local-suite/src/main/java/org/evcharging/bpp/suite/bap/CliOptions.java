package org.evcharging.bpp.suite.bap;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.evcharging.bpp.suite.DemoNetwork;
import org.evcharging.bpp.suite.SuiteOptions;

/** The options every {@code bap} command reads ({@code --name value}, and {@code --block} alone), with their defaults. */
final class CliOptions {

    /** The demo providers' zone: slots are written in it, as on_search shows opening hours. */
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);

    String gps = "12.9716,77.5946";
    String radiusKm = "5";
    String ingress = "http://localhost:8080";
    Path workDir;
    int callbackPort = DemoNetwork.DEMO_BAP_PORT;
    int waitSeconds = 10;
    String message;
    String transactionId;
    String kwh = "4";
    String swaps;
    String fulfillment;
    String slot;
    boolean block;
    List<String> addOns = new ArrayList<>();
    String vehicle;
    String name = "Asha Rao";
    String email = "asha@example.com";
    String phone = "+91-9876500001";
    BigDecimal stopAtPercent;
    String reason = "7";
    String reasonText;
    String value;
    String category = "charger";
    String comment;
    String minRating;

    private CliOptions() {
    }

    /** The options after the command and its {@code positional} arguments ({@code args[0]} is the command). */
    static CliOptions parse(String[] args, int positional) {
        CliOptions o = new CliOptions();
        String work = System.getenv("BPP_WORK_DIR");
        for (int i = 1 + positional; i < args.length; i++) {
            String name = args[i];
            if ("--block".equals(name)) {
                o.block = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String v = args[++i];
            switch (name) {
                case "--gps" -> o.gps = v;
                case "--radius" -> o.radiusKm = v;
                case "--ingress" -> o.ingress = v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
                case "--work-dir" -> work = v;
                case "--callback-port" -> o.callbackPort = Integer.parseInt(v);
                case "--wait" -> o.waitSeconds = Integer.parseInt(v);
                case "--message" -> o.message = v;
                case "--message-file" -> o.message = readFile(v);
                case "--transaction-id" -> o.transactionId = v;
                case "--kwh" -> o.kwh = v;
                case "--swaps" -> o.swaps = v;
                case "--fulfillment" -> o.fulfillment = v;
                case "--slot" -> o.slot = v;
                case "--addon" -> o.addOns.add(v);
                case "--vehicle" -> o.vehicle = v;
                case "--name" -> o.name = v;
                case "--email" -> o.email = v;
                case "--phone" -> o.phone = v;
                case "--stop-at-percent" -> o.stopAtPercent = percent(v);
                case "--reason" -> o.reason = v;
                case "--reason-text" -> o.reasonText = v;
                case "--value" -> o.value = v;
                case "--category" -> o.category = v;
                case "--comment" -> o.comment = v;
                case "--min-rating" -> o.minRating = v;
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        o.workDir = work != null ? Path.of(work) : SuiteOptions.defaults().defaultWorkDir();
        return o;
    }

    /** What {@code bap select} and {@code bap book} ask for: the item, its quantity, where, when and what else. */
    BookingFlow.Choice choice(String provider, String item) {
        OffsetDateTime[] slot = this.slot == null ? null : slot(this.slot);
        return new BookingFlow.Choice(provider, item, swaps == null ? kwh : null,
                swaps == null ? null : Integer.parseInt(swaps), fulfillment, slot == null ? null : slot[0],
                slot == null ? null : slot[1], block, addOns, vehicle);
    }

    BookingFlow.Billing billing() {
        return new BookingFlow.Billing(name, email, phone);
    }

    /**
     * The default slot of {@code bap charge}: 30 minutes from the current minute, India time, so that charging can
     * start at once. The quote service takes a slot that started up to a minute ago; in the last seconds of a minute
     * the next one is taken instead, or re-pricing at init could find the slot in the past (start-charging is
     * allowed from the slot's grace period before its start).
     */
    static OffsetDateTime[] slotFromNow(Clock clock) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(IST);
        OffsetDateTime start = now.truncatedTo(ChronoUnit.MINUTES);
        if (now.getSecond() >= 45) {
            start = start.plusMinutes(1);
        }
        return new OffsetDateTime[] {start, start.plusMinutes(30)};
    }

    /** "10:00-10:30": today in India time, or tomorrow if it has started. */
    static OffsetDateTime[] slot(String text) {
        String[] parts = text.split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--slot is HH:mm-HH:mm");
        }
        LocalDate day = LocalDate.now(IST);
        OffsetDateTime start = LocalTime.parse(parts[0].trim()).atDate(day).atOffset(IST);
        if (start.isBefore(OffsetDateTime.now(IST))) {
            start = start.plusDays(1);
        }
        OffsetDateTime end = LocalTime.parse(parts[1].trim()).atDate(start.toLocalDate()).atOffset(IST);
        if (!end.isAfter(start)) {
            end = end.plusDays(1);
        }
        return new OffsetDateTime[] {start, end};
    }

    private static String readFile(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage());
        }
    }

    private static BigDecimal percent(String v) {
        BigDecimal p;
        try {
            p = new BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--stop-at-percent is a number from 1 to 100, not '" + v + "'");
        }
        if (p.signum() <= 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("--stop-at-percent is a number from 1 to 100, not '" + v + "'");
        }
        return p;
    }
}
