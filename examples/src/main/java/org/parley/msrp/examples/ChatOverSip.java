package org.parley.msrp.examples;

import org.parley.msrp.comedia.ComediaEndpoint;
import org.parley.msrp.comedia.ComediaOptions;
import org.parley.msrp.core.IncomingMessage;
import org.parley.msrp.core.InMemoryMessageSink;
import org.parley.msrp.core.MessageSink;
import org.parley.msrp.core.MsrpSession;
import org.parley.msrp.core.MsrpSessionListener;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.MsrpStack;
import org.parley.msrp.core.OutgoingMessage;
import org.parley.msrp.examples.sip.SipPhone;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A chat over SIP: Alice calls Bob over SIP/TCP with an MSRP offer ({@link SipPhone}, JAIN-SIP), the two take turns
 * writing, and Bob hangs up. Plain MSRP over TCP; {@link ParleyDemo} shows the same with TLS.
 */
public final class ChatOverSip {

    private static final List<String> ALICE_LINES = List.of("Hi Bob, are you there?", "Lunch at noon?");
    private static final List<String> BOB_LINES = List.of("Hi Alice, here I am.", "Noon is fine. See you!");

    private ChatOverSip() {
    }

    /**
     * Runs the chat.
     *
     * @param args ignored
     * @throws Exception if a step fails or times out
     */
    public static void main(String[] args) throws Exception {
        MsrpStack msrp = MsrpStack.create(); // one MSRP stack may serve many endpoints and sessions
        ComediaEndpoint aliceEndpoint = ComediaEndpoint.start(msrp, ComediaOptions.defaults()).get(10, TimeUnit.SECONDS);
        ComediaEndpoint bobEndpoint = ComediaEndpoint.start(msrp, ComediaOptions.defaults()).get(10, TimeUnit.SECONDS);
        Inbox aliceInbox = new Inbox("Alice");
        Inbox bobInbox = new Inbox("Bob");
        CompletableFuture<SipPhone.Call> bobsCall = new CompletableFuture<>();
        try (SipPhone bob = SipPhone.start("bob", "127.0.0.1", 0, "tcp", bobEndpoint, MsrpSessionOptions.defaults(),
                     new SipPhone.CallHandler() {
                         @Override
                         public MsrpSessionListener incoming(String caller) {
                             System.out.println("Bob's phone rings: " + caller);
                             return bobInbox;
                         }

                         @Override
                         public void answered(SipPhone.Call call) {
                             bobsCall.complete(call);
                         }
                     });
             SipPhone alice = SipPhone.start("alice", "127.0.0.1", 0, "tcp", aliceEndpoint,
                     MsrpSessionOptions.defaults(), caller -> null)) {
            SipPhone.Call aliceCall = alice.call(bob.uri(), aliceInbox).get(30, TimeUnit.SECONDS);
            SipPhone.Call bobCall = bobsCall.get(30, TimeUnit.SECONDS);
            MsrpSession aliceSession = aliceCall.session().connected().get(30, TimeUnit.SECONDS);
            MsrpSession bobSession = bobCall.session().connected().get(30, TimeUnit.SECONDS);

            for (int turn = 0; turn < ALICE_LINES.size(); turn++) {
                aliceSession.send(OutgoingMessage.text(ALICE_LINES.get(turn))).get(30, TimeUnit.SECONDS);
                bobInbox.next();
                bobSession.send(OutgoingMessage.text(BOB_LINES.get(turn))).get(30, TimeUnit.SECONDS);
                aliceInbox.next();
            }
            bobCall.hangUp().get(30, TimeUnit.SECONDS);
            aliceCall.ended().get(30, TimeUnit.SECONDS);
            System.out.println("Bob hung up.");
        } finally {
            aliceEndpoint.closeAsync().get(10, TimeUnit.SECONDS);
            bobEndpoint.closeAsync().get(10, TimeUnit.SECONDS);
            msrp.closeAsync().get(10, TimeUnit.SECONDS);
        }
    }

    /** Prints each text as it arrives, on the session's event loop, and hands it to the main thread. */
    private static final class Inbox implements MsrpSessionListener {
        private final String owner;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Inbox(String owner) {
            this.owner = owner;
        }

        @Override
        public MessageSink onMessageStart(IncomingMessage message) {
            return MessageSink.inMemory(16 * 1024);
        }

        @Override
        public void onMessageReceived(IncomingMessage message) {
            String text = ((InMemoryMessageSink) message.sink()).text();
            System.out.println(owner + " reads: " + text);
            lines.add(text);
        }

        String next() throws InterruptedException {
            String line = lines.poll(30, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException(owner + " got no message within 30 s");
            }
            return line;
        }
    }
}
