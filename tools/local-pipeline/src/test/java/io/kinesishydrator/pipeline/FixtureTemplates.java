package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.pipeline.fixture.ScriptedConsumer;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The runner's test templates, written into a test's folder beside the fixture consumers ({@link ScriptedConsumer}
 * and the others of its package) laid out as {@code sam build} lays out a function (their classes at the root,
 * their jars in lib/), behind the repository's hydrator application.
 */
final class FixtureTemplates {
    private static final Path HYDRATOR = Path.of("../../hydrator/template.yaml").toAbsolutePath().normalize();

    private FixtureTemplates() {
    }

    /** Writes the template {@code resource} to {@code directory}/template.yaml, pointed at the consumer laid out there. */
    static Path write(String resource, Path directory) throws IOException {
        String text = Files.readString(resource(resource))
                .replace("FIXTURE_CODE_URI", consumerFolder(directory).toString())
                .replace("HYDRATOR_LOCATION", HYDRATOR.toString());
        return Files.writeString(directory.resolve("template.yaml"), text);
    }

    private static Path consumerFolder(Path directory) throws IOException {
        Path folder = directory.resolve("consumer");
        Path classes = resource("/" + ScriptedConsumer.class.getName().replace('.', '/') + ".class").getParent();
        Path target = folder.resolve(ScriptedConsumer.class.getPackageName().replace('.', '/'));
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        Files.createDirectories(folder.resolve("lib"));
        for (Class<?> dependency : List.of(JSON.class, JsonFactory.class)) {
            Path jar = Path.of(codeSource(dependency));
            Files.copy(jar, folder.resolve("lib").resolve(jar.getFileName()));
        }
        return folder;
    }

    private static URI codeSource(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(FixtureTemplates.class.getResource(name), name).toURI());
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
