package org.evcharging.bpp.quote.domain.pricing;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A provider's unit prices as the catalog shows them in {@code on_search}, worked out from its tariff by the very rate
 * lookup that prices quotes, so a search and a select cannot disagree. The tariff's rules are resolved for every
 * combination a fulfillment can present: each service, each charger type and location a rate names plus "any other"
 * (null), and each part of the day between the rates' window boundaries. The catalog then only looks a price up: the
 * charger type and location of a fulfillment become null when no rate names them, and the window is the last one that
 * starts at or before the local time. A price of null, or no entry at all, means the item's list price applies, as it
 * does in a quote.
 */
public record UnitPrices(String currency, List<String> chargerTypes, List<String> locations, List<Entry> prices) {

    /** The day's prices of one (service, charger type, location); windows start at 00:00 and in order. */
    public record Entry(String service, String chargerType, String locationId, List<Window> windows) {
    }

    /** From {@code from} (local time) until the next window's start: {@code price}, or the list price when null. */
    public record Window(LocalTime from, BigDecimal price) {
    }

    public UnitPrices {
        chargerTypes = List.copyOf(chargerTypes);
        locations = List.copyOf(locations);
        prices = List.copyOf(prices);
    }

    /** The unit prices of {@code tariff}. */
    public static UnitPrices of(Tariff tariff) {
        List<Tariff.Rate> rates = tariff.rates() == null ? List.of() : tariff.rates();
        List<String> chargerTypes = rates.stream().map(Tariff.Rate::chargerType).filter(Objects::nonNull)
                .map(c -> c.toUpperCase(Locale.ROOT)).distinct().sorted().toList();
        List<String> locations = rates.stream().map(Tariff.Rate::locationId).filter(Objects::nonNull).distinct()
                .sorted().toList();
        TreeSet<LocalTime> starts = new TreeSet<>(List.of(LocalTime.MIDNIGHT));
        for (Tariff.Rate r : rates) {
            if (r.from() != null && r.to() != null) {
                starts.add(r.from());
                starts.add(r.to());
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Tariff.Service service : Tariff.Service.values()) {
            for (String chargerType : withOthers(chargerTypes)) {
                for (String location : withOthers(locations)) {
                    List<Window> windows = new ArrayList<>();
                    for (LocalTime start : starts) {
                        BigDecimal price = QuoteCalculator.rate(tariff, service, chargerType, location, start)
                                .orElse(null);
                        if (windows.isEmpty() || !Objects.equals(windows.get(windows.size() - 1).price(), price)) {
                            windows.add(new Window(start, price));
                        }
                    }
                    if (windows.stream().anyMatch(w -> w.price() != null)) {
                        entries.add(new Entry(service.name(), chargerType, location, List.copyOf(windows)));
                    }
                }
            }
        }
        return new UnitPrices(tariff.currency(), chargerTypes, locations, entries);
    }

    private static List<String> withOthers(List<String> named) {
        List<String> all = new ArrayList<>(named);
        all.add(null);
        return all;
    }
}
