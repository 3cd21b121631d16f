package org.parley.msrp.benchmarks;

import org.parley.msrp.comedia.ComediaEndpoint;
import org.parley.msrp.comedia.ComediaOptions;
import org.parley.msrp.comedia.ComediaSession;
import org.parley.msrp.comedia.MsrpDialogBinder;
import org.parley.msrp.comedia.testing.SipListenerAdapter;
import org.parley.msrp.comedia.testing.SipTestAgent;
import org.parley.msrp.core.IncomingMessage;
import org.parley.msrp.core.MessageSink;
import org.parley.msrp.core.MsrpSessionListener;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.MsrpStack;
import org.parley.msrp.core.MsrpStackOptions;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Set-up of MSRP sessions through SIP: INVITE with an {@code actpass} offer, 200 with a {@code passive} answer, ACK,
 * the offerer's connection, its empty SEND, the answerer's authentication of it and the 200 that completes
 * {@link ComediaSession#connected()}. Two real JAIN-SIP stacks and two Parley stacks in one JVM, over loopback.
 *
 * <p>The baseline, measured in the same run, is the same INVITE/200/ACK between the same kind of JAIN-SIP agents
 * with a fixed SDP body and no MSRP at all: the ratio says what MSRP set-up adds to a SIP call. Each figure is run
 * with {@code sessions} calls one after another, then all at once; rounds alternate Parley and baseline, 2 warm-up
 * rounds then 3 measured ones, and the median round is reported with its latencies (from the INVITE being sent to
 * the set-up being complete) at p50 and p99.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.parley.msrp.benchmarks.ComediaSetupBenchmark [sessions] [udp|tcp]
 * </pre>
 *
 * <p>Over TCP, JAIN-SIP's own transport adds a delayed-ACK wait of about 40 ms to every call made one after another,
 * for Parley and baseline alike; use UDP for that figure. Over UDP, a thousand INVITEs at once overrun the agents'
 * single listener thread and UDP retransmissions, for the baseline too; use TCP for that figure.
 */
public final class ComediaSetupBenchmark {

    private static final int WARM_UP_ROUNDS = 2;
    private static final int MEASURED_ROUNDS = 3;
    private static final String FIXED_SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=message 2855 TCP/MSRP *\r\na=accept-types:text/plain\r\n"
            + "a=path:msrp://127.0.0.1:2855/fixed0000;tcp\r\na=setup:passive\r\n";

    private ComediaSetupBenchmark() {
    }

    /** What one round measured. */
    private record Round(int sessions, long elapsedNanos, long[] latencies) {
        /** Calls set up per second; failed ones do not count. */
        double perSecond() {
            return (sessions - failed()) / (elapsedNanos / 1e9);
        }

        /** Calls that failed: marked with a latency of -1. */
        long failed() {
            return Arrays.stream(latencies).filter(l -> l < 0).count();
        }

        double percentileMillis(double p) {
            long[] sorted = Arrays.stream(latencies).filter(l -> l >= 0).toArray();
            if (sorted.length == 0) {
                return Double.NaN;
            }
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
            return sorted[Math.max(index, 0)] / 1e6;
        }
    }

    /** Two user agents, and for Parley two stacks with COMEDIA endpoints and dialog binders. */
    private static final class Agents implements AutoCloseable {
        private final boolean parley;
        private final SipTestAgent alice;
        private final SipTestAgent bob;
        private final MsrpStack aliceStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
        private final MsrpStack bobStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
        private final MsrpDialogBinder aliceBinder;
        private final MsrpDialogBinder bobBinder;
        private final Map<ClientTransaction, CompletableFuture<Void>> calls = new ConcurrentHashMap<>();

        Agents(boolean parley, String transport) throws Exception {
            this.parley = parley;
            alice = SipTestAgent.start("alice", transport);
            bob = SipTestAgent.start("bob", transport);
            aliceBinder = new MsrpDialogBinder(ComediaEndpoint.start(aliceStack, ComediaOptions.defaults())
                    .get(10, TimeUnit.SECONDS), alice.headerFactory());
            bobBinder = new MsrpDialogBinder(ComediaEndpoint.start(bobStack, ComediaOptions.defaults())
                    .get(10, TimeUnit.SECONDS), bob.headerFactory());
            bob.setDelegate(new SipListenerAdapter() {
                @Override
                public void processRequest(RequestEvent event) {
                    if (!Request.INVITE.equals(event.getRequest().getMethod())) {
                        return;
                    }
                    if (parley) {
                        bob.answerWith(event, Response.OK, (transaction, ok) ->
                                bobBinder.answer(transaction, ok, MsrpSessionOptions.defaults(), DISCARDING));
                    } else {
                        bob.answer(event, Response.OK, FIXED_SDP.getBytes(StandardCharsets.UTF_8));
                    }
                }
            });
            alice.setDelegate(new SipListenerAdapter() {
                @Override
                public void processResponse(ResponseEvent event) {
                    if (event.getResponse().getStatusCode() != Response.OK || event.getClientTransaction() == null) {
                        return;
                    }
                    if (parley) {
                        aliceBinder.processResponse(event);
                    }
                    alice.sendAck(event);
                    if (!parley) {
                        CompletableFuture<Void> call = calls.get(event.getClientTransaction());
                        if (call != null) {
                            call.complete(null);
                        }
                    }
                }

                @Override
                public void processTimeout(TimeoutEvent event) {
                    aliceBinder.processTimeout(event);
                    fail(event.getClientTransaction(), "timeout");
                }

                @Override
                public void processDialogTerminated(DialogTerminatedEvent event) {
                    // A call the SIP layer lost (no 2xx, or its ACK too late): it fails instead of hanging.
                    aliceBinder.processDialogTerminated(event);
                    calls.forEach((transaction, call) -> {
                        if (transaction.getDialog() == event.getDialog()) {
                            call.completeExceptionally(new IllegalStateException("dialog terminated"));
                        }
                    });
                }
            });
        }

        private void fail(ClientTransaction transaction, String why) {
            CompletableFuture<Void> call = transaction == null ? null : calls.get(transaction);
            if (call != null) {
                call.completeExceptionally(new IllegalStateException(why));
            }
        }

        /** Starts one call; the future completes when it is set up. */
        CompletableFuture<Void> call() {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Request invite = alice.newInvite(bob, parley ? null : "application/sdp",
                    parley ? null : FIXED_SDP.getBytes(StandardCharsets.UTF_8));
            alice.sendRequest(invite, transaction -> {
                calls.put(transaction, done);
                if (parley) {
                    ComediaSession session = aliceBinder.offer(transaction, MsrpSessionOptions.defaults(), DISCARDING);
                    session.connected().whenComplete((s, e) -> {
                        if (e == null) {
                            done.complete(null);
                        } else {
                            done.completeExceptionally(e);
                        }
                    });
                }
            });
            return done;
        }

        @Override
        public void close() throws Exception {
            alice.close();
            bob.close();
            aliceStack.closeAsync().get(30, TimeUnit.SECONDS);
            bobStack.closeAsync().get(30, TimeUnit.SECONDS);
        }
    }

    private static final MsrpSessionListener DISCARDING = new MsrpSessionListener() {
        @Override
        public MessageSink onMessageStart(IncomingMessage message) {
            return MessageSink.inMemory(64 * 1024);
        }

        @Override
        public void onMessageReceived(IncomingMessage message) {
        }
    };

    private static Round run(boolean parley, String transport, int sessions, boolean concurrent) throws Exception {
        try (Agents agents = new Agents(parley, transport)) {
            long[] latencies = new long[sessions];
            long start = System.nanoTime();
            if (concurrent) {
                List<CompletableFuture<Void>> all = new ArrayList<>(sessions);
                for (int i = 0; i < sessions; i++) {
                    long begun = System.nanoTime();
                    int index = i;
                    all.add(agents.call().handle((v, e) -> {
                        latencies[index] = e == null ? System.nanoTime() - begun : -1;
                        return null;
                    }));
                }
                CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(120, TimeUnit.SECONDS);
            } else {
                for (int i = 0; i < sessions; i++) {
                    long begun = System.nanoTime();
                    CompletableFuture<Void> call = agents.call();
                    call.handle((v, e) -> null).get(60, TimeUnit.SECONDS);
                    latencies[i] = call.isCompletedExceptionally() ? -1 : System.nanoTime() - begun;
                }
            }
            return new Round(sessions, System.nanoTime() - start, latencies);
        }
    }

    private static Round median(List<Round> rounds) {
        List<Round> sorted = new ArrayList<>(rounds);
        sorted.sort((a, b) -> Double.compare(a.perSecond(), b.perSecond()));
        return sorted.get(sorted.size() / 2);
    }

    /**
     * Runs the benchmark and prints one line per figure.
     *
     * @param args {@code [sessions] [udp|tcp]}; 1000 and udp by default
     * @throws Exception if a call fails or times out
     */
    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String transport = args.length > 1 ? args[1] : "udp";
        System.out.printf("COMEDIA session set-up over SIP/%s, %d sessions, %d warm-up and %d measured rounds%n",
                transport.toUpperCase(), sessions, WARM_UP_ROUNDS, MEASURED_ROUNDS);
        for (boolean concurrent : new boolean[] {false, true}) {
            List<Round> parley = new ArrayList<>();
            List<Round> baseline = new ArrayList<>();
            for (int round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
                Round p = run(true, transport, sessions, concurrent);
                Round b = run(false, transport, sessions, concurrent);
                if (round >= WARM_UP_ROUNDS) {
                    parley.add(p);
                    baseline.add(b);
                }
            }
            Round p = median(parley);
            Round b = median(baseline);
            String how = concurrent ? "all at once" : "one after another";
            System.out.printf("%-18s Parley %8.0f sessions/s  p50 %7.2f ms  p99 %7.2f ms  failed %d%n", how,
                    p.perSecond(), p.percentileMillis(0.50), p.percentileMillis(0.99), p.failed());
            System.out.printf("%-18s SIP only %6.0f calls/s     p50 %7.2f ms  p99 %7.2f ms  failed %d%n", how,
                    b.perSecond(), b.percentileMillis(0.50), b.percentileMillis(0.99), b.failed());
            System.out.printf("%-18s ratio Parley/SIP only: rate %.2f, p50 %.2f, p99 %.2f%n", how,
                    p.perSecond() / b.perSecond(), p.percentileMillis(0.50) / b.percentileMillis(0.50),
                    p.percentileMillis(0.99) / b.percentileMillis(0.99));
        }
    }
}
