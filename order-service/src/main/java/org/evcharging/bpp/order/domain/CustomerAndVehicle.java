package org.evcharging.bpp.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * Who charges, and with which vehicle ({@code fulfillments[0].customer} and {@code .vehicle} of init): the vehicle's
 * category may unlock a per-vehicle offer and gives its battery size for the state of charge.
 */
@Embeddable
public class CustomerAndVehicle {

    @Column(name = "customer_name", length = 200)
    private String name;

    @Column(name = "customer_phone", length = 40)
    private String phone;

    @Column(name = "vehicle_category", length = 40)
    private String vehicleCategory;

    @Column(name = "vehicle_registration", length = 40)
    private String vehicleRegistration;

    protected CustomerAndVehicle() {
    }

    public CustomerAndVehicle(String name, String phone, String vehicleCategory, String vehicleRegistration) {
        this.name = name;
        this.phone = phone;
        this.vehicleCategory = vehicleCategory;
        this.vehicleRegistration = vehicleRegistration;
    }

    public String name() {
        return name;
    }

    public String phone() {
        return phone;
    }

    public String vehicleCategory() {
        return vehicleCategory;
    }

    public String vehicleRegistration() {
        return vehicleRegistration;
    }
}
