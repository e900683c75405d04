package org.evcharging.bpp.order.application;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.evcharging.bpp.order.domain.ChargingSession;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.SlotHold;

/**
 * The little of an EntityManager the use cases touch, in memory, for unit tests: find, persist, remove and refresh of
 * orders, sessions and holds by id, and queries that answer what the test put in {@link #results} under their name
 * ({@code "native"} for native queries). Locks are not modelled: a test says what a locked read finds.
 */
public final class FakeJpa {

    private final Map<List<Object>, Object> rows = new HashMap<>();
    /** What a named query (or {@code "native"}) returns, whatever its parameters. */
    public final Map<String, List<?>> results = new HashMap<>();
    public final List<Object> removed = new ArrayList<>();

    public <T> T put(T entity) {
        rows.put(key(entity.getClass(), idOf(entity)), entity);
        return entity;
    }

    public <T> T get(Class<T> type, String id) {
        return type.cast(rows.get(key(type, id)));
    }

    public EntityManager entityManager() {
        return (EntityManager) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EntityManager.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "find" -> rows.get(key((Class<?>) args[0], args[1]));
                    case "persist" -> {
                        put(args[0]);
                        yield null;
                    }
                    case "remove" -> {
                        rows.remove(key(args[0].getClass(), idOf(args[0])));
                        removed.add(args[0]);
                        yield null;
                    }
                    case "refresh" -> null;
                    case "createNamedQuery" -> query((String) args[0]);
                    case "createNativeQuery" -> query("native");
                    default -> throw new UnsupportedOperationException("EntityManager." + m.getName());
                });
    }

    private TypedQuery<?> query(String name) {
        List<?> result = results.getOrDefault(name, List.of());
        return (TypedQuery<?>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TypedQuery.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "setParameter", "setMaxResults", "setLockMode", "setFirstResult" -> proxy;
                    case "getResultList" -> result;
                    case "getResultStream" -> result.stream();
                    case "executeUpdate" -> result.size();
                    default -> throw new UnsupportedOperationException("Query." + m.getName());
                });
    }

    private static List<Object> key(Class<?> type, Object id) {
        return List.of(type, id);
    }

    private static String idOf(Object entity) {
        if (entity instanceof Order o) {
            return o.id();
        }
        if (entity instanceof ChargingSession s) {
            return s.orderId();
        }
        if (entity instanceof SlotHold h) {
            return h.orderId();
        }
        throw new IllegalArgumentException("not an entity of these tests: " + entity);
    }
}
