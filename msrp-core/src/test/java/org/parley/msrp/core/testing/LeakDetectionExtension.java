package org.parley.msrp.core.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Fails tests when Netty's leak detector reports a buffer that was garbage-collected without being released.
 *
 * <p>Registered for every test through JUnit's extension auto-detection (the surefire configuration turns it on), it
 * installs a {@link ResourceLeakDetectorFactory} whose detectors record each report. After every test it makes
 * Netty drain its queue of collected buffers and fails the test if anything was reported; after every test class it
 * first runs the garbage collector, so that leaks from the class's last tests are found too. Run the tests with
 * {@code -Dio.netty.leakDetection.level=paranoid} so that every buffer is tracked.
 */
public final class LeakDetectionExtension implements AfterEachCallback, AfterAllCallback {

    private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    /** Loads the class, which installs the recording factory; called before any buffer exists. */
    public LeakDetectionExtension() {
    }

    @Override
    public void afterEach(ExtensionContext context) {
        pollDetector();
        failOnLeaks("test " + context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
            pollDetector();
        }
        failOnLeaks("test class " + context.getDisplayName());
    }

    /**
     * Runs the garbage collector and Netty's detector until reports settle, and returns what was reported since the
     * last call. Tests of the hook itself use this.
     *
     * @return the leak reports, emptied from the record
     * @throws InterruptedException if interrupted while waiting for the collector
     */
    public static List<String> collectLeaks() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
            pollDetector();
        }
        List<String> leaks = new ArrayList<>();
        for (String leak; (leak = LEAKS.poll()) != null; ) {
            leaks.add(leak);
        }
        return leaks;
    }

    private static void failOnLeaks(String where) {
        List<String> leaks = new ArrayList<>();
        for (String leak; (leak = LEAKS.poll()) != null; ) {
            leaks.add(leak);
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("Netty reported " + leaks.size() + " leaked buffer(s) after " + where + ":\n"
                    + String.join("\n", leaks));
        }
    }

    /**
     * Netty checks its queue of collected, unreleased buffers whenever it tracks a new one. The pooled allocator
     * is used because Netty 4.2 does not track buffers of {@code UnpooledByteBufAllocator.DEFAULT}.
     */
    private static void pollDetector() {
        for (int i = 0; i < 4; i++) {
            ByteBuf probe = PooledByteBufAllocator.DEFAULT.heapBuffer(1);
            probe.release();
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                   long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add("LEAK of " + resourceType + ":" + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            LEAKS.add("LEAK of " + resourceType + " (no access records)");
            super.reportUntracedLeak(resourceType);
        }
    }
}
