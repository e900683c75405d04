package org.evcharging.bpp.support.beckn;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.support.domain.Rating;
import org.evcharging.bpp.support.domain.RatingCategory;

/**
 * A {@code rating} message read and checked without I/O, before the ACK: one to {@link #MAX_RATINGS} ratings, each
 * with an {@code id}, a supported {@code rating_category} and a whole {@code value} from 1 to 5. The first problem
 * is refused with its path: 30000 (missing or malformed), 30015 (value), 50003 (category). Whether the rated thing
 * exists is checked later, against the order service and the catalog (30014 in {@code on_rating}).
 */
public record RatingRequest(List<Entry> ratings) {

    public static final int MAX_RATINGS = 20;

    /** One rating: its index in {@code message.ratings}, what it rates and the value. */
    public record Entry(int index, RatingCategory category, String id, int value) {

        public String path() {
            return "$.message.ratings[" + index + "]";
        }
    }

    public static RatingRequest from(JsonNode message) {
        JsonNode ratings = message.path("ratings");
        if (!ratings.isArray() || ratings.isEmpty()) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, "$.message.ratings",
                    "ratings must list at least one rating");
        }
        if (ratings.size() > MAX_RATINGS) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, "$.message.ratings",
                    "at most " + MAX_RATINGS + " ratings per message, not " + ratings.size());
        }
        List<Entry> out = new ArrayList<>(ratings.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ratings.size(); i++) {
            JsonNode r = ratings.get(i);
            String path = "$.message.ratings[" + i + "]";
            String id = text(r.path("id"));
            if (id == null) {
                throw new BecknException(ErrorCode.INVALID_REQUEST, path + ".id",
                        "each rating needs the id of what it rates");
            }
            if (id.length() > Rating.ID_LENGTH) {
                throw new BecknException(ErrorCode.INVALID_REQUEST, path + ".id",
                        "an id is at most " + Rating.ID_LENGTH + " characters");
            }
            String categoryName = text(r.path("rating_category"));
            if (categoryName == null) {
                throw new BecknException(ErrorCode.INVALID_REQUEST, path + ".rating_category",
                        "each rating needs a rating_category: Order, Fulfillment (charger), Item, Provider or Support");
            }
            RatingCategory category = RatingCategory.of(categoryName).filter(RatingCategory::supported)
                    .orElseThrow(() -> new BecknException(ErrorCode.UNSUPPORTED_RATING_CATEGORY,
                            path + ".rating_category",
                            "'" + categoryName
                                    + "' cannot be rated here; rate an Order, Fulfillment (charger), Item, Provider or Support"));
            int value = value(r.path("value"), path + ".value");
            if (!seen.add(category.name() + "\n" + id)) {
                throw new BecknException(ErrorCode.INVALID_REQUEST, path,
                        category.beckn() + " '" + id + "' is rated twice in this message; rate it once");
            }
            out.add(new Entry(i, category, id, value));
        }
        return new RatingRequest(List.copyOf(out));
    }

    /** A whole number of stars from 1 to 5 ("4", or "4.0"); anything else is 30015. */
    static int value(JsonNode node, String path) {
        String text = node.isTextual() || node.isNumber() ? node.asText().trim() : null;
        if (text == null || text.isEmpty()) {
            throw new BecknException(ErrorCode.INVALID_RATING_VALUE, path, "a rating value from 1 to 5 is required");
        }
        BigDecimal v;
        try {
            if (text.length() > 10) {
                throw new NumberFormatException();
            }
            v = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new BecknException(ErrorCode.INVALID_RATING_VALUE, path,
                    "'" + abbreviate(text) + "' is not a rating: give a whole number from 1 to 5");
        }
        if (v.compareTo(BigDecimal.ONE) < 0 || v.compareTo(BigDecimal.valueOf(5)) > 0) {
            throw new BecknException(ErrorCode.INVALID_RATING_VALUE, path,
                    "a rating is from 1 to 5, not " + abbreviate(text));
        }
        if (v.stripTrailingZeros().scale() > 0) {
            throw new BecknException(ErrorCode.INVALID_RATING_VALUE, path,
                    "a rating is a whole number from 1 to 5, not " + abbreviate(text));
        }
        return v.intValueExact();
    }

    static String text(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText().trim() : null;
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
