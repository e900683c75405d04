package org.evcharging.bpp.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.ConstraintMode;
import jakarta.persistence.Entity;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** Something offered with an item: a free car wash, a tyre pressure check, a coffee... */
@Entity
@Table(name = "add_on")
public class AddOn {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    // the key is made once by beckn-core's DeclaredForeignKeys, not by EclipseLink at every start
    @ManyToOne(optional = false)
    @JoinColumn(name = "item_id", foreignKey = @ForeignKey(name = "fk_add_on_item", value = ConstraintMode.NO_CONSTRAINT))
    private Item item;

    @Column(nullable = false, length = 100)
    private String ref;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, precision = 12, scale = 2)
    private BigDecimal price;

    protected AddOn() {
    }

    public AddOn(Item item, String ref, String name, BigDecimal price) {
        this.item = item;
        this.ref = ref;
        this.name = name;
        this.price = price;
    }

    public String ref() {
        return ref;
    }

    public String name() {
        return name;
    }

    public BigDecimal price() {
        return price;
    }
}
