package org.evcharging.bpp.catalog.domain;

import java.util.Locale;

/** Beckn gps strings ({@code "12.9716,77.5946"}) and great-circle distances. */
public final class Geo {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private Geo() {
    }

    /** A parsed gps, or null when the text is not "lat,lon" with lat in [-90, 90] and lon in [-180, 180]. */
    public static double[] parse(String gps) {
        if (gps == null) {
            return null;
        }
        String[] parts = gps.split(",");
        if (parts.length != 2) {
            return null;
        }
        try {
            double lat = Double.parseDouble(parts[0].trim());
            double lon = Double.parseDouble(parts[1].trim());
            if (Double.isNaN(lat) || Double.isNaN(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
                return null;
            }
            return new double[] {lat, lon};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static String format(double lat, double lon) {
        return String.format(Locale.ROOT, "%.6f,%.6f", lat, lon);
    }

    /** Haversine distance in metres. */
    public static double distanceMetres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Degrees of latitude and longitude that cover {@code metres} around {@code lat}: the bounding box. */
    public static double[] boxDegrees(double lat, double metres) {
        double d = metres / EARTH_RADIUS_M;
        double dLat = Math.toDegrees(d);
        // The circle's widest longitude is asin(sin d / cos lat), a little more than d / cos lat far from the equator.
        double ratio = Math.sin(d) / Math.cos(Math.toRadians(lat));
        double dLon = ratio >= 1 || Double.isNaN(ratio) ? 180 : Math.toDegrees(Math.asin(ratio));
        return new double[] {dLat, dLon};
    }
}
