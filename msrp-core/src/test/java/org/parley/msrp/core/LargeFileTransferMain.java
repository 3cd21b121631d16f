package org.parley.msrp.core;

import org.parley.msrp.core.codec.MsrpContentType;
import org.parley.msrp.core.codec.SuccessReport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Run in a JVM of its own with a small heap by {@link LargeFileTransferTest}: writes a file of the given size, sends
 * it from one stack to another over loopback into a second file, and prints the SHA-256 of both. Exit code 0 when
 * they match, 1 otherwise.
 */
public final class LargeFileTransferMain {

    private LargeFileTransferMain() {
    }

    /**
     * Runs the transfer.
     *
     * @param args the directory for the two files, and the size in bytes
     * @throws Exception if anything fails; the JVM then exits with an error
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long size = Long.parseLong(args[1]);
        Path source = dir.resolve("source.bin");
        Path target = dir.resolve("target.bin");
        String sourceHash = writeFile(source, size);

        MsrpStack receiving = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
        MsrpStack sending = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
        try {
            MsrpServer server = receiving.listen(new InetSocketAddress("127.0.0.1", 0)).get(10, TimeUnit.SECONDS);
            CompletableFuture<Long> received = new CompletableFuture<>();
            MsrpSession passive = receiving.newSession(MsrpSessionOptions.defaults(), new MsrpSessionListener() {
                @Override
                public MessageSink onMessageStart(IncomingMessage message) {
                    return MessageSink.toFile(target);
                }

                @Override
                public void onMessageReceived(IncomingMessage message) {
                    received.complete(message.size());
                }

                @Override
                public void onMessageAborted(IncomingMessage message, MsrpException reason) {
                    received.completeExceptionally(reason);
                }
            });
            MsrpSession active = sending.newSession(MsrpSessionOptions.defaults(), new MsrpSessionListener() {
                @Override
                public MessageSink onMessageStart(IncomingMessage message) {
                    return MessageSink.refuse(org.parley.msrp.core.codec.MsrpStatus.FORBIDDEN);
                }

                @Override
                public void onMessageReceived(IncomingMessage message) {
                }
            });
            passive.remotePath(List.of(active.localUri()));
            active.remotePath(List.of(passive.localUri()));
            active.attach(sending.connect(server.localAddress()).get(10, TimeUnit.SECONDS)).get(10, TimeUnit.SECONDS);
            long start = System.nanoTime();
            MsrpSendResult result = active.send(OutgoingMessage.builder(
                    MsrpContentType.parse("application/octet-stream"), MessageSource.ofFile(source))
                    .successReport(SuccessReport.YES).build()).get(10, TimeUnit.MINUTES);
            long receivedSize = received.get(1, TimeUnit.MINUTES);
            long millis = (System.nanoTime() - start) / 1_000_000;
            String targetHash = hash(target);
            System.out.printf("sent %d bytes in %d chunks, received %d bytes, %d ms, max heap %d MiB%n",
                    result.size(), result.chunks(), receivedSize, millis, Runtime.getRuntime().maxMemory() >> 20);
            System.out.println("source sha256 " + sourceHash);
            System.out.println("target sha256 " + targetHash);
            System.exit(sourceHash.equals(targetHash) && receivedSize == size ? 0 : 1);
        } finally {
            sending.closeAsync().get(10, TimeUnit.SECONDS);
            receiving.closeAsync().get(10, TimeUnit.SECONDS);
        }
    }

    private static String writeFile(Path file, long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1 << 20];
        java.util.Random random = new java.util.Random(42);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                int n = (int) Math.min(block.length, size - written);
                out.write(block, 0, n);
                digest.update(block, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String hash(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(block)) > 0; ) {
                digest.update(block, 0, n);
            }
        } catch (IOException e) {
            throw new IOException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

}
