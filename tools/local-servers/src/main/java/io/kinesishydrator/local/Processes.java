package io.kinesishydrator.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Child processes with a time limit and their output kept for the error message. */
final class Processes {
    private static final int OUTPUT_TAIL_CHARS = 2_000;

    private Processes() {
    }

    /** Runs {@code command} in {@code directory} to completion; fails with its output when it fails or overruns. */
    static void run(List<String> command, Path directory, Duration timeout, String purpose) throws IOException {
        Path output = Files.createTempFile("kinesis-hydrator-", ".log");
        try {
            Process process = start(new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()), purpose);
            boolean finished = waitFor(process, timeout);
            if (!finished) {
                process.destroyForcibly();
                throw new LocalServerException(purpose + " took longer than " + timeout.toSeconds() + " s: " + tail(output));
            }
            if (process.exitValue() != 0) {
                throw new LocalServerException(purpose + " failed with exit code " + process.exitValue() + ": " + tail(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    static Process start(ProcessBuilder builder, String purpose) {
        try {
            return builder.start();
        } catch (IOException cannotStart) {
            throw new LocalServerException(purpose + " could not start " + builder.command().get(0) + ": " + cannotStart.getMessage(), cannotStart);
        }
    }

    static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The end of a log file, where the reason for a failure usually is. */
    static String tail(Path log) {
        try {
            String text = Files.readString(log).strip();
            return text.isEmpty() ? "(no output)" : text.substring(Math.max(0, text.length() - OUTPUT_TAIL_CHARS));
        } catch (IOException unreadable) {
            return "(output unreadable: " + unreadable.getMessage() + ")";
        }
    }

    /** Stops a process, politely first. */
    static void stop(Process process) {
        process.destroy();
        if (!waitFor(process, Duration.ofSeconds(5))) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(5));
        }
    }
}
