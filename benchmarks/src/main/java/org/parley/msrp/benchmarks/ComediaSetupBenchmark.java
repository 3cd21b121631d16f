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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 * <p>With {@code --concurrency=1,10,100,1000} the benchmark instead sweeps the number of calls started at once: for
 * each level, rounds of {@code max(level, calls)} calls ({@code --calls=N}, 200 by default) in bursts of that many
 * at once, each burst waiting for the one before; 2 warm-up rounds, then 3 measured ones, Parley and baseline
 * alternating. Latency p50 and p99 are taken over all calls of the measured rounds. {@code --csv=FILE} writes the
 * points to {@code FILE}; {@code plots.PlotResults} draws {@code docs/plots/comedia-setup-latency-udp.svg} (and
 * {@code -tcp.svg}) from {@code benchmarks/results/comedia-setup-udp.csv} (and {@code -tcp.csv}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.parley.msrp.benchmarks.ComediaSetupBenchmark --concurrency=1,10,100,1000 [--calls=N] [--csv=FILE] [udp|tcp]
 * </pre>
 *
 * <p>Over TCP, JAIN-SIP's own transport adds a delayed-ACK wait of about 40 ms to every call made one after another,
 * for Parley and baseline alike; use UDP for that figure. Over UDP, a thousand INVITEs at once overrun the agents'
 * single listener thread and UDP retransmissions, for the baseline too; use TCP for that figure.
 */
public final class ComediaSetupBenchmark {

    private static final int WARM_UP_ROUNDS = 2;
    private static final int MEASURED_ROUNDS = 3;
    private static final int DEFAULT_SWEEP_CALLS = 200;
    private static final long BURST_TIMEOUT_SECONDS = 120;
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

        /** All calls of the given rounds as one. */
        static Round pooled(List<Round> rounds) {
            return new Round(rounds.stream().mapToInt(Round::sessions).sum(),
                    rounds.stream().mapToLong(Round::elapsedNanos).sum(),
                    rounds.stream().flatMapToLong(r -> Arrays.stream(r.latencies())).toArray());
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

    /**
     * Sets up {@code calls} calls in bursts of {@code concurrency} started at once, each burst after the previous
     * one has completed: 1 is one call after another, {@code calls} is all at once.
     */
    private static Round run(boolean parley, String transport, int calls, int concurrency) throws Exception {
        try (Agents agents = new Agents(parley, transport)) {
            long[] latencies = new long[calls];
            long start = System.nanoTime();
            for (int first = 0; first < calls; first += concurrency) {
                int burst = Math.min(concurrency, calls - first);
                List<CompletableFuture<Void>> all = new ArrayList<>(burst);
                for (int i = first; i < first + burst; i++) {
                    long begun = System.nanoTime();
                    int index = i;
                    all.add(agents.call().handle((v, e) -> {
                        latencies[index] = e == null ? System.nanoTime() - begun : -1;
                        return null;
                    }));
                }
                CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
                        .get(BURST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            return new Round(calls, System.nanoTime() - start, latencies);
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
     * @param args {@code [sessions] [udp|tcp]}, 1000 and udp by default; or, for the sweep,
     *     {@code --concurrency=L1,L2,... [--calls=N] [--csv=FILE] [udp|tcp]}
     * @throws Exception if a call fails or times out
     */
    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        List<Integer> levels = List.of();
        int calls = DEFAULT_SWEEP_CALLS;
        Path csv = null;
        for (String arg : args) {
            if (arg.startsWith("--concurrency=")) {
                levels = Arrays.stream(arg.substring("--concurrency=".length()).split(",")).map(Integer::valueOf)
                        .toList();
            } else if (arg.startsWith("--calls=")) {
                calls = Integer.parseInt(arg.substring("--calls=".length()));
            } else if (arg.startsWith("--csv=")) {
                csv = Path.of(arg.substring("--csv=".length()));
            } else {
                positional.add(arg);
            }
        }
        if (!levels.isEmpty()) {
            sweep(levels, calls, positional.isEmpty() ? "udp" : positional.get(0), csv, List.of(args));
            return;
        }
        int sessions = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 1000;
        String transport = positional.size() > 1 ? positional.get(1) : "udp";
        System.out.printf("COMEDIA session set-up over SIP/%s, %d sessions, %d warm-up and %d measured rounds%n",
                transport.toUpperCase(), sessions, WARM_UP_ROUNDS, MEASURED_ROUNDS);
        for (boolean concurrent : new boolean[] {false, true}) {
            List<Round> parley = new ArrayList<>();
            List<Round> baseline = new ArrayList<>();
            for (int round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
                Round p = run(true, transport, sessions, concurrent ? sessions : 1);
                Round b = run(false, transport, sessions, concurrent ? sessions : 1);
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

    /** Set-up latency by the number of calls started at once, Parley against the SIP-only call at each level. */
    private static void sweep(List<Integer> levels, int calls, String transport, Path csv, List<String> args)
            throws Exception {
        System.out.printf(Locale.ROOT, "COMEDIA session set-up over SIP/%s by calls started at once %s, %d warm-up "
                + "and %d measured rounds per level%n", transport.toUpperCase(Locale.ROOT), levels, WARM_UP_ROUNDS,
                MEASURED_ROUNDS);
        List<List<String>> points = new ArrayList<>();
        for (int level : levels) {
            int roundCalls = Math.max(level, calls);
            List<Round> parley = new ArrayList<>();
            List<Round> baseline = new ArrayList<>();
            for (int round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
                Round p = run(true, transport, roundCalls, level);
                Round b = run(false, transport, roundCalls, level);
                if (round >= WARM_UP_ROUNDS) {
                    parley.add(p);
                    baseline.add(b);
                }
            }
            Round p = Round.pooled(parley);
            Round b = Round.pooled(baseline);
            double p50 = p.percentileMillis(0.50);
            double p99 = p.percentileMillis(0.99);
            double sipP50 = b.percentileMillis(0.50);
            double sipP99 = b.percentileMillis(0.99);
            System.out.printf(Locale.ROOT, "%5d at once: Parley p50 %7.2f ms p99 %7.2f ms failed %d; SIP only p50 %7.2f"
                    + " ms p99 %7.2f ms failed %d; ratio p50 %.2f p99 %.2f%n", level, p50, p99, p.failed(), sipP50,
                    sipP99, b.failed(), p50 / sipP50, p99 / sipP99);
            points.add(List.of(Integer.toString(level), Integer.toString(roundCalls * MEASURED_ROUNDS), transport,
                    decimal(p50), decimal(p99), decimal(sipP50), decimal(sipP99), decimal(p50 / sipP50),
                    decimal(p99 / sipP99), decimal(p.perSecond()), decimal(b.perSecond()),
                    Long.toString(p.failed()), Long.toString(b.failed())));
        }
        if (csv != null) {
            Map<String, String> metadata = ResultsCsv.runMetadata(ComediaSetupBenchmark.class, args);
            metadata.put("baseline", "the same INVITE/200/ACK between the same JAIN-SIP agents with a fixed SDP body "
                    + "and no MSRP, in the same rounds");
            metadata.put("method", "SIP over " + transport.toUpperCase(Locale.ROOT)
                    + "; per level, rounds of max(level, " + calls + ") calls in bursts of level calls at once; "
                    + WARM_UP_ROUNDS + " warm-up then " + MEASURED_ROUNDS + " measured rounds alternating Parley and "
                    + "baseline; p50 and p99 over all calls of the measured rounds; failed calls are counted but left "
                    + "out of the percentiles");
            new ResultsCsv(metadata, List.of("concurrency", "calls", "transport", "parley_p50_ms", "parley_p99_ms",
                    "baseline_p50_ms", "baseline_p99_ms", "p50_ratio", "p99_ratio", "parley_per_s",
                    "baseline_per_s", "parley_failed", "baseline_failed"), points).write(csv);
            System.out.println("wrote " + csv);
        }
    }

    /** Four decimals: enough that a ratio rounded again to two for a label matches the printed one. */
    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
