package org.parley.msrp.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import org.parley.msrp.core.ConnectionSecurity;
import org.parley.msrp.core.IncomingMessage;
import org.parley.msrp.core.MessageSink;
import org.parley.msrp.core.MessageSource;
import org.parley.msrp.core.MsrpConnection;
import org.parley.msrp.core.MsrpException;
import org.parley.msrp.core.MsrpSendResult;
import org.parley.msrp.core.MsrpServer;
import org.parley.msrp.core.MsrpSession;
import org.parley.msrp.core.MsrpSessionListener;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.MsrpStack;
import org.parley.msrp.core.MsrpStackOptions;
import org.parley.msrp.core.OutgoingMessage;
import org.parley.msrp.core.codec.MsrpContentType;
import org.parley.msrp.core.codec.MsrpIdentifiers;
import org.parley.msrp.core.codec.MsrpStatus;
import org.parley.msrp.core.codec.MsrpUri;
import org.parley.msrp.core.codec.SuccessReport;
import org.parley.msrp.tls.LocalCertificate;
import org.parley.msrp.tls.TlsConnectionSecurity;

import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Whole-system benchmarks of the session engine: two {@link MsrpStack}s in one JVM talking over loopback TCP, each
 * figure next to a baseline measured in the same run and reported as a ratio, because the machine is shared and
 * absolute numbers move from run to run. Not JMH: one operation is a whole transfer over real sockets.
 *
 * <p>Scenarios (all when none is named; each runs 5 times to warm up the JIT, then 3 measured times, Parley and
 * baseline runs alternating, and the median of the 3 is reported):
 * <ul>
 *   <li>{@code file}: one 1 GiB message whose bytes are generated as the session reads them, received by a sink that
 *       only counts them, in MB/s; against a raw blocking {@link SocketChannel} pair copying the same bytes in
 *       buffers of {@link MsrpSessionOptions#DEFAULT_CHUNK_SIZE}, the physical limit of loopback TCP.</li>
 *   <li>{@code messages}: 10,000 messages of 1 KiB with Success-Report yes, all sent at once, in messages/s; against
 *       raw pipelined request/response pairs of the same sizes (one thread writes the requests, one reads the
 *       responses, and a server answers each request as it reads it).</li>
 *   <li>{@code sessions}: 1,000 session pairs, each on its own connection between one listening and one connecting
 *       stack, sending 100 messages of 1 KiB each at once, in messages/s, with the heap used before the pairs are
 *       made and after sending (both after a GC); against the same 100,000 messages over a single session pair.</li>
 *   <li>{@code tls}: the 1 GiB message of {@code file} over TLS (self-signed certificates verified by fingerprint,
 *       as peer-to-peer MSRP does) against the same message over plain TCP; and the set-up of 200 connections one
 *       after another (connect, handshake, attach, empty SEND and its 200) over TLS against plain TCP, as latency
 *       p50 and p99; with the JDK's TLS and, when netty-tcnative is on the class path (it is in the benchmark jar
 *       on Linux x86-64), BoringSSL.</li>
 *   <li>{@code chunks}: a 256 MiB message sent with chunk sizes from 2 KiB to 1 MiB, in MB/s; against the raw socket
 *       pair of {@code file} copying the same bytes, measured next to each chunk size. The 5 warm-up runs are made
 *       once at the default chunk size; then each size gets 1 warm-up and 5 measured runs. The ratio is the median
 *       of the 5 runs' ratios, each Parley run against the raw run just before it. With {@code --csv=FILE} the
 *       points are also written to {@code FILE}, from which {@code plots.PlotResults} draws
 *       {@code docs/plots/chunk-throughput.svg}.</li>
 * </ul>
 *
 * <p>Build and run from the reactor root:
 * <pre>
 * mvn -B -q package -pl benchmarks -am -DskipTests
 * java -Xmx512m -cp benchmarks/target/benchmarks.jar org.parley.msrp.benchmarks.SessionBenchmark [--scale=F] [--csv=FILE] [scenario...]
 * </pre>
 * {@code --scale=F} (0 &lt; F &le; 1, default 1) multiplies the file sizes, the message count of {@code messages}
 * and the number of session pairs of {@code sessions}, for a quick check that everything works; message sizes and
 * the 100 messages per pair stay as they are. Results go to standard output as Markdown, progress to standard
 * error. Netty's leak detection is off unless {@code -Dio.netty.leakDetection.level} says otherwise, as in
 * {@link DecoderBenchmark}. Every wait has a timeout; the program exits with 0 on success, 1 when a run fails or
 * times out, and 2 on a bad argument.
 */
public final class SessionBenchmark {

    private static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";
    private static final List<String> SCENARIOS = List.of("file", "messages", "sessions", "tls", "chunks");
    /** Connections set up one after another for the set-up latency figure of {@code tls}. */
    private static final int SETUPS = 200;
    private static final int RUNS = 3;
    /** Measured runs per chunk size of {@code chunks}: its runs are short, and more of them steady the median. */
    private static final int CHUNKS_RUNS = 5;
    /**
     * Runs before the measured ones, for the JIT: their figures land in the first slot and are overwritten by the
     * first measured run.
     */
    private static final int WARMUP_RUNS = 5;

    private static final int CHUNK_SIZE = MsrpSessionOptions.DEFAULT_CHUNK_SIZE;
    private static final long FILE_BYTES = 1L << 30;
    private static final int MESSAGE_SIZE = 1024;
    private static final int PIPELINED_MESSAGES = 10_000;
    /** Smaller than {@link #FILE_BYTES}: at 2 KiB chunks a message takes far longer than at the default. */
    private static final long CHUNKS_FILE_BYTES = 256L << 20;
    /** Chunk sizes of the {@code chunks} scenario; powers of two, so that they plot evenly on a log scale. */
    private static final List<Integer> SWEPT_CHUNK_SIZES = List.of(2 << 10, 4 << 10, 16 << 10, 64 << 10, 256 << 10,
            1 << 20);
    private static final int SESSION_PAIRS = 1_000;
    private static final int MESSAGES_PER_PAIR = 100;

    private static final Duration FILE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration MESSAGES_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration SESSIONS_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

    private static final String LOOPBACK = "127.0.0.1";
    private static final MsrpContentType OCTET_STREAM = MsrpContentType.parse("application/octet-stream");
    /** The generated file body repeats this; one chunk-sized copy per read, as cheap as generating gets. */
    private static final byte[] PATTERN = new byte[CHUNK_SIZE];

    static {
        for (int i = 0; i < PATTERN.length; i++) {
            PATTERN[i] = (byte) (i % 251);
        }
    }

    private final double scale;
    private final List<String> scenarios;
    /** Where the {@code chunks} scenario writes its points; null for nowhere. */
    private final Path csv;
    private final List<String> arguments;
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** One event loop per core across the two stacks, as the raw baselines have one thread per side. */
    private final int ioThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    private SessionBenchmark(double scale, List<String> scenarios, Path csv, List<String> arguments) {
        this.scale = scale;
        this.scenarios = scenarios;
        this.csv = csv;
        this.arguments = arguments;
    }

    /**
     * Runs the scenarios named in {@code args} (all when none is) and prints the results, then exits the JVM: with
     * 0 on success, 1 when a run fails or times out, 2 on a bad argument.
     *
     * @param args scenario names ({@code file}, {@code messages}, {@code sessions}, {@code tls}, {@code chunks})
     *     and optionally {@code --scale=F} with 0 &lt; F &le; 1 and {@code --csv=FILE}
     */
    public static void main(String[] args) {
        // Before any Netty class loads: the detector reads the property once.
        if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
            System.setProperty(LEAK_DETECTION_PROPERTY, "disabled");
        }
        SessionBenchmark benchmark;
        try {
            benchmark = fromArguments(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SessionBenchmark: " + e.getMessage());
            System.err.println("usage: SessionBenchmark [--scale=F] [--csv=FILE] [" + String.join("] [", SCENARIOS)
                    + "]");
            System.exit(2);
            return;
        }
        int status;
        try {
            benchmark.run();
            status = 0;
        } catch (Throwable e) {
            // Caught whole, Errors included: Netty's event loops are not daemons and would keep the JVM alive.
            System.err.println("SessionBenchmark FAILED: " + e.getMessage());
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static SessionBenchmark fromArguments(String[] args) {
        double scale = 1;
        Path csv = null;
        Set<String> chosen = new LinkedHashSet<>();
        for (String arg : args) {
            if (arg.startsWith("--csv=")) {
                csv = Path.of(arg.substring("--csv=".length()));
            } else if (arg.startsWith("--scale=")) {
                try {
                    scale = Double.parseDouble(arg.substring("--scale=".length()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number: " + arg);
                }
                if (!(scale > 0 && scale <= 1)) {
                    throw new IllegalArgumentException("--scale must be above 0 and at most 1: " + arg);
                }
            } else if (SCENARIOS.contains(arg)) {
                chosen.add(arg);
            } else {
                throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        List<String> scenarios = List.copyOf(chosen.isEmpty() ? SCENARIOS : chosen);
        if (csv != null && !scenarios.contains("chunks")) {
            throw new IllegalArgumentException("--csv holds the points of the chunks scenario, which is not chosen");
        }
        return new SessionBenchmark(scale, scenarios, csv, List.of(args));
    }

    private void run() throws Exception {
        Runtime runtime = Runtime.getRuntime();
        StringBuilder out = new StringBuilder();
        out.append("# Parley session benchmark\n\n");
        out.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" (")
                .append(System.getProperty("java.vm.vendor")).append(")\n");
        out.append("- Cores: ").append(runtime.availableProcessors()).append("; max heap: ")
                .append(mib(runtime.maxMemory())).append(" MiB; Parley I/O threads per stack: ").append(ioThreads)
                .append('\n');
        out.append("- Command: `").append(commandLine()).append("`\n");
        out.append("- Netty leak detection: ").append(System.getProperty(LEAK_DETECTION_PROPERTY)).append('\n');
        out.append("- Scale: ").append(scale).append("; every figure is the median of ").append(RUNS)
                .append(" runs (").append(CHUNKS_RUNS).append(" for chunks), Parley and baseline runs alternating\n");
        System.out.print(out);
        System.out.flush();

        for (String scenario : scenarios) {
            switch (scenario) {
                case "file" -> file();
                case "messages" -> messages();
                case "sessions" -> sessions();
                case "tls" -> tls();
                case "chunks" -> chunks();
                default -> throw new IllegalStateException("no scenario " + scenario);
            }
        }

        out.setLength(0);
        out.append("\n| Scenario | Figure (median of the runs) | Parley | Baseline | Parley / baseline | Runs: Parley; baseline |\n");
        out.append("| --- | --- | --- | --- | --- | --- |\n");
        rows.forEach(row -> out.append(row).append('\n'));
        out.append('\n');
        notes.forEach(note -> out.append("- ").append(note).append('\n'));
        System.out.print(out);
        System.out.flush();
    }

    // ---- scenarios --------------------------------------------------------------------------------------------

    private void file() throws Exception {
        long bytes = Math.max(1, Math.round(FILE_BYTES * scale / CHUNK_SIZE)) * CHUNK_SIZE;
        long[] parley = new long[RUNS];
        long[] raw = new long[RUNS];
        for (int run = -WARMUP_RUNS; run < RUNS; run++) {
            raw[Math.max(run, 0)] = rawFile(bytes);
            parley[Math.max(run, 0)] = parleyFile(bytes, null, MsrpSessionOptions.defaults());
            progress("file", run, "Parley " + mbPerSecond(bytes, parley[Math.max(run, 0)]) + " MB/s, raw "
                    + mbPerSecond(bytes, raw[Math.max(run, 0)]) + " MB/s");
        }
        double ratio = (double) median(raw) / median(parley);
        String name = "file (" + size(bytes) + ", 1 message)";
        rows.add(row(name, "MB/s", mbPerSecond(bytes, median(parley)), mbPerSecond(bytes, median(raw)),
                String.format(Locale.ROOT, "**%.2f** (goal >= 0.70: %s)", ratio, ratio >= 0.70 ? "met" : "not met"),
                runs(parley, t -> mbPerSecond(bytes, t)) + "; " + runs(raw, t -> mbPerSecond(bytes, t))));
        notes.add("`file`: the share of loopback TCP's copy rate (a raw socket pair moving the same bytes in "
                + size(CHUNK_SIZE) + " buffers) that Parley reaches with one message sent in " + size(CHUNK_SIZE)
                + " chunks, each a SEND with its 200 response. 1.00 would mean chunking, framing, decoding and the "
                + "transactions cost nothing; the issue's goal is at least 0.70.");
    }

    private void tls() throws Exception {
        List<SslProvider> providers = OpenSsl.isAvailable() ? List.of(SslProvider.JDK, SslProvider.OPENSSL)
                : List.of(SslProvider.JDK);
        for (SslProvider provider : providers) {
            tls(provider);
        }
        notes.add("`tls`: the rate of the `file` message over TLS as a share of the same message over plain TCP "
                + "(goal at least 0.50), and how much longer TLS makes setting up a connection and its session; "
                + "with the JDK's TLS and, where netty-tcnative is on the class path, BoringSSL (OPENSSL).");
    }

    private void tls(SslProvider provider) throws Exception {
        long bytes = Math.max(1, Math.round(FILE_BYTES * scale / CHUNK_SIZE)) * CHUNK_SIZE;
        long[] tls = new long[RUNS];
        long[] plain = new long[RUNS];
        for (int run = -WARMUP_RUNS; run < RUNS; run++) {
            plain[Math.max(run, 0)] = parleyFile(bytes, null, MsrpSessionOptions.defaults());
            tls[Math.max(run, 0)] = parleyFile(bytes, provider, MsrpSessionOptions.defaults());
            progress("tls " + provider, run, "TLS " + mbPerSecond(bytes, tls[Math.max(run, 0)]) + " MB/s, plain "
                    + mbPerSecond(bytes, plain[Math.max(run, 0)]) + " MB/s");
        }
        double ratio = (double) median(plain) / median(tls);
        rows.add(row("tls: file (" + size(bytes) + ", 1 message) over TLS, " + provider, "MB/s",
                mbPerSecond(bytes, median(tls)), mbPerSecond(bytes, median(plain)) + " (the same over plain TCP)",
                String.format(Locale.ROOT, "**%.2f** (goal >= 0.50: %s)", ratio, ratio >= 0.50 ? "met" : "not met"),
                runs(tls, t -> mbPerSecond(bytes, t)) + "; " + runs(plain, t -> mbPerSecond(bytes, t))));
        int setups = (int) Math.max(10, Math.round(SETUPS * scale));
        long[] tlsSetup = setupLatencies(setups, provider);
        long[] plainSetup = setupLatencies(setups, null);
        Arrays.sort(tlsSetup);
        Arrays.sort(plainSetup);
        for (double p : new double[] {0.50, 0.99}) {
            long t = tlsSetup[(int) Math.ceil(p * setups) - 1];
            long b = plainSetup[(int) Math.ceil(p * setups) - 1];
            rows.add(row("tls: set-up of " + setups + " connections one after another, " + provider,
                    "p" + Math.round(p * 100) + " (ms)", millisFraction(t), millisFraction(b) + " (plain TCP)",
                    String.format(Locale.ROOT, "%.2f", (double) t / b), "-"));
        }
    }

    /** Sets up {@code count} session pairs one after another and returns each set-up's nanoseconds. */
    private long[] setupLatencies(int count, SslProvider tls) throws Exception {
        long[] latencies = new long[count];
        try (Stacks stacks = new Stacks(ioThreads, tls)) {
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                stacks.pair(new CountingListener(1, 1), MsrpSessionOptions.defaults());
                latencies[i] = System.nanoTime() - start;
            }
        }
        return latencies;
    }

    private static String millisFraction(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    private void messages() throws Exception {
        int count = (int) Math.max(1, Math.round(PIPELINED_MESSAGES * scale));
        long[] parley = new long[RUNS];
        long[] raw = new long[RUNS];
        RawExchange exchange = new RawExchange(count);
        for (int run = -WARMUP_RUNS; run < RUNS; run++) {
            raw[Math.max(run, 0)] = exchange.run();
            parley[Math.max(run, 0)] = parleyMessages(1, count, SuccessReport.YES, null, MESSAGES_TIMEOUT);
            progress("messages", run, "Parley " + perSecond(count, parley[Math.max(run, 0)])
                    + " messages/s, raw "
                    + perSecond(count, raw[Math.max(run, 0)]) + " messages/s");
        }
        String name = "messages (" + count + " x " + size(MESSAGE_SIZE) + ", Success-Report yes)";
        rows.add(row(name, "messages/s", perSecond(count, median(parley)), perSecond(count, median(raw)),
                String.format(Locale.ROOT, "**%.2f**", (double) median(raw) / median(parley)),
                runs(parley, t -> perSecond(count, t)) + "; " + runs(raw, t -> perSecond(count, t))));
        rows.add(row(name, "total time (ms)", millis(median(parley)), millis(median(raw)), "-",
                runs(parley, SessionBenchmark::millis) + "; " + runs(raw, SessionBenchmark::millis)));
        notes.add("`messages`: Parley's rate for small pipelined messages against bare pipelined request/response "
                + "on one connection, " + exchange.requestLength + "-byte requests each answered by a "
                + exchange.responseLength
                + "-byte response, the sizes of Parley's SEND and 200. Parley also sends one success REPORT per "
                + "message, matches responses to transactions and runs a timer per transaction; the ratio is what "
                + "that per-message work leaves of the raw rate.");
    }

    private void sessions() throws Exception {
        int pairs = (int) Math.max(1, Math.round(SESSION_PAIRS * scale));
        int total = pairs * MESSAGES_PER_PAIR;
        long[] parley = new long[RUNS];
        long[] single = new long[RUNS];
        long[] heapBefore = new long[RUNS];
        long[] heapAfter = new long[RUNS];
        for (int run = -WARMUP_RUNS; run < RUNS; run++) {
            single[Math.max(run, 0)] = parleyMessages(1, total, SuccessReport.NO, null, SESSIONS_TIMEOUT);
            long[] heap = new long[2];
            parley[Math.max(run, 0)] = parleyMessages(pairs, MESSAGES_PER_PAIR, SuccessReport.NO, heap, SESSIONS_TIMEOUT);
            heapBefore[Math.max(run, 0)] = heap[0];
            heapAfter[Math.max(run, 0)] = heap[1];
            progress("sessions", run, pairs + " pairs " + perSecond(total, parley[Math.max(run, 0)]) + " messages/s, 1 pair "
                    + perSecond(total, single[Math.max(run, 0)]) + " messages/s; heap " + mib(heap[0]) + " -> " + mib(heap[1])
                    + " MiB");
        }
        String name = "sessions (" + pairs + " pairs x " + MESSAGES_PER_PAIR + " x " + size(MESSAGE_SIZE) + ")";
        rows.add(row(name, "messages/s (baseline: the same " + total + " over 1 pair)",
                perSecond(total, median(parley)), perSecond(total, median(single)),
                String.format(Locale.ROOT, "**%.2f**", (double) median(single) / median(parley)),
                runs(parley, t -> perSecond(total, t)) + "; " + runs(single, t -> perSecond(total, t))));
        rows.add(row(name, "heap used before the pairs, after GC (MiB)", mib(median(heapBefore)), "-", "-",
                runs(heapBefore, SessionBenchmark::mib)));
        rows.add(row(name, "heap used after sending, after GC, pairs open (MiB)", mib(median(heapAfter)), "-", "-",
                runs(heapAfter, SessionBenchmark::mib)));
        long perPair = (median(heapAfter) - median(heapBefore)) / pairs;
        rows.add(row(name, "heap per open pair (KiB)", String.format(Locale.ROOT, "%.1f", perPair / 1024.0), "-",
                "-", "(after - before) / " + pairs));
        notes.add("`sessions`: the throughput of " + pairs + " session pairs, each on its own connection, against "
                + "one pair carrying the same " + total + " messages (Failure-Report yes, Success-Report no: done "
                + "at each 200). 1.00 means spreading the load over many sessions and connections costs nothing; "
                + "below 1.00 is the per-session and per-connection overhead. The heap rows show what " + pairs
                + " open pairs (two sessions and two sockets each) hold once their sends are done.");
    }

    private void chunks() throws Exception {
        int largest = SWEPT_CHUNK_SIZES.get(SWEPT_CHUNK_SIZES.size() - 1);
        long bytes = Math.max(1, Math.round(CHUNKS_FILE_BYTES * scale / largest)) * largest;
        // Warms the JIT up once at the default size; each size then gets one warm-up run of its own.
        for (int run = 0; run < WARMUP_RUNS; run++) {
            long parley = parleyFile(bytes, null, MsrpSessionOptions.defaults());
            progress("chunks", -1, "Parley " + mbPerSecond(bytes, parley) + " MB/s at " + size(CHUNK_SIZE));
        }
        List<List<String>> points = new ArrayList<>();
        for (int chunkSize : SWEPT_CHUNK_SIZES) {
            MsrpSessionOptions options = MsrpSessionOptions.builder().chunkSize(chunkSize).build();
            long[] parley = new long[CHUNKS_RUNS];
            long[] raw = new long[CHUNKS_RUNS];
            for (int run = -1; run < CHUNKS_RUNS; run++) {
                raw[Math.max(run, 0)] = rawFile(bytes);
                parley[Math.max(run, 0)] = parleyFile(bytes, null, options);
                progress("chunks " + size(chunkSize), run, CHUNKS_RUNS, "Parley "
                        + mbPerSecond(bytes, parley[Math.max(run, 0)]) + " MB/s, raw "
                        + mbPerSecond(bytes, raw[Math.max(run, 0)]) + " MB/s");
            }
            // Each Parley run against the raw run just before it, so that a change of the machine's load between
            // pairs of runs cancels out; the median of those ratios.
            double[] pairRatios = new double[CHUNKS_RUNS];
            for (int run = 0; run < CHUNKS_RUNS; run++) {
                pairRatios[run] = (double) raw[run] / parley[run];
            }
            Arrays.sort(pairRatios);
            double ratio = pairRatios[CHUNKS_RUNS / 2];
            rows.add(row("chunks: " + size(bytes) + " in " + size(chunkSize) + " chunks", "MB/s",
                    mbPerSecond(bytes, median(parley)), mbPerSecond(bytes, median(raw)),
                    String.format(Locale.ROOT, "**%.2f**", ratio),
                    runs(parley, t -> mbPerSecond(bytes, t)) + "; " + runs(raw, t -> mbPerSecond(bytes, t))));
            points.add(List.of(Integer.toString(chunkSize), Long.toString(bytes), mbPerSecond(bytes, median(parley)),
                    mbPerSecond(bytes, median(raw)), String.format(Locale.ROOT, "%.4f", ratio),
                    runs(parley, t -> mbPerSecond(bytes, t)).replace(", ", ";"),
                    runs(raw, t -> mbPerSecond(bytes, t)).replace(", ", ";")));
        }
        notes.add("`chunks`: the `file` message (" + size(bytes) + ") sent in chunks of each size, as a share of the "
                + "raw socket pair's rate (" + size(CHUNK_SIZE) + " buffers) measured next to it: what the per-chunk "
                + "work (a SEND head, its 200 and its timeout) costs at each size. The ratio is the median of the "
                + "runs' own ratios, each Parley run against the raw run just before it.");
        if (csv != null) {
            Map<String, String> metadata = ResultsCsv.runMetadata(SessionBenchmark.class, arguments);
            metadata.put("baseline", "raw blocking SocketChannel pair copying the same " + size(bytes) + " in "
                    + size(CHUNK_SIZE) + " writes; one run next to each Parley run");
            metadata.put("method", "per chunk size 1 warm-up then " + CHUNKS_RUNS + " measured runs alternating raw and "
                    + "Parley; MB/s columns are medians; ratio = median over the runs of Parley MB/s / MB/s of the "
                    + "raw run just before it; " + WARMUP_RUNS
                    + " warm-up runs at " + size(CHUNK_SIZE) + " before all sizes");
            new ResultsCsv(metadata, List.of("chunk_bytes", "file_bytes", "parley_mb_per_s", "baseline_mb_per_s",
                    "ratio", "parley_runs_mb_per_s", "baseline_runs_mb_per_s"), points).write(csv);
            System.err.println("[chunks] wrote " + csv);
        }
    }

    // ---- Parley runs ------------------------------------------------------------------------------------------

    /**
     * Sends one file-sized message; over TLS with {@code tls} as provider, or plain TCP when it is null; the sending
     * session has {@code senderOptions}, which set the chunk size.
     */
    private long parleyFile(long bytes, SslProvider tls, MsrpSessionOptions senderOptions) throws Exception {
        try (Stacks stacks = new Stacks(ioThreads, tls)) {
            CountingListener receiver = new CountingListener(bytes, 1);
            MsrpSession sender = stacks.pair(receiver, senderOptions);
            OutgoingMessage message = OutgoingMessage.builder(OCTET_STREAM, new GeneratedSource(bytes)).build();
            usedHeapAfterGc();
            long start = System.nanoTime();
            CompletableFuture<MsrpSendResult> sent = sender.send(message);
            await(CompletableFuture.allOf(sent, receiver.allReceived), FILE_TIMEOUT,
                    "sending " + size(bytes) + " over Parley");
            long elapsed = System.nanoTime() - start;
            if (sent.join().size() != bytes) {
                throw new IllegalStateException("Parley sent " + sent.join().size() + " of " + bytes + " bytes");
            }
            return elapsed;
        }
    }

    /**
     * Sends {@code perPair} messages of {@link #MESSAGE_SIZE} on each of {@code pairs} session pairs, all without
     * waiting, and returns the nanoseconds until every send has completed and every message has been received.
     * When {@code heap} is given, it gets the heap used before the pairs are made and after sending (pairs open).
     */
    private long parleyMessages(int pairs, int perPair, SuccessReport report, long[] heap, Duration timeout)
            throws Exception {
        byte[] body = new byte[MESSAGE_SIZE];
        Arrays.fill(body, (byte) 'm');
        int total = pairs * perPair;
        try (Stacks stacks = new Stacks(ioThreads)) {
            CountingListener receiver = new CountingListener(MESSAGE_SIZE, total);
            if (heap != null) {
                heap[0] = usedHeapAfterGc();
            }
            MsrpSession[] senders = new MsrpSession[pairs];
            for (int i = 0; i < pairs; i++) {
                senders[i] = stacks.pair(receiver, MsrpSessionOptions.defaults());
            }
            CompletableFuture<?>[] sends = new CompletableFuture<?>[total];
            usedHeapAfterGc();
            long start = System.nanoTime();
            // Round-robin over the sessions, so that all of them are busy at once.
            for (int m = 0, at = 0; m < perPair; m++) {
                for (MsrpSession sender : senders) {
                    sends[at++] = sender.send(OutgoingMessage.builder(OCTET_STREAM, MessageSource.of(body))
                            .successReport(report).build());
                }
            }
            await(CompletableFuture.allOf(sends), timeout, total + " messages on " + pairs + " session pair(s)");
            await(receiver.allReceived, timeout, "receiving " + total + " messages");
            long elapsed = System.nanoTime() - start;
            for (CompletableFuture<?> send : sends) {
                MsrpSendResult result = (MsrpSendResult) send.join();
                boolean reported = report == SuccessReport.YES;
                if (result.size() != MESSAGE_SIZE || result.confirmedBySuccessReport() != reported) {
                    throw new IllegalStateException("unexpected send result " + result);
                }
            }
            if (heap != null) {
                Arrays.fill(sends, null);
                heap[1] = usedHeapAfterGc();
            }
            return elapsed;
        }
    }

    /** A listening and a connecting stack, and the pairing of sessions between them as the tests do it. */
    private static final class Stacks implements AutoCloseable {
        private static final MsrpSessionListener SENDER = new MsrpSessionListener() {
            @Override
            public MessageSink onMessageStart(IncomingMessage message) {
                return MessageSink.refuse(MsrpStatus.STOP_SENDING_MESSAGE);
            }

            @Override
            public void onMessageReceived(IncomingMessage message) {
            }
        };

        private static final LocalCertificate LISTENER_IDENTITY = LocalCertificate.selfSigned(LOOPBACK,
                Duration.ofDays(1));
        private static final LocalCertificate CONNECTOR_IDENTITY = LocalCertificate.selfSigned(LOOPBACK,
                Duration.ofDays(1));

        private final MsrpStack listening;
        private final MsrpStack connecting;
        private final MsrpServer server;
        /** With TLS: how the connecting side secures its connections; null for plain TCP. */
        private final ConnectionSecurity connectorSecurity;

        Stacks(int ioThreads) throws Exception {
            this(ioThreads, null);
        }

        /** Two stacks; their connections use TLS with {@code tls} as provider, or plain TCP when it is null. */
        Stacks(int ioThreads, SslProvider tls) throws Exception {
            MsrpStackOptions options = MsrpStackOptions.builder().ioThreads(ioThreads).build();
            listening = MsrpStack.create(options);
            connecting = MsrpStack.create(options);
            try {
                ConnectionSecurity listenerSecurity = null;
                if (tls != null) {
                    listenerSecurity = TlsConnectionSecurity.toPeer(LISTENER_IDENTITY,
                            List.of(CONNECTOR_IDENTITY.fingerprint()), tls);
                    connectorSecurity = TlsConnectionSecurity.toPeer(CONNECTOR_IDENTITY,
                            List.of(LISTENER_IDENTITY.fingerprint()), tls);
                } else {
                    connectorSecurity = null;
                }
                server = await(listening.listen(new InetSocketAddress(LOOPBACK, 0), listenerSecurity), SETUP_TIMEOUT,
                        "listening");
            } catch (Exception e) {
                closeStacks(e);
                throw e;
            }
        }

        /**
         * Makes a session pair on a new connection and returns the sending (connecting) side, which has
         * {@code senderOptions}.
         */
        MsrpSession pair(MsrpSessionListener receiver, MsrpSessionOptions senderOptions) throws BenchmarkException {
            MsrpSession passive = listening.newSession(MsrpSessionOptions.defaults(), receiver);
            MsrpSession active = connecting.newSession(senderOptions, SENDER);
            passive.remotePath(List.of(active.localUri()));
            active.remotePath(List.of(passive.localUri()));
            MsrpConnection connection = await(connectorSecurity == null ? connecting.connect(server.localAddress())
                    : connecting.connect(server.localAddress(), connectorSecurity), SETUP_TIMEOUT,
                    "connecting to " + server.localAddress());
            // The empty SEND's 200 shows the listening side has bound the session: the set-up is complete.
            await(active.attachActive(connection), SETUP_TIMEOUT, "attaching a session");
            return active;
        }

        @Override
        public void close() throws Exception {
            closeStacks(null);
        }

        private void closeStacks(Exception pending) throws Exception {
            try {
                await(CompletableFuture.allOf(connecting.closeAsync(), listening.closeAsync()), SETUP_TIMEOUT,
                        "closing the stacks");
            } catch (BenchmarkException e) {
                if (pending == null) {
                    throw e;
                }
                pending.addSuppressed(e);
            }
        }
    }

    /**
     * Counts messages of a known size across any number of sessions; {@link #allReceived} completes once all have
     * arrived, or fails on the first aborted one.
     */
    private static final class CountingListener implements MsrpSessionListener {
        final CompletableFuture<Void> allReceived = new CompletableFuture<>();
        private final long messageSize;
        private final int expected;
        private final AtomicInteger received = new AtomicInteger();

        CountingListener(long messageSize, int expected) {
            this.messageSize = messageSize;
            this.expected = expected;
        }

        @Override
        public MessageSink onMessageStart(IncomingMessage message) {
            return new CountingSink(messageSize);
        }

        @Override
        public void onMessageReceived(IncomingMessage message) {
            if (received.incrementAndGet() == expected) {
                allReceived.complete(null);
            }
        }

        @Override
        public void onMessageAborted(IncomingMessage message, MsrpException reason) {
            allReceived.completeExceptionally(reason);
        }
    }

    /** Counts the bytes of one message and fails it unless they add up to the expected size. */
    private static final class CountingSink implements MessageSink {
        private final long expected;
        private long count;

        CountingSink(long expected) {
            this.expected = expected;
        }

        @Override
        public void write(long offset, ByteBuf data) {
            count += data.readableBytes();
        }

        @Override
        public void complete(long size) throws IOException {
            if (count != expected || size != expected) {
                throw new IOException("received " + count + " bytes of a message of " + size + ", expected "
                        + expected);
            }
        }

        @Override
        public void abort(Throwable cause) {
        }
    }

    /** A body of a given length repeating {@link #PATTERN}, produced as it is read; no disk, no large array. */
    private static final class GeneratedSource implements MessageSource {
        private final long length;
        private long position;
        private int patternOffset;

        GeneratedSource(long length) {
            this.length = length;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public int read(ByteBuf target, int maxBytes) {
            int n = claim(maxBytes);
            if (n > 0) {
                target.writeBytes(PATTERN, patternOffset, n);
            }
            return n;
        }

        /**
         * The raw baseline's counterpart of {@link #read(ByteBuf, int)}, with the same copies: fills {@code target}
         * as far as the body goes, as the session fills a chunk, and flips it for writing.
         *
         * @return false when the body had no bytes left
         */
        boolean fill(ByteBuffer target) {
            target.clear();
            for (int n = claim(target.remaining()); n > 0; n = claim(target.remaining())) {
                target.put(PATTERN, patternOffset, n);
            }
            target.flip();
            return target.hasRemaining();
        }

        /** Takes the next bytes, at most {@code max} and never past the pattern's end; -1 at the body's end. */
        private int claim(int max) {
            if (position == length || max == 0) {
                return -1;
            }
            patternOffset = (int) (position % PATTERN.length);
            int n = (int) Math.min(Math.min(max, PATTERN.length - patternOffset), length - position);
            position += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    // ---- raw baselines ----------------------------------------------------------------------------------------

    private static long rawFile(long bytes) throws Exception {
        try (RawPair pair = new RawPair()) {
            GeneratedSource source = new GeneratedSource(bytes);
            CompletableFuture<Void> reader = onThread("raw-file-reader", () -> readExactly(pair.server, bytes));
            usedHeapAfterGc();
            long start = System.nanoTime();
            CompletableFuture<Void> writer = onThread("raw-file-writer", () -> {
                ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK_SIZE);
                while (source.fill(buffer)) {
                    writeFully(pair.client, buffer);
                }
            });
            await(CompletableFuture.allOf(reader, writer), FILE_TIMEOUT, "copying " + size(bytes) + " over raw TCP");
            return System.nanoTime() - start;
        }
    }

    /** Pipelined request/response over a raw socket pair, with requests and responses the size of Parley's. */
    private static final class RawExchange {
        final int requestLength;
        final int responseLength;
        private final int count;
        private final byte[] request;
        private final byte[] response;

        RawExchange(int count) {
            this.count = count;
            String tid = MsrpIdentifiers.newTransactionId();
            String active = MsrpUri.of(false, LOOPBACK, MsrpSessionOptions.DEFAULT_LOCAL_PORT,
                    MsrpIdentifiers.newSessionId(), "tcp").toString();
            String passive = MsrpUri.of(false, LOOPBACK, 65535, MsrpIdentifiers.newSessionId(), "tcp").toString();
            byte[] body = new byte[MESSAGE_SIZE];
            Arrays.fill(body, (byte) 'm');
            // The headers Parley writes for a one-chunk message with Success-Report yes.
            byte[] head = ("MSRP " + tid + " SEND\r\nTo-Path: " + passive + "\r\nFrom-Path: " + active
                    + "\r\nMessage-ID: " + MsrpIdentifiers.newMessageId() + "\r\nByte-Range: 1-" + MESSAGE_SIZE + "/"
                    + MESSAGE_SIZE + "\r\nSuccess-Report: yes\r\nContent-Type: " + OCTET_STREAM.toHeaderValue()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] tail = ("\r\n-------" + tid + "$\r\n").getBytes(StandardCharsets.US_ASCII);
            request = new byte[head.length + body.length + tail.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(body, 0, request, head.length, body.length);
            System.arraycopy(tail, 0, request, head.length + body.length, tail.length);
            response = ("MSRP " + tid + " 200 OK\r\nTo-Path: " + active + "\r\nFrom-Path: " + passive + "\r\n-------"
                    + tid + "$\r\n").getBytes(StandardCharsets.US_ASCII);
            requestLength = request.length;
            responseLength = response.length;
        }

        long run() throws Exception {
            try (RawPair pair = new RawPair()) {
                CompletableFuture<Void> server = onThread("raw-server", () -> answer(pair.server));
                CompletableFuture<Void> reader = onThread("raw-reader",
                        () -> readExactly(pair.client, (long) count * responseLength));
                usedHeapAfterGc();
                long start = System.nanoTime();
                CompletableFuture<Void> writer = onThread("raw-writer", () -> {
                    ByteBuffer buffer = ByteBuffer.allocateDirect(requestLength).put(request);
                    for (int i = 0; i < count; i++) {
                        buffer.flip();
                        writeFully(pair.client, buffer);
                    }
                });
                await(CompletableFuture.allOf(server, reader, writer), MESSAGES_TIMEOUT,
                        count + " raw requests and responses");
                return System.nanoTime() - start;
            }
        }

        /** Reads requests as they come and writes one response for each complete one, one write per response. */
        private void answer(SocketChannel channel) throws IOException {
            ByteBuffer in = ByteBuffer.allocateDirect(CHUNK_SIZE);
            ByteBuffer out = ByteBuffer.allocateDirect(responseLength).put(response);
            long received = 0;
            int answered = 0;
            while (answered < count) {
                in.clear();
                if (channel.read(in) < 0) {
                    throw new EOFException("raw server: connection closed after " + answered + " requests");
                }
                received += in.position();
                for (long complete = received / requestLength; answered < complete; answered++) {
                    out.flip();
                    writeFully(channel, out);
                }
            }
        }
    }

    /** Two blocking loopback sockets connected to each other, with Nagle off as on Parley's connections. */
    private static final class RawPair implements AutoCloseable {
        final SocketChannel client;
        final SocketChannel server;

        RawPair() throws IOException {
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress(LOOPBACK, 0));
                client = SocketChannel.open();
                try {
                    client.socket().connect(listener.getLocalAddress(), (int) SETUP_TIMEOUT.toMillis());
                    // The connection is established and queued, so accept returns at once.
                    server = listener.accept();
                } catch (IOException e) {
                    client.close();
                    throw e;
                }
            }
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            server.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }

        @Override
        public void close() throws IOException {
            // Closing also ends a blocked read or write of a thread left behind by a timeout.
            try {
                client.close();
            } finally {
                server.close();
            }
        }
    }

    private static void readExactly(SocketChannel channel, long bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK_SIZE);
        long received = 0;
        while (received < bytes) {
            buffer.clear();
            if (bytes - received < buffer.capacity()) {
                buffer.limit((int) (bytes - received));
            }
            int n = channel.read(buffer);
            if (n < 0) {
                throw new EOFException("connection closed after " + received + " of " + bytes + " bytes");
            }
            received += n;
        }
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Work for a raw baseline thread. */
    @FunctionalInterface
    private interface IoTask {
        void run() throws IOException;
    }

    private static CompletableFuture<Void> onThread(String name, IoTask task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** A run that failed or took too long. */
    private static final class BenchmarkException extends Exception {
        BenchmarkException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static <T> T await(Future<T> future, Duration timeout, String what) throws BenchmarkException {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new BenchmarkException(what + " did not finish within " + timeout, e);
        } catch (ExecutionException e) {
            throw new BenchmarkException(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException(what + " was interrupted", e);
        }
    }

    /** Collects garbage, so that a timed run does not pay for the previous one, and returns the heap in use. */
    private static long usedHeapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String commandLine() {
        return ProcessHandle.current().info().commandLine().orElseGet(() -> "java "
                + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + " -cp "
                + System.getProperty("java.class.path") + " " + SessionBenchmark.class.getName());
    }

    private static void progress(String scenario, int run, String figures) {
        progress(scenario, run, RUNS, figures);
    }

    private static void progress(String scenario, int run, int runs, String figures) {
        if (run < 0) {
            System.err.printf(Locale.ROOT, "[%s] warm-up: %s%n", scenario, figures);
        } else {
            System.err.printf(Locale.ROOT, "[%s] run %d/%d: %s%n", scenario, run + 1, runs, figures);
        }
    }

    private static String row(String scenario, String figure, String parley, String baseline, String ratio,
                              String runs) {
        return "| " + String.join(" | ", scenario, figure, parley, baseline, ratio, runs) + " |";
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String runs(long[] values, LongFunction<String> format) {
        return LongStream.of(values).mapToObj(format).collect(Collectors.joining(", "));
    }

    private static String mbPerSecond(long bytes, long nanos) {
        return String.format(Locale.ROOT, "%.0f", bytes * 1e3 / nanos);
    }

    private static String perSecond(long count, long nanos) {
        return String.format(Locale.ROOT, "%,.0f", count * 1e9 / nanos);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%,.0f", nanos / 1e6);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024));
    }

    private static String size(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
