package io.kinesishydrator.hydrate;

import java.util.function.Supplier;

/**
 * A value built on its first use and kept: a client the function may never need is then never loaded.
 *
 * @param <T> the value's type
 */
final class OnFirstUse<T> implements Supplier<T> {
    private final Supplier<T> builder;
    private volatile T value;

    OnFirstUse(Supplier<T> builder) {
        this.builder = builder;
    }

    @Override
    public T get() {
        T built = value;
        if (built == null) {
            synchronized (this) {
                built = value;
                if (built == null) {
                    built = builder.get();
                    value = built;
                }
            }
        }
        return built;
    }
}
