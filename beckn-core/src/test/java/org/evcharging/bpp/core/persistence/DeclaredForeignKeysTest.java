package org.evcharging.bpp.core.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ConstraintMode;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DeclaredForeignKeysTest {

    @Table(name = "site")
    static class Site {

        @Id
        Long id;
    }

    @Table(name = "form")
    static class Form {

        @Id
        @Column(name = "token")
        String token;

        @ElementCollection
        @CollectionTable(name = "form_subject", joinColumns = @JoinColumn(name = "form_token"), foreignKey = @ForeignKey(name = "fk_form_subject_form", value = ConstraintMode.NO_CONSTRAINT))
        List<String> subjects;
    }

    @Table(name = "bay")
    static class Bay {

        @Id
        Long id;

        @ManyToOne
        @JoinColumn(name = "site_id", foreignKey = @ForeignKey(name = "fk_bay_site", value = ConstraintMode.NO_CONSTRAINT))
        Site site;

        @ManyToOne
        @JoinColumn(name = "other_site_id")
        Site leftToTheProvider;

        @ManyToOne
        @JoinColumn(name = "bad", foreignKey = @ForeignKey(name = "fk_bay`; DROP TABLE site", value = ConstraintMode.NO_CONSTRAINT))
        Site notAnIdentifier;
    }

    @Test
    void the_named_keys_left_to_the_migration_are_found_on_join_columns_and_collection_tables() {
        List<DeclaredForeignKeys.Declared> keys = DeclaredForeignKeys
                .declared(Stream.of(Site.class, Form.class, Bay.class));

        assertEquals(List.of(new DeclaredForeignKeys.Declared("form_subject", "fk_form_subject_form", "form_token",
                "form", "token"), new DeclaredForeignKeys.Declared("bay", "fk_bay_site", "site_id", "site", "id")),
                keys, "a key EclipseLink makes itself, and one whose names are not plain identifiers, are not ours");
        assertEquals("ALTER TABLE `bay` ADD CONSTRAINT `fk_bay_site` FOREIGN KEY (`site_id`) REFERENCES `site` (`id`)",
                keys.get(1).ddl());
    }
}
