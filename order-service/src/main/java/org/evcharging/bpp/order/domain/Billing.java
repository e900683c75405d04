package org.evcharging.bpp.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Who pays for an order ({@code order.billing} of init): a name, and an email or a phone. Never logged. */
@Embeddable
public class Billing {

    @Column(name = "billing_name", length = 200)
    private String name;

    @Column(name = "billing_email", length = 254)
    private String email;

    @Column(name = "billing_phone", length = 40)
    private String phone;

    protected Billing() {
    }

    public Billing(String name, String email, String phone) {
        this.name = name;
        this.email = email;
        this.phone = phone;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public String phone() {
        return phone;
    }
}
