package io.kinesishydrator.consumer;

import java.lang.reflect.InvocationTargetException;

/** Classes named in environment variables, created at cold start with a message that names the variable. */
final class Instances {
    private Instances() {
    }

    /** A new {@code className}, which must be a {@code type} with a public no-argument constructor. */
    static <T> T create(String className, Class<T> type, String variable) {
        Class<? extends T> implementation = load(className, type, variable);
        try {
            return implementation.getDeclaredConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException noConstructor) {
            throw new IllegalStateException(variable + " " + className + " needs a public no-argument constructor", noConstructor);
        } catch (InvocationTargetException failed) {
            throw new IllegalStateException(variable + " " + className + " failed to construct", failed.getCause());
        }
    }

    static <T> Class<? extends T> load(String className, Class<T> type, String variable) {
        Class<?> loaded;
        try {
            loaded = Class.forName(className);
        } catch (ClassNotFoundException missing) {
            throw new IllegalStateException(variable + " " + className + " is not on the function's classpath", missing);
        }
        if (!type.isAssignableFrom(loaded)) {
            throw new IllegalStateException(variable + " " + className + " does not implement " + type.getName());
        }
        return loaded.asSubclass(type);
    }
}
