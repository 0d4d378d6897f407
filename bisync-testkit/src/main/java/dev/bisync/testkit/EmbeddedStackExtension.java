package dev.bisync.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests one {@link EmbeddedStack} per test JVM: started before the first test class
 * that uses it, shared by every later one, stopped when the test run ends.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedStackExtension.class)
 * class MyRuleIT {
 *     @Test
 *     void statusOnlyMovesForward(EmbeddedStack stack) { ... }
 * }
 * }</pre>
 *
 * Tests sharing the stack should use their own table names, connector names and topic prefixes.
 */
public final class EmbeddedStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            EmbeddedStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    /** The JVM's shared stack, started on first use. */
    public static EmbeddedStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(EmbeddedStack.class, key -> new StoredStack(EmbeddedStack.start()),
                        StoredStack.class)
                .stack();
    }

    /** Closed by JUnit when the root context closes, at the end of the test run. */
    @SuppressWarnings("deprecation") // CloseableResource for JUnit before 5.13, AutoCloseable from then on
    private record StoredStack(EmbeddedStack stack)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            stack.close();
        }
    }
}
