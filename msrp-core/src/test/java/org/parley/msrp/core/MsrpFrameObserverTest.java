package org.parley.msrp.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.msrp.core.MsrpFrameObserver.Direction;
import org.parley.msrp.core.codec.FullMsrpFrame;
import org.parley.msrp.core.codec.LastMsrpContent;
import org.parley.msrp.core.codec.MsrpContent;
import org.parley.msrp.core.codec.MsrpFrameObject;
import org.parley.msrp.core.codec.MsrpRequestHead;
import org.parley.msrp.core.codec.MsrpResponseHead;
import org.parley.msrp.core.testing.RecordingListener;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link MsrpStackOptions.Builder#frameObserver}: a wire trace of every piece, which cannot break a connection. */
class MsrpFrameObserverTest {

    private final List<MsrpStack> stacks = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeStacks() throws Exception {
        for (MsrpStack stack : stacks) {
            stack.closeAsync().get(10, TimeUnit.SECONDS);
        }
    }

    private MsrpStack stack(MsrpFrameObserver observer) {
        MsrpStack stack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).frameObserver(observer).build());
        stacks.add(stack);
        return stack;
    }

    /** Describes a piece in one short line, copying what it needs (the pieces are not kept). */
    private static String describe(Direction direction, MsrpFrameObject piece) {
        String arrow = direction == Direction.INBOUND ? "<- " : "-> ";
        if (piece instanceof MsrpRequestHead request) {
            return arrow + request.method();
        }
        if (piece instanceof MsrpResponseHead response) {
            return arrow + response.status().code();
        }
        if (piece instanceof FullMsrpFrame frame) {
            return describe(direction, frame.head()) + "|" + arrow + "last:" + frame.flag().symbol() + ":"
                    + frame.content().toString(StandardCharsets.UTF_8);
        }
        if (piece instanceof LastMsrpContent last) {
            return arrow + "last:" + last.flag().symbol() + ":" + last.content().toString(StandardCharsets.UTF_8);
        }
        return arrow + "content::" + ((MsrpContent) piece).content().toString(StandardCharsets.UTF_8);
    }

    /** Joins the body pieces that travelled one way; codecs may cut a body into pieces differently. */
    private static String body(List<String> trace, String arrow) {
        return trace.stream().filter(line -> line.startsWith(arrow + "content::") || line.startsWith(arrow + "last:"))
                .map(line -> line.substring(line.indexOf(':', line.indexOf(':') + 1) + 1))
                .reduce("", String::concat);
    }

    @Test
    void seesEveryPieceBothWaysOnBothSides() throws Exception {
        List<String> senderTrace = new CopyOnWriteArrayList<>();
        List<String> receiverTrace = new CopyOnWriteArrayList<>();
        MsrpStack receiverStack = stack((connection, direction, piece) ->
                receiverTrace.addAll(List.of(describe(direction, piece).split("\\|"))));
        MsrpStack senderStack = stack((connection, direction, piece) -> {
            assertThat(connection.isOpen()).isTrue();
            senderTrace.addAll(List.of(describe(direction, piece).split("\\|")));
        });
        RecordingListener receiverListener = new RecordingListener();
        MsrpServer server = receiverStack.listen(new InetSocketAddress("127.0.0.1", 0)).get(10, TimeUnit.SECONDS);
        MsrpSession receiver = receiverStack.newSession(MsrpSessionOptions.defaults(), receiverListener);
        MsrpSession sender = senderStack.newSession(MsrpSessionOptions.defaults(), new RecordingListener());
        receiver.remotePath(List.of(sender.localUri()));
        sender.remotePath(List.of(receiver.localUri()));
        sender.attach(senderStack.connect(server.localAddress()).get(10, TimeUnit.SECONDS)).get(10, TimeUnit.SECONDS);

        sender.send(OutgoingMessage.text("hello")).get(10, TimeUnit.SECONDS);
        assertThat(receiverListener.received.poll(10, TimeUnit.SECONDS)).isNotNull();

        assertThat(senderTrace.get(0)).isEqualTo("-> SEND");
        assertThat(body(senderTrace, "-> ")).isEqualTo("hello");
        assertThat(senderTrace).contains("<- 200").filteredOn(line -> line.startsWith("-> last:"))
                .singleElement().asString().startsWith("-> last:$:");
        assertThat(receiverTrace.get(0)).isEqualTo("<- SEND");
        assertThat(body(receiverTrace, "<- ")).isEqualTo("hello");
        assertThat(receiverTrace).contains("-> 200").filteredOn(line -> line.startsWith("<- last:"))
                .singleElement().asString().startsWith("<- last:$:");
    }

    @Test
    void aFailingObserverIsLoggedAndTheMessageStillArrives() throws Exception {
        MsrpFrameObserver failing = (connection, direction, piece) -> {
            throw new IllegalStateException("observer broke");
        };
        MsrpStack receiverStack = stack(failing);
        MsrpStack senderStack = stack(failing);
        RecordingListener receiverListener = new RecordingListener();
        MsrpServer server = receiverStack.listen(new InetSocketAddress("127.0.0.1", 0)).get(10, TimeUnit.SECONDS);
        MsrpSession receiver = receiverStack.newSession(MsrpSessionOptions.defaults(), receiverListener);
        MsrpSession sender = senderStack.newSession(MsrpSessionOptions.defaults(), new RecordingListener());
        receiver.remotePath(List.of(sender.localUri()));
        sender.remotePath(List.of(receiver.localUri()));
        sender.attach(senderStack.connect(server.localAddress()).get(10, TimeUnit.SECONDS)).get(10, TimeUnit.SECONDS);

        MsrpSendResult result = sender.send(OutgoingMessage.text("still here")).get(10, TimeUnit.SECONDS);

        assertThat(result.size()).isEqualTo(10);
        IncomingMessage received = receiverListener.received.poll(10, TimeUnit.SECONDS);
        assertThat(((InMemoryMessageSink) received.sink()).text()).isEqualTo("still here");
    }

    @Test
    void theOptionIsKeptByToBuilder() {
        MsrpFrameObserver observer = (connection, direction, piece) -> { };
        MsrpStackOptions options = MsrpStackOptions.builder().frameObserver(observer).build();

        assertThat(options.frameObserver()).isSameAs(observer);
        assertThat(options.toBuilder().build().frameObserver()).isSameAs(observer);
        assertThat(MsrpStackOptions.defaults().frameObserver()).isNull();
    }
}
