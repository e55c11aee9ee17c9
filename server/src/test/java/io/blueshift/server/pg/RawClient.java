package io.blueshift.server.pg;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A client that writes protocol messages byte by byte, for what no driver would send. */
final class RawClient implements AutoCloseable {
    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** A backend message: its type and body. */
    record Msg(char type, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** A field of an ErrorResponse (C: SQLSTATE, M: message, S: severity), or null. */
        String field(char code) {
            int i = 0;
            while (i < body.length && body[i] != 0) {
                int end = i + 1;
                while (body[end] != 0) {
                    end++;
                }
                if (body[i] == code) {
                    return new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8);
                }
                i = end + 1;
            }
            return null;
        }
    }

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        out = socket.getOutputStream();
    }

    /** Connects as {@code user} to a trust server and reads up to the first ReadyForQuery. */
    static RawClient connected(int port, String user) throws IOException {
        RawClient c = new RawClient(port);
        c.startup(user, "dev");
        List<Msg> msgs = c.readUntilReady();
        if (msgs.stream().noneMatch(m -> m.type() == 'R')) {
            throw new IOException("no authentication answer: " + msgs);
        }
        return c;
    }

    void startup(String user, String database) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeInt(body, 196608);
        cstring(body, "user");
        cstring(body, user);
        cstring(body, "database");
        cstring(body, database);
        body.write(0);
        rawFrame(body.toByteArray());
    }

    /** A startup-phase frame: length then body, no type byte. */
    void rawFrame(byte[] body) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        writeInt(frame, body.length + 4);
        frame.writeBytes(body);
        out.write(frame.toByteArray());
        out.flush();
    }

    void send(char type, byte[] body) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(type);
        writeInt(frame, body.length + 4);
        frame.writeBytes(body);
        out.write(frame.toByteArray());
        out.flush();
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void query(String sql) throws IOException {
        send('Q', cstringBytes(sql));
    }

    void parse(String name, String sql) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        cstring(b, name);
        cstring(b, sql);
        b.write(0);
        b.write(0);
        send('P', b.toByteArray());
    }

    /** Bind with text parameters and text results. */
    void bind(String portal, String statement, String... values) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        cstring(b, portal);
        cstring(b, statement);
        writeShort(b, 0);
        writeShort(b, values.length);
        for (String v : values) {
            if (v == null) {
                writeInt(b, -1);
            } else {
                byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
                writeInt(b, bytes.length);
                b.writeBytes(bytes);
            }
        }
        writeShort(b, 0);
        send('B', b.toByteArray());
    }

    void execute(String portal, int maxRows) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        cstring(b, portal);
        writeInt(b, maxRows);
        send('E', b.toByteArray());
    }

    void sync() throws IOException {
        send('S', new byte[0]);
    }

    /** The next message, or null when the server closed the connection. */
    Msg read() throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length = in.readInt();
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return new Msg((char) type, body);
    }

    /** One byte outside any message (the answer to SSLRequest). */
    int readByte() throws IOException {
        return in.read();
    }

    /** Messages up to and including ReadyForQuery (or up to the end of the connection). */
    List<Msg> readUntilReady() throws IOException {
        List<Msg> msgs = new ArrayList<>();
        while (true) {
            Msg m;
            try {
                m = read();
            } catch (EOFException | SocketException e) {
                return msgs;
            }
            if (m == null) {
                return msgs;
            }
            msgs.add(m);
            if (m.type() == 'Z') {
                return msgs;
            }
        }
    }

    /** Whether the server has closed the connection (reads until the end, at most a few messages). */
    boolean closedByServer() throws IOException {
        try {
            for (int i = 0; i < 100; i++) {
                if (read() == null) {
                    return true;
                }
            }
            return false;
        } catch (EOFException | SocketException e) {
            return true;
        }
    }

    static String types(List<Msg> msgs) {
        StringBuilder sb = new StringBuilder();
        msgs.forEach(m -> sb.append(m.type()));
        return sb.toString();
    }

    static byte[] cstringBytes(String s) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        cstring(b, s);
        return b.toByteArray();
    }

    static void cstring(ByteArrayOutputStream b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        b.write(0);
    }

    static void writeInt(ByteArrayOutputStream b, int v) {
        b.write(v >>> 24);
        b.write(v >>> 16);
        b.write(v >>> 8);
        b.write(v);
    }

    static void writeShort(ByteArrayOutputStream b, int v) {
        b.write(v >>> 8);
        b.write(v);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
