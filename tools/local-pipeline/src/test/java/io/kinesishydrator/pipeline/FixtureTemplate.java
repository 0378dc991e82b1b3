package io.kinesishydrator.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.jr.ob.JSON;
import io.kinesishydrator.pipeline.fixture.PoisonItemConsumer;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A fixture template of the tests' own, written into a folder with its consumer laid out as {@code sam build} lays a
 * function out (the fixture classes at the root, their jars in lib/), and its hydrator the repository's application.
 */
final class FixtureTemplate {
    private static final Path HYDRATOR = Path.of("../../hydrator/template.yaml").toAbsolutePath().normalize();

    private FixtureTemplate() {
    }

    /** {@code resource} (a template with FIXTURE_CODE_URI and HYDRATOR_LOCATION) written into {@code directory}. */
    static Path write(String resource, Path directory) throws IOException {
        Path template = directory.resolve("template.yaml");
        String text = Files.readString(resource(resource))
                .replace("FIXTURE_CODE_URI", consumerFolder(directory).toString())
                .replace("HYDRATOR_LOCATION", HYDRATOR.toString());
        return Files.writeString(template, text);
    }

    private static Path consumerFolder(Path directory) throws IOException {
        Path folder = directory.resolve("consumer");
        Path classes = resource("/" + PoisonItemConsumer.class.getName().replace('.', '/') + ".class").getParent();
        Path target = folder.resolve(PoisonItemConsumer.class.getPackageName().replace('.', '/'));
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
            return Path.of(Objects.requireNonNull(FixtureTemplate.class.getResource(name), name).toURI());
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
