package org.parley.msrp.comedia.testing;

import org.parley.msrp.tls.LocalCertificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Kamailio 5.6 MSRP relay (RFC 4976) as a child process of the test JVM, for tests that need a real relay: AUTH with
 * HTTP Digest, Use-Path, Expires, and frames relayed between clients over TCP ({@code msrp}) and TLS ({@code msrps}).
 *
 * <p>It runs the configuration {@code kamailio/msrp-relay.cfg} from the test resources, whose header describes the
 * relay's behaviour, with its {@code {{NAME}}} placeholders filled in: the loopback address, two free ports (TCP and
 * TLS), the realm, the one user and password it accepts, the Expires bounds and a self-signed certificate generated
 * here (PEM files in the work directory). Kamailio runs in the foreground ({@code -DD}), logs to standard error
 * ({@code -E}), which goes with standard output to {@link #log()}, and uses the work directory as working and runtime
 * directory ({@code -w}, {@code -Y}), so it writes nothing outside it and no PID file.
 *
 * <p>What the relay does on the wire (observed with Kamailio 5.6.3, and asserted by {@code KamailioRelayTest}):
 * <ul>
 *   <li>AUTH without credentials: {@code 401 Unauthorized} with
 *       {@code WWW-Authenticate: Digest realm="R", nonce="N", qop="auth", algorithm=MD5}. The Digest is the one of RFC
 *       2617 with the method {@code AUTH} and, as {@code uri}, the rightmost To-Path URI (RFC 4976 section 9.1).</li>
 *   <li>AUTH with valid credentials: {@code 200 OK} with {@code Use-Path: msrp://127.0.0.1:PORT/SESSION;tcp}
 *       ({@code msrps://} and the TLS port on TLS; SESSION is 24 hex digits), {@code Expires} and
 *       {@code Authentication-Info: rspauth="...", cnonce="...", nc=..., qop=auth}. A wrong password or a digest
 *       {@code uri} other than the rightmost To-Path URI gets a new 401, another user name 403, an Expires out of
 *       bounds {@code 423 Interval Out-of-Bounds} with {@code Min-Expires} or {@code Max-Expires}.</li>
 *   <li>A SEND whose To-Path starts with a Use-Path URI is answered by the relay itself ({@code 200 OK}, To-Path the
 *       sender's URI, From-Path that Use-Path URI), and forwarded with that URI moved from To-Path to the front of
 *       From-Path: to the client that obtained the URI, on its own connection, when the SEND came from elsewhere;
 *       onwards to the next To-Path URI by address when it came from that client (a URI of this relay again works:
 *       the relay connects to itself). An unknown or expired session gets {@code 481 Session Does Not Exist}; so does
 *       a session whose connection has closed, once Kamailio has noticed. The transaction id is not changed. The
 *       next hop's response to a forwarded SEND is dropped (the relay answered already); REPORTs get no response.
 *       </li>
 *   <li>Frames of {@value #MAX_RELAYED_FRAME_BYTES} bytes or less (the whole frame, end-line included) are relayed;
 *       larger ones up to the read buffer (64 KiB) get {@code 413 Frame Too Large For This Relay}; larger still,
 *       Kamailio closes the connection.</li>
 * </ul>
 *
 * <p>Tests that need Kamailio fail when it is missing, they are not skipped; {@link #available()} tells, with
 * {@link #NOT_INSTALLED} as the message. Methods are called from the test thread.
 */
public final class KamailioRelay implements AutoCloseable {

    /** The message of the failure when Kamailio or one of the modules the relay loads is missing. */
    public static final String NOT_INSTALLED =
            "kamailio 5.6 with its msrp and tls modules not installed: apt-get install kamailio kamailio-tls-modules";

    /** The largest frame the relay forwards, in bytes: Kamailio's msrp module builds no SIP message above it. */
    public static final int MAX_RELAYED_FRAME_BYTES = 11238;

    /** The realm of {@link #start(Path, String, String)}. */
    public static final String DEFAULT_REALM = "relay.parley.test";
    /** The Expires bounds of {@link #start(Path, String, String)}, in seconds. */
    public static final int DEFAULT_MIN_EXPIRES = 60;
    public static final int DEFAULT_MAX_EXPIRES = 3600;

    static final String CONFIG_RESOURCE = "kamailio/msrp-relay.cfg";
    static final String LOG_FILE = "kamailio.log";
    static final String CONFIG_FILE = "msrp-relay.cfg";
    static final String CERTIFICATE_FILE = "relay-certificate.pem";
    static final String PRIVATE_KEY_FILE = "relay-key.pem";

    private static final List<String> EXECUTABLES = List.of("/usr/sbin/kamailio", "/usr/local/sbin/kamailio");
    private static final List<String> MODULE_DIRS = List.of(
            "/usr/lib/x86_64-linux-gnu/kamailio/modules", "/usr/lib/aarch64-linux-gnu/kamailio/modules",
            "/usr/lib64/kamailio/modules", "/usr/lib/kamailio/modules", "/usr/local/lib64/kamailio/modules",
            "/usr/local/lib/kamailio/modules");
    private static final List<String> MODULES = List.of(
            "tls.so", "sl.so", "pv.so", "xlog.so", "cfgutils.so", "auth.so", "htable.so", "msrp.so");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");
    /** What a realm, user or password may hold: they go between double quotes in the configuration. */
    private static final Pattern SAFE_VALUE = Pattern.compile("[\\x21\\x23-\\x5b\\x5d-\\x7e]+");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;
    private static final long POLL_MILLIS = 20;
    private static final int PROBE_TIMEOUT_MILLIS = 2000;
    private static final int LOG_TAIL_LINES = 60;

    private final Process process;
    private final List<String> command;
    private final Path workDir;
    private final int tcpPort;
    private final int tlsPort;
    private final String realm;
    private final String user;
    private final String password;
    private final int minExpires;
    private final int maxExpires;
    private final LocalCertificate certificate;

    private KamailioRelay(Process process, List<String> command, Path workDir, int tcpPort, int tlsPort,
            Builder builder, LocalCertificate certificate) {
        this.process = process;
        this.command = command;
        this.workDir = workDir;
        this.tcpPort = tcpPort;
        this.tlsPort = tlsPort;
        this.realm = builder.realm;
        this.user = builder.user;
        this.password = builder.password;
        this.minExpires = builder.minExpires;
        this.maxExpires = builder.maxExpires;
        this.certificate = certificate;
    }

    /** @return whether the kamailio executable and the modules the relay loads are installed */
    public static boolean available() {
        return executable().isPresent() && modulesDir().isPresent();
    }

    /**
     * Starts a relay with the default realm and Expires bounds.
     *
     * @param workDir  an existing directory for the configuration, certificate and log, e.g. a JUnit {@code @TempDir}
     * @param user     the one user name the relay accepts
     * @param password its password
     * @return the running relay, listening; close it
     */
    public static KamailioRelay start(Path workDir, String user, String password) {
        return builder().user(user).password(password).start(workDir);
    }

    /** @return a builder with the defaults: user "alice", password "secret", {@link #DEFAULT_REALM}, 60 to 3600 s */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the loopback address the relay listens on, "127.0.0.1" */
    public String address() {
        return LocalPorts.LOOPBACK;
    }

    /** @return the TCP (msrp) port */
    public int tcpPort() {
        return tcpPort;
    }

    /** @return the TLS (msrps) port */
    public int tlsPort() {
        return tlsPort;
    }

    /** @return the relay's URI over TCP without a session, for the To-Path of an AUTH: msrp://127.0.0.1:PORT;tcp */
    public String msrpUri() {
        return "msrp://" + address() + ":" + tcpPort + ";tcp";
    }

    /** @return the relay's URI over TLS without a session: msrps://127.0.0.1:PORT;tcp */
    public String msrpsUri() {
        return "msrps://" + address() + ":" + tlsPort + ";tcp";
    }

    /** @return the Digest realm of the relay's challenges */
    public String realm() {
        return realm;
    }

    /** @return the user name the relay accepts */
    public String user() {
        return user;
    }

    /** @return that user's password */
    public String password() {
        return password;
    }

    /** @return the smallest Expires an AUTH may ask for, in seconds */
    public int minExpires() {
        return minExpires;
    }

    /** @return the largest Expires an AUTH may ask for, and the one granted when it asks for none, in seconds */
    public int maxExpires() {
        return maxExpires;
    }

    /** @return the relay's self-signed TLS certificate (subject and IP address 127.0.0.1), to trust it */
    public LocalCertificate certificate() {
        return certificate;
    }

    /** @return Kamailio's log: its standard output and error */
    public Path log() {
        return workDir.resolve(LOG_FILE);
    }

    /** @return the configuration Kamailio runs, placeholders filled in */
    public Path config() {
        return workDir.resolve(CONFIG_FILE);
    }

    /** @return the work directory: configuration, PEM files, log */
    public Path workDir() {
        return workDir;
    }

    /** @return the process id of Kamailio's main process */
    public long pid() {
        return process.pid();
    }

    /** @return whether Kamailio's main process is running */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Reads the log as it is now.
     *
     * @return the whole log, or "" when there is none yet
     */
    public String logText() {
        try {
            return Files.exists(log()) ? Files.readString(log(), StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gathers what tells why something failed, for an assertion's description: the command line, whether Kamailio
     * runs or its exit code, and the end of its log.
     *
     * @return a multi-line text
     */
    public String diagnostics() {
        return describe(command, process, log());
    }

    /**
     * Kills Kamailio and all its processes with SIGKILL, as a crash would, and waits until none runs (orphans may stay
     * zombies a little longer, holding nothing); the connections of its clients then end without any MSRP goodbye,
     * and its ports refuse connections. For tests of a relay that dies mid-session.
     */
    public void kill() {
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        List<ProcessHandle> all;
        // Again until nothing is left, in case a process was being forked while the others were killed.
        while (!(all = processes()).isEmpty()) {
            all.forEach(ProcessHandle::destroyForcibly);
            awaitGone(all, Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0)));
        }
    }

    /** Stops Kamailio with SIGTERM (it stops its own processes), waits, and kills whatever still runs. */
    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    @Override
    public String toString() {
        return "KamailioRelay[pid " + process.pid() + ", " + msrpUri() + ", " + msrpsUri() + ", " + workDir + "]";
    }

    /**
     * The processes of this relay that still run: the main process, its descendants, and processes whose command line
     * names this relay's configuration file, which finds them also once they are orphans.
     */
    private List<ProcessHandle> processes() {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        String marker = config().toString();
        ProcessHandle.allProcesses()
                .filter(handle -> handle.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .forEach(all::add);
        return all.stream().filter(KamailioRelay::running).toList();
    }

    /**
     * Polls until every process has ended. Kamailio's other processes are not children of this JVM: once the main
     * process is gone they are orphans, and they stay zombies (dead, their sockets closed) until the system's init
     * reaps them, which in a container may take a second or more; {@link ProcessHandle#isAlive()} counts zombies.
     */
    private static void awaitGone(List<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processes.stream().anyMatch(KamailioRelay::running)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("kamailio processes still running after " + timeout + ": "
                        + processes.stream().filter(KamailioRelay::running).map(ProcessHandle::pid).toList());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Alive and not a zombie; the state is the field after the parenthesised command in /proc/PID/stat (Linux). */
    static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(handle.pid()), "stat"),
                    StandardCharsets.US_ASCII);
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (IOException e) {
            return handle.isAlive();
        }
    }

    private static Optional<Path> executable() {
        String configured = System.getProperty("parley.kamailio");
        if (configured != null) {
            return Optional.of(Paths.get(configured)).filter(Files::isExecutable);
        }
        Stream<Path> onPath = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(path -> Stream.of(path.split(File.pathSeparator)))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Paths.get(dir, "kamailio"));
        return Stream.concat(EXECUTABLES.stream().map(Paths::get), onPath).filter(Files::isExecutable).findFirst();
    }

    private static Optional<Path> modulesDir() {
        String configured = System.getProperty("parley.kamailio.modules");
        Stream<String> candidates = configured != null ? Stream.of(configured) : MODULE_DIRS.stream();
        return candidates.map(Paths::get)
                .filter(dir -> MODULES.stream().allMatch(module -> Files.isRegularFile(dir.resolve(module))))
                .findFirst();
    }

    private static String describe(List<String> command, Process process, Path log) {
        StringBuilder text = new StringBuilder("kamailio command: ").append(String.join(" ", command)).append('\n');
        text.append("state: ").append(process.isAlive() ? "running, pid " + process.pid()
                : "exited with " + process.exitValue()).append('\n');
        text.append("--- ").append(log).append(", last ").append(LOG_TAIL_LINES).append(" lines ---\n");
        try {
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
                lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                        .forEach(line -> text.append(line).append('\n'));
            } else {
                text.append("(no log)\n");
            }
        } catch (IOException e) {
            text.append("(unreadable: ").append(e).append(")\n");
        }
        return text.toString();
    }

    /** Describes a relay; {@link #start} runs it. Used from one thread. */
    public static final class Builder {

        private String realm = DEFAULT_REALM;
        private String user = "alice";
        private String password = "secret";
        private int minExpires = DEFAULT_MIN_EXPIRES;
        private int maxExpires = DEFAULT_MAX_EXPIRES;

        private Builder() {
        }

        /**
         * @param realm the Digest realm; printable ASCII without spaces, quotes or backslashes
         * @return this builder
         */
        public Builder realm(String realm) {
            this.realm = checkSafe("realm", realm);
            return this;
        }

        /**
         * @param user the one user name the relay accepts; printable ASCII without spaces, quotes or backslashes
         * @return this builder
         */
        public Builder user(String user) {
            this.user = checkSafe("user", user);
            return this;
        }

        /**
         * @param password the user's password; printable ASCII without spaces, quotes or backslashes
         * @return this builder
         */
        public Builder password(String password) {
            this.password = checkSafe("password", password);
            return this;
        }

        /**
         * Sets the bounds of the Expires an AUTH may ask for; outside them the relay answers 423 with Min-Expires or
         * Max-Expires. An AUTH without Expires gets the maximum.
         *
         * @param min the smallest, at least 1
         * @param max the largest, at least min
         * @return this builder
         */
        public Builder expires(int min, int max) {
            if (min < 1 || max < min) {
                throw new IllegalArgumentException("need 1 <= min <= max: " + min + ", " + max);
            }
            this.minExpires = min;
            this.maxExpires = max;
            return this;
        }

        /**
         * Writes the configuration and a self-signed certificate into the work directory and starts Kamailio on free
         * loopback ports; retries with other ports when one was taken meanwhile.
         *
         * @param workDir an existing directory, e.g. a JUnit {@code @TempDir}; one relay per directory, as its
         *     processes are told apart by their configuration file's path
         * @return the running relay, answering MSRP on both ports; close it
         * @throws IllegalStateException with {@link #NOT_INSTALLED} when Kamailio or a module is missing
         * @throws AssertionError with the command and the log's end when Kamailio does not start
         */
        public KamailioRelay start(Path workDir) {
            Path kamailio = executable().orElseThrow(() -> new IllegalStateException(NOT_INSTALLED));
            Path modules = modulesDir().orElseThrow(() -> new IllegalStateException(NOT_INSTALLED));
            Path dir = workDir.toAbsolutePath();
            LocalCertificate certificate = LocalCertificate.selfSigned(LocalPorts.LOOPBACK, Duration.ofDays(2));
            writePem(dir, certificate);
            AssertionError failure = null;
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                try {
                    return startOnce(kamailio, modules, dir, certificate);
                } catch (PortTakenError e) {
                    failure = e;
                }
            }
            throw failure;
        }

        private KamailioRelay startOnce(Path kamailio, Path modules, Path dir, LocalCertificate certificate) {
            int tcpPort = LocalPorts.free("tcp");
            int tlsPort = LocalPorts.free("tcp");
            while (tlsPort == tcpPort) {
                tlsPort = LocalPorts.free("tcp");
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put("ADDRESS", LocalPorts.LOOPBACK);
            values.put("TCP_PORT", Integer.toString(tcpPort));
            values.put("TLS_PORT", Integer.toString(tlsPort));
            values.put("REALM", realm);
            values.put("USER", user);
            values.put("PASSWORD", password);
            values.put("MIN_EXPIRES", Integer.toString(minExpires));
            values.put("MAX_EXPIRES", Integer.toString(maxExpires));
            values.put("MODULES_DIR", modules + "/");
            values.put("TLS_CERTIFICATE", dir.resolve(CERTIFICATE_FILE).toString());
            values.put("TLS_PRIVATE_KEY", dir.resolve(PRIVATE_KEY_FILE).toString());
            Path config = dir.resolve(CONFIG_FILE);
            Path log = dir.resolve(LOG_FILE);
            write(config, fill(readConfig(), values));

            List<String> command = List.of(kamailio.toString(),
                    "-f", config.toString(),
                    "-DD", "-E",
                    "-m", "64", "-M", "8",
                    "-w", dir.toString(),
                    "-Y", dir.toString());
            Process process;
            try {
                process = new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
            KamailioRelay relay = new KamailioRelay(process, command, dir, tcpPort, tlsPort, this, certificate);
            try {
                awaitAnswering(process, command, log, tcpPort, tlsPort, certificate);
                return relay;
            } catch (RuntimeException | Error e) {
                relay.close();
                throw e;
            }
        }

        /**
         * Waits until the relay answers an MSRP probe on both ports: an AUTH without credentials, which gets a 401.
         * Kamailio binds its ports before it forks the processes that read them, so a connection alone proves little.
         */
        private static void awaitAnswering(Process process, List<String> command, Path log, int tcpPort, int tlsPort,
                LocalCertificate certificate) {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            SSLSocketFactory tls = trusting(certificate);
            for (int port : new int[] {tcpPort, tlsPort}) {
                String probeFailure;
                while ((probeFailure = probe(port, port == tlsPort ? tls : null)) != null) {
                    if (!process.isAlive()) {
                        String text = describe(command, process, log);
                        if (text.contains("Address already in use")) {
                            throw new PortTakenError("kamailio could not bind its ports\n" + text);
                        }
                        throw new AssertionError("kamailio exited before answering\n" + text);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("kamailio not answering on port " + port + " after " + START_TIMEOUT
                                + " (" + probeFailure + ")\n" + describe(command, process, log));
                    }
                    pause();
                }
            }
        }

        /** Sends the probe; returns null when the 401 came, else what went wrong. */
        private static String probe(int port, SSLSocketFactory tls) {
            String scheme = tls == null ? "msrp" : "msrps";
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(LocalPorts.LOOPBACK, port), PROBE_TIMEOUT_MILLIS);
                plain.setSoTimeout(PROBE_TIMEOUT_MILLIS);
                Socket socket = tls == null ? plain
                        : tls.createSocket(plain, LocalPorts.LOOPBACK, port, true);
                String frame = "MSRP harnessprobe AUTH\r\nTo-Path: " + scheme + "://" + LocalPorts.LOOPBACK + ":" + port
                        + ";tcp\r\nFrom-Path: " + scheme + "://" + LocalPorts.LOOPBACK + ":" + plain.getLocalPort()
                        + "/probe;tcp\r\n-------harnessprobe$\r\n";
                socket.getOutputStream().write(frame.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                InputStream in = socket.getInputStream();
                StringBuilder answer = new StringBuilder();
                int b;
                while (answer.indexOf("-------harnessprobe") < 0 && (b = in.read()) >= 0) {
                    answer.append((char) b);
                }
                if (answer.toString().startsWith("MSRP harnessprobe 401 ")) {
                    socket.close();
                    return null;
                }
                socket.close();
                return "probe answered: " + answer;
            } catch (IOException e) {
                return e.toString();
            }
        }

        private static SSLSocketFactory trusting(LocalCertificate certificate) {
            try {
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(certificate.asTrustStore());
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, trust.getTrustManagers(), null);
                return context.getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot trust the relay certificate", e);
            }
        }

        private static String readConfig() {
            try (InputStream in = KamailioRelay.class.getClassLoader().getResourceAsStream(CONFIG_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("no relay configuration on the class path: " + CONFIG_RESOURCE);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + CONFIG_RESOURCE, e);
            }
        }

        /** Replaces every {{NAME}}; a name without a value is a mistake in the configuration or here. */
        static String fill(String template, Map<String, String> values) {
            Matcher matcher = PLACEHOLDER.matcher(template);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String value = values.get(matcher.group(1));
                if (value == null) {
                    throw new IllegalStateException("no value for " + matcher.group() + " in " + CONFIG_RESOURCE);
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(out);
            return out.toString();
        }

        private static void writePem(Path dir, LocalCertificate certificate) {
            Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            try {
                write(dir.resolve(CERTIFICATE_FILE), "-----BEGIN CERTIFICATE-----\n"
                        + base64.encodeToString(certificate.certificate().getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode the relay certificate", e);
            }
            // PKCS#8, which OpenSSL reads for any key type.
            write(dir.resolve(PRIVATE_KEY_FILE), "-----BEGIN PRIVATE KEY-----\n"
                    + base64.encodeToString(certificate.privateKey().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
        }

        private static void write(Path file, String text) {
            try {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }

        private static String checkSafe(String what, String value) {
            if (value == null || !SAFE_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException(
                        what + " must be printable ASCII without spaces, quotes or backslashes: " + value);
            }
            return value;
        }

        private static void pause() {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for kamailio", e);
            }
        }
    }

    /** Kamailio could not bind a port that was free when picked: the start is tried again with other ports. */
    private static final class PortTakenError extends AssertionError {
        private static final long serialVersionUID = 1L;

        PortTakenError(String message) {
            super(message);
        }
    }
}
