package org.evcharging.bpp.quote.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A transaction's select requests and on_select callbacks, for the console's order timeline. */
@Path("/quotes/v1/admin/timeline")
@RequestScoped
@Tag(name = "Tariffs")
public class TimelineResource extends org.evcharging.bpp.core.ops.TimelineResource {
}
