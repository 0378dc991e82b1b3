package io.kinesishydrator.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The Node.js packages of the local servers (kinesis-mock, fauxqs), installed on first use with {@code npm ci} from the package.json
 * and lock file shipped in this jar, into a cache folder named after the lock file's digest. A changed lock
 * file gets a fresh folder; concurrent JVMs wait for each other on a file lock.
 */
final class NodePackages {
    private static final String RESOURCES = "node/";
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "bind-loopback.js");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

    private NodePackages() {
    }

    /** The folder holding {@code node_modules}, installing it if needed. */
    static Path installed() {
        try {
            Path home = CacheFolder.root().resolve("node-" + lockDigest().substring(0, 16));
            Files.createDirectories(home);
            try (FileChannel lockFile = FileChannel.open(home.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (!Files.exists(home.resolve("node_modules/.installed"))) {
                    install(home);
                }
            }
            return home;
        } catch (IOException failure) {
            throw new LocalServerException("could not prepare the Node.js packages of the local servers: " + failure.getMessage(), failure);
        }
    }

    private static void install(Path home) throws IOException {
        for (String file : FILES) {
            try (InputStream in = resource(file)) {
                Files.copy(in, home.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Processes.run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), home, INSTALL_TIMEOUT,
                "installing the Node.js servers (kinesis-mock, fauxqs) with npm; Node.js and npm must be on the PATH");
        Files.writeString(home.resolve("node_modules/.installed"), "");
    }

    private static String lockDigest() throws IOException {
        try (InputStream in = resource("package-lock.json")) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static InputStream resource(String file) throws IOException {
        InputStream in = NodePackages.class.getResourceAsStream(RESOURCES + file);
        if (in == null) {
            throw new IOException("resource " + RESOURCES + file + " is missing from the local-servers jar");
        }
        return in;
    }
}
