package org.parley.msrp.core.testing;

import org.parley.msrp.core.IncomingMessage;
import org.parley.msrp.core.InMemoryMessageSink;
import org.parley.msrp.core.MessageSink;
import org.parley.msrp.core.MsrpException;
import org.parley.msrp.core.MsrpSessionListener;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A session listener that records what arrives, for tests of every module; messages go to memory unless told
 * otherwise.
 */
public final class RecordingListener implements MsrpSessionListener {

    public final BlockingQueue<IncomingMessage> received = new LinkedBlockingQueue<>();
    public final BlockingQueue<IncomingMessage> aborted = new LinkedBlockingQueue<>();
    public final List<MsrpException> abortReasons = new CopyOnWriteArrayList<>();
    public final List<String> events = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    public volatile Function<IncomingMessage, MessageSink> sinks = m -> MessageSink.inMemory(64 * 1024 * 1024);

    @Override
    public MessageSink onMessageStart(IncomingMessage message) {
        events.add("start " + message.messageId());
        return sinks.apply(message);
    }

    @Override
    public void onMessageReceived(IncomingMessage message) {
        events.add("received " + message.messageId());
        received.add(message);
    }

    @Override
    public void onMessageAborted(IncomingMessage message, MsrpException reason) {
        events.add("aborted " + message.messageId());
        abortReasons.add(reason);
        aborted.add(message);
    }

    @Override
    public void onSessionClosed(Throwable cause) {
        events.add("closed");
        closed.complete(cause);
    }

    public IncomingMessage nextReceived() throws InterruptedException {
        IncomingMessage message = received.poll(20, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message received; events: " + events);
        }
        return message;
    }

    public IncomingMessage nextAborted() throws InterruptedException {
        IncomingMessage message = aborted.poll(20, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message aborted; events: " + events);
        }
        return message;
    }

    public static String text(IncomingMessage message) {
        return ((InMemoryMessageSink) message.sink()).text();
    }
}
