package org.evcharging.bpp.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GeoTest {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    @Test
    void a_latitude_longitude_pair_is_parsed() {
        assertArrayEquals(new double[] {12.9716, 77.5946}, Geo.parse("12.9716,77.5946"), 0.0);
    }

    @Test
    void spaces_around_the_numbers_are_ignored() {
        assertArrayEquals(new double[] {-33.8688, 151.2093}, Geo.parse(" -33.8688 , 151.2093 "), 0.0);
    }

    @Test
    void the_extreme_coordinates_are_accepted() {
        assertArrayEquals(new double[] {90, -180}, Geo.parse("90,-180"), 0.0);
        assertArrayEquals(new double[] {-90, 180}, Geo.parse("-90,180"), 0.0);
    }

    @Test
    void a_latitude_beyond_90_is_refused() {
        assertNull(Geo.parse("90.0001,77.5"));
        assertNull(Geo.parse("-91,77.5"));
    }

    @Test
    void a_longitude_beyond_180_is_refused() {
        assertNull(Geo.parse("12.9,180.5"));
        assertNull(Geo.parse("12.9,-181"));
    }

    @Test
    void text_that_is_not_two_numbers_is_refused() {
        assertNull(Geo.parse("Bengaluru"));
        assertNull(Geo.parse("12.9716"));
        assertNull(Geo.parse("12.9716,77.5946,900"));
        assertNull(Geo.parse("north,east"));
        assertNull(Geo.parse(""));
    }

    @Test
    void not_a_number_is_refused() {
        assertNull(Geo.parse("NaN,77.5"));
        assertNull(Geo.parse("12.9,NaN"));
    }

    @Test
    void a_missing_gps_is_refused() {
        assertNull(Geo.parse(null));
    }

    @Test
    void format_writes_six_decimals_separated_by_a_comma() {
        assertEquals("12.971600,77.594600", Geo.format(12.9716, 77.5946));
    }

    @Test
    void format_writes_negative_coordinates_with_a_dot_as_decimal_separator() {
        assertEquals("-33.868800,-151.209300", Geo.format(-33.8688, -151.2093));
    }

    @Test
    void a_formatted_gps_parses_back_to_the_same_point() {
        assertArrayEquals(new double[] {12.9752, 77.6067}, Geo.parse(Geo.format(12.9752, 77.6067)), 1e-9);
    }

    @Test
    void mg_road_to_the_city_centre_of_bengaluru_is_about_1_37_km() {
        double d = Geo.distanceMetres(12.9752, 77.6067, 12.9716, 77.5946);
        assertEquals(1370, d, 1370 * 0.02);
    }

    @Test
    void the_distance_is_the_same_in_both_directions() {
        assertEquals(Geo.distanceMetres(12.9752, 77.6067, 12.9716, 77.5946),
                Geo.distanceMetres(12.9716, 77.5946, 12.9752, 77.6067), 1e-6);
    }

    @Test
    void a_point_is_at_zero_distance_from_itself() {
        assertEquals(0.0, Geo.distanceMetres(12.9716, 77.5946, 12.9716, 77.5946), 0.0);
    }

    @Test
    void one_degree_of_latitude_is_about_111_km() {
        assertEquals(111_195, Geo.distanceMetres(0, 0, 1, 0), 111_195 * 0.001);
    }

    @Test
    void the_box_spans_the_radius_in_latitude() {
        double[] box = Geo.boxDegrees(12.9716, 5_000);
        assertEquals(Math.toDegrees(5_000 / EARTH_RADIUS_M), box[0], 1e-12);
    }

    @Test
    void the_box_is_wider_in_longitude_than_in_latitude_away_from_the_equator() {
        double[] box = Geo.boxDegrees(60, 5_000);
        assertTrue(box[1] > box[0], "longitude degrees shrink with latitude, so more are needed");
        assertEquals(2 * box[0], box[1], 1e-6, "at 60 degrees a degree of longitude is half as long");
    }

    @Test
    void the_box_reaches_the_circle_s_widest_longitude_far_from_the_equator() {
        // The widest point of a 100 km circle at 60 degrees is asin(sin d / cos lat), a little more than d / cos lat.
        double d = 100_000 / 6_371_008.8;
        double widest = Math.toDegrees(Math.asin(Math.sin(d) / Math.cos(Math.toRadians(60))));
        assertTrue(Geo.boxDegrees(60, 100_000)[1] >= widest - 1e-12);
    }

    @Test
    void the_box_contains_the_point_at_the_radius_due_north() {
        double lat = 12.9716;
        double lon = 77.5946;
        double radius = 5_000;
        double[] box = Geo.boxDegrees(lat, radius);
        double[] north = destination(lat, lon, 0, radius);
        assertEquals(radius, Geo.distanceMetres(lat, lon, north[0], north[1]), 1e-3);
        assertTrue(north[0] <= lat + box[0] + 1e-12, "north point inside the box");
        assertTrue(Math.abs(north[1] - lon) <= box[1]);
    }

    @Test
    void the_box_contains_the_point_at_the_radius_due_east() {
        double lat = 12.9716;
        double lon = 77.5946;
        double radius = 5_000;
        double[] box = Geo.boxDegrees(lat, radius);
        double[] east = destination(lat, lon, 90, radius);
        assertEquals(radius, Geo.distanceMetres(lat, lon, east[0], east[1]), 1e-3);
        assertTrue(east[1] > lon);
        assertTrue(east[1] <= lon + box[1], "east point inside the box");
        assertTrue(Math.abs(east[0] - lat) <= box[0]);
    }

    @Test
    void near_a_pole_the_box_covers_every_longitude() {
        assertEquals(180, Geo.boxDegrees(90, 1_000)[1], 0.0);
    }

    @Test
    void a_zero_radius_gives_an_empty_box() {
        assertArrayEquals(new double[] {0, 0}, Geo.boxDegrees(12.9716, 0), 0.0);
    }

    /** The point {@code metres} away from (lat, lon) on the initial bearing {@code bearingDeg} (great circle). */
    private static double[] destination(double lat, double lon, double bearingDeg, double metres) {
        double d = metres / EARTH_RADIUS_M;
        double phi1 = Math.toRadians(lat);
        double lambda1 = Math.toRadians(lon);
        double theta = Math.toRadians(bearingDeg);
        double phi2 = Math.asin(Math.sin(phi1) * Math.cos(d) + Math.cos(phi1) * Math.sin(d) * Math.cos(theta));
        double lambda2 = lambda1 + Math.atan2(Math.sin(theta) * Math.sin(d) * Math.cos(phi1),
                Math.cos(d) - Math.sin(phi1) * Math.sin(phi2));
        return new double[] {Math.toDegrees(phi2), Math.toDegrees(lambda2)};
    }
}
