package io.kinesishydrator.common;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long work may go on before the invocation must wrap up: the Lambda's remaining time less a reserve
 * kept for reporting what was done (a response, a DLQ message). Work that overruns the Lambda timeout
 * loses everything the invocation did, so every loop and wait checks this first.
 */
public final class Deadline {
    private final LongSupplier remainingMillis;

    private Deadline(LongSupplier remainingMillis) {
        this.remainingMillis = remainingMillis;
    }

    /** The invocation's remaining time less {@code reserve}; no bound without a context (direct calls, tests). */
    public static Deadline of(Context context, Duration reserve) {
        if (context == null) {
            return none();
        }
        long reserveMillis = reserve.toMillis();
        return new Deadline(() -> context.getRemainingTimeInMillis() - reserveMillis);
    }

    public static Deadline none() {
        return new Deadline(() -> Long.MAX_VALUE);
    }

    /** A deadline {@code budget} from now on {@code clock} (milliseconds); for tools and tests. */
    public static Deadline after(Duration budget, LongSupplier clock) {
        long end = clock.getAsLong() + budget.toMillis();
        return new Deadline(() -> end - clock.getAsLong());
    }

    private long remainingMillis() {
        return remainingMillis.getAsLong();
    }

    public boolean expired() {
        return remainingMillis() <= 0;
    }

    /** Whether waiting {@code wait} still leaves time to try again afterwards. */
    public boolean allows(Duration wait) {
        return remainingMillis() > wait.toMillis();
    }
}
