package org.parley.msrp.core;

import org.junit.jupiter.api.Test;
import org.parley.msrp.core.testing.RecordingListener;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** {@link ForwardingMsrpSessionListener}: every event reaches the delegate, and a subclass sees what it overrides. */
class ForwardingMsrpSessionListenerTest {

    @Test
    void forwardsEveryEventOfARealSessionAndLetsASubclassWatchTheEnd() throws Exception {
        MsrpStack stack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
        try {
            RecordingListener recorded = new RecordingListener();
            CompletableFuture<Throwable> watchedEnd = new CompletableFuture<>();
            MsrpServer server = stack.listen(new InetSocketAddress("127.0.0.1", 0)).get(10, TimeUnit.SECONDS);
            MsrpSession receiver = stack.newSession(MsrpSessionOptions.defaults(),
                    new ForwardingMsrpSessionListener(recorded) {
                        @Override
                        public void onSessionClosed(Throwable cause) {
                            watchedEnd.complete(cause);
                            super.onSessionClosed(cause);
                        }
                    });
            MsrpSession sender = stack.newSession(MsrpSessionOptions.defaults(), new RecordingListener());
            receiver.remotePath(List.of(sender.localUri()));
            sender.remotePath(List.of(receiver.localUri()));
            sender.attach(stack.connect(server.localAddress()).get(10, TimeUnit.SECONDS)).get(10, TimeUnit.SECONDS);

            String id = sender.send(OutgoingMessage.text("forwarded")).get(10, TimeUnit.SECONDS).messageId();
            IncomingMessage received = recorded.received.poll(10, TimeUnit.SECONDS);
            receiver.closeAsync().get(10, TimeUnit.SECONDS);

            assertThat(((InMemoryMessageSink) received.sink()).text()).isEqualTo("forwarded");
            assertThat(watchedEnd.get(10, TimeUnit.SECONDS)).isNull();
            assertThat(recorded.closed.get(10, TimeUnit.SECONDS)).isNull();
            assertThat(recorded.events).containsExactly("start " + id, "received " + id, "closed");
        } finally {
            stack.closeAsync().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void needsADelegate() {
        assertThatNullPointerException().isThrownBy(() -> new ForwardingMsrpSessionListener(null))
                .withMessage("delegate");
    }
}
