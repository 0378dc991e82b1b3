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
 * moto's server in a Python virtualenv, created on first use with {@code python3 -m venv} and filled with pip from
 * the pinned requirements shipped in this jar, in the cache folder under a name taken from the requirements'
 * digest: changed pins get a fresh virtualenv, and an installed one is reused without the network. Concurrent
 * JVMs wait for each other on a file lock.
 */
final class MotoVirtualenv {
    private static final String REQUIREMENTS = "python/moto-requirements.txt";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

    private MotoVirtualenv() {
    }

    /** The {@code moto_server} command, installing it if needed. */
    static Path motoServer() {
        try {
            byte[] requirements = requirements();
            Path home = CacheFolder.root().resolve("moto-" + digest(requirements).substring(0, 16));
            Files.createDirectories(home);
            try (FileChannel lockFile = FileChannel.open(home.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (!Files.exists(home.resolve(".installed"))) {
                    install(home, requirements);
                }
            }
            return home.resolve("venv/bin/moto_server");
        } catch (IOException failure) {
            throw new LocalServerException("could not prepare moto's virtualenv: " + failure.getMessage(), failure);
        }
    }

    private static void install(Path home, byte[] requirements) throws IOException {
        Path venv = home.resolve("venv");
        Processes.run(List.of("python3", "-m", "venv", "--clear", venv.toString()), home, INSTALL_TIMEOUT,
                "creating moto's virtualenv; python3 with its venv module must be on the PATH");
        Path pinned = home.resolve("requirements.txt");
        Files.write(pinned, requirements);
        Processes.run(List.of(venv.resolve("bin/pip").toString(), "install", "--quiet", "--disable-pip-version-check",
                "--no-input", "-r", pinned.toString()), home, INSTALL_TIMEOUT, "installing moto's server with pip");
        Files.writeString(home.resolve(".installed"), "");
    }

    private static byte[] requirements() throws IOException {
        try (InputStream in = MotoVirtualenv.class.getResourceAsStream(REQUIREMENTS)) {
            if (in == null) {
                throw new IOException("resource " + REQUIREMENTS + " is missing from the local-servers jar");
            }
            return in.readAllBytes();
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
