package dev.bisync.spi;

/**
 * Makes a host application's {@link ConflictStrategy} available by name, for configurations written as text (the
 * {@code bisync} command line, configuration files): register the implementation in
 * {@code META-INF/services/dev.bisync.spi.ConflictStrategyProvider}. A strategy set in code goes straight to
 * {@code SyncConfig.Builder.conflictStrategy} instead.
 *
 * <p>Looked up with the {@link java.util.ServiceLoader} of the thread that reads the configuration, once, when the
 * configuration is read; {@link #create} is called then, never on a lane's thread.
 */
public interface ConflictStrategyProvider {

    /** The name the configuration uses, e.g. {@code order-status}: lower-case letters, digits and '-'. */
    String name();

    /**
     * The strategy.
     *
     * @param argument what follows the name in the configuration ({@code name:argument}), or the empty string
     * @throws IllegalArgumentException when the argument is not understood; the message says what to write
     */
    ConflictStrategy create(String argument);
}
