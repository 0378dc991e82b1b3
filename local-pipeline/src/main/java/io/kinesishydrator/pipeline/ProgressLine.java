package io.kinesishydrator.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

/** Prints a status line every few seconds while a long step runs, so a long run never looks stuck. */
final class ProgressLine {
    private final PrintStream out;
    private final Duration interval;

    ProgressLine(PrintStream out, Duration interval) {
        this.out = out;
        this.interval = interval;
    }

    /** Stops printing when closed. */
    interface Ticker extends AutoCloseable {
        @Override
        void close();
    }

    Ticker start(Supplier<String> status) {
        long started = System.nanoTime();
        Thread thread = Thread.ofPlatform().daemon().name("progress").start(() -> {
            try {
                while (true) {
                    Thread.sleep(interval.toMillis());
                    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
                    out.println("  [" + seconds + " s] " + status.get());
                }
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            }
        });
        return thread::interrupt;
    }
}
