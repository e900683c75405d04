package org.evcharging.bpp.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.evcharging.bpp.ocpp.CallFailure;
import org.evcharging.bpp.ocpp.Direction;
import org.evcharging.bpp.ocpp.ErrorCode;
import org.evcharging.bpp.ocpp.Frame;
import org.evcharging.bpp.ocpp.Frames;
import org.evcharging.bpp.ocpp.OcppSchemas;
import org.evcharging.bpp.ocpp.OcppVersion;
import org.evcharging.bpp.ocpp.OutgoingCalls;
import org.evcharging.bpp.ocpp.Parsed;
import org.evcharging.bpp.ocpp.Violation;

/**
 * One simulated charge point: it connects, boots, sends heartbeats and status notifications, starts a transaction when
 * the central system asks, meters it, stops it when asked or when the EV's battery is full, and obeys the test
 * controls (fault, unplug, offline, reject or ignore the next start). Everything it sends is held to the OCA schema
 * first, and everything it receives too.
 *
 * <p>
 * No thread of its own: its state is guarded by its lock, and it runs on whichever thread brings an event (a frame
 * from the {@link Transport}, a timer from the {@link Scheduler}, a control call), each handled quickly and without
 * blocking, so thousands share a few threads. Stale events of an earlier connection are recognised by their
 * {@link Link} and ignored.
 */
public final class SimulatedCharger {

    private static final Logger LOG = Logger.getLogger(SimulatedCharger.class.getName());
    /** How often the outstanding CALL's timeout is checked. */
    private static final Duration TICK = Duration.ofSeconds(1);
    /** The heartbeat or boot retry interval when the central system gives none (0). */
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(300);
    /** Boot, heartbeat and one outbox message at most are ever outstanding or waiting; room to spare. */
    private static final int MAX_QUEUED_CALLS = 16;

    private final ChargerSpec spec;
    private final FleetOptions options;
    private final Dialer dialer;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Dialect dialect;
    private final List<ConnectorState> connectors = new ArrayList<>();
    private final Outbox outbox = new Outbox();
    private final Traffic traffic = new Traffic();
    private final AtomicLong ownSchemaViolations = new AtomicLong();

    private ConnectionState connection = ConnectionState.DISCONNECTED;
    private BootStatus boot = BootStatus.NOT_BOOTED;
    private Link link;
    private boolean offline;
    private boolean stopped;
    private boolean rejectNextStart;
    private boolean ignoreNextStart;
    private Duration backoff;
    private Scheduler.Cancellable reconnectTimer;
    private Scheduler.Cancellable onlineTimer;

    SimulatedCharger(ChargerSpec spec, FleetOptions options, Dialer dialer, Scheduler scheduler, Clock clock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.options = Objects.requireNonNull(options, "options");
        this.dialer = Objects.requireNonNull(dialer, "dialer");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dialect = Dialect.of(spec.version());
        for (ConnectorSpec c : spec.connectors()) {
            connectors.add(new ConnectorState(connectors.size() + 1, c));
        }
    }

    // ---------------------------------------------------------------- observers

    public String id() {
        return spec.chargePointId();
    }

    public OcppVersion version() {
        return spec.version();
    }

    public ChargerSpec spec() {
        return spec;
    }

    public synchronized ConnectionState connectionState() {
        return connection;
    }

    /** The answer to this connection's BootNotification; {@link BootStatus#NOT_BOOTED} while none came. */
    public synchronized BootStatus bootStatus() {
        return boot;
    }

    public synchronized List<ConnectorView> connectors() {
        List<ConnectorView> views = new ArrayList<>();
        for (ConnectorState c : connectors) {
            views.add(view(c));
        }
        return views;
    }

    /** Connector {@code number} (from 1; 1.6: the connector id), with its transaction and meter. */
    public synchronized ConnectorView connector(int number) {
        return view(connectorState(number));
    }

    public synchronized ChargerView view() {
        return new ChargerView(id(), version().subprotocol(), connection, boot, connectors(), outbox.size());
    }

    /** How many CALLs of {@code action} this charger has sent (each attempt counts). */
    public long sentCalls(String action) {
        return traffic.sentCount(action);
    }

    /** How many CALLs of {@code action} the central system has sent this charger (invalid ones included). */
    public long receivedCalls(String action) {
        return traffic.receivedCount(action);
    }

    /** Completes with the next CALL of {@code action} this charger sends. */
    public CompletableFuture<Frame.Call> nextCallSent(String action) {
        return traffic.next(true, action);
    }

    /** Completes with the next CALL of {@code action} the central system sends, once the charger has handled it. */
    public CompletableFuture<Frame.Call> nextCallReceived(String action) {
        return traffic.next(false, action);
    }

    /** How many messages of its own the charger found breaking the schema: a bug in the simulator when not 0. */
    public long ownSchemaViolations() {
        return ownSchemaViolations.get();
    }

    /** Messages waiting to be sent: transaction messages queued offline, status notifications. */
    public synchronized int queuedMessages() {
        return outbox.size();
    }

    // ---------------------------------------------------------------- controls
    // A connector is named by its number in the charger, from 1 (1.6: its connector id); another is refused with
    // IllegalArgumentException.

    /** The connector faults: Faulted, and a running transaction ends (reason Other). */
    public synchronized void fault(int connector) {
        ConnectorState c = connectorState(connector);
        if (c.status == ConnectorStatus.FAULTED) {
            return;
        }
        setStatus(c, ConnectorStatus.FAULTED);
        endTransaction(c, StopReason.OTHER);
    }

    /** The fault is repaired: Available again. */
    public synchronized void clearFault(int connector) {
        ConnectorState c = connectorState(connector);
        if (c.status == ConnectorStatus.FAULTED) {
            setStatus(c, ConnectorStatus.AVAILABLE);
        }
    }

    /** The EV leaves: a running transaction ends (EVDisconnected) and the connector is Available. */
    public synchronized void unplug(int connector) {
        ConnectorState c = connectorState(connector);
        if (endTransaction(c, StopReason.EV_DISCONNECTED) && c.status != ConnectorStatus.FAULTED) {
            setStatus(c, ConnectorStatus.AVAILABLE);
        }
    }

    /** Loses the connection until {@link #online()}; transaction messages meanwhile are queued. */
    public void offline() {
        goOffline(null);
    }

    /** Loses the connection for {@code duration}, then reconnects by itself. */
    public void offline(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("an offline duration must be positive");
        }
        goOffline(duration);
    }

    /** Reconnects after {@link #offline}: a new BootNotification, then the queued messages in order. */
    public synchronized void online() {
        if (!offline || stopped) {
            return;
        }
        offline = false;
        cancel(onlineTimer);
        backoff = null;
        connection = ConnectionState.DISCONNECTED;
        connect();
    }

    /** The next RemoteStartTransaction / RequestStartTransaction is answered Rejected. */
    public synchronized void rejectNextStart() {
        rejectNextStart = true;
    }

    /** The next start is answered Accepted but no transaction starts. */
    public synchronized void ignoreNextStart() {
        ignoreNextStart = true;
    }

    // ---------------------------------------------------------------- lifecycle

    synchronized void start() {
        connect();
    }

    /** The fleet closes: the connection and every timer end, for good. */
    synchronized void stop() {
        stopped = true;
        cancel(reconnectTimer);
        cancel(onlineTimer);
        for (ConnectorState c : connectors) {
            if (c.transaction != null) {
                c.transaction.cancelTimers();
            }
        }
        Link l = link;
        if (l != null) {
            drop(l, "the simulator stopped");
            if (l.transport != null) {
                l.transport.close();
            }
        }
    }

    private synchronized void goOffline(Duration duration) {
        if (stopped) {
            return;
        }
        offline = true;
        cancel(reconnectTimer);
        cancel(onlineTimer);
        Link l = link;
        if (l != null) {
            drop(l, "taken offline");
            if (l.transport != null) {
                l.transport.close();
            }
        }
        connection = ConnectionState.OFFLINE;
        if (duration != null) {
            onlineTimer = after(duration, this::online);
        }
    }

    private void connect() {
        if (stopped || offline || link != null) {
            return;
        }
        Link l = new Link();
        link = l;
        connection = ConnectionState.CONNECTING;
        CompletableFuture<Transport> dialed;
        try {
            dialed = dialer.connect(spec, l);
        } catch (RuntimeException e) {
            dialed = CompletableFuture.failedFuture(e);
        }
        dialed.whenComplete((transport, failure) -> opened(l, transport, failure));
    }

    private synchronized void opened(Link l, Transport transport, Throwable failure) {
        if (l != link) {
            if (transport != null) {
                transport.close();
            }
            return;
        }
        if (failure != null) {
            Throwable cause = unwrap(failure);
            LOG.info(() -> id() + " cannot connect: " + cause.getClass().getSimpleName() + " "
                    + LogText.safe(cause.getMessage()));
            link = null;
            connection = ConnectionState.DISCONNECTED;
            scheduleReconnect();
            return;
        }
        l.transport = transport;
        l.calls = new OutgoingCalls(spec.version(), frame -> {
            traffic.sent(frame);
            transport.send(Frames.write(frame));
        }, clock, MAX_QUEUED_CALLS);
        connection = ConnectionState.CONNECTED;
        l.ticker = new Repeating(TICK, l.calls::tick).start();
        sendBoot(l);
    }

    private synchronized void closed(Link l, String reason) {
        if (l != link) {
            return;
        }
        LOG.info(() -> id() + " lost its connection: " + LogText.safe(reason));
        drop(l, reason);
        scheduleReconnect();
    }

    /** Forgets the connection {@code l}: its calls fail, its timers stop, live-only messages are dropped. */
    private void drop(Link l, String reason) {
        link = null;
        boot = BootStatus.NOT_BOOTED;
        connection = ConnectionState.DISCONNECTED;
        l.cancelTimers();
        outbox.disconnected();
        if (l.calls != null) {
            l.calls.close(reason);
        }
    }

    /** Waits longer after each failure (doubling up to the maximum), spread a little per charger. */
    private void scheduleReconnect() {
        if (stopped || offline) {
            return;
        }
        Duration delay = backoff == null ? options.reconnectInitial() : backoff;
        Duration doubled = delay.multipliedBy(2);
        backoff = doubled.compareTo(options.reconnectMax()) > 0 ? options.reconnectMax() : doubled;
        long spreadMillis = delay.toMillis() * Math.floorMod(id().hashCode(), 250) / 1000;
        reconnectTimer = after(delay.plusMillis(spreadMillis), this::connect);
    }

    // ---------------------------------------------------------------- boot and heartbeat

    private void sendBoot(Link l) {
        call(l, "BootNotification", dialect.bootNotification(options))
                .whenComplete((answer, failure) -> bootAnswered(l, answer, failure));
    }

    private synchronized void bootAnswered(Link l, ObjectNode answer, Throwable failure) {
        if (l != link) {
            return;
        }
        if (failure != null) {
            if (!unanswered(l, failure)) {
                LOG.warning(() -> id() + " BootNotification failed: " + LogText.safe(unwrap(failure).getMessage()));
                l.bootRetry = after(options.reconnectInitial(), () -> retryBoot(l));
            }
            return;
        }
        int seconds = answer.path("interval").asInt();
        Duration interval = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_INTERVAL;
        switch (answer.path("status").asText()) {
            case "Accepted" -> {
                boot = BootStatus.ACCEPTED;
                backoff = null;
                l.heartbeat = new Repeating(interval, () -> heartbeat(l)).start();
                reportAllStatuses();
                pump();
            }
            case "Pending" -> {
                boot = BootStatus.PENDING;
                l.bootRetry = after(interval, () -> retryBoot(l));
            }
            default -> {
                boot = BootStatus.REJECTED;
                l.bootRetry = after(interval, () -> retryBoot(l));
            }
        }
    }

    private void retryBoot(Link l) {
        if (l == link) {
            sendBoot(l);
        }
    }

    private void heartbeat(Link l) {
        if (l == link && boot == BootStatus.ACCEPTED) {
            call(l, "Heartbeat", Json.object()).whenComplete((answer, failure) -> {
                if (failure != null) {
                    unanswered(l, failure);
                }
            });
        }
    }

    /**
     * A CALL went unanswered for the whole call timeout: the connection is taken for dead, closed and made anew, as
     * chargers do. Besides a silent central system, this catches a TCP connection that ended without the WebSocket
     * client noticing (the JDK 17 client can miss an EOF that arrives while it delivers a message). True when it was
     * a timeout.
     */
    private synchronized boolean unanswered(Link l, Throwable failure) {
        if (!(unwrap(failure) instanceof CallFailure f) || f.kind() != CallFailure.Kind.TIMEOUT) {
            return false;
        }
        if (l == link) {
            LOG.info(() -> id() + ": " + f.action() + " unanswered within " + options.callTimeout()
                    + ", reconnecting");
            drop(l, "no answer within the call timeout");
            l.transport.close();
            scheduleReconnect();
        }
        return true;
    }

    // ---------------------------------------------------------------- status

    private void setStatus(ConnectorState c, ConnectorStatus status) {
        ConnectorStatus before = c.status;
        c.status = status;
        if (!dialect.wireStatus(before).equals(dialect.wireStatus(status))) {
            reportStatus(c);
        }
    }

    /** Sends the connector's status now; offline it is dropped, since every boot reports the current one. */
    private void reportStatus(ConnectorState c) {
        if (!isLive()) {
            return;
        }
        ConnectorStatus status = c.status;
        Instant at = clock.instant();
        outbox.add(new Outbox.Entry("StatusNotification", false,
                () -> Optional.of(dialect.statusNotification(c.spec, status, at)), answer -> {
                }, () -> {
                }));
        pump();
    }

    private void reportAllStatuses() {
        for (ObjectNode status : dialect.chargerStatus(clock.instant())) {
            outbox.add(new Outbox.Entry("StatusNotification", false, () -> Optional.of(status), answer -> {
            }, () -> {
            }));
        }
        for (ConnectorState c : connectors) {
            reportStatus(c);
        }
    }

    private boolean isLive() {
        return link != null && boot == BootStatus.ACCEPTED;
    }

    // ---------------------------------------------------------------- transactions

    private void beginTransaction(ConnectorState c, Incoming.RemoteStart start) {
        Instant now = clock.instant();
        setStatus(c, ConnectorStatus.PREPARING);
        MeterModel meter = new MeterModel(now, c.registerWh, c.spec.powerKw(), options, c.spec.reportsSoc());
        MeterSample begin = meter.sample(now);
        SimTransaction tx = new SimTransaction(c, start.idToken(), start.remoteStartId(), dialect.newTransactionId(),
                meter, begin);
        c.transaction = tx;
        enqueueTransaction(tx, TransactionPhase.STARTED, begin, null);
        tx.meterTimer = new Repeating(options.meterInterval(), () -> meterTick(tx)).start();
        tx.fullTimer = after(meter.untilFull(), () -> batteryFull(tx));
    }

    private void meterTick(SimTransaction tx) {
        if (tx.connector.transaction == tx) {
            enqueueTransaction(tx, TransactionPhase.UPDATED, tx.meter.sample(clock.instant()), null);
        }
    }

    private void batteryFull(SimTransaction tx) {
        ConnectorState c = tx.connector;
        if (c.transaction != tx) {
            return;
        }
        setStatus(c, ConnectorStatus.SUSPENDED_EV);
        endTransaction(c, StopReason.EV_DISCONNECTED);
        setStatus(c, ConnectorStatus.AVAILABLE);
    }

    /** Ends the connector's transaction, if one runs, with the meter now; the caller sets the status after. */
    private boolean endTransaction(ConnectorState c, StopReason reason) {
        SimTransaction tx = c.transaction;
        if (tx == null) {
            return false;
        }
        tx.cancelTimers();
        c.transaction = null;
        MeterSample end = tx.meter.sample(clock.instant());
        c.registerWh = end.registerWh();
        enqueueTransaction(tx, TransactionPhase.ENDED, end, reason);
        return true;
    }

    private void enqueueTransaction(SimTransaction tx, TransactionPhase phase, MeterSample sample,
            StopReason reason) {
        boolean happenedOffline = !isLive();
        outbox.add(new Outbox.Entry(dialect.transactionAction(phase), true,
                () -> dialect.transactionMessage(tx, phase, sample, reason, happenedOffline),
                answer -> transactionAnswered(tx, phase, answer), () -> transactionRefused(tx, phase)));
        pump();
    }

    private void transactionAnswered(SimTransaction tx, TransactionPhase phase, ObjectNode answer) {
        Optional<String> authorization = dialect.takeAnswer(tx, phase, answer);
        ConnectorState c = tx.connector;
        if (c.transaction != tx) {
            return;
        }
        if (authorization.isPresent() && !authorization.get().equals("Accepted")) {
            LOG.info(() -> id() + " connector " + c.number + ": id not accepted ("
                    + LogText.safe(authorization.get()) + "), stopping");
            endTransaction(c, StopReason.DEAUTHORIZED);
            setStatus(c, ConnectorStatus.FINISHING);
            setStatus(c, ConnectorStatus.AVAILABLE);
        } else if (phase == TransactionPhase.STARTED) {
            setStatus(c, ConnectorStatus.CHARGING);
        }
    }

    /** The central system refused the start for good: the charger cannot go on with a transaction it denies. */
    private void transactionRefused(SimTransaction tx, TransactionPhase phase) {
        ConnectorState c = tx.connector;
        if (phase == TransactionPhase.STARTED && c.transaction == tx) {
            endTransaction(c, StopReason.DEAUTHORIZED);
            setStatus(c, ConnectorStatus.FINISHING);
            setStatus(c, ConnectorStatus.AVAILABLE);
        }
    }

    // ---------------------------------------------------------------- sending

    /** Sends the outbox's next message when booted and none is in flight. */
    private void pump() {
        Link l = link;
        while (l != null && boot == BootStatus.ACCEPTED) {
            Outbox.Entry entry = outbox.next();
            if (entry == null) {
                return;
            }
            Optional<ObjectNode> payload = entry.payload();
            if (payload.isEmpty()) {
                outbox.done(entry);
                LOG.warning(() -> id() + " drops a " + entry.action + " of a transaction the central system never"
                        + " numbered");
                continue;
            }
            outbox.sending(entry);
            call(l, entry.action, payload.get()).whenComplete((answer, failure) -> sent(l, entry, answer, failure));
            return;
        }
    }

    private synchronized void sent(Link l, Outbox.Entry entry, ObjectNode answer, Throwable failure) {
        if (failure == null) {
            outbox.done(entry);
            entry.onAnswer.accept(answer);
        } else {
            Throwable cause = unwrap(failure);
            CallFailure.Kind kind = cause instanceof CallFailure f ? f.kind() : null;
            if (entry.transactional && (kind == CallFailure.Kind.TIMEOUT || kind == CallFailure.Kind.CLOSED)) {
                outbox.retry(entry);
            } else {
                outbox.done(entry);
                LOG.warning(() -> id() + " " + entry.action + " failed: " + LogText.safe(cause.getMessage()));
                entry.onFailure.run();
            }
            if (unanswered(l, failure)) {
                return;
            }
        }
        if (l == link) {
            pump();
        }
    }

    private CompletableFuture<ObjectNode> call(Link l, String action, ObjectNode payload) {
        try {
            return l.calls.call(action, payload, options.callTimeout());
        } catch (IllegalArgumentException schemaBug) {
            ownSchemaViolation(schemaBug.getMessage());
            return CompletableFuture.failedFuture(schemaBug);
        } catch (RejectedExecutionException full) {
            LOG.warning(() -> id() + " " + action + " not sent: " + full.getMessage());
            return CompletableFuture.failedFuture(full);
        }
    }

    private void ownSchemaViolation(String detail) {
        ownSchemaViolations.incrementAndGet();
        LOG.severe(() -> id() + " BUG, a message of ours breaks the OCA schema: " + detail);
    }

    // ---------------------------------------------------------------- receiving

    private synchronized void received(Link l, String text) {
        if (l != link || l.calls == null) {
            return;
        }
        Parsed parsed = Frames.parse(text, spec.version());
        if (parsed instanceof Parsed.Rejected rejected) {
            LOG.warning(() -> id() + " received a malformed frame: " + rejected.reason());
            rejected.answer().ifPresent(error -> write(l, error));
            return;
        }
        Frame frame = ((Parsed.Message) parsed).frame();
        if (frame instanceof Frame.CallResult result) {
            if (!l.calls.onResult(result)) {
                LOG.fine(() -> id() + " received an answer to no outstanding CALL");
            }
        } else if (frame instanceof Frame.CallError error) {
            if (!l.calls.onError(error)) {
                LOG.fine(() -> id() + " received a CALLERROR to no outstanding CALL");
            }
        } else if (frame instanceof Frame.Call call) {
            receivedCall(l, call);
            traffic.received(call);
        }
    }

    private void receivedCall(Link l, Frame.Call call) {
        List<Violation> violations = OcppSchemas.validate(spec.version(), call.action(), Direction.REQUEST,
                call.payload());
        if (!violations.isEmpty()) {
            LOG.warning(() -> id() + " refused an invalid " + LogText.safe(call.action()) + ": "
                    + violations.get(0).code().name());
            write(l, Violation.answer(call.messageId(), violations));
            return;
        }
        Incoming incoming = dialect.interpret(call);
        if (incoming instanceof Incoming.RemoteStart start) {
            remoteStart(l, call, start);
        } else if (incoming instanceof Incoming.RemoteStop stop) {
            remoteStop(l, call, stop);
        } else if (incoming instanceof Incoming.ChangeAvailability change) {
            changeAvailability(l, call, change);
        } else if (incoming instanceof Incoming.Reset) {
            reset(l, call);
        } else if (incoming instanceof Incoming.Trigger trigger) {
            trigger(l, call, trigger);
        } else {
            write(l, new Frame.CallError(call.messageId(), dialect.notSupported(),
                    "the charger simulator does not implement this action"));
        }
    }

    private void remoteStart(Link l, Frame.Call call, Incoming.RemoteStart start) {
        ConnectorState c = firstAvailable(start.evseId());
        boolean accepted = !rejectNextStart && c != null;
        rejectNextStart = false;
        boolean ignored = accepted && ignoreNextStart;
        if (ignored) {
            ignoreNextStart = false;
        }
        answer(l, call, dialect.startAnswer(accepted));
        if (accepted && !ignored) {
            beginTransaction(c, start);
        }
    }

    private void remoteStop(Link l, Frame.Call call, Incoming.RemoteStop stop) {
        ConnectorState c = connectors.stream()
                .filter(x -> x.transaction != null && stop.transactionId().equals(x.transaction.transactionId()))
                .findFirst()
                .orElse(null);
        answer(l, call, dialect.stopAnswer(c != null));
        if (c != null) {
            endTransaction(c, StopReason.REMOTE);
            setStatus(c, ConnectorStatus.FINISHING);
            setStatus(c, ConnectorStatus.AVAILABLE);
        }
    }

    /**
     * Out of service (Unavailable) or back (Available), for one EVSE or the whole charger. A connector that is charging
     * changes once its transaction ends: Scheduled; a faulted one stays Faulted.
     */
    private void changeAvailability(Link l, Frame.Call call, Incoming.ChangeAvailability change) {
        List<ConnectorState> targets = connectors.stream()
                .filter(c -> change.evseId() == null || change.evseId() == 0 || c.spec.evseId() == change.evseId())
                .toList();
        if (targets.isEmpty()) {
            answer(l, call, Json.object().put("status", "Rejected"));
            return;
        }
        boolean busy = targets.stream().anyMatch(c -> c.transaction != null);
        answer(l, call, Json.object().put("status", busy && !change.operative() ? "Scheduled" : "Accepted"));
        for (ConnectorState c : targets) {
            if (c.transaction != null || c.status == ConnectorStatus.FAULTED) {
                continue;
            }
            setStatus(c, change.operative() ? ConnectorStatus.AVAILABLE : ConnectorStatus.UNAVAILABLE);
        }
    }

    /** Rejected while a transaction runs; otherwise Accepted, then the charger reboots: reconnects and boots. */
    private void reset(Link l, Frame.Call call) {
        boolean busy = connectors.stream().anyMatch(c -> c.transaction != null);
        answer(l, call, Json.object().put("status", busy ? "Rejected" : "Accepted"));
        if (!busy) {
            after(Duration.ofMillis(200), () -> goOffline(Duration.ofSeconds(1)));
        }
    }

    /** Sends the requested message now; MeterValues or TransactionEvent only while a transaction runs on the EVSE. */
    private void trigger(Link l, Frame.Call call, Incoming.Trigger trigger) {
        List<ConnectorState> targets = connectors.stream()
                .filter(c -> trigger.evseId() == null || trigger.evseId() == 0 || c.spec.evseId() == trigger.evseId())
                .toList();
        switch (trigger.message()) {
            case "Heartbeat" -> {
                answer(l, call, Json.object().put("status", "Accepted"));
                heartbeat(l);
            }
            case "StatusNotification" -> {
                answer(l, call, Json.object().put("status", targets.isEmpty() ? "Rejected" : "Accepted"));
                targets.forEach(this::reportStatus);
            }
            case "BootNotification" -> {
                answer(l, call, Json.object().put("status", "Accepted"));
                sendBoot(l);
            }
            // a reading of the running transactions: MeterValues (1.6), TransactionEvent (2.0.1)
            case "MeterValues", "TransactionEvent" -> {
                List<SimTransaction> running = targets.stream().map(c -> c.transaction).filter(t -> t != null)
                        .toList();
                answer(l, call, Json.object().put("status", running.isEmpty() ? "Rejected" : "Accepted"));
                running.forEach(this::meterTick);
            }
            default -> answer(l, call, Json.object().put("status", "NotImplemented"));
        }
    }

    /** The first free connector of EVSE {@code evseId} (1.6: connector), or of any when null. */
    private ConnectorState firstAvailable(Integer evseId) {
        return connectors.stream()
                .filter(c -> evseId == null || c.spec.evseId() == evseId)
                .filter(c -> c.status == ConnectorStatus.AVAILABLE && c.transaction == null)
                .findFirst()
                .orElse(null);
    }

    /** Answers the central system's CALL, after holding the answer to the response schema. */
    private void answer(Link l, Frame.Call call, ObjectNode payload) {
        List<Violation> violations = OcppSchemas.validate(spec.version(), call.action(), Direction.RESPONSE,
                payload);
        if (!violations.isEmpty()) {
            ownSchemaViolation(call.action() + " response: " + violations.get(0).path() + " "
                    + violations.get(0).description());
            write(l, new Frame.CallError(call.messageId(), internalError(), "the simulator failed to answer"));
            return;
        }
        write(l, new Frame.CallResult(call.messageId(), payload));
    }

    private ErrorCode internalError() {
        return spec.version() == OcppVersion.OCPP_1_6 ? ErrorCode.V16.InternalError : ErrorCode.V201.InternalError;
    }

    private void write(Link l, Frame frame) {
        l.transport.send(Frames.write(frame));
    }

    // ---------------------------------------------------------------- helpers

    private ConnectorState connectorState(int number) {
        if (number < 1 || number > connectors.size()) {
            throw new IllegalArgumentException("no connector " + number);
        }
        return connectors.get(number - 1);
    }

    private ConnectorView view(ConnectorState c) {
        SimTransaction tx = c.transaction;
        if (tx == null) {
            return new ConnectorView(c.number, c.spec.evseId(), c.spec.connectorId(), dialect.wireStatus(c.status),
                    null, false, c.registerWh, -1);
        }
        MeterSample now = tx.meter.sample(clock.instant());
        return new ConnectorView(c.number, c.spec.evseId(), c.spec.connectorId(), dialect.wireStatus(c.status),
                tx.transactionId(), true, now.registerWh(), now.socPercent());
    }

    /** A one-shot timer whose task runs under this charger's lock. */
    private Scheduler.Cancellable after(Duration delay, Runnable task) {
        return scheduler.schedule(delay, () -> {
            synchronized (this) {
                task.run();
            }
        });
    }

    private static void cancel(Scheduler.Cancellable timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    @Override
    public String toString() {
        return "SimulatedCharger[" + id() + "]";
    }

    /** A timer that fires every period under this charger's lock, rescheduling itself, until cancelled. */
    private final class Repeating implements Scheduler.Cancellable {

        private final Duration period;
        private final Runnable task;
        private Scheduler.Cancellable next;
        private boolean cancelled;

        Repeating(Duration period, Runnable task) {
            this.period = period;
            this.task = task;
        }

        Repeating start() {
            next = scheduler.schedule(period, this::fire);
            return this;
        }

        private void fire() {
            synchronized (SimulatedCharger.this) {
                if (cancelled) {
                    return;
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, id() + " timer task failed", e);
                }
                if (!cancelled) {
                    next = scheduler.schedule(period, this::fire);
                }
            }
        }

        @Override
        public void cancel() {
            synchronized (SimulatedCharger.this) {
                cancelled = true;
                SimulatedCharger.cancel(next);
            }
        }
    }

    /**
     * One connection attempt and, once open, its CALLs and timers. Events carry their link, so those of a connection
     * already given up are told apart and ignored.
     */
    private final class Link implements Transport.Listener {

        Transport transport;
        OutgoingCalls calls;
        Scheduler.Cancellable ticker;
        Scheduler.Cancellable heartbeat;
        Scheduler.Cancellable bootRetry;

        @Override
        public void onText(String text) {
            received(this, text);
        }

        @Override
        public void onClosed(String reason) {
            closed(this, reason);
        }

        void cancelTimers() {
            cancel(ticker);
            cancel(heartbeat);
            cancel(bootRetry);
        }
    }
}
