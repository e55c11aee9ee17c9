package io.blueshift.server.pg;

import io.blueshift.columnar.Batch;
import io.blueshift.columnar.SqlType;
import io.blueshift.columnar.TypeKind;
import io.blueshift.kernels.BlueshiftException;
import io.blueshift.kernels.ErrorCode;
import io.blueshift.kernels.string.TextCheck;
import io.blueshift.sql.Session;
import io.blueshift.sql.api.SqlPositionException;
import io.blueshift.sql.session.DeepStack;
import io.blueshift.sql.api.PreparedStatementHandle;
import io.blueshift.sql.api.Result;
import io.blueshift.sql.api.ResultColumn;
import io.blueshift.sql.catalog.Backends;
import io.blueshift.sql.catalog.PgOids;
import io.blueshift.sql.parser.SqlScanner;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLSocket;

/**
 * One client connection: the startup handshake (SSL and GSS negotiation, protocol version,
 * authentication), then the simple and extended query protocols over a {@link Session}. Only this
 * connection's thread writes to the socket; other threads (cancel requests, shutdown) set flags
 * and close the input so the thread wakes up.
 *
 * <p>Errors follow Postgres: an error in the extended protocol discards messages until Sync, which
 * answers with one ReadyForQuery; a malformed message length or an unknown message type ends the
 * connection with a FATAL 08P01.
 */
final class PgConnection implements Runnable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;
    private static final int MAX_STARTUP_PACKET = 10_000;
    /** Messages other than Query, Parse, Bind, CopyData and FunctionCall are small in Postgres too. */
    private static final int MAX_SMALL_MESSAGE = 10_000;
    /** Query text, bound values and COPY data: at most 1 GB per message, as Postgres allows. */
    private static final int MAX_LARGE_MESSAGE = (1 << 30) - 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PgServer server;
    private final int pid;
    private final int secret = RANDOM.nextInt();
    private Socket socket;
    private InputStream in;
    private PgOutput out;
    private Session session;
    private String user = "";
    private boolean registered;
    private final Map<String, Statement> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private final Map<String, String> reported = new LinkedHashMap<>();
    private boolean skipToSync;
    private volatile boolean terminating;
    private volatile boolean shuttingDown;
    /** What pg_stat_activity shows of this connection, written by its thread and read by any. */
    private final Instant backendStart = Instant.now();
    private volatile Instant queryStart;
    private volatile Instant stateChange = backendStart;
    private volatile String state = "starting";
    private volatile String query = "";

    /** A parsed statement: the text the engine runs ({@code ?} for {@code $n}), and its parameters and columns. */
    record Statement(String sql, int[] order, int[] parameterOids, List<ResultColumn> columns, boolean empty) {
    }

    /** A bound statement; runs at its first Execute and may be read in several (PortalSuspended). */
    static final class Portal {
        final Statement statement;
        final List<Object> parameters;
        final boolean[] binary;
        Result result;
        Batch batch;
        int position;
        boolean done;

        Portal(Statement statement, List<Object> parameters, boolean[] binary) {
            this.statement = statement;
            this.parameters = parameters;
            this.binary = binary;
        }

        void close() {
            if (result != null) {
                result.close();
                result = null;
            }
            batch = null;
            done = true;
        }
    }

    PgConnection(PgServer server, Socket socket, int pid) {
        this.server = server;
        this.socket = socket;
        this.pid = pid;
    }

    int pid() {
        return pid;
    }

    int secret() {
        return secret;
    }

    Session session() {
        return session;
    }

    /** The user the connection logged in as. */
    String user() {
        return user;
    }

    @Override
    public void run() {
        String peer = String.valueOf(socket.getRemoteSocketAddress());
        try {
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 8192);
            out = new PgOutput(socket.getOutputStream());
            if (startup(peer)) {
                in = ClientInput.start(in, this::clientGone, "pg-input-" + pid);
                server.log().info("connection authorized: user=" + user + " database=" + server.config().databaseName()
                        + " pid=" + pid + " from " + peer + (socket instanceof SSLSocket ssl ? " tls=" + ssl.getSession().getProtocol() : ""));
                loop();
            }
        } catch (EOFException | SocketException e) {
            // the client went away; nothing to answer
        } catch (IOException e) {
            server.log().warning("connection " + pid + " from " + peer + ": " + e.getMessage());
        } catch (RuntimeException e) {
            server.log().warning("connection " + pid + " from " + peer + " failed: " + e);
        } finally {
            closeEverything();
            if (registered) {
                server.log().info("disconnection: user=" + user + " pid=" + pid);
            }
        }
    }

    private void closeEverything() {
        for (Portal p : portals.values()) {
            try {
                p.close();
            } catch (RuntimeException e) {
                server.log().warning("closing a portal: " + e.getMessage());
            }
        }
        portals.clear();
        statements.clear();
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException e) {
                server.log().warning("closing session " + pid + ": " + e.getMessage());
            }
        }
        if (registered) {
            server.unregister(this);
        }
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** This connection in pg_stat_activity; {@code visible}: whether the asker may see its statement. */
    Backends.Activity activity(boolean visible) {
        Session s = session;
        String application = s == null ? "" : s.setting("application_name");
        return new Backends.Activity(pid, user, application == null ? "" : application, backendStart, queryStart,
                stateChange, visible ? state : null, visible ? query : "<insufficient privilege>");
    }

    /** A statement starts: pg_stat_activity shows it active. */
    private void active(String sql) {
        query = sql;
        queryStart = Instant.now();
        stateChange = queryStart;
        state = "active";
    }

    /** Cancels the running statement (a CancelRequest from another connection). */
    void cancelStatement() {
        Session s = session;
        if (s != null) {
            s.cancel();
        }
    }

    /**
     * The client's input ended (it disconnected, or the server shut the socket's input): its running
     * statement is cancelled now rather than when it next writes, which for a cross join feeding
     * an aggregate was after minutes of a busy core and gigabytes of memory.
     */
    private void clientGone() {
        cancelStatement();
    }

    /** pg_terminate_backend: the connection ends with 57P01 once its statement stops. */
    void terminate() {
        terminating = true;
        cancelStatement();
        wake();
    }

    /** Server shutdown: as {@link #terminate}. */
    void shutdown() {
        shuttingDown = true;
        terminate();
    }

    private void wake() {
        try {
            if (socket instanceof SSLSocket) {
                socket.close();
            } else {
                socket.shutdownInput();
            }
        } catch (IOException e) {
            // closed already
        }
    }

    // ---- startup -------------------------------------------------------------------------

    private boolean startup(String peer) throws IOException {
        while (true) {
            int length = readInt();
            if (length < 8 || length > MAX_STARTUP_PACKET) {
                fatal(ErrorCode.PROTOCOL_VIOLATION, "invalid length of startup packet");
                return false;
            }
            Message m = new Message(readBytes(length - 4));
            int code = m.int32();
            if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
                boolean tls = code == SSL_REQUEST && server.config().tls() != null && !(socket instanceof SSLSocket);
                if (tls && in.available() > 0) {
                    // bytes sent before the answer could not have been encrypted (CVE-2021-23214)
                    fatal(ErrorCode.PROTOCOL_VIOLATION, "received unencrypted data after SSL request");
                    return false;
                }
                out.rawByte(tls ? 'S' : 'N');
                out.flush();
                if (tls) {
                    SSLSocket ssl = (SSLSocket) server.config().tls().getSocketFactory()
                            .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                    ssl.setUseClientMode(false);
                    ssl.startHandshake();
                    socket = ssl;
                    in = new BufferedInputStream(ssl.getInputStream(), 8192);
                    out.redirect(ssl.getOutputStream());
                }
                continue;
            }
            if (code == CANCEL_REQUEST) {
                int targetPid = m.int32();
                int key = m.int32();
                server.cancel(targetPid, key);
                return false;
            }
            int major = code >>> 16;
            int minor = code & 0xFFFF;
            if (major != 3) {
                fatal(ErrorCode.FEATURE_NOT_SUPPORTED, "unsupported frontend protocol " + major + "." + minor
                        + ": server supports 3.0 to 3.0");
                return false;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            while (true) {
                String key = m.cstring();
                if (key.isEmpty()) {
                    break;
                }
                parameters.put(key, m.cstring());
            }
            List<String> unknownOptions = parameters.keySet().stream().filter(k -> k.startsWith("_pq_.")).toList();
            if (minor > 0 || !unknownOptions.isEmpty()) {
                out.begin('v').int32(0).int32(unknownOptions.size());
                unknownOptions.forEach(out::cstring);
                out.end();
            }
            return authenticate(parameters, peer);
        }
    }

    private boolean authenticate(Map<String, String> parameters, String peer) throws IOException {
        user = parameters.getOrDefault("user", "");
        if (user.isEmpty()) {
            fatal(ErrorCode.INVALID_AUTHORIZATION_SPECIFICATION, "no PostgreSQL user name specified in startup packet");
            return false;
        }
        String database = parameters.getOrDefault("database", user);
        if (!database.equals(server.config().databaseName())) {
            fatal(ErrorCode.INVALID_CATALOG_NAME, database);
            return false;
        }
        Authenticator.Outcome outcome = new Authenticator(server.config().auth(), server.database().catalog(), this)
                .authenticate(user);
        if (outcome != Authenticator.Outcome.OK) {
            server.log().warning((outcome == Authenticator.Outcome.NO_SUCH_USER ? "unknown user" : "password authentication failed for user")
                    + " \"" + user + "\" from " + peer);
            if (outcome != Authenticator.Outcome.GONE) {
                fatal(ErrorCode.INVALID_PASSWORD, user);
            }
            return false;
        }
        if (server.closing()) {
            fatal(ErrorCode.ADMIN_SHUTDOWN);
            return false;
        }
        if (!server.register(this)) {
            fatal(ErrorCode.TOO_MANY_CONNECTIONS);
            return false;
        }
        registered = true;
        session = server.database().newSession();
        if (server.database().catalog().users().isEmpty()) {
            // a database with no users yet, served without authentication: its clients are its owner
            session.setOwner(user);
        } else {
            session.setUser(user);
        }
        session.setBackendPid(pid);
        session.setDatabaseName(server.config().databaseName());
        applyStartupSettings(parameters);
        out.begin('R').int32(0).end();
        reportParameters(true);
        out.begin('K').int32(pid).int32(secret).end();
        readyForQuery();
        return true;
    }

    /** Settings a client may pass in the startup packet or in {@code options=-c name=value}; others are ignored. */
    private static final Set<String> STARTUP_SETTINGS = Set.of("application_name", "search_path",
            "datestyle", "timezone", "extra_float_digits", "intervalstyle", "statement_timeout", "lc_messages", "lc_monetary",
            "lc_numeric", "lc_time", "default_transaction_isolation", "default_transaction_read_only", "history_retention");

    private void applyStartupSettings(Map<String, String> parameters) {
        Map<String, String> settings = new LinkedHashMap<>();
        parameters.forEach((k, v) -> settings.put(k.toLowerCase(Locale.ROOT), v));
        String options = parameters.get("options");
        if (options != null) {
            String[] words = options.trim().split("\\s+");
            for (int i = 0; i < words.length; i++) {
                String w = words[i];
                String setting = w.equals("-c") && i + 1 < words.length ? words[++i]
                        : w.startsWith("-c") ? w.substring(2) : w.startsWith("--") ? w.substring(2) : null;
                int eq = setting == null ? -1 : setting.indexOf('=');
                if (eq > 0) {
                    settings.put(setting.substring(0, eq).toLowerCase(Locale.ROOT).replace('-', '_'), setting.substring(eq + 1));
                }
            }
        }
        settings.forEach((k, v) -> {
            if (STARTUP_SETTINGS.contains(k)) {
                try {
                    session.execute("set " + k + " = '" + v.replace("'", "''") + "'").close();
                } catch (BlueshiftException e) {
                    server.log().warning("ignoring startup setting " + k + ": " + e.getMessage());
                }
            }
        });
    }

    /** The parameters Postgres reports to clients (GUC_REPORT), as this session has them now. */
    private Map<String, String> reportable() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server_version", PgServer.SERVER_VERSION);
        p.put("server_encoding", "UTF8");
        p.put("client_encoding", "UTF8");
        p.put("DateStyle", setting("datestyle", "ISO, MDY"));
        p.put("TimeZone", setting("timezone", "UTC"));
        p.put("IntervalStyle", setting("intervalstyle", "postgres"));
        p.put("integer_datetimes", "on");
        p.put("standard_conforming_strings", "on");
        p.put("is_superuser", session.principal().isSuperuser(server.database().catalog()) ? "on" : "off");
        p.put("session_authorization", user);
        p.put("application_name", setting("application_name", ""));
        p.put("default_transaction_read_only", "off");
        p.put("in_hot_standby", "off");
        return p;
    }

    private String setting(String name, String fallback) {
        String v = session.setting(name);
        return v == null ? fallback : v;
    }

    /** Sends ParameterStatus for every reported parameter ({@code all}) or for those that changed. */
    private void reportParameters(boolean all) {
        reportable().forEach((k, v) -> {
            if (all || !v.equals(reported.get(k))) {
                out.begin('S').cstring(k).cstring(v).end();
                reported.put(k, v);
            }
        });
    }

    // ---- the message loop --------------------------------------------------------------------

    private void loop() throws IOException {
        while (true) {
            int type = in.read();
            if (type < 0 || terminating) {
                if (terminating) {
                    fatal(ErrorCode.ADMIN_SHUTDOWN);
                }
                return;
            }
            int length = readInt();
            int limit = type == 'Q' || type == 'P' || type == 'B' || type == 'd' || type == 'F'
                    ? MAX_LARGE_MESSAGE : MAX_SMALL_MESSAGE;
            if (length < 4 || length - 4 > limit) {
                fatal(ErrorCode.PROTOCOL_VIOLATION, "invalid message length");
                return;
            }
            Message m = new Message(readBytes(length - 4));
            if (type == 'X') {
                return;
            }
            if (skipToSync && type != 'S') {
                continue;
            }
            try {
                switch (type) {
                    case 'Q' -> simpleQuery(m.cstring());
                    case 'P' -> parse(m);
                    case 'B' -> bind(m);
                    case 'D' -> describe(m);
                    case 'E' -> execute(m);
                    case 'C' -> close(m);
                    case 'S' -> sync();
                    case 'H' -> out.flush();
                    case 'd', 'c', 'f' -> {
                        // COPY messages after a COPY ended (Postgres ignores them too)
                    }
                    case 'F' -> throw new BlueshiftException(ErrorCode.FEATURE_NOT_SUPPORTED, "the function call protocol");
                    default -> {
                        fatal(ErrorCode.PROTOCOL_VIOLATION, "invalid frontend message type " + type);
                        return;
                    }
                }
            } catch (RuntimeException | AssertionError | StackOverflowError | OutOfMemoryError failure) {
                // an AssertionError (a broken invariant in a running query) fails the message, never the
                // connection; the session answers stack and heap exhaustion itself, and one that escapes
                // elsewhere (writing a huge result) is 54001 / 53200 here
                RuntimeException e = failure instanceof RuntimeException r ? r
                        : failure instanceof StackOverflowError || failure instanceof OutOfMemoryError
                        ? DeepStack.error((Error) failure)
                        : new BlueshiftException(ErrorCode.INTERNAL_ERROR, failure, String.valueOf(failure.getMessage()));
                error(e, 0);
                if (type == 'Q') {
                    readyForQuery();
                } else {
                    skipToSync = true;
                }
            }
            if (terminating) {
                fatal(ErrorCode.ADMIN_SHUTDOWN);
                return;
            }
        }
    }

    // ---- simple query ------------------------------------------------------------------------

    private void simpleQuery(String sql) throws IOException {
        dropPortal("");
        statements.remove("");
        List<SqlScanner.Statement> list;
        try {
            list = PgSql.split(sql);
        } catch (RuntimeException e) {
            error(e, 0);
            readyForQuery();
            return;
        }
        if (list.isEmpty()) {
            out.begin('I').end();
        }
        // several statements in one Query run as one implicit transaction, as in Postgres
        boolean several = list.size() > 1;
        boolean failed = false;
        for (SqlScanner.Statement s : list) {
            try {
                if (several) {
                    session.beginImplicit();
                }
                if (!CopyCommand.run(this, s.text())) {
                    simpleStatement(s.text());
                }
            } catch (RuntimeException e) {
                // the engine counts the position in characters of the statement; the offset is a string index
                error(e, sql.codePointCount(0, s.offset()));
                failed = true;
                break;
            } finally {
                reportParameters(false);
            }
        }
        if (several) {
            try {
                session.endImplicit(failed);
            } catch (RuntimeException e) {
                error(e, 0);
            }
            notices();
            reportParameters(false);
        }
        readyForQuery();
    }

    private void simpleStatement(String sql) throws IOException {
        active(sql);
        try (Result r = session.execute(sql)) {
            notices();
            if (r.isQuery()) {
                rowDescription(r.columns(), null);
                for (Batch b = r.next(); b != null; b = r.next()) {
                    rowWriter(r.columns(), null).write(b, 0, b.liveCount(), out);
                }
                commandComplete(r.commandTag());
            } else {
                afterStatement(r.commandTag());
                commandComplete(r.commandTag());
            }
        }
    }

    /** A transaction's end closes its portals, as in Postgres (none is WITH HOLD). */
    private void afterStatement(String tag) {
        if (!session.inTransaction() && (tag.equals("COMMIT") || tag.equals("ROLLBACK"))) {
            portals.values().forEach(Portal::close);
            portals.clear();
        }
    }

    // ---- extended query ----------------------------------------------------------------------

    private void parse(Message m) {
        String name = m.cstring();
        String query = m.cstring();
        int count = m.int16();
        int[] declared = new int[count];
        for (int i = 0; i < count; i++) {
            declared[i] = m.int32();
        }
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw new BlueshiftException(ErrorCode.DUPLICATE_PREPARED_STATEMENT, name);
        }
        List<SqlScanner.Statement> list = PgSql.split(query);
        if (list.size() > 1) {
            throw new BlueshiftException(ErrorCode.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
        }
        Statement statement;
        if (list.isEmpty()) {
            statement = new Statement("", new int[0], new int[0], List.of(), true);
        } else {
            PgSql.Parameters p = PgSql.parameters(list.getFirst().text());
            List<SqlType> inferred = List.of();
            List<ResultColumn> columns = List.of();
            String text = p.text();
            if (!CopyCommand.isCopy(text)) {
                PreparedStatementHandle h;
                try {
                    h = session.prepare(text);
                    if (losesDeclaredType(h.parameterTypes(), p.order(), declared)) {
                        h.close();
                        throw new BlueshiftException(ErrorCode.DATATYPE_MISMATCH, "parameter types");
                    }
                } catch (BlueshiftException e) {
                    // types the engine cannot infer ("select $1 + 1") come from the declared ones, as casts
                    String cast = withDeclaredTypes(list.getFirst().text(), declared);
                    if (cast == null) {
                        throw e;
                    }
                    p = PgSql.parameters(cast);
                    text = p.text();
                    h = session.prepare(text);
                }
                try (PreparedStatementHandle prepared = h) {
                    inferred = prepared.parameterTypes();
                    columns = prepared.columns();
                }
            }
            int[] oids = new int[Math.max(p.count(), count)];
            for (int k = 0; k < oids.length; k++) {
                oids[k] = k < count ? declared[k] : 0;
                if (oids[k] == 0) {
                    oids[k] = PgTypes.TEXT;
                    for (int i = 0; i < p.order().length && i < inferred.size(); i++) {
                        if (p.order()[i] == k + 1 && inferred.get(i) != null) {
                            oids[k] = PgOids.typeOid(inferred.get(i));
                            break;
                        }
                    }
                }
            }
            if (columns.isEmpty()) {
                columns = utilityColumns(text);
            }
            statement = new Statement(text, p.order(), oids, columns, false);
        }
        statements.put(name, statement);
        out.begin('1').end();
    }

    /** The columns of the statements besides queries that return rows: SHOW (the setting) and EXPLAIN (the plan). */
    private static List<ResultColumn> utilityColumns(String sql) {
        String[] words = sql.strip().split("\\s+");
        String first = words[0].toLowerCase(Locale.ROOT);
        if (first.equals("show") && words.length > 1) {
            String name = String.join("_", Arrays.copyOfRange(words, 1, words.length)).toLowerCase(Locale.ROOT)
                    .replaceAll(";$", "");
            return List.of(new ResultColumn(name.equals("transaction_isolation_level") ? "transaction_isolation" : name,
                    SqlType.TEXT, true));
        }
        if (first.equals("explain")) {
            return List.of(new ResultColumn("QUERY PLAN", SqlType.TEXT, true));
        }
        return List.of();
    }

    /**
     * Whether the engine inferred a parameter type that would lose what the client declared (a
     * double bound where the engine inferred an integer: {@code $1 * 2} with $1 float8); the
     * statement is then prepared again with the declared types as casts.
     */
    private static boolean losesDeclaredType(List<SqlType> inferred, int[] order, int[] declared) {
        for (int i = 0; i < order.length && i < inferred.size(); i++) {
            int k = order[i] - 1;
            SqlType want = k < declared.length ? PgTypes.sqlType(declared[k]) : null;
            SqlType got = inferred.get(i);
            if (want == null || got == null) {
                continue;
            }
            int wantRank = rank(want.kind());
            int gotRank = rank(got.kind());
            if (wantRank > gotRank && gotRank > 0 || got.isString() && !want.isString() && !want.isDecimal()
                    || (want.kind() == TypeKind.TIMESTAMP || want.kind() == TypeKind.TIMESTAMPTZ)
                    && got.kind() == TypeKind.DATE) {
                return true;
            }
        }
        return false;
    }

    /** Numeric types by what they hold: a wider rank holds more; 0 for the rest. */
    private static int rank(TypeKind kind) {
        return switch (kind) {
            case SMALLINT -> 1;
            case INTEGER -> 2;
            case BIGINT -> 3;
            case DECIMAL -> 4;
            case REAL, DOUBLE -> 5;
            default -> 0;
        };
    }

    /** The statement with each {@code $n} of a declared type written as {@code CAST($n AS type)}; null when none is declared. */
    private static String withDeclaredTypes(String sql, int[] declared) {
        boolean any = false;
        String[] casts = new String[declared.length];
        for (int k = 0; k < declared.length; k++) {
            SqlType t = PgTypes.sqlType(declared[k]);
            // numeric without a precision is numeric(18, 0) in Redshift: its values are left for the engine to type
            if (t != null && !t.isDecimal()) {
                casts[k] = t.name();
                any = true;
            }
        }
        if (!any) {
            return null;
        }
        return PgSql.replaceParameters(sql, n -> n <= casts.length && casts[n - 1] != null
                ? "cast($" + n + " as " + casts[n - 1] + ")" : "$" + n);
    }

    private void bind(Message m) {
        String portalName = m.cstring();
        String statementName = m.cstring();
        int formatCount = m.int16();
        int[] formats = new int[formatCount];
        for (int i = 0; i < formatCount; i++) {
            formats[i] = m.int16();
        }
        int valueCount = m.int16();
        byte[][] values = new byte[valueCount][];
        for (int i = 0; i < valueCount; i++) {
            int len = m.int32();
            values[i] = len < 0 ? null : m.bytes(len);
        }
        int resultFormatCount = m.int16();
        int[] resultFormats = new int[resultFormatCount];
        for (int i = 0; i < resultFormatCount; i++) {
            resultFormats[i] = m.int16();
        }
        Statement s = statements.get(statementName);
        if (s == null) {
            throw new BlueshiftException(ErrorCode.INVALID_SQL_STATEMENT_NAME, statementName);
        }
        if (valueCount != s.parameterOids().length) {
            throw new BlueshiftException(ErrorCode.PROTOCOL_VIOLATION, "bind message supplies " + valueCount
                    + " parameters, but prepared statement \"" + statementName + "\" requires " + s.parameterOids().length);
        }
        if (formatCount > 1 && formatCount != valueCount) {
            throw new BlueshiftException(ErrorCode.PROTOCOL_VIOLATION, "bind message has " + formatCount
                    + " parameter formats but " + valueCount + " parameters");
        }
        if (!portalName.isEmpty() && portals.containsKey(portalName)) {
            throw new BlueshiftException(ErrorCode.DUPLICATE_CURSOR, portalName);
        }
        Object[] decoded = new Object[valueCount];
        for (int i = 0; i < valueCount; i++) {
            boolean binary = (formatCount == 1 ? formats[0] : formatCount == 0 ? 0 : formats[i]) == 1;
            decoded[i] = PgTypes.decode(values[i], binary, s.parameterOids()[i]);
        }
        List<Object> parameters = new ArrayList<>(s.order().length);
        for (int n : s.order()) {
            parameters.add(decoded[n - 1]);
        }
        int columns = s.columns().size();
        if (resultFormatCount > 1 && resultFormatCount != columns) {
            throw new BlueshiftException(ErrorCode.PROTOCOL_VIOLATION, "bind message has " + resultFormatCount
                    + " result formats but query has " + columns + " columns");
        }
        boolean[] binary = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            binary[c] = (resultFormatCount == 1 ? resultFormats[0] : resultFormatCount == 0 ? 0 : resultFormats[c]) == 1;
        }
        dropPortal(portalName);
        portals.put(portalName, new Portal(s, parameters, binary));
        out.begin('2').end();
    }

    private void describe(Message m) {
        char kind = (char) m.int8();
        String name = m.cstring();
        if (kind == 'S') {
            Statement s = statements.get(name);
            if (s == null) {
                throw new BlueshiftException(ErrorCode.INVALID_SQL_STATEMENT_NAME, name);
            }
            out.begin('t').int16(s.parameterOids().length);
            for (int oid : s.parameterOids()) {
                out.int32(oid);
            }
            out.end();
            if (s.columns().isEmpty()) {
                out.begin('n').end();
            } else {
                rowDescription(s.columns(), null);
            }
        } else if (kind == 'P') {
            Portal p = portals.get(name);
            if (p == null) {
                throw new BlueshiftException(ErrorCode.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
            }
            if (p.statement.columns().isEmpty()) {
                out.begin('n').end();
            } else {
                rowDescription(p.statement.columns(), p.binary);
            }
        } else {
            throw new BlueshiftException(ErrorCode.PROTOCOL_VIOLATION, "invalid DESCRIBE message subtype " + (int) kind);
        }
    }

    private void execute(Message m) throws IOException {
        String name = m.cstring();
        int maxRows = m.int32();
        Portal p = portals.get(name);
        if (p == null) {
            throw new BlueshiftException(ErrorCode.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
        }
        if (p.statement.empty()) {
            out.begin('I').end();
            return;
        }
        active(p.statement.sql());
        if (p.done) {
            commandComplete("SELECT 0");
            return;
        }
        try {
            if (p.result == null) {
                if (CopyCommand.run(this, p.statement.sql())) {
                    p.done = true;
                    return;
                }
                p.result = session.execute(p.statement.sql(), p.parameters);
                notices();
                if (!p.result.isQuery()) {
                    String tag = p.result.commandTag();
                    p.close();
                    afterStatement(tag);
                    commandComplete(tag);
                    reportParameters(false);
                    return;
                }
            }
            // a statement described before it ran (SHOW ...) may have columns its Describe did not know
            RowWriter writer = rowWriter(p.result.columns(),
                    p.binary.length == p.result.columns().size() ? p.binary : new boolean[p.result.columns().size()]);
            long sent = 0;
            while (maxRows <= 0 || sent < maxRows) {
                if (p.batch == null || p.position >= p.batch.liveCount()) {
                    p.batch = p.result.next();
                    p.position = 0;
                    if (p.batch == null) {
                        // the rows of this Execute, as Postgres counts them (FETCH and SHOW keep their own tags)
                        String tag = p.result.commandTag();
                        p.close();
                        commandComplete(tag.startsWith("SELECT ") ? "SELECT " + sent : tag);
                        return;
                    }
                }
                int take = (int) Math.min(p.batch.liveCount() - p.position, maxRows <= 0 ? Long.MAX_VALUE : maxRows - sent);
                writer.write(p.batch, p.position, p.position + take, out);
                p.position += take;
                sent += take;
            }
            out.begin('s').end();
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private void close(Message m) {
        char kind = (char) m.int8();
        String name = m.cstring();
        if (kind == 'S') {
            statements.remove(name);
        } else if (kind == 'P') {
            dropPortal(name);
        } else {
            throw new BlueshiftException(ErrorCode.PROTOCOL_VIOLATION, "invalid CLOSE message subtype " + (int) kind);
        }
        out.begin('3').end();
    }

    private void sync() throws IOException {
        skipToSync = false;
        if (!session.inTransaction()) {
            portals.values().forEach(Portal::close);
            portals.clear();
        }
        readyForQuery();
    }

    private void dropPortal(String name) {
        Portal old = portals.remove(name);
        if (old != null) {
            old.close();
        }
    }

    // ---- messages ----------------------------------------------------------------------------

    void rowDescription(List<ResultColumn> columns, boolean[] binary) {
        out.begin('T').int16(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            SqlType t = columns.get(c).type();
            ResultColumn.Origin origin = columns.get(c).origin();
            boolean userTable = origin != null && !origin.schema().equals("pg_catalog") && !origin.schema().equals("information_schema");
            out.cstring(columns.get(c).name()).int32(userTable ? PgOids.tableOid(origin.schema(), origin.table()) : 0)
                    .int16(userTable ? origin.column() : 0).int32(PgOids.typeOid(t)).int16(PgOids.typeLength(t))
                    .int32(PgOids.typeModifier(t)).int16(binary != null && binary[c] ? 1 : 0);
        }
        out.end();
    }

    static RowWriter rowWriter(List<ResultColumn> columns, boolean[] binary) {
        SqlType[] types = new SqlType[columns.size()];
        for (int c = 0; c < types.length; c++) {
            types[c] = columns.get(c).type();
        }
        return new RowWriter(types, binary == null ? new boolean[types.length] : binary);
    }

    void commandComplete(String tag) {
        out.begin('C').cstring(tag).end();
    }

    private void readyForQuery() throws IOException {
        char status = !session.inTransaction() ? 'I' : session.transactionFailed() ? 'E' : 'T';
        state = status == 'I' ? "idle" : status == 'T' ? "idle in transaction" : "idle in transaction (aborted)";
        stateChange = Instant.now();
        out.begin('Z').int8(status).end();
        out.flush();
    }

    /** Sends the NOTICEs the session's statements raised since the last call (NoticeResponse messages). */
    private void notices() {
        if (session == null) {
            return;
        }
        for (String message : session.takeNotices()) {
            out.begin('N').int8('S').cstring("NOTICE").int8('V').cstring("NOTICE").int8('C').cstring("00000")
                    .int8('M').cstring(message).int8(0).end();
        }
    }

    /** Sends an ErrorResponse; {@code offset} is where the failing statement starts in the query text. */
    void error(RuntimeException e, int offset) {
        notices();
        String state;
        String message;
        if (e instanceof BlueshiftException b) {
            state = b.sqlState();
            message = b.getMessage();
        } else {
            state = ErrorCode.INTERNAL_ERROR.sqlState();
            message = "internal error (this is a bug): " + e;
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            server.log().warning("connection " + pid + ": " + trace);
        }
        out.begin('E').int8('S').cstring("ERROR").int8('V').cstring("ERROR").int8('C').cstring(state).int8('M').cstring(message);
        if (e instanceof SqlPositionException p && p.position() > 0) {
            out.int8('P').cstring(Integer.toString(p.position() + offset));
        }
        if (e instanceof BlueshiftException b && b.detail() != null) {
            out.int8('D').cstring(b.detail());
        }
        if (e instanceof BlueshiftException b && b.hint() != null) {
            out.int8('H').cstring(b.hint());
        }
        out.int8(0).end();
    }

    /** Sends a FATAL ErrorResponse and flushes; the caller then ends the connection. */
    private void fatal(ErrorCode code, Object... args) throws IOException {
        String message = new BlueshiftException(code, args).getMessage();
        out.begin('E').int8('S').cstring("FATAL").int8('V').cstring("FATAL").int8('C').cstring(code.sqlState())
                .int8('M').cstring(message).int8(0).end();
        try {
            out.flush();
        } catch (IOException e) {
            // the client is gone already
        }
    }

    PgOutput output() {
        return out;
    }

    Session currentSession() {
        return session;
    }

    /** Reads the next message during COPY FROM STDIN or authentication: its type, body in {@code m}. */
    int readMessage(Message[] m) throws IOException {
        out.flush();
        int type = in.read();
        if (type < 0) {
            throw new EOFException();
        }
        int length = readInt();
        int limit = type == 'd' ? MAX_LARGE_MESSAGE : MAX_SMALL_MESSAGE;
        if (length < 4 || length - 4 > limit) {
            throw new ProtocolViolation("invalid message length");
        }
        m[0] = new Message(readBytes(length - 4));
        return type;
    }

    /** A broken frame that ends the connection. */
    static final class ProtocolViolation extends IOException {
        ProtocolViolation(String message) {
            super(message);
        }
    }

    private int readInt() throws IOException {
        int a = in.read();
        int b = in.read();
        int c = in.read();
        int d = in.read();
        if ((a | b | c | d) < 0) {
            throw new EOFException();
        }
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    private byte[] readBytes(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException();
        }
        return b;
    }

    /** A message body being read; running past its end is a 08P01 error. */
    static final class Message {
        private final byte[] body;
        private int pos;

        Message(byte[] body) {
            this.body = body;
        }

        private void need(int n) {
            if (n < 0 || pos + n > body.length) {
                throw new BlueshiftException(ErrorCode.PROTOCOL_VIOLATION, "invalid message format");
            }
        }

        int int8() {
            need(1);
            return body[pos++] & 0xFF;
        }

        int int16() {
            need(2);
            int v = ((body[pos] & 0xFF) << 8) | (body[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        int int32() {
            need(4);
            int v = ((body[pos] & 0xFF) << 24) | ((body[pos + 1] & 0xFF) << 16) | ((body[pos + 2] & 0xFF) << 8) | (body[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        byte[] bytes(int n) {
            need(n);
            byte[] b = Arrays.copyOfRange(body, pos, pos + n);
            pos += n;
            return b;
        }

        String cstring() {
            int end = pos;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            if (end >= body.length) {
                throw new BlueshiftException(ErrorCode.PROTOCOL_VIOLATION, "invalid string in message");
            }
            // query text, statement and portal names: checked as any text entering the engine (22021)
            String s = TextCheck.decode(body, pos, end);
            pos = end + 1;
            return s;
        }

        byte[] rest() {
            byte[] b = Arrays.copyOfRange(body, pos, body.length);
            pos = body.length;
            return b;
        }
    }
}
