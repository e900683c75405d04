package org.evcharging.bpp.simulator;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Just enough of an RFC 6455 server, on plain JDK sockets, to test the simulator's real WebSocket client without a
 * new dependency: the handshake (path, HTTP Basic, subprotocol), unfragmented text frames from us, masked and possibly
 * fragmented ones from the client, pings, close. Test code only; one thread per connection is fine here.
 */
final class TinyWebSocketServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final String expectedAuthorization;
    final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> refusals = new LinkedBlockingQueue<>();

    TinyWebSocketServer(String expectedAuthorization) throws IOException {
        this.expectedAuthorization = expectedAuthorization;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tiny-ws-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    Connection nextConnection() throws InterruptedException {
        Connection c = connections.poll(10, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no connection within 10 s");
        }
        return c;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> handshake(socket), "tiny-ws-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handshake(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            String[] lines = readHead(in).split("\r\n");
            String path = lines[0].split(" ")[1];
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            OutputStream out = socket.getOutputStream();
            if (!expectedAuthorization.equals(headers.get("authorization"))) {
                out.write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.close();
                refusals.add(401);
                return;
            }
            String protocol = headers.getOrDefault("sec-websocket-protocol", "");
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((headers.get("sec-websocket-key") + GUID).getBytes(StandardCharsets.US_ASCII)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\nSec-WebSocket-Protocol: " + protocol + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Connection c = new Connection(socket, path, protocol, headers.get("authorization"));
            connections.add(c);
            c.read();
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** One accepted WebSocket: what the client sent, and a way to answer. */
    static final class Connection {

        final String path;
        final String subprotocol;
        final String authorization;
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        private final Socket socket;
        volatile boolean closedByClient;

        Connection(Socket socket, String path, String subprotocol, String authorization) {
            this.socket = socket;
            this.path = path;
            this.subprotocol = subprotocol;
            this.authorization = authorization;
        }

        String nextText() throws InterruptedException {
            String text = texts.poll(10, TimeUnit.SECONDS);
            if (text == null) {
                throw new AssertionError("no frame within 10 s");
            }
            return text;
        }

        synchronized void send(String text) throws IOException {
            frame(1, text.getBytes(StandardCharsets.UTF_8));
        }

        /** Ends the TCP connection without a close frame: a network failure. */
        void abort() throws IOException {
            socket.close();
        }

        private synchronized void frame(int opcode, byte[] payload) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(0x80 | opcode);
            if (payload.length < 126) {
                out.write(payload.length);
            } else if (payload.length < 65536) {
                out.write(126);
                out.write(payload.length >>> 8);
                out.write(payload.length & 0xff);
            } else {
                throw new IOException("frame too long for this test server");
            }
            out.write(payload);
            out.flush();
        }

        private void read() throws IOException {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int first = in.read();
                if (first < 0) {
                    closedByClient = true;
                    return;
                }
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] mask = new byte[4];
                if ((second & 0x80) != 0) {
                    in.readFully(mask);
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                int opcode = first & 0x0f;
                if (opcode == 8) {
                    closedByClient = true;
                    socket.close();
                    return;
                }
                if (opcode == 9) {
                    frame(10, payload);
                    continue;
                }
                if (opcode == 1 || opcode == 0) {
                    message.write(payload);
                    if ((first & 0x80) != 0) {
                        texts.add(message.toString(StandardCharsets.UTF_8));
                        message.reset();
                    }
                }
            }
        }
    }
}
