package io.kinesishydrator.hydrate;

import io.kinesishydrator.hydrate.internal.StreamArn;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;

/**
 * The client a stream is read with: one per region and per credentials. A stream of the
 * {@link CrossAccountRole}'s account gets its region's client with the role's credentials; every other stream
 * its region's client with the function's own. Both sets are {@link RegionalClients}, built on first use, so
 * without a stream of the role's account no client with the role's credentials, and nothing of STS, is built.
 *
 * @param <C> the client type
 */
final class StreamClients<C> implements Function<StreamArn, C> {
    private final Function<Region, C> own;
    private final CrossAccountRole role;
    private final Function<Region, C> assumed;

    private StreamClients(Function<Region, C> own, CrossAccountRole role, Function<Region, C> assumed) {
        this.own = own;
        this.role = role;
        this.assumed = assumed;
    }

    /** Every stream read with the function's own credentials. */
    static <C> StreamClients<C> withOwnCredentials(Function<Region, C> own) {
        return new StreamClients<>(own, null, null);
    }

    /**
     * The role's account's streams read with clients that {@code buildAssumed} builds, one per region on first use;
     * every other stream with {@code own}'s. Without a role, every stream with {@code own}'s.
     */
    static <C> StreamClients<C> of(Optional<CrossAccountRole> role, Function<Region, C> own, Function<Region, C> buildAssumed) {
        return role.map(reader -> new StreamClients<>(own, reader, new RegionalClients<>(buildAssumed))).orElseGet(() -> withOwnCredentials(own));
    }

    @Override
    public C apply(StreamArn stream) {
        Region region = Region.of(stream.region());
        return role != null && role.reads(stream) ? assumed.apply(region) : own.apply(region);
    }
}
