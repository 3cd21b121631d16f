package org.parley.msrp.examples.sip;

import gov.nist.javax.sip.SipProviderImpl;
import org.parley.msrp.comedia.ComediaEndpoint;
import org.parley.msrp.comedia.ComediaSession;
import org.parley.msrp.comedia.MsrpDialogBinder;
import org.parley.msrp.comedia.Slf4jStackLogger;
import org.parley.msrp.core.IncomingMessage;
import org.parley.msrp.core.MessageSink;
import org.parley.msrp.core.MsrpSessionListener;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.codec.MsrpStatus;
import org.parley.msrp.sdp.SdpNegotiationException;
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
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionState;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SIP phone on JAIN-SIP that carries MSRP sessions: the example of embedding Parley in a host's existing
 * {@link SipListener}. The phone owns its stack, provider and listener, as a softphone does; Parley is a
 * {@link MsrpDialogBinder} that the listener calls where its comments say "Parley:". It puts the SDP offer
 * into an INVITE, the answer into the 200, applies the answer of a 200, and closes the session on BYE.
 *
 * <p>Threads: JAIN-SIP calls the listener methods on its own event thread, one event at a time; the phone never
 * blocks there. The futures it returns complete on that thread, or on an MSRP event loop for
 * {@link Call#connected()}; use the {@code ...Async} variants to move heavy work elsewhere.
 */
public final class SipPhone implements SipListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SipPhone.class);
    private static final AtomicInteger STACK_NUMBER = new AtomicInteger();
    private static final int BIND_ATTEMPTS = 10;
    private static final List<String> ALLOWED_METHODS = List.of(Request.INVITE, Request.ACK, Request.BYE,
            Request.CANCEL, Request.OPTIONS);

    /** The listener a re-INVITE is given; it makes no new session, so nothing reaches it. */
    private static final MsrpSessionListener NO_NEW_SESSION = new MsrpSessionListener() {
        @Override
        public MessageSink onMessageStart(IncomingMessage message) {
            return MessageSink.refuse(MsrpStatus.NO_SUCH_SESSION);
        }

        @Override
        public void onMessageReceived(IncomingMessage message) {
        }
    };

    /** Decides about an incoming call. Runs on JAIN-SIP's event thread; must not block. */
    public interface CallHandler {

        /**
         * Called for an INVITE with an MSRP offer.
         *
         * @param caller the caller's From address, e.g. {@code sip:alice@127.0.0.1:5060}
         * @return the listener of the call's MSRP session, or null to decline the call with 486 Busy Here
         */
        MsrpSessionListener incoming(String caller);

        /**
         * Called once the call is answered with 200; its MSRP session connects in the background.
         *
         * @param call the call
         */
        default void answered(Call call) {
        }
    }

    private final String user;
    private final String host;
    private final String transport;
    private final SipStack stack;
    private final SipProvider provider;
    private final ListeningPoint listeningPoint;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final MsrpDialogBinder binder;
    private final MsrpSessionOptions sessionOptions;
    private final CallHandler callHandler;
    private final Map<ClientTransaction, CompletableFuture<Call>> dialling = new ConcurrentHashMap<>();
    private final Map<ClientTransaction, CompletableFuture<Void>> hangingUp = new ConcurrentHashMap<>();
    private final Map<Dialog, Call> calls = new ConcurrentHashMap<>();

    private SipPhone(String user, String host, String transport, SipStack stack, ListeningPoint listeningPoint,
                     SipFactory factory, ComediaEndpoint endpoint, MsrpSessionOptions sessionOptions,
                     CallHandler callHandler) throws Exception {
        this.user = user;
        this.host = host;
        this.transport = transport;
        this.stack = stack;
        this.listeningPoint = listeningPoint;
        this.provider = stack.createSipProvider(listeningPoint);
        this.addresses = factory.createAddressFactory();
        this.headers = factory.createHeaderFactory();
        this.messages = factory.createMessageFactory();
        // Parley: one binder per phone, fed by this listener.
        this.binder = new MsrpDialogBinder(endpoint, headers);
        this.sessionOptions = sessionOptions;
        this.callHandler = callHandler;
        provider.addSipListener(this);
    }

    /**
     * Starts a phone: a JAIN-SIP stack listening on {@code host:port}.
     *
     * @param user the user part of the phone's address
     * @param host the IP address to listen on and to put in Via and Contact
     * @param port the SIP port, or 0 for a free one
     * @param transport "udp" or "tcp"
     * @param endpoint where the phone's MSRP sessions are made and connected
     * @param sessionOptions the options of every MSRP session
     * @param callHandler decides about incoming calls
     * @return the running phone; close it
     * @throws IllegalStateException if the stack cannot be created or bound
     */
    public static SipPhone start(String user, String host, int port, String transport, ComediaEndpoint endpoint,
                                 MsrpSessionOptions sessionOptions, CallHandler callHandler) {
        String checkedTransport = transport.toLowerCase(java.util.Locale.ROOT);
        if (!checkedTransport.equals("udp") && !checkedTransport.equals("tcp")) {
            throw new IllegalArgumentException("transport must be udp or tcp: " + transport);
        }
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        SipStack stack;
        try {
            stack = factory.createSipStack(stackProperties(user));
        } catch (SipException e) {
            throw new IllegalStateException("cannot create the SIP stack", e);
        }
        try {
            ListeningPoint point = bind(stack, host, port, checkedTransport);
            return new SipPhone(user, host, checkedTransport, stack, point, factory, endpoint, sessionOptions,
                    callHandler);
        } catch (Exception e) {
            stack.stop();
            throw new IllegalStateException("cannot start the SIP stack on " + host + ":" + port + "/" + transport, e);
        }
    }

    /**
     * No {@code javax.sip.IP_ADDRESS}: with it, {@link SipFactory} would hand back an existing stack for the same
     * address instead of a new one, and two phones in one JVM would share a stack.
     */
    private static Properties stackProperties(String user) {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "parley-" + user + "-" + STACK_NUMBER.incrementAndGet());
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        // JAIN-SIP's default logger needs log4j, which it declares only as "provided".
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        return properties;
    }

    /** JAIN-SIP announces the port it was given, so port 0 is first replaced by a free port; retried on a race. */
    private static ListeningPoint bind(SipStack stack, String host, int port, String transport) throws Exception {
        if (port != 0) {
            return stack.createListeningPoint(host, port, transport);
        }
        InvalidArgumentException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            try {
                return stack.createListeningPoint(host, freePort(), transport);
            } catch (InvalidArgumentException e) {
                last = e;
            }
        }
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Returns the phone's address.
     *
     * @return {@code sip:user@host:port;transport=...}
     */
    public String uri() {
        return "sip:" + user + "@" + host + ":" + listeningPoint.getPort() + ";transport=" + transport;
    }

    /**
     * Calls another phone with an MSRP offer.
     *
     * @param target the callee's SIP URI, e.g. {@code sip:bob@127.0.0.1:5070;transport=udp}
     * @param listener the MSRP session's listener
     * @return the call once it is answered with 200 and acknowledged; fails with {@link SipCallException} on a
     *     final error response or a timeout. Cancelling it sends a CANCEL, and a 200 that still comes is
     *     acknowledged and hung up at once.
     * @throws IllegalArgumentException if the target is not a SIP URI
     */
    public CompletableFuture<Call> call(String target, MsrpSessionListener listener) {
        Request invite = newInvite(target);
        try {
            ClientTransaction transaction = provider.getNewClientTransaction(invite);
            // Parley: put the SDP offer into the INVITE and bind the session to the transaction's dialog.
            ComediaSession session = binder.offer(transaction, sessionOptions, listener);
            CompletableFuture<Call> answered = new CompletableFuture<>();
            dialling.put(transaction, answered);
            answered.whenComplete((call, failure) -> {
                if (failure != null) {
                    session.closeAsync();
                }
                if (failure instanceof CancellationException) {
                    cancel(transaction);
                }
            });
            transaction.sendRequest();
            return answered;
        } catch (SipException e) {
            return CompletableFuture.failedFuture(new SipCallException("cannot send the INVITE to " + target, e));
        }
    }

    /** Gives up on an INVITE (RFC 3261 §9.1); the entry in {@code dialling} stays to catch a 2xx that crosses it. */
    private void cancel(ClientTransaction invite) {
        try {
            ClientTransaction cancel = provider.getNewClientTransaction(invite.createCancel());
            cancel.sendRequest();
        } catch (SipException e) {
            // Before any provisional response a CANCEL may not be sent; the INVITE then times out on its own.
            log.debug("{}: no CANCEL sent: {}", user, e.getMessage());
        }
    }

    private Request newInvite(String target) {
        try {
            SipURI to = (SipURI) addresses.createURI(target);
            Address from = addresses.createAddress(addresses.createSipURI(user, host));
            return withContact(messages.createRequest(to, Request.INVITE, provider.getNewCallId(),
                    headers.createCSeqHeader(1L, Request.INVITE),
                    headers.createFromHeader(from, newTag()),
                    headers.createToHeader(addresses.createAddress(to), null),
                    new ArrayList<>(List.of(headers.createViaHeader(host, listeningPoint.getPort(), transport, null))),
                    headers.createMaxForwardsHeader(70)));
        } catch (ParseException | InvalidArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("not a SIP URI: " + target, e);
        }
    }

    private <M extends javax.sip.message.Message> M withContact(M message) throws ParseException {
        SipURI contact = addresses.createSipURI(user, host);
        contact.setPort(listeningPoint.getPort());
        contact.setTransportParam(transport);
        ContactHeader header = headers.createContactHeader(addresses.createAddress(contact));
        message.setHeader(header);
        return message;
    }

    private static String newTag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        if (Request.ACK.equals(request.getMethod())) {
            binder.processRequest(event); // Parley: an ACK may carry an SDP answer.
            return;
        }
        ServerTransaction transaction = null;
        try {
            transaction = serverTransaction(event);
            switch (request.getMethod()) {
                case Request.INVITE -> incomingInvite(event, transaction);
                case Request.BYE -> incomingBye(event, transaction);
                case Request.OPTIONS -> transaction.sendResponse(withAllow(response(transaction, Response.OK)));
                default -> transaction.sendResponse(withAllow(response(transaction, Response.NOT_IMPLEMENTED)));
            }
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            log.warn("{}: cannot handle {}", user, request.getMethod(), e);
            answerWithServerError(transaction);
        }
    }

    /** A request must not stay without a final response, or its sender retransmits it for 32 s (RFC 3261 §17.2). */
    private void answerWithServerError(ServerTransaction transaction) {
        if (transaction == null || transaction.getState() != TransactionState.TRYING
                && transaction.getState() != TransactionState.PROCEEDING) {
            return;
        }
        try {
            transaction.sendResponse(response(transaction, Response.SERVER_INTERNAL_ERROR));
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            log.warn("{}: cannot send 500 either", user, e);
        }
    }

    private void incomingInvite(RequestEvent event, ServerTransaction transaction)
            throws SipException, ParseException, InvalidArgumentException {
        Request invite = event.getRequest();
        if (transaction.getDialog() != null && calls.containsKey(transaction.getDialog())) {
            reInvite(transaction);
            return;
        }
        String caller = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI().toString();
        MsrpSessionListener listener = callHandler.incoming(caller);
        if (listener == null) {
            transaction.sendResponse(response(transaction, Response.BUSY_HERE));
            return;
        }
        Response ok = withContact(response(transaction, Response.OK));
        ComediaSession session;
        try {
            // Parley: answer the SDP offer into the 200; the session connects in the background.
            session = binder.answer(transaction, ok, sessionOptions, listener);
        } catch (SdpNegotiationException e) {
            log.info("{}: declining a call from {}: {}", user, caller, e.getMessage());
            transaction.sendResponse(response(transaction, Response.NOT_ACCEPTABLE_HERE));
            return;
        }
        if (session.isRejected()) {
            // An MSRP offer this side cannot take (TLS against TCP, no common type): a call about nothing else.
            log.info("{}: declining a call from {}: {}", user, caller, session.rejectionReason().orElse(""));
            session.closeAsync();
            transaction.sendResponse(response(transaction, Response.NOT_ACCEPTABLE_HERE));
            return;
        }
        transaction.sendResponse(ok);
        Call call = new Call(this, transaction.getDialog(), session);
        calls.put(transaction.getDialog(), call);
        callHandler.answered(call);
    }

    /** A re-INVITE in a call, e.g. a session-timer refresh (RFC 4028): its offer is answered by the session. */
    private void reInvite(ServerTransaction transaction) throws SipException, ParseException,
            InvalidArgumentException {
        Response ok = withContact(response(transaction, Response.OK));
        try {
            // Parley: a re-INVITE's offer is answered by the dialog's session (RFC 4975 §8.4).
            binder.answer(transaction, ok, sessionOptions, NO_NEW_SESSION);
        } catch (SdpNegotiationException | IllegalStateException e) {
            log.info("{}: refusing a re-INVITE: {}", user, e.getMessage());
            transaction.sendResponse(response(transaction, Response.NOT_ACCEPTABLE_HERE));
            return;
        }
        transaction.sendResponse(ok);
    }

    private void incomingBye(RequestEvent event, ServerTransaction transaction)
            throws SipException, ParseException, InvalidArgumentException {
        transaction.sendResponse(response(transaction, Response.OK));
        // Parley: a BYE closes the dialog's MSRP session.
        binder.processRequest(event);
        Call call = calls.remove(event.getDialog());
        if (call != null) {
            call.ended.complete(null);
        }
    }

    /**
     * Builds a response with a To tag, which every final response needs (RFC 3261 §8.2.6.2): the dialog's own once
     * the stack made one, so that responses within a dialog agree.
     */
    private Response response(ServerTransaction transaction, int status) throws ParseException {
        Response response = messages.createResponse(status, transaction.getRequest());
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (status > 100 && to.getTag() == null) {
            Dialog dialog = transaction.getDialog();
            to.setTag(dialog != null && dialog.getLocalTag() != null ? dialog.getLocalTag() : newTag());
        }
        return response;
    }

    private Response withAllow(Response response) throws ParseException {
        for (String method : ALLOWED_METHODS) {
            response.addHeader(headers.createAllowHeader(method));
        }
        return response;
    }

    private ServerTransaction serverTransaction(RequestEvent event) throws SipException {
        ServerTransaction transaction = event.getServerTransaction();
        return transaction != null ? transaction : provider.getNewServerTransaction(event.getRequest());
    }

    @Override
    public void processResponse(ResponseEvent event) {
        // Parley: a 2xx to an INVITE with an offer applies its SDP answer; an error ends the offer's session.
        binder.processResponse(event);
        Response response = event.getResponse();
        int status = response.getStatusCode();
        ClientTransaction transaction = event.getClientTransaction();
        if (status < 200 || transaction == null) {
            return;
        }
        String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
        if (method.equals(Request.INVITE)) {
            answered(event, transaction, status);
        } else if (method.equals(Request.BYE)) {
            CompletableFuture<Void> hangUp = hangingUp.remove(transaction);
            if (hangUp == null) {
                return;
            }
            if (status < 300) {
                hangUp.complete(null);
            } else {
                hangUp.completeExceptionally(new SipCallException("the BYE got " + status + " "
                        + response.getReasonPhrase(), null));
            }
        }
    }

    private void answered(ResponseEvent event, ClientTransaction transaction, int status) {
        CompletableFuture<Call> answered = dialling.remove(transaction);
        if (answered == null) {
            return;
        }
        if (answered.isCancelled() && status < 300) {
            abandon(event);
            return;
        }
        if (status >= 300) {
            answered.completeExceptionally(new SipCallException("the call was refused: " + status + " "
                    + event.getResponse().getReasonPhrase(), null));
            return;
        }
        Dialog dialog = event.getDialog();
        try {
            long cseq = ((CSeqHeader) event.getResponse().getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(cseq));
        } catch (SipException | InvalidArgumentException e) {
            answered.completeExceptionally(new SipCallException("cannot acknowledge the 200", e));
            return;
        }
        Call call = new Call(this, dialog, binder.sessionOf(dialog).orElseThrow());
        calls.put(dialog, call);
        answered.complete(call);
    }

    /** A 2xx to an INVITE given up on crossed the CANCEL: it is acknowledged and the call ended (RFC 3261 §15). */
    private void abandon(ResponseEvent ok) {
        Dialog dialog = ok.getDialog();
        try {
            long cseq = ((CSeqHeader) ok.getResponse().getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(cseq));
            dialog.sendRequest(provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
        } catch (SipException | InvalidArgumentException e) {
            log.warn("{}: cannot end a call answered after it was given up", user, e);
        }
        binder.dialogEnded(dialog);
    }

    /** Sends a BYE in a call's dialog; the future completes on its 2xx, and fails on an error response. */
    CompletableFuture<Void> bye(Call call) {
        calls.remove(call.dialog());
        try {
            ClientTransaction transaction = provider.getNewClientTransaction(call.dialog().createRequest(Request.BYE));
            CompletableFuture<Void> done = new CompletableFuture<>();
            hangingUp.put(transaction, done);
            call.dialog().sendRequest(transaction);
            // Parley: the dialog is over; close its MSRP session now rather than on the 200.
            binder.dialogEnded(call.dialog());
            return done;
        } catch (SipException e) {
            binder.dialogEnded(call.dialog());
            return CompletableFuture.failedFuture(new SipCallException("cannot send the BYE", e));
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        // Parley: an INVITE that timed out ends its offer's session.
        binder.processTimeout(event);
        if (!event.isServerTransaction()) {
            SipCallException timeout = new SipCallException("no final response (" + event.getTimeout() + ")", null);
            CompletableFuture<Call> answered = dialling.remove(event.getClientTransaction());
            if (answered != null) {
                answered.completeExceptionally(timeout);
            }
            CompletableFuture<Void> hangUp = hangingUp.remove(event.getClientTransaction());
            if (hangUp != null) {
                hangUp.completeExceptionally(timeout);
            }
        }
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // Parley: whatever ended the dialog also ends its MSRP session.
        binder.processDialogTerminated(event);
        Call call = calls.remove(event.getDialog());
        if (call != null) {
            call.ended.complete(null);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.warn("{}: SIP I/O error towards {}:{}/{}", user, event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // Nothing to release: the maps above are cleared by responses and timeouts.
    }

    /** Stops the SIP stack; calls still up are not hung up. */
    @Override
    public void close() {
        for (CompletableFuture<Call> answered : dialling.values()) {
            answered.completeExceptionally(new SipCallException("the phone was closed", null));
        }
        for (CompletableFuture<Void> hangUp : hangingUp.values()) {
            hangUp.completeExceptionally(new SipCallException("the phone was closed", null));
        }
        provider.removeSipListener(this);
        stack.stop();
        // The stack's event thread is not a daemon and only notices the stop when it takes its next event: without
        // one it would keep the JVM alive. An event without a dialog reaches no listener and lets it end.
        ((SipProviderImpl) provider).handleEvent(new DialogTerminatedEvent(provider, null), null);
    }

    @Override
    public String toString() {
        return "SipPhone[" + uri() + "]";
    }

    /** A call with an MSRP session. */
    public static final class Call {
        private final SipPhone phone;
        private final Dialog dialog;
        private final ComediaSession session;
        private final CompletableFuture<Void> ended = new CompletableFuture<>();

        Call(SipPhone phone, Dialog dialog, ComediaSession session) {
            this.phone = phone;
            this.dialog = Objects.requireNonNull(dialog, "dialog");
            this.session = session;
        }

        /**
         * Returns the SIP dialog.
         *
         * @return the dialog
         */
        public Dialog dialog() {
            return dialog;
        }

        /**
         * Returns the MSRP session, with its negotiation outcome.
         *
         * @return the session
         */
        public ComediaSession session() {
            return session;
        }

        /**
         * Completes when the peer hangs up (its BYE) or the dialog ends otherwise.
         *
         * @return the future; completes on JAIN-SIP's event thread
         */
        public CompletableFuture<Void> ended() {
            return ended;
        }

        /**
         * Hangs up: sends a BYE and closes the MSRP session.
         *
         * @return completes when the BYE is answered with 2xx; fails with {@link SipCallException} on an error
         *     response or no response
         */
        public CompletableFuture<Void> hangUp() {
            ended.complete(null);
            return phone.bye(this);
        }
    }
}
