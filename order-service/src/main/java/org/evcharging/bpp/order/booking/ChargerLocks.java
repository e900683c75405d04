package org.evcharging.bpp.order.booking;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/** The table of per-charger lock rows that {@link SlotHolds} locks; a row is made once per charger, autocommitted. */
@ApplicationScoped
public class ChargerLocks {

    @Resource(lookup = "jdbc/bpp")
    DataSource dataSource;

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void createTable() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS charger_lock (fulfillment_id VARCHAR(100) NOT NULL PRIMARY KEY)");
        } catch (SQLException e) {
            throw new PersistenceException("cannot create charger_lock", e);
        }
    }

    @Transactional(TxType.NOT_SUPPORTED)
    public void ensure(String fulfillmentId, boolean evenIfKnown) {
        if (!evenIfKnown && known.contains(fulfillmentId)) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO charger_lock (fulfillment_id) VALUES (?)")) {
            c.setAutoCommit(true);
            ps.setString(1, fulfillmentId);
            ps.executeUpdate();
            known.add(fulfillmentId);
        } catch (SQLException e) {
            throw new PersistenceException("cannot create the lock row of " + fulfillmentId, e);
        }
    }
}
