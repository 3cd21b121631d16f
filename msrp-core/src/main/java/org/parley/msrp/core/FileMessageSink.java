package org.parley.msrp.core;

import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A {@link MessageSink} that writes a message to a file, at the offsets its chunks name. Made by
 * {@link MessageSink#toFile(Path)}. Writes go to the file on the session's event loop, as Netty's own file handling
 * does; an aborted message's partial file is deleted.
 */
public final class FileMessageSink implements MessageSink {

    private final Path file;
    private FileChannel channel;

    FileMessageSink(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /**
     * Returns the file.
     *
     * @return the path written to
     */
    public Path file() {
        return file;
    }

    @Override
    public void write(long offset, ByteBuf data) throws IOException {
        FileChannel out = open();
        long position = offset;
        int index = data.readerIndex();
        int remaining = data.readableBytes();
        while (remaining > 0) {
            int n = data.getBytes(index, out, position, remaining);
            index += n;
            position += n;
            remaining -= n;
        }
    }

    @Override
    public void complete(long size) throws IOException {
        FileChannel out = open();
        out.truncate(size);
        out.close();
        channel = null;
    }

    @Override
    public void abort(Throwable cause) {
        try {
            if (channel != null) {
                channel.close();
                channel = null;
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private FileChannel open() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        }
        return channel;
    }
}
