package org.evcharging.bpp.catalog.domain;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a provider sells: energy per kWh (delivered by {@code CHARGING}) or battery swaps per swap (delivered by
 * {@code BATTERY-SWAP} at a station or {@code MOBILE-BATTERY-SWAP} where the user is). The list price here is
 * what the catalog shows; the quote service prices the actual order.
 */
@Entity
@Table(name = "item", indexes = {@Index(name = "uk_item_ref", columnList = "provider_id, ref", unique = true),
        @Index(name = "ix_item_provider", columnList = "provider_id, status"),
        @Index(name = "ix_item_ref", columnList = "ref")})
public class Item {

    public enum Unit {

        KWH("kWh"), SWAP("swap");

        private final String label;

        Unit(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "provider_id", nullable = false, length = 100)
    private String providerId;

    @Column(nullable = false, length = 100)
    private String ref;

    @Column(nullable = false, length = 40)
    private String code;

    @Column(length = 200)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Unit unit;

    @Column(nullable = false, precision = 12, scale = 2)
    private BigDecimal price;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(name = "available_quantity", nullable = false, precision = 14, scale = 3)
    private BigDecimal availableQuantity;

    /** Category refs, space-separated. */
    @Column(name = "category_refs", length = 2000)
    private String categoryRefs = "";

    /** Location refs where the item is offered, space-separated; empty means every location of the provider. */
    @jakarta.persistence.Lob
    @Column(name = "location_refs")
    private String locationRefs = "";

    /** Fulfillment types, space-separated enum names. */
    @Column(name = "fulfillment_types", nullable = false, length = 100)
    private String fulfillmentTypes;

    /** Where a mobile battery swap is tracked, for {@code MOBILE-BATTERY-SWAP}. */
    @Column(name = "tracking_url", length = 500)
    private String trackingUrl;

    private Double rating;

    @Column(name = "rating_count", nullable = false)
    private int ratingCount;

    /** When the support-rating service computed {@link #rating} (epoch ms); an older aggregate never replaces it. */
    @Column(name = "rating_as_of")
    private Long ratingAsOf;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Status status = Status.ACTIVE;

    @OneToMany(mappedBy = "item", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("ref")
    private List<AddOn> addOns = new ArrayList<>();

    protected Item() {
    }

    public Item(String providerId, String ref) {
        this.providerId = providerId;
        this.ref = ref;
    }

    /** The row's own key (the item's id within its provider is {@link #ref()}). */
    public Long key() {
        return id;
    }

    public String providerId() {
        return providerId;
    }

    public String ref() {
        return ref;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public Unit unit() {
        return unit;
    }

    public BigDecimal price() {
        return price;
    }

    public String currency() {
        return currency;
    }

    public BigDecimal availableQuantity() {
        return availableQuantity;
    }

    public List<String> categoryRefs() {
        return split(categoryRefs);
    }

    public List<String> locationRefs() {
        return split(locationRefs);
    }

    public Set<FulfillmentType> fulfillmentTypes() {
        Set<FulfillmentType> set = EnumSet.noneOf(FulfillmentType.class);
        split(fulfillmentTypes).forEach(t -> set.add(FulfillmentType.valueOf(t)));
        return set;
    }

    public String trackingUrl() {
        return trackingUrl;
    }

    public Double rating() {
        return rating;
    }

    public int ratingCount() {
        return ratingCount;
    }

    public Status status() {
        return status;
    }

    public List<AddOn> addOns() {
        return addOns;
    }

    public void describe(String code, String name, Unit unit, BigDecimal price, String currency, BigDecimal available,
            Collection<String> categories, Collection<String> locations, Collection<FulfillmentType> types,
            String trackingUrl) {
        this.code = code;
        this.name = name;
        this.unit = unit;
        this.price = price;
        this.currency = currency;
        this.availableQuantity = available;
        this.categoryRefs = String.join(" ", categories);
        this.locationRefs = String.join(" ", locations);
        this.fulfillmentTypes = types.stream().map(Enum::name).collect(Collectors.joining(" "));
        this.trackingUrl = trackingUrl;
        this.status = Status.ACTIVE;
    }

    /** Takes the aggregate computed at {@code asOf} by {@link RatingVersions}; false when it was older and left out. */
    public boolean rate(double value, int count, Long asOf) {
        if (RatingVersions.older(asOf, ratingAsOf)) {
            return false;
        }
        this.rating = value;
        this.ratingCount = count;
        this.ratingAsOf = RatingVersions.after(asOf, ratingAsOf);
        return true;
    }

    /** The rating the rating service set on {@code old}, which this item replaces. */
    public void keepRatingOf(Item old) {
        if (old.rating != null) {
            rate(old.rating, old.ratingCount, old.ratingAsOf);
        }
    }

    /** A re-onboarded item keeps what the rating service set on the one it replaces, and stays retired if it was. */
    public Item keepHistoryOf(Item old) {
        if (old != null) {
            keepRatingOf(old);
            if (old.status == Status.RETIRED) {
                retire();
            }
        }
        return this;
    }

    public void retire() {
        this.status = Status.RETIRED;
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split(" +"));
    }
}
