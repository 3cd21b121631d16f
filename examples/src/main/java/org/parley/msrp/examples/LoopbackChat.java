package org.parley.msrp.examples;

import org.parley.msrp.core.IncomingMessage;
import org.parley.msrp.core.InMemoryMessageSink;
import org.parley.msrp.core.MessageSink;
import org.parley.msrp.core.MessageSource;
import org.parley.msrp.core.MsrpSendResult;
import org.parley.msrp.core.MsrpServer;
import org.parley.msrp.core.MsrpSession;
import org.parley.msrp.core.MsrpSessionListener;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.MsrpStack;
import org.parley.msrp.core.OutgoingMessage;
import org.parley.msrp.core.codec.MsrpContentType;
import org.parley.msrp.core.codec.SuccessReport;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Alice and Bob chat over loopback with Parley's session API, the way the SDP exchange of RFC 4975 §11.1 sets them
 * up: Bob listens, Alice connects, both learn the other's path (here directly instead of through SIP and SDP). Alice
 * then sends a 5 MiB file in chunks with a success report, and prints its progress.
 */
public final class LoopbackChat {

    private LoopbackChat() {
    }

    /**
     * Runs the chat.
     *
     * @param args ignored
     * @throws Exception if a step fails or times out
     */
    public static void main(String[] args) throws Exception {
        MsrpStack bobStack = MsrpStack.create();
        MsrpStack aliceStack = MsrpStack.create();
        try {
            MsrpServer bobServer = bobStack.listen(new InetSocketAddress("127.0.0.1", 0)).get(10, TimeUnit.SECONDS);
            CompletableFuture<String> bobHeard = new CompletableFuture<>();
            CompletableFuture<Long> bobGotFile = new CompletableFuture<>();
            MsrpSession bob = bobStack.newSession(MsrpSessionOptions.defaults(), new Printer("Bob") {
                @Override
                public void onMessageReceived(IncomingMessage message) {
                    super.onMessageReceived(message);
                    if (message.contentType().matches("text/*")) {
                        bobHeard.complete(((InMemoryMessageSink) message.sink()).text());
                    } else {
                        bobGotFile.complete(message.size());
                    }
                }
            });
            CompletableFuture<String> aliceHeard = new CompletableFuture<>();
            MsrpSession alice = aliceStack.newSession(MsrpSessionOptions.defaults(), new Printer("Alice") {
                @Override
                public void onMessageReceived(IncomingMessage message) {
                    super.onMessageReceived(message);
                    aliceHeard.complete(((InMemoryMessageSink) message.sink()).text());
                }
            });
            System.out.println("Bob's a=path:   " + bob.localUri());
            System.out.println("Alice's a=path: " + alice.localUri());
            bob.remotePath(List.of(alice.localUri()));
            alice.remotePath(List.of(bob.localUri()));

            // RFC 4975 §5.4: the side that connects sends first; Bob's session binds to the connection on it.
            alice.attach(aliceStack.connect(bobServer.localAddress()).get(10, TimeUnit.SECONDS))
                    .get(10, TimeUnit.SECONDS);
            alice.send(OutgoingMessage.text("Hi, I'm Alice!")).get(30, TimeUnit.SECONDS);
            System.out.println("Bob read: " + bobHeard.get(30, TimeUnit.SECONDS));
            bob.send(OutgoingMessage.text("Hi, Alice!  I'm Bob!")).get(30, TimeUnit.SECONDS);
            System.out.println("Alice read: " + aliceHeard.get(30, TimeUnit.SECONDS));

            byte[] file = new byte[5 * 1024 * 1024];
            MsrpSendResult sent = alice.send(OutgoingMessage.builder(
                            MsrpContentType.parse("application/octet-stream"), MessageSource.of(file))
                    .contentDisposition("attachment; filename=holiday.bin")
                    .successReport(SuccessReport.YES)
                    .progressListener((id, bytesSent, acknowledged, total) -> {
                        if (acknowledged == total) {
                            System.out.printf("Alice: %d of %d bytes confirmed%n", acknowledged, total);
                        }
                    })
                    .build()).get(60, TimeUnit.SECONDS);
            System.out.printf("Alice sent %d bytes in %d chunks, confirmed by REPORT: %s%n", sent.size(),
                    sent.chunks(), sent.confirmedBySuccessReport());
            System.out.println("Bob stored " + bobGotFile.get(30, TimeUnit.SECONDS) + " bytes");
        } finally {
            aliceStack.closeAsync().get(10, TimeUnit.SECONDS);
            bobStack.closeAsync().get(10, TimeUnit.SECONDS);
        }
    }

    /** Keeps messages of up to 8 MiB in memory and says what happens. Runs on the session's event loop. */
    private static class Printer implements MsrpSessionListener {
        private final String name;

        Printer(String name) {
            this.name = name;
        }

        @Override
        public MessageSink onMessageStart(IncomingMessage message) {
            System.out.printf("%s: message %s starts (%s, %d bytes)%n", name, message.messageId(),
                    message.contentType().mediaType(), message.totalSize());
            return MessageSink.inMemory(8 * 1024 * 1024);
        }

        @Override
        public void onMessageReceived(IncomingMessage message) {
            System.out.printf("%s: message %s received (%d bytes)%n", name, message.messageId(), message.size());
        }
    }
}
