package dev.jtwisted.protocols.basic;

import dev.jtwisted.internet.ITransport;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Reads a transport's {@code disconnecting} flag, which Twisted's line receivers check after
 * each line so that lines following one that closed the connection are not delivered.
 * {@link ITransport} has no such method yet; transports that have a public
 * {@code boolean disconnecting()} (the test kit's {@code StringTransport} and
 * {@code FakeTransport}) are read through it, and the others count as never disconnecting.
 * Not API; goes away once {@code ITransport.disconnecting()} exists.
 */
final class Disconnecting {
    private static final MethodType TYPE = MethodType.methodType(boolean.class);
    private static final ClassValue<MethodHandle> PROBES = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            return find(type);
        }
    };

    private ITransport transport;
    private MethodHandle probe;

    /** Whether {@code transport} has started closing; false for null. */
    boolean of(ITransport transport) {
        if (transport == null) {
            return false;
        }
        if (transport != this.transport) {
            this.transport = transport;
            this.probe = PROBES.get(transport.getClass());
        }
        if (probe == null) {
            return false;
        }
        try {
            return (boolean) probe.invoke(transport);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(transport + ".disconnecting() failed", t);
        }
    }

    private static MethodHandle find(Class<?> type) {
        try {
            Method m = type.getMethod("disconnecting");
            if (m.getReturnType() != boolean.class || Modifier.isStatic(m.getModifiers())
                    || !Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                return null;
            }
            return MethodHandles.publicLookup().unreflect(m).asType(TYPE.insertParameterTypes(0, Object.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}
