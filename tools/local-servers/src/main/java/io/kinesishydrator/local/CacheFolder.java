package io.kinesishydrator.local;

import java.nio.file.Path;

/**
 * Where the local servers' installed packages are kept between builds: the system property
 * {@code kinesis-hydrator.cache}, else the variable {@code KINESIS_HYDRATOR_CACHE}, else
 * {@code ~/.cache/kinesis-hydrator}, where CI keeps its virtualenvs too.
 */
final class CacheFolder {
    private CacheFolder() {
    }

    static Path root() {
        String configured = System.getProperty("kinesis-hydrator.cache", System.getenv("KINESIS_HYDRATOR_CACHE"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "kinesis-hydrator");
    }
}
