package org.evcharging.bpp.support.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A transaction's rating and support requests and their callbacks, for the console's order timeline. */
@Path("/support-rating/v1/admin/timeline")
@RequestScoped
@Tag(name = "Admin")
public class TimelineResource extends org.evcharging.bpp.core.ops.TimelineResource {
}
