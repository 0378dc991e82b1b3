package io.kinesishydrator.pipeline;

import java.util.List;

/**
 * One OnFailure destination, played on a local server: it takes what the event source mapping discards, as the
 * destination would, and delivers it to the hydrate as that destination's Lambda trigger would. It owns the
 * server and clients it started.
 */
interface OnFailureDestination extends AutoCloseable {

    /** What became of the OnFailure records handled in one {@link #deliverPending()} call. */
    record Delivered(int hydrated, int hydrateFailures) {
    }

    OnFailureDestinationType type();

    /** Takes one discarded batch; called from the event source mapping's thread. */
    void send(DiscardedBatch batch);

    /** Delivers to the hydrate every OnFailure record waiting now; called from one other thread. */
    Delivered deliverPending();

    /** Where to reach the destination, for a look with the AWS CLI. */
    List<String> endpoints();

    @Override
    void close();
}
