package org.parley.msrp.comedia.testing;

import gov.nist.javax.sip.SipProviderImpl;
import org.parley.msrp.comedia.Slf4jStackLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.Transaction;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A SIP user agent for tests: one real JAIN-SIP (NIST) stack listening on 127.0.0.1, on a free port, over UDP or TCP,
 * with helpers that make a call flow a few lines long, and queues of the events it receives so that a test waits for
 * them instead of sleeping.
 *
 * <p>The agent registers a single {@link SipListener} with its provider. That listener first hands every event to a
 * replaceable delegate ({@link #setDelegate}), which is where a test puts the code under test, then records it: the
 * {@code await...} methods return events whose delegate call has completed. All of this runs on the stack's event
 * thread, one event at a time, in order of arrival (the stack is not re-entrant): a delegate must not block, or the
 * agent stops receiving. The delegate may send messages, including through this agent's helpers.
 *
 * <p>The stack has automatic dialog support on, so the stack creates dialogs for INVITE transactions, moves them to
 * CONFIRMED on a 2xx and to TERMINATED on a BYE's 2xx, and then delivers a {@link DialogTerminatedEvent} at once (the
 * "linger" delay that it would wait first, 8 seconds by default, is set to 0). The stack does not send the ACK of a
 * 2xx: call {@link #sendAck}.
 *
 * <p>The helpers throw {@link IllegalStateException} (naming the agent, with the JAIN-SIP exception as the cause) when
 * the stack refuses an operation, and {@link AssertionError} when an awaited event does not arrive, with the agent's
 * {@linkplain #history() history} in the message. They may be called from any thread, the delegate included.
 */
public final class SipTestAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipTestAgent.class);

    private static final AtomicInteger STACK_NUMBER = new AtomicInteger();

    private static final int BIND_ATTEMPTS = 10;

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final SipListener IGNORE_EVENTS = new SipListenerAdapter();

    private final String user;
    private final String transport;
    private final SipStack stack;
    private final ListeningPoint listeningPoint;
    private final SipProvider provider;
    private final AddressFactory addressFactory;
    private final HeaderFactory headerFactory;
    private final MessageFactory messageFactory;
    private final Dispatcher dispatcher = new Dispatcher();

    private volatile SipListener delegate = IGNORE_EVENTS;
    private final Map<String, BlockingQueue<RequestEvent>> requests = new ConcurrentHashMap<>();
    private final Map<String, BlockingQueue<ResponseEvent>> responses = new ConcurrentHashMap<>();
    private final BlockingQueue<DialogTerminatedEvent> terminatedDialogs = new LinkedBlockingQueue<>();
    private final Map<RequestEvent, ServerTransaction> serverTransactions = new ConcurrentHashMap<>();
    private final Set<String> arrivals = ConcurrentHashMap.newKeySet();
    private final List<String> history = new CopyOnWriteArrayList<>();
    private final List<Throwable> delegateFailures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private SipTestAgent(String user, String transport, SipStack stack, ListeningPoint listeningPoint,
                         SipProvider provider, SipFactory factory) throws Exception {
        this.user = user;
        this.transport = transport;
        this.stack = stack;
        this.listeningPoint = listeningPoint;
        this.provider = provider;
        this.addressFactory = factory.createAddressFactory();
        this.headerFactory = factory.createHeaderFactory();
        this.messageFactory = factory.createMessageFactory();
    }

    /**
     * Starts an agent: creates a stack, binds it to a free port on 127.0.0.1 and registers the agent's listener.
     *
     * @param user      the user part of the agent's SIP URI, also part of the stack's name
     * @param transport "udp" or "tcp"
     * @return the running agent; close it
     * @throws IllegalStateException if the stack cannot be created or bound
     */
    public static SipTestAgent start(String user, String transport) {
        String checkedTransport = LocalPorts.checkTransport(transport);
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        SipStack stack = sip(user, "creating the SIP stack", () -> factory.createSipStack(stackProperties(user)));
        try {
            ListeningPoint listeningPoint = bindFreePort(stack, checkedTransport);
            SipProvider provider = stack.createSipProvider(listeningPoint);
            SipTestAgent agent = new SipTestAgent(user, checkedTransport, stack, listeningPoint, provider, factory);
            provider.addSipListener(agent.dispatcher);
            LOG.debug("{} started", agent);
            return agent;
        } catch (Exception e) {
            stack.stop();
            throw e instanceof RuntimeException runtime
                    ? runtime : new IllegalStateException(user + ": starting the SIP stack failed", e);
        }
    }

    /**
     * The stack's configuration. There is deliberately no {@code javax.sip.IP_ADDRESS}: with it, {@link SipFactory}
     * would return the stack already created for that address instead of a new one, and every agent on 127.0.0.1
     * would share one stack. {@link SipFactory} keeps every stack it created by name, hence a unique name each time.
     */
    private static Properties stackProperties(String user) {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "parley-test-" + user + "-" + STACK_NUMBER.incrementAndGet());
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        // The default stack logger needs log4j, which jain-sip-ri only declares as "provided".
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        // Seconds between a dialog's termination and its DialogTerminatedEvent (also how long terminated
        // transactions and their TCP connections linger). A static field in the stack: the last stack created sets
        // it for the whole JVM.
        properties.setProperty("gov.nist.javax.sip.LINGER_TIMER", "0");
        return properties;
    }

    /**
     * The stack does not bind port 0 to an ephemeral port (it would then announce port 0 in its Via headers), so a
     * free port is looked up first; another process may take it in between, hence the retries.
     */
    private static ListeningPoint bindFreePort(SipStack stack, String transport) throws Exception {
        InvalidArgumentException lastFailure = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            try {
                return stack.createListeningPoint(LocalPorts.LOOPBACK, LocalPorts.free(transport), transport);
            } catch (InvalidArgumentException e) {
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    /**
     * Replaces the listener that receives every event before the agent records it. It is called on the stack's event
     * thread and must not block. What it throws is caught, logged and kept in {@link #delegateFailures()}.
     *
     * @param delegate the new delegate; {@code null} ignores events again
     */
    public void setDelegate(SipListener delegate) {
        this.delegate = delegate == null ? IGNORE_EVENTS : delegate;
    }

    /** @return what the delegate threw so far, oldest first */
    public List<Throwable> delegateFailures() {
        return List.copyOf(delegateFailures);
    }

    /** @return one line per message this agent sent through its helpers and per event it received, oldest first */
    public List<String> history() {
        return List.copyOf(history);
    }

    /** @return the agent's provider, bound to its one listening point */
    public SipProvider provider() {
        return provider;
    }

    /** @return the agent's stack */
    public SipStack stack() {
        return stack;
    }

    /** @return the NIST address factory */
    public AddressFactory addressFactory() {
        return addressFactory;
    }

    /** @return the NIST header factory */
    public HeaderFactory headerFactory() {
        return headerFactory;
    }

    /** @return the NIST message factory */
    public MessageFactory messageFactory() {
        return messageFactory;
    }

    /** @return the port the agent listens on, at 127.0.0.1 */
    public int port() {
        return listeningPoint.getPort();
    }

    /** @return "udp" or "tcp" */
    public String transport() {
        return transport;
    }

    /** @return the agent's own URI, {@code sip:user@127.0.0.1:port;transport=...}, the one in its Contact */
    public SipURI uri() {
        return sipUri(user, port());
    }

    /**
     * Builds the URI of a peer on 127.0.0.1 reached over this agent's transport, for instance a SIPp process.
     *
     * @param peerUser the user part
     * @param peerPort the peer's port
     * @return {@code sip:peerUser@127.0.0.1:peerPort;transport=...}; the transport parameter is what makes the stack
     *         send over TCP
     */
    public SipURI sipUri(String peerUser, int peerPort) {
        return sip(user, "building a SIP URI", () -> {
            SipURI uri = addressFactory.createSipURI(peerUser, LocalPorts.LOOPBACK);
            uri.setPort(peerPort);
            uri.setTransportParam(transport);
            return uri;
        });
    }

    /**
     * Builds an INVITE from this agent to another one; see {@link #newInvite(SipURI, String, byte[])}.
     *
     * @param callee      the agent to call, on the same transport
     * @param contentType the body's type, e.g. "application/sdp"; ignored without a body
     * @param body        the body, or {@code null} for none
     * @return the request, to be sent with {@link #sendRequest}
     */
    public Request newInvite(SipTestAgent callee, String contentType, byte[] body) {
        return newInvite(callee.uri(), contentType, body);
    }

    /**
     * Builds a dialog-creating INVITE: Request-URI and To are the target; From is this agent with a fresh tag; a new
     * Call-ID; CSeq 1; Max-Forwards 70; a Via for this agent's transport, whose branch the stack fills in when the
     * client transaction is created; a Contact with this agent's URI.
     *
     * @param target      the callee's URI; its transport parameter selects the transport
     * @param contentType the body's type, e.g. "application/sdp"; ignored without a body
     * @param body        the body, or {@code null} for none
     * @return the request, to be sent with {@link #sendRequest}
     */
    public Request newInvite(SipURI target, String contentType, byte[] body) {
        return sip(user, "building an INVITE", () -> {
            Address from = addressFactory.createAddress(uri());
            Request invite = messageFactory.createRequest(
                    target,
                    Request.INVITE,
                    provider.getNewCallId(),
                    headerFactory.createCSeqHeader(1L, Request.INVITE),
                    headerFactory.createFromHeader(from, newTag()),
                    headerFactory.createToHeader(addressFactory.createAddress(target), null),
                    new ArrayList<>(List.of(headerFactory.createViaHeader(
                            LocalPorts.LOOPBACK, port(), transport, null))),
                    headerFactory.createMaxForwardsHeader(70));
            invite.setHeader(contact());
            if (body != null) {
                invite.setContent(body, contentType(contentType));
            }
            return invite;
        });
    }

    /**
     * Sends a request outside any dialog in a new client transaction; with automatic dialog support an INVITE's
     * transaction gets a dialog, {@link ClientTransaction#getDialog()}.
     *
     * @param request the request, for instance from {@link #newInvite}
     * @return the transaction
     */
    public ClientTransaction sendRequest(Request request) {
        return sendRequest(request, transaction -> { });
    }

    /**
     * Sends a request outside any dialog in a new client transaction, letting {@code beforeSending} change it first
     * (as a dialog binder puts its SDP offer into an INVITE).
     *
     * @param request the request
     * @param beforeSending called with the new transaction before it is sent
     * @return the transaction
     */
    public ClientTransaction sendRequest(Request request, Consumer<ClientTransaction> beforeSending) {
        return sip(user, "sending " + request.getMethod(), () -> {
            ClientTransaction transaction = provider.getNewClientTransaction(request);
            beforeSending.accept(transaction);
            transaction.sendRequest();
            history.add("sent " + request.getMethod());
            return transaction;
        });
    }

    /**
     * Returns the server transaction of a received request: the event's own if the stack had one, else the one this
     * agent created earlier for the event, else a new one ({@link SipProvider#getNewServerTransaction}). For a request
     * that creates a dialog, {@link ServerTransaction#getDialog()} is then the UAS side of the dialog. Not for ACK,
     * which has no transaction. If the delegate already created the transaction, it must also answer the request.
     *
     * @param event a request received by this agent
     * @return the transaction
     */
    public ServerTransaction serverTransaction(RequestEvent event) {
        if (event.getServerTransaction() != null) {
            return event.getServerTransaction();
        }
        return serverTransactions.computeIfAbsent(event, e -> sip(user, "creating a server transaction",
                () -> provider.getNewServerTransaction(e.getRequest())));
    }

    /**
     * Answers a received request in its {@linkplain #serverTransaction server transaction}. A response other than
     * 100 gets a To tag if the request had none (the dialog's local tag once there is one, so that a 180 and the 200
     * after it agree) and, for an INVITE, this agent's Contact.
     *
     * @param event   the request, as received
     * @param status  the status code
     * @param sdp     an "application/sdp" body, or {@code null} for none
     * @return the response sent
     */
    public Response answer(RequestEvent event, int status, byte[] sdp) {
        return answerWith(event, status, (transaction, response) -> {
            if (sdp != null) {
                response.setContent(sdp, contentType("application/sdp"));
            }
        });
    }

    /**
     * Answers a received request as {@link #answer(RequestEvent, int, byte[])} does, letting {@code beforeSending}
     * fill in the response (as a dialog binder puts its SDP answer into a 200).
     *
     * @param event         the request, as received
     * @param status        the status code
     * @param beforeSending called with the server transaction and the response before it is sent
     * @return the response sent
     */
    public Response answerWith(RequestEvent event, int status, ResponseFiller beforeSending) {
        ServerTransaction transaction = serverTransaction(event);
        Request request = event.getRequest();
        return sip(user, "answering " + request.getMethod() + " with " + status, () -> {
            Response response = messageFactory.createResponse(status, request);
            if (status > 100) {
                ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
                if (to.getTag() == null) {
                    Dialog dialog = transaction.getDialog();
                    to.setTag(dialog != null && dialog.getLocalTag() != null ? dialog.getLocalTag() : newTag());
                }
                if (request.getMethod().equals(Request.INVITE)) {
                    response.setHeader(contact());
                }
            }
            beforeSending.fill(transaction, response);
            transaction.sendResponse(response);
            history.add("sent " + status + " " + request.getMethod());
            return response;
        });
    }

    /**
     * Sends the ACK of a 2xx to an INVITE in the response's dialog ({@link Dialog#createAck} and
     * {@link Dialog#sendAck}), without a body.
     *
     * @param ok the 2xx, as received
     * @return the ACK sent
     */
    public Request sendAck(ResponseEvent ok) {
        return sendAck(ok, null);
    }

    /**
     * Sends the ACK of a 2xx to an INVITE in the response's dialog, with an SDP body (the answer to an offer made in
     * the 2xx).
     *
     * @param ok  the 2xx, as received
     * @param sdp an "application/sdp" body, or {@code null} for none
     * @return the ACK sent
     */
    public Request sendAck(ResponseEvent ok, byte[] sdp) {
        return sip(user, "sending ACK", () -> {
            Dialog dialog = ok.getDialog() != null ? ok.getDialog() : ok.getClientTransaction().getDialog();
            long cseq = ((CSeqHeader) ok.getResponse().getHeader(CSeqHeader.NAME)).getSeqNumber();
            Request ack = dialog.createAck(cseq);
            if (sdp != null) {
                ack.setContent(sdp, contentType("application/sdp"));
            }
            dialog.sendAck(ack);
            history.add("sent ACK");
            return ack;
        });
    }

    /**
     * Sends a re-INVITE in a dialog, with this agent's Contact, letting {@code beforeSending} fill it in.
     *
     * @param dialog        the confirmed dialog
     * @param beforeSending called with the new transaction before it is sent
     * @return the client transaction
     */
    public ClientTransaction sendReInviteWith(Dialog dialog, Consumer<ClientTransaction> beforeSending) {
        Request reInvite = sip(user, "building a re-INVITE", () -> {
            Request request = dialog.createRequest(Request.INVITE);
            request.setHeader(contact());
            return request;
        });
        return sendInDialog(dialog, reInvite, beforeSending);
    }

    /**
     * Sends a re-INVITE in a dialog, with this agent's Contact.
     *
     * @param dialog the confirmed dialog
     * @param sdp    an "application/sdp" body (the new offer), or {@code null} for none
     * @return the client transaction
     */
    public ClientTransaction sendReInvite(Dialog dialog, byte[] sdp) {
        Request reInvite = sip(user, "building a re-INVITE", () -> {
            Request request = dialog.createRequest(Request.INVITE);
            request.setHeader(contact());
            if (sdp != null) {
                request.setContent(sdp, contentType("application/sdp"));
            }
            return request;
        });
        return sendInDialog(dialog, reInvite);
    }

    /**
     * Sends a BYE in a dialog. Once its 2xx arrives the dialog is TERMINATED and a {@link DialogTerminatedEvent}
     * follows.
     *
     * @param dialog the dialog
     * @return the client transaction
     */
    public ClientTransaction sendBye(Dialog dialog) {
        return sendInDialog(dialog, sip(user, "building a BYE", () -> dialog.createRequest(Request.BYE)));
    }

    /**
     * Sends a request built with {@link Dialog#createRequest} in a new client transaction of the dialog.
     *
     * @param dialog  the dialog
     * @param request the request
     * @return the client transaction
     */
    public ClientTransaction sendInDialog(Dialog dialog, Request request) {
        return sendInDialog(dialog, request, transaction -> { });
    }

    /**
     * Sends a request built with {@link Dialog#createRequest} in a new client transaction of the dialog, letting
     * {@code beforeSending} change it first (as a dialog binder puts a new offer into a re-INVITE).
     *
     * @param dialog        the dialog
     * @param request       the request
     * @param beforeSending called with the new transaction before it is sent
     * @return the client transaction
     */
    public ClientTransaction sendInDialog(Dialog dialog, Request request, Consumer<ClientTransaction> beforeSending) {
        return sip(user, "sending " + request.getMethod() + " in a dialog", () -> {
            ClientTransaction transaction = provider.getNewClientTransaction(request);
            beforeSending.accept(transaction);
            dialog.sendRequest(transaction);
            history.add("sent " + request.getMethod() + " in dialog");
            return transaction;
        });
    }

    /**
     * Waits for the next request of a method, in order of arrival; requests of other methods wait in their own
     * queues.
     *
     * @param method  e.g. "INVITE", "ACK", "BYE"
     * @param timeout how long to wait
     * @return the event, whose delegate call has completed
     * @throws AssertionError if none arrives in time
     */
    public RequestEvent awaitRequest(String method, Duration timeout) {
        return poll(queue(requests, method), timeout, method + " request");
    }

    /**
     * Waits for a response of the given status to a request of the given method (by CSeq), skipping provisional
     * responses of other statuses to that method.
     *
     * @param method  the CSeq method, e.g. "INVITE"
     * @param status  the expected status, e.g. 180 or 200
     * @param timeout how long to wait in all
     * @return the event, whose delegate call has completed
     * @throws AssertionError if it does not arrive in time or a final response of another status arrives first
     */
    public ResponseEvent awaitResponse(String method, int status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        BlockingQueue<ResponseEvent> queue = queue(responses, method);
        while (true) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            ResponseEvent event = poll(queue, left, status + " response to " + method);
            int received = event.getResponse().getStatusCode();
            if (received == status) {
                return event;
            }
            if (received >= 200) {
                throw failure("expected " + status + " response to " + method + " but received " + received);
            }
        }
    }

    /**
     * Waits for the next dialog termination, delivered once a dialog is TERMINATED (after a BYE's 2xx, a final error
     * response to the INVITE, or a timeout).
     *
     * @param timeout how long to wait
     * @return the event, whose delegate call has completed
     * @throws AssertionError if none arrives in time
     */
    public DialogTerminatedEvent awaitDialogTerminated(Duration timeout) {
        return poll(terminatedDialogs, timeout, "dialog termination");
    }

    /**
     * Stops the stack and frees the port, at once: removes the listener and stops the stack, which closes its
     * listening point and connections. Dialogs still open are dropped without BYE. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        provider.removeSipListener(dispatcher);
        stopStack();
        awaitPortReleased();
        releaseEventThread();
        LOG.debug("{} closed", this);
    }

    /**
     * Stops the stack without its one-second pause. {@code SipStack.stop()} closes the sockets, stops the timer and
     * then calls {@code Thread.sleep(1000)}, swallowing an interrupt; with this thread's interrupt flag set, that
     * sleep returns at once and clears the flag. Nothing before it blocks. {@code deleteSipProvider} is not used: on
     * the last provider it runs the same stop sequence, pause included, and {@code stop()} would pause again.
     */
    private void stopStack() {
        boolean callerInterrupted = Thread.interrupted();
        Thread.currentThread().interrupt();
        try {
            stack.stop();
        } finally {
            Thread.interrupted();
            if (callerInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The stack closes its listening socket while the socket's thread is blocked in accept or receive; the kernel
     * frees the port only when that thread has left the call, shortly after. Waits for the thread, which the stack
     * names after the transport and port.
     */
    private void awaitPortReleased() {
        String name = "MessageProcessorThread-" + transport.toUpperCase(Locale.ROOT) + "-" + LocalPorts.LOOPBACK
                + "/" + port();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(name)) {
                try {
                    thread.join(CLOSE_TIMEOUT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (thread.isAlive()) {
                    LOG.warn("{}: thread {} still alive, the port may still be taken", this, name);
                }
            }
        }
    }

    /**
     * The stack's event thread (non-daemon, "EventScannerThread") only sees that the stack stopped when it takes its
     * next event; without one it would wait forever, one leaked thread per agent. This queues an event that no
     * listener receives, after which the thread ends.
     */
    private void releaseEventThread() {
        ((SipProviderImpl) provider).handleEvent(new DialogTerminatedEvent(provider, null), null);
    }

    /**
     * Reads a message body as text.
     *
     * @param message a request or response
     * @return the body as UTF-8 text, or "" without a body
     */
    public static String body(Message message) {
        byte[] content = message.getRawContent();
        return content == null ? "" : new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SipTestAgent[" + user + " " + transport + " 127.0.0.1:" + listeningPoint.getPort() + "]";
    }

    private ContactHeader contact() throws Exception {
        return headerFactory.createContactHeader(addressFactory.createAddress(uri()));
    }

    private ContentTypeHeader contentType(String type) throws Exception {
        int slash = type.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("content type without a subtype: " + type);
        }
        return headerFactory.createContentTypeHeader(type.substring(0, slash), type.substring(slash + 1));
    }

    private static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private static <E> BlockingQueue<E> queue(Map<String, BlockingQueue<E>> queues, String method) {
        return queues.computeIfAbsent(method, m -> new LinkedBlockingQueue<>());
    }

    private <E> E poll(BlockingQueue<E> queue, Duration timeout, String what) {
        try {
            E event = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw failure("no " + what + " within " + timeout);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(user + ": interrupted while waiting for " + what, e);
        }
    }

    private AssertionError failure(String message) {
        StringBuilder text = new StringBuilder(this + ": " + message + "\nhistory:");
        history.forEach(line -> text.append("\n  ").append(line));
        delegateFailures.forEach(failure -> text.append("\ndelegate failure: ").append(failure));
        return new AssertionError(text.toString());
    }

    /** A JAIN-SIP call, most of which declare checked exceptions. */
    @FunctionalInterface
    private interface SipCall<T> {
        T call() throws Exception;
    }

    private static <T> T sip(String user, String what, SipCall<T> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(user + ": " + what + " failed", e);
        }
    }

    private static String toTag(Response response) {
        return ((ToHeader) response.getHeader(ToHeader.NAME)).getTag();
    }

    private static String describe(Transaction transaction) {
        return transaction == null ? "" : " (" + transaction.getRequest().getMethod() + ")";
    }

    /** The agent's one listener: the delegate first, then the record. Runs on the stack's event thread. */
    private final class Dispatcher implements SipListener {

        @Override
        public void processRequest(RequestEvent event) {
            Request request = event.getRequest();
            String method = request.getMethod();
            boolean first = firstCopy(request, method);
            deliver("received " + method + (first ? "" : " (retransmission)"),
                    listener -> listener.processRequest(event));
            if (first) {
                queue(requests, method).add(event);
            }
        }

        @Override
        public void processResponse(ResponseEvent event) {
            Response response = event.getResponse();
            String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
            String description = response.getStatusCode() + " " + method;
            boolean first = firstCopy(response, description + " " + toTag(response));
            deliver("received " + description + (first ? "" : " (retransmission)"),
                    listener -> listener.processResponse(event));
            if (first) {
                queue(responses, method).add(event);
            }
        }

        /**
         * Over UDP the stack hands a retransmitted request to the listener again as long as nobody has created its
         * server transaction (a test that answers an INVITE after 500 ms sees it twice), and a retransmitted 2xx
         * while its ACK is not sent. The delegate gets every copy, as code in production would; the queues only the
         * first, identified by its top Via branch, CSeq and what else tells messages of one transaction apart.
         */
        private boolean firstCopy(Message message, String distinction) {
            ViaHeader via = (ViaHeader) message.getHeader(ViaHeader.NAME);
            CSeqHeader cseq = (CSeqHeader) message.getHeader(CSeqHeader.NAME);
            if (via == null || via.getBranch() == null) {
                return true;
            }
            return arrivals.add(via.getBranch() + " " + cseq.getSeqNumber() + " " + distinction);
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
            Transaction transaction = event.isServerTransaction()
                    ? event.getServerTransaction() : event.getClientTransaction();
            deliver("timeout " + event.getTimeout() + describe(transaction),
                    listener -> listener.processTimeout(event));
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
            deliver("I/O error towards " + event.getHost() + ":" + event.getPort() + "/" + event.getTransport(),
                    listener -> listener.processIOException(event));
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {
            Transaction transaction = event.isServerTransaction()
                    ? event.getServerTransaction() : event.getClientTransaction();
            deliver("transaction terminated" + describe(transaction),
                    listener -> listener.processTransactionTerminated(event));
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
            deliver("dialog terminated", listener -> listener.processDialogTerminated(event));
            terminatedDialogs.add(event);
        }

        private void deliver(String description, Consumer<SipListener> call) {
            history.add(description);
            try {
                call.accept(delegate);
            } catch (RuntimeException | AssertionError e) {
                LOG.warn("{}: the delegate failed on: {}", SipTestAgent.this, description, e);
                delegateFailures.add(e);
                history.add("delegate failed: " + e);
            }
        }
    }

    /** Fills in a response before it is sent. */
    @FunctionalInterface
    public interface ResponseFiller {
        /**
         * Changes the response.
         *
         * @param transaction the server transaction it answers
         * @param response    the response
         * @throws Exception whatever JAIN-SIP throws
         */
        void fill(ServerTransaction transaction, Response response) throws Exception;
    }
}
