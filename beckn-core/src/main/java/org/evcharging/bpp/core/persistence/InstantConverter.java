package org.evcharging.bpp.core.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Stores every {@link Instant} attribute as a UTC {@code DATETIME}. The EclipseLink shipped with Liberty's
 * persistence-3.1 does not know {@code Instant} and would serialize it into a blob: unindexable, unreadable in SQL,
 * and only ordered correctly by accident. Listed in each service's persistence.xml; applies to every entity.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, LocalDateTime> {

    @Override
    public LocalDateTime convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public Instant convertToEntityAttribute(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
