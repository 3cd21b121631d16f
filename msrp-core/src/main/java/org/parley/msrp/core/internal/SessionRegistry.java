package org.parley.msrp.core.internal;

import org.parley.msrp.core.codec.MsrpUri;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions of one stack, found by their own URI with RFC 4975 §6.1 comparison ({@link MsrpUri#equals}). */
public final class SessionRegistry {

    private final Map<MsrpUri, DefaultMsrpSession> sessions = new ConcurrentHashMap<>();

    DefaultMsrpSession find(MsrpUri localUri) {
        return sessions.get(localUri);
    }

    void add(DefaultMsrpSession session) {
        sessions.put(session.localUri(), session);
    }

    void remove(DefaultMsrpSession session) {
        sessions.remove(session.localUri(), session);
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
