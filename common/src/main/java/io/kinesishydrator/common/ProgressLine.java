package io.kinesishydrator.common;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Prints a status line every few seconds while a long step of a command runs, so it never looks stuck. */
public final class ProgressLine {
    private final Consumer<String> out;
    private final Duration interval;

    /** @param out where each line goes, e.g. {@code System.out::println} */
    public ProgressLine(Consumer<String> out, Duration interval) {
        this.out = out;
        this.interval = interval;
    }

    /** Stops printing when closed. */
    public interface Ticker extends AutoCloseable {
        @Override
        void close();
    }

    public Ticker start(Supplier<String> status) {
        long started = System.nanoTime();
        Thread thread = Thread.ofPlatform().daemon().name("progress").start(() -> {
            try {
                while (true) {
                    Thread.sleep(interval.toMillis());
                    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
                    out.accept("  [" + seconds + " s] " + status.get());
                }
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            }
        });
        return thread::interrupt;
    }
}
