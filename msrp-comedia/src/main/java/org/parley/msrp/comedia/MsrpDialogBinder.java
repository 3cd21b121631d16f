package org.parley.msrp.comedia;

import org.parley.msrp.core.MsrpSessionListener;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.sdp.SdpNegotiationException;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Binds MSRP sessions to SIP dialogs of a JAIN-SIP application: SDP offers into INVITEs, answers out of their
 * responses, sessions closed when their dialog ends. The host keeps its own {@code SipListener} (JAIN-SIP allows one
 * per provider) and calls these methods from it; Parley never registers a listener and never touches
 * {@link Dialog#setApplicationData}. Sessions are found by the identity of their {@link Dialog} and, while an offer
 * waits, of its {@link ClientTransaction}.
 *
 * <pre>{@code
 * // Calling: make the INVITE's transaction, let Parley put the offer in, send it.
 * ClientTransaction invite = provider.getNewClientTransaction(request);
 * ComediaSession call = binder.offer(invite, MsrpSessionOptions.defaults(), listener);
 * invite.sendRequest();
 *
 * // In the host's SipListener:
 * public void processResponse(ResponseEvent event) {
 *     binder.processResponse(event);          // applies the answer of a 2xx; the host still sends the ACK
 *     ...
 * }
 * public void processRequest(RequestEvent event) {
 *     if (isInvite(event)) {
 *         ServerTransaction st = provider.getNewServerTransaction(event.getRequest());
 *         Response ok = messageFactory.createResponse(200, event.getRequest());
 *         binder.answer(st, ok, MsrpSessionOptions.defaults(), listener);   // puts the answer into ok
 *         st.sendResponse(ok);
 *     }
 *     binder.processRequest(event);           // BYE closes the session, an ACK may carry an answer
 *     ...
 * }
 * public void processDialogTerminated(DialogTerminatedEvent event) {
 *     binder.processDialogTerminated(event);
 * }
 * }</pre>
 *
 * <p>Whether a failed MSRP session ends the dialog is the host's choice: watch {@link ComediaSession#connected()}
 * and send a BYE if the call is about nothing else.
 *
 * <p>Thread-safe; every method returns at once (connections are opened in the background), so it may run on the
 * SIP stack's threads.
 */
public final class MsrpDialogBinder {

    private static final String SDP_TYPE = "application";
    private static final String SDP_SUBTYPE = "sdp";

    private final ComediaEndpoint endpoint;
    private final HeaderFactory headerFactory;
    private final Map<Dialog, ComediaSession> byDialog = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<ClientTransaction, ComediaSession> byOffer =
            Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * Creates a binder.
     *
     * @param endpoint where the MSRP sessions are made and connected
     * @param headerFactory the host's JAIN-SIP header factory, for the {@code Content-Type} of SDP bodies
     */
    public MsrpDialogBinder(ComediaEndpoint endpoint, HeaderFactory headerFactory) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.headerFactory = Objects.requireNonNull(headerFactory, "headerFactory");
    }

    /**
     * Puts an SDP offer for a new MSRP session into an INVITE: call it after creating the client transaction and
     * before {@link ClientTransaction#sendRequest()}. The session is bound to the transaction's dialog. In a re-INVITE
     * of a dialog whose session was rejected or has ended, this starts a new session in the dialog.
     *
     * @param invite the INVITE's client transaction
     * @param options the session's options
     * @param listener told of incoming messages, on the session's event loop
     * @return the session, which connects once {@link #processResponse} has applied the answer
     * @throws IllegalArgumentException if the transaction is not an INVITE's
     */
    public ComediaSession offer(ClientTransaction invite, MsrpSessionOptions options, MsrpSessionListener listener) {
        requireMethod(invite.getRequest(), Request.INVITE);
        ComediaSession session = endpoint.createOffer(options, listener);
        setSdp(invite.getRequest(), session.localSdp());
        byOffer.put(invite, session);
        Dialog dialog = invite.getDialog();
        if (dialog != null) {
            byDialog.put(dialog, session);
        }
        return session;
    }

    /**
     * Puts a new offer for the dialog's MSRP session into a re-INVITE (RFC 4975 §8.4), before it is sent.
     *
     * @param reinvite the re-INVITE's client transaction, in a dialog with an MSRP session
     * @return the session
     * @throws IllegalArgumentException if the transaction is not an INVITE's or its dialog has no MSRP session
     * @throws IllegalStateException if the session's stream was rejected or an offer waits for its answer
     */
    public ComediaSession reoffer(ClientTransaction reinvite) {
        requireMethod(reinvite.getRequest(), Request.INVITE);
        ComediaSession session = sessionOf(reinvite.getDialog()).orElseThrow(() -> new IllegalArgumentException(
                "the dialog of this re-INVITE has no MSRP session"));
        setSdp(reinvite.getRequest(), session.createReoffer());
        byOffer.put(reinvite, session);
        return session;
    }

    /**
     * Handles a response to an INVITE that carried an offer of this binder: a 2xx applies its SDP answer and, the
     * first time, starts the connection; a final error response ends a first offer's session (a re-offer's failure
     * leaves the session as it was). The host still sends the ACK.
     *
     * @param event the event the host's {@code SipListener} received
     * @return whether the response belonged to an offer of this binder
     */
    public boolean processResponse(ResponseEvent event) {
        ClientTransaction transaction = event.getClientTransaction();
        Response response = event.getResponse();
        if (transaction == null || response.getStatusCode() < 200) {
            return false;
        }
        ComediaSession session = byOffer.remove(transaction);
        if (session == null) {
            return false;
        }
        if (response.getStatusCode() >= 300) {
            session.offerFailed("the INVITE was answered " + response.getStatusCode() + " "
                    + response.getReasonPhrase());
            return true;
        }
        if (event.getDialog() != null) {
            // A forked INVITE's 2xx may come in a dialog other than the transaction's first one.
            byDialog.put(event.getDialog(), session);
        }
        applyAnswer(session, sdpOf(response), "the 2xx to the INVITE carried no SDP answer");
        return true;
    }

    /** Applies the answer a SIP message carried; without one, the offer failed. */
    private static void applyAnswer(ComediaSession session, String answer, String noAnswer) {
        if (answer == null) {
            session.offerFailed(noAnswer);
            return;
        }
        try {
            session.applyAnswer(answer);
        } catch (SdpNegotiationException e) {
            // Nothing more to do here: a first exchange failed the session's connected(), a re-offer kept the old one.
        }
    }

    /**
     * Answers the offer of an INVITE: the SDP answer goes into {@code response} (the 2xx the host will send). In a
     * dialog that has a live MSRP session this is a re-INVITE, and the session is updated (RFC 4975 §8.4); in a
     * dialog whose session was rejected or has ended, a re-INVITE starts a new one (RFC 4145 §6.2). An INVITE
     * without a body gets an offer in the response instead, and the answer comes with the ACK
     * ({@link #processRequest}). An offer whose MSRP stream cannot be accepted is answered with port 0 (RFC 3264
     * §6): the returned session is {@link ComediaSession#isRejected() rejected}, and the host may prefer to send
     * 488 instead.
     *
     * @param invite the INVITE's server transaction
     * @param response the response the host will send for it, usually 200
     * @param options the options of a new session (unused for a re-INVITE)
     * @param listener told of incoming messages of a new session, on its event loop (unused for a re-INVITE)
     * @return the session
     * @throws SdpNegotiationException if the body is not SDP, or not SDP with an {@code m=message} line: answer 488
     *     or 415
     * @throws IllegalArgumentException if the transaction is not an INVITE's
     */
    public ComediaSession answer(ServerTransaction invite, Response response, MsrpSessionOptions options,
                                 MsrpSessionListener listener) {
        Request request = invite.getRequest();
        requireMethod(request, Request.INVITE);
        Dialog dialog = invite.getDialog();
        Optional<ComediaSession> existing = dialog == null ? Optional.empty() : sessionOf(dialog);
        String offer = sdpOf(request);
        if (offer == null && request.getRawContent() != null && request.getRawContent().length > 0) {
            throw new SdpNegotiationException("the INVITE's body is not " + SDP_TYPE + "/" + SDP_SUBTYPE, null,
                    "RFC 3261 section 13.2.1");
        }
        ComediaSession session;
        if (existing.isPresent() && !existing.get().isEnded()) {
            session = existing.get();
            setSdp(response, offer == null ? session.createReoffer() : session.answerReoffer(offer));
        } else if (offer == null) {
            session = endpoint.createOffer(options, listener);
            setSdp(response, session.localSdp());
        } else {
            session = endpoint.answer(offer, options, listener);
            setSdp(response, session.localSdp());
        }
        if (dialog != null) {
            byDialog.put(dialog, session);
        }
        return session;
    }

    /**
     * Handles a request in a dialog with an MSRP session: an ACK carrying the answer to an offer made in a 2xx
     * applies it; a BYE closes the session (the host still answers the BYE).
     *
     * @param event the event the host's {@code SipListener} received
     * @return whether the request concerned an MSRP session of this binder
     */
    public boolean processRequest(RequestEvent event) {
        Dialog dialog = event.getDialog();
        if (dialog == null) {
            return false;
        }
        Request request = event.getRequest();
        if (Request.BYE.equals(request.getMethod())) {
            ComediaSession session = byDialog.remove(dialog);
            if (session == null) {
                return false;
            }
            session.dialogEnded();
            return true;
        }
        if (Request.ACK.equals(request.getMethod())) {
            ComediaSession session = byDialog.get(dialog);
            if (session == null || !session.awaitsAnswer()) {
                return false;
            }
            applyAnswer(session, sdpOf(request), "the ACK carried no SDP answer to the offer in the 2xx");
            return true;
        }
        return false;
    }

    /**
     * Handles a transaction timeout: an INVITE that carried an offer of this binder and got no final response ends
     * the first offer's session (a re-offer's timeout leaves the session as it was).
     *
     * @param event the event the host's {@code SipListener} received
     * @return whether the transaction carried an offer of this binder
     */
    public boolean processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return false;
        }
        ComediaSession session = byOffer.remove(event.getClientTransaction());
        if (session == null) {
            return false;
        }
        session.offerFailed("the INVITE got no final response (" + event.getTimeout() + ")");
        return true;
    }

    /**
     * Closes the MSRP session of a dialog that ended (BYE, CANCEL, timeout, error).
     *
     * @param event the event the host's {@code SipListener} received
     * @return whether the dialog had an MSRP session
     */
    public boolean processDialogTerminated(DialogTerminatedEvent event) {
        return dialogEnded(event.getDialog());
    }

    /**
     * Closes the MSRP session of a dialog that the host knows has ended.
     *
     * @param dialog the dialog
     * @return whether it had an MSRP session
     */
    public boolean dialogEnded(Dialog dialog) {
        ComediaSession session = byDialog.remove(dialog);
        if (session == null) {
            return false;
        }
        synchronized (byOffer) {
            byOffer.values().removeIf(s -> s == session);
        }
        session.dialogEnded();
        return true;
    }

    /**
     * Returns the MSRP session bound to a dialog.
     *
     * @param dialog the dialog, compared by identity
     * @return the session, or empty
     */
    public Optional<ComediaSession> sessionOf(Dialog dialog) {
        return dialog == null ? Optional.empty() : Optional.ofNullable(byDialog.get(dialog));
    }

    private void setSdp(Message message, String sdp) {
        try {
            ContentTypeHeader type = headerFactory.createContentTypeHeader(SDP_TYPE, SDP_SUBTYPE);
            message.setContent(sdp.getBytes(StandardCharsets.UTF_8), type);
        } catch (ParseException e) {
            throw new IllegalStateException("JAIN-SIP refused an SDP body", e);
        }
    }

    /** Returns the SDP body of a message, or null when it has none. */
    private static String sdpOf(Message message) {
        byte[] body = message.getRawContent();
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        if (body == null || body.length == 0 || type == null || !SDP_TYPE.equalsIgnoreCase(type.getContentType())
                || !SDP_SUBTYPE.equalsIgnoreCase(type.getContentSubType())) {
            return null;
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static void requireMethod(Request request, String method) {
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        if (!method.equals(request.getMethod()) || (cseq != null && !method.equals(cseq.getMethod()))) {
            throw new IllegalArgumentException("not an " + method + ": " + request.getMethod());
        }
    }
}
