package io.kinesishydrator.pipeline;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/** Runs a flow with the functions' log lines kept out of the test's output, as make demo keeps them out of its report. */
final class QuietConsole {
    private QuietConsole() {
    }

    static <T> T run(Supplier<T> flow) {
        PrintStream console = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return flow.get();
        } finally {
            System.setOut(console);
        }
    }
}
