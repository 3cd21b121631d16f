package org.parley.msrp.core.internal;

import org.parley.msrp.core.InboundAuthentication;
import org.parley.msrp.core.codec.MsrpUri;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions of one stack, found by their own URI with RFC 4975 §6.1 comparison ({@link MsrpUri#equals}). */
public final class SessionRegistry {

    private final Map<MsrpUri, DefaultMsrpSession> sessions = new ConcurrentHashMap<>();
    /** The same sessions by session id alone, for session-id matching ({@link InboundAuthentication#SESSION_ID}). */
    private final Map<String, DefaultMsrpSession> bySessionId = new ConcurrentHashMap<>();

    /**
     * Finds the session a To-Path URI names: by the whole URI, or, for a session that matches by session id, by the
     * id alone, whatever host and port a middlebox put around it.
     */
    DefaultMsrpSession find(MsrpUri localUri) {
        DefaultMsrpSession session = sessions.get(localUri);
        if (session != null) {
            return session;
        }
        String sessionId = localUri.sessionId();
        DefaultMsrpSession byId = sessionId == null ? null : bySessionId.get(sessionId);
        return byId != null && byId.options().inboundAuthentication() == InboundAuthentication.SESSION_ID
                ? byId : null;
    }

    void add(DefaultMsrpSession session) {
        sessions.put(session.localUri(), session);
        bySessionId.put(session.localUri().sessionId(), session);
    }

    void remove(DefaultMsrpSession session) {
        sessions.remove(session.localUri(), session);
        bySessionId.remove(session.localUri().sessionId(), session);
    }

    /**
     * Returns the open sessions.
     *
     * @return a snapshot
     */
    public Collection<DefaultMsrpSession> all() {
        return List.copyOf(sessions.values());
    }
}
