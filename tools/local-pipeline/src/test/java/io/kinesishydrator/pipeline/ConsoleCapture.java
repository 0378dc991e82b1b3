package io.kinesishydrator.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the command prints during a test, as a person at a terminal reads it: standard output and standard error,
 * each captured afresh for every test and handed back after it. Registered with {@code @RegisterExtension}.
 */
final class ConsoleCapture implements BeforeEachCallback, AfterEachCallback {
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;
    private PrintStream originalOut;
    private PrintStream originalErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** Standard output so far. */
    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Standard error so far. */
    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Both, for a failed assertion's description. */
    String both() {
        return out() + err();
    }
}
