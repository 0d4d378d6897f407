package dev.bisync.core.internal.config;

import java.lang.reflect.InvocationTargetException;

/**
 * Makes an object of a class named in the configuration (a table mapper, a listener, a conflict strategy), through
 * its public constructor without arguments, and says in the message what to change when it cannot.
 */
final class ClassByName {

    private ClassByName() {
    }

    /**
     * A new instance of {@code className}, which must implement {@code type}.
     *
     * @throws IllegalArgumentException naming the class and what is wrong with it
     */
    static <T> T instantiate(String className, Class<T> type) {
        Class<?> c;
        try {
            c = Class.forName(className, false, loader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("class '" + className + "' is not on the class path: check the name "
                    + "(package and class, e.g. com.example.MyMapper) and that its jar is on the class path");
        }
        if (!type.isAssignableFrom(c)) {
            throw new IllegalArgumentException("class '" + className + "' is not a " + type.getName()
                    + ": name a class that implements it");
        }
        try {
            return type.cast(c.getConstructor().newInstance());
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("class '" + className + "' has no public constructor without "
                    + "arguments: add one (bisync makes the object with it)");
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("class '" + className + "' could not be made: its constructor threw "
                    + e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("class '" + className + "' could not be made (" + e
                    + "): make it a public, non-abstract class with a public constructor without arguments");
        }
    }

    /** The loader of the thread reading the configuration (an application server's), else bisync's own. */
    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ClassByName.class.getClassLoader();
    }
}
