package org.evcharging.bpp.suite.bap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request that meets a connection closed under it (the ingress dropping an idle kept-alive connection as the
 * request goes out) is sent once more, with the same message id, so the BPP's de-duplication keeps it from counting
 * twice; a second close is the caller's to see. The ingress here is a bare socket that closes without answering.
 */
class BapClientResendTest {

    private static final Pattern MESSAGE_ID = Pattern.compile("\"message_id\":\"([^\"]+)\"");

    private final List<String> messageIds = new CopyOnWriteArrayList<>();
    private ServerSocket ingress;
    private BapClient bap;

    @AfterEach
    void stop() throws IOException {
        if (bap != null) {
            bap.close();
        }
        ingress.close();
    }

    @Test
    void a_request_whose_connection_closes_unanswered_is_sent_once_more_with_the_same_message_id() throws Exception {
        start(1);
        BapClient.Sent sent = bap.send("status", "t1", JsonNodeFactory.instance.objectNode().put("order_id", "o1"));
        assertTrue(sent.acked(), sent.body());
        assertEquals(List.of(sent.messageId(), sent.messageId()), messageIds);
    }

    @Test
    void a_second_close_is_not_hidden() throws Exception {
        start(2);
        assertThrows(IOException.class,
                () -> bap.send("status", "t1", JsonNodeFactory.instance.objectNode().put("order_id", "o1")));
        assertEquals(2, messageIds.size());
    }

    /** Closes the first {@code closes} connections after reading their request, ACKs on the ones after. */
    private void start(int closes) throws IOException {
        ingress = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            int seen = 0;
            while (!ingress.isClosed()) {
                try (Socket s = ingress.accept()) {
                    String request = readRequest(s.getInputStream());
                    Matcher m = MESSAGE_ID.matcher(request);
                    if (m.find()) {
                        messageIds.add(m.group(1));
                    }
                    if (seen++ < closes) {
                        continue;
                    }
                    byte[] ack = "{\"message\":{\"ack\":{\"status\":\"ACK\"}}}".getBytes(StandardCharsets.UTF_8);
                    OutputStream out = s.getOutputStream();
                    out.write(
                            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                                    + ack.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(ack);
                    out.flush();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "closing-ingress");
        accept.setDaemon(true);
        accept.start();
        String url = "http://localhost:" + ingress.getLocalPort();
        bap = BapClient.start("bap.test", "k1", Ed25519Keys.generate().getPrivate(), 0, url, url + "/registry");
    }

    /** The head and a Content-Length body of one HTTP/1.1 request. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String h = head.toString(StandardCharsets.US_ASCII);
            if (h.endsWith("\r\n\r\n")) {
                Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(h);
                int n = length.find() ? Integer.parseInt(length.group(1)) : 0;
                return h + new String(in.readNBytes(n), StandardCharsets.UTF_8);
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
