package io.kinesishydrator.pipeline;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the java21 runtime looks for a handler's class: at the root of the function's folder, and in its lib/ jars. */
class FunctionCodeTest {
    @TempDir
    Path folder;

    @Test
    void aHandlerClassAtTheFoldersRootIsFound() throws IOException {
        Files.createDirectories(folder.resolve("com/example"));
        Files.write(folder.resolve("com/example/Handler.class"), new byte[] {1});

        assertThatCode(() -> FunctionCode.requireHandlerClass(function("com.example.Handler::handleRequest"), folder))
                .doesNotThrowAnyException();
    }

    @Test
    void aHandlerClassInAJarOfLibIsFoundAndAHandlerWithoutAMethodNamesItsClass() throws IOException {
        jar("lib/app.jar", "com/example/Handler.class");

        assertThatCode(() -> FunctionCode.requireHandlerClass(function("com.example.Handler"), folder)).doesNotThrowAnyException();
    }

    @Test
    void aHandlerClassInNeitherIsAnErrorNamingTheFunctionTheClassAndTheFolder() throws IOException {
        jar("lib/app.jar", "com/example/Other.class");
        Files.createDirectories(folder.resolve("com/example"));
        Files.write(folder.resolve("com/example/Handler.java"), new byte[] {1});

        assertThatThrownBy(() -> FunctionCode.requireHandlerClass(function("com.example.Handler::handleRequest"), folder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Consumer's Handler class com.example.Handler is not in its code " + folder
                        + " (neither com/example/Handler.class at its root nor in a jar of its lib/)");
    }

    @Test
    void aJarThatCannotBeReadIsAnErrorNamingIt() throws IOException {
        Files.createDirectories(folder.resolve("lib"));
        Path broken = Files.writeString(folder.resolve("lib/broken.jar"), "not a zip");

        assertThatThrownBy(() -> FunctionCode.requireHandlerClass(function("com.example.Handler"), folder))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(broken + " is not a readable jar");
    }

    private void jar(String name, String entry) throws IOException {
        Path jar = folder.resolve(name);
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(1);
            zip.closeEntry();
        }
    }

    private SamFunction function(String handler) {
        return new SamFunction("Consumer", handler, 512, Duration.ofSeconds(30), folder, Optional.empty(), null);
    }
}
