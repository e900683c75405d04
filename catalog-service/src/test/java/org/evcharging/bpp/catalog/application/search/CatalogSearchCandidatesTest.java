package org.evcharging.bpp.catalog.application.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The candidate query a search sends: what the intent's city adds to it, and when. */
class CatalogSearchCandidatesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> sql = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    /** A search whose database records the native query and its parameters and finds nothing. */
    private CatalogSearch search() {
        Query query = (Query) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Query.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "setParameter" -> {
                        params.add(args[1]);
                        yield proxy;
                    }
                    case "getResultList" -> List.of();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        CatalogSearch s = new CatalogSearch();
        s.em = (EntityManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EntityManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createNativeQuery") && args.length == 1) {
                        sql.add((String) args[0]);
                        return query;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        s.maxLocations = 20;
        s.maxPerProvider = 10;
        return s;
    }

    private static SearchCriteria criteria(String message) {
        try {
            return SearchCriteria.from(JSON.readTree(message));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void a_city_without_gps_keeps_the_locations_onboarded_in_that_city() {
        search().candidates(criteria("""
                {"intent": {"location": {"city": {"code": "std:080"}}}}
                """));
        assertEquals(1, sql.size());
        assertTrue(sql.get(0).contains(" AND l.city_code = ?"), sql.get(0));
        assertTrue(params.contains("std:080"), params.toString());
    }

    @Test
    void a_city_beside_a_gps_is_not_in_the_query() {
        search().candidates(criteria("""
                {"intent": {"location": {"gps": "12.9716,77.5946", "city": {"code": "std:080"}}}}
                """));
        assertFalse(sql.get(0).contains("city_code"), sql.get(0));
        assertFalse(params.contains("std:080"), params.toString());
    }

    @Test
    void no_city_no_city_filter() {
        search().candidates(criteria("""
                {"intent": {}}
                """));
        assertFalse(sql.get(0).contains("city_code"), sql.get(0));
    }
}
