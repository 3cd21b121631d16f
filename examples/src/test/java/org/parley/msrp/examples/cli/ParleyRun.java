package org.parley.msrp.examples.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code parley} in-process on a thread of its own, with standard streams of its own, as a harness would. */
final class ParleyRun {

    /** What a run left behind. */
    record Result(int exitCode, String stdout, String stderr) {

        List<String> stdoutLines() {
            return stdout.lines().toList();
        }

        /** Every line of standard output, each parsed as one JSON object (fails if a line is not one). */
        List<Map<String, Object>> json() {
            return stdout.lines().map(FlatJson::parse).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private ParleyRun() {
    }

    static CompletableFuture<Result> start(String... args) {
        return start(new byte[0], args);
    }

    static CompletableFuture<Result> start(byte[] stdin, String... args) {
        return launch(stdin, args).result();
    }

    /** A run in progress, whose standard error can be watched while it runs. */
    record Running(CompletableFuture<Result> result, ByteArrayOutputStream stderr) {

        /** Waits until standard error holds {@code text}, as a harness waits for a tool to be ready. */
        void awaitStderr(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!stderr.toString(StandardCharsets.UTF_8).contains(text)) {
                if (result.isDone() || System.nanoTime() > deadline) {
                    throw new AssertionError("\"" + text + "\" never appeared on standard error: "
                            + (result.isDone() ? result.join() : stderr.toString(StandardCharsets.UTF_8)));
                }
                Thread.sleep(10);
            }
        }
    }

    static Running launch(String... args) {
        return launch(new byte[0], args);
    }

    private static Running launch(byte[] stdin, String... args) {
        CompletableFuture<Result> result = new CompletableFuture<>();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread thread = new Thread(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                int code = new ParleyCli(stdout, stderr, new ByteArrayInputStream(stdin)).execute(args);
                result.complete(new Result(code, out.toString(StandardCharsets.UTF_8),
                        err.toString(StandardCharsets.UTF_8)));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "parley " + String.join(" ", args));
        thread.start();
        return new Running(result, err);
    }

    static Result run(String... args) throws Exception {
        return start(args).get(60, TimeUnit.SECONDS);
    }

    static Result await(CompletableFuture<Result> run) throws Exception {
        return run.get(60, TimeUnit.SECONDS);
    }
}
