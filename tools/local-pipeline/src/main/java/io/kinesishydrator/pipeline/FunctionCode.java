package io.kinesishydrator.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * A function's code as the java21 runtime loads it: classes at the root of a folder, jars in its {@code lib/}.
 * A {@code CodeUri} folder laid out so (as {@code .aws-sam/build/<Function>}) runs as it is; any other is built
 * as {@code sam build} builds it ({@link FunctionBuild}: its Makefile for {@code BuildMethod: makefile}, else its
 * {@code pom.xml}), into {@code <builds>/<LogicalId>}, the build's output going to {@code <LogicalId>.build.log}.
 *
 * <p>A build is reused while no source changed: the newest modification time of the files under {@code CodeUri}
 * (build output, {@code target/}, and hidden folders left out) is kept beside the build, and a newer file starts
 * a new build.
 */
final class FunctionCode {
    private static final Set<String> NOT_SOURCES = Set.of("target", "node_modules");

    private FunctionCode() {
    }

    /** The folder to run {@code function} from, built first when needed; {@code progress} hears of a build. */
    static Path folder(SamFunction function, Path builds, java.util.function.Consumer<String> progress) {
        Path folder = builtFolder(function, builds, progress);
        requireHandlerClass(function, folder);
        return folder;
    }

    private static Path builtFolder(SamFunction function, Path builds, java.util.function.Consumer<String> progress) {
        if (isBuilt(function.codeUri())) {
            return function.codeUri();
        }
        FunctionBuild build = FunctionBuild.of(function);
        Path folder = builds.resolve(function.logicalId()).toAbsolutePath();
        Path stamp = builds.resolve(function.logicalId() + ".sources-mtime");
        long newest = newestSource(function.codeUri());
        // The stamp is written only once a build succeeded, so a folder without it is incomplete.
        if (Files.isDirectory(folder) && Long.toString(newest).equals(read(stamp))) {
            return folder;
        }
        progress.accept("building " + function.logicalId() + " (" + build.summary(function) + ") ...");
        delete(stamp);
        build.run(function, folder, builds.resolve(function.logicalId() + ".build.log"));
        write(stamp, Long.toString(newest));
        return folder;
    }

    /**
     * The handler's class must be in the code, at the folder's root or in a jar of {@code lib/}, where the java21
     * runtime looks; otherwise every invocation would fail at init, so the run stops before it starts.
     */
    static void requireHandlerClass(SamFunction function, Path folder) {
        String className = function.handler().split("::", 2)[0];
        String entry = className.replace('.', '/') + ".class";
        if (Files.isRegularFile(folder.resolve(entry)) || jars(folder).stream().anyMatch(jar -> holds(jar, entry))) {
            return;
        }
        throw new IllegalArgumentException(function.logicalId() + "'s Handler class " + className + " is not in its code "
                + folder + " (neither " + entry + " at its root nor in a jar of its lib/)");
    }

    private static List<Path> jars(Path folder) {
        Path lib = folder.resolve("lib");
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static boolean holds(Path jar, String entry) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(entry) != null;
        } catch (IOException unreadable) {
            throw new IllegalArgumentException(jar + " is not a readable jar: " + unreadable.getMessage(), unreadable);
        }
    }

    private static boolean isBuilt(Path folder) {
        return !jars(folder).isEmpty();
    }

    /** The newest modification time, in milliseconds, of the source files under {@code root}. */
    static long newestSource(Path root) {
        long[] newest = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                    String name = directory.getFileName() == null ? "" : directory.getFileName().toString();
                    boolean skipped = !directory.equals(root) && (name.startsWith(".") || NOT_SOURCES.contains(name));
                    return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    newest[0] = Math.max(newest[0], attributes.lastModifiedTime().toMillis());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return newest[0];
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file).strip() : "";
        } catch (IOException unreadable) {
            return "";
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException undeletable) {
            throw new UncheckedIOException(undeletable);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }
}
