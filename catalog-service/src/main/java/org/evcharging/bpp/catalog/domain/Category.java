package org.evcharging.bpp.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A provider's category of items, e.g. {@code green-tariff}; {@code ref} is the id published in its catalog. */
@Entity
@Table(name = "category", indexes = {@Index(name = "uk_category_ref", columnList = "provider_id, ref", unique = true)})
public class Category {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "provider_id", nullable = false, length = 100)
    private String providerId;

    @Column(nullable = false, length = 100)
    private String ref;

    @Column(nullable = false, length = 100)
    private String code;

    @Column(length = 200)
    private String name;

    protected Category() {
    }

    public Category(String providerId, String ref, String code, String name) {
        this.providerId = providerId;
        this.ref = ref;
        this.code = code;
        this.name = name;
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

    public void update(String code, String name) {
        this.code = code;
        this.name = name;
    }
}
