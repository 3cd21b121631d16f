package org.parley.msrp.core.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves that the leak hook can fail a test: a buffer dropped unreleased is reported. */
class LeakDetectionExtensionTest {

    @Test
    void reportsABufferThatWasNeverReleased() throws InterruptedException {
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        LeakDetectionExtension.collectLeaks();

        leakOneBuffer();

        assertThat(LeakDetectionExtension.collectLeaks())
                .anySatisfy(report -> assertThat(report).startsWith("LEAK of ByteBuf"));
    }

    @Test
    void reportsNothingWhenBuffersAreReleased() throws InterruptedException {
        LeakDetectionExtension.collectLeaks();
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(16);
        buf.writeInt(42);
        buf.release();

        assertThat(LeakDetectionExtension.collectLeaks()).isEmpty();
    }

    private static void leakOneBuffer() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(16);
        buf.writeInt(7);
    }
}
