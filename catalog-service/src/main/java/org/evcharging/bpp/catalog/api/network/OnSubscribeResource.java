package org.evcharging.bpp.catalog.api.network;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.model.Acks;
import org.evcharging.bpp.core.model.BecknError;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.network.NetworkOnboarding;
import org.evcharging.bpp.core.network.OnSubscribeAnswerer;
import org.evcharging.bpp.core.network.OnSubscribeAnswerer.Answer;
import org.evcharging.bpp.core.network.OnSubscribeAnswerer.Refused;

/**
 * registry.yaml {@code POST /on_subscribe}: the registry's challenge after our {@code subscribe}, answered with its
 * plain text. Only a request signed by the configured registry, for us, while a subscription of ours awaits it, is
 * answered: an unsigned or wrongly signed one gets a 401, one nothing of ours awaits a 409, a challenge that does not
 * decrypt a 400 naming why, and none of them changes anything.
 */
@Path("/on_subscribe")
@ApplicationScoped
@Tag(name = "Network", description = "Joining the network's registry")
public class OnSubscribeResource {

    @Inject
    NetworkOnboarding onboarding;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer the registry's on_subscribe challenge (signed by the registry)")
    public Response onSubscribe(InputStream body, @HeaderParam("Authorization") String authorization)
            throws IOException {
        byte[] bytes = body.readNBytes(OnSubscribeAnswerer.MAX_BODY + 1);
        try {
            Answer answer = onboarding.answer(bytes, authorization);
            return Response.ok(JsonNodeFactory.instance.objectNode().put("answer", answer.answer()).toString())
                    .type(MediaType.APPLICATION_JSON).build();
        } catch (Refused refused) {
            String path = switch (refused.kind()) {
                case UNAUTHORIZED -> "Authorization";
                case BAD_REQUEST -> "$.challenge";
                default -> "$";
            };
            return Response.status(refused.kind().status())
                    .entity(Acks.nack(new BecknError(ErrorCode.INVALID_REQUEST, path, refused.getMessage())).toString())
                    .type(MediaType.APPLICATION_JSON).build();
        }
    }
}
